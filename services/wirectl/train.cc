#include "services/wirectl/train.h"

#include <cstdio>
#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/ingest/tag/calibration.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/linear_trainer.h"
#include "services/ingest/tag/mapping.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/taxonomy.h"
#include "services/ingest/tag/trainer.h"

namespace newswire {

namespace {

// Sets p.calibration_temperature from a model trained on 90% of the corpus
// and scored on the other 10%; reports that split's ECE before and after.
// A corpus of fewer than 20 stories keeps temperature 1.
absl::Status Calibrate(const tag::LabeledCorpus& corpus, const tag::TrainFunction& train,
                       uint64_t seed, tag::NaiveBayesModel::Parameters& p, std::ostream& report) {
  const size_t n = corpus.documents.size();
  if (n < 20) {
    report << "calibration: too few stories (" << n << "), temperature 1\n";
    return absl::OkStatus();
  }
  std::vector<size_t> fit, held_out;
  const std::vector<size_t> order = tag::ShuffledOrder(n, seed + 1);
  for (size_t i = 0; i < n; ++i) (i % 10 == 0 ? held_out : fit).push_back(order[i]);
  absl::StatusOr<tag::NaiveBayesModel> partial = train(fit);
  if (!partial.ok()) return partial.status();
  tag::NaiveBayesModel::Parameters q = partial->ToParameters();
  q.reference_features = p.reference_features;
  q.calibration_temperature = 1.0f;
  absl::StatusOr<tag::NaiveBayesModel> before = tag::NaiveBayesModel::Create(q);
  if (!before.ok()) return before.status();
  const tag::TextClassifier uncalibrated(*std::move(before));
  q.calibration_temperature =
      tag::FitTemperature(uncalibrated, corpus, held_out, p.reference_features);
  absl::StatusOr<tag::NaiveBayesModel> after = tag::NaiveBayesModel::Create(q);
  if (!after.ok()) return after.status();
  const tag::TextClassifier calibrated(*std::move(after));
  report << absl::StrFormat(
      "calibration on %d held-out stories: temperature %.3f, expected calibration error %.4f "
      "before, %.4f after\n",
      held_out.size(), q.calibration_temperature,
      tag::Evaluate(uncalibrated, corpus, &held_out).expected_calibration_error,
      tag::Evaluate(calibrated, corpus, &held_out).expected_calibration_error);
  p.calibration_temperature = q.calibration_temperature;
  return absl::OkStatus();
}

}  // namespace

absl::Status TrainCommand(const std::string& out_path, const std::string& dir,
                          std::ostream& report) {
  return TrainCommand(out_path, dir, TrainCommandOptions{}, report);
}

absl::Status TrainCommand(const std::string& out_path, const std::string& dir,
                          const TrainCommandOptions& options, std::ostream& report) {
  if (out_path.empty()) return absl::InvalidArgumentError("train: --out MODEL is required");
  absl::StatusOr<tag::MappingTables> mapping = tag::MappingTables::LoadDefault(options.mapping_path);
  if (!mapping.ok()) return mapping.status();
  absl::StatusOr<tag::LabeledCorpus> corpus = tag::ReadLabeledFolder(dir, *mapping);
  if (!corpus.ok()) return corpus.status();

  std::vector<int> per_label(corpus->labels.size(), 0);
  for (const tag::LabeledDocument& document : corpus->documents) ++per_label[document.label];
  report << "training on " << dir << ": " << corpus->documents.size() << " stories, "
         << corpus->labels.size() << " labels\n";
  for (size_t i = 0; i < corpus->labels.size(); ++i) {
    const std::optional<int> topic = tag::TopicFromCode(corpus->labels[i]);
    report << absl::StrFormat("  %-16s -> %s (%s): %d\n", corpus->label_sources[i],
                              corpus->labels[i], topic ? tag::kTopics[*topic].name : "?",
                              per_label[i]);
  }

  tag::TrainOptions train_options;
  train_options.hash_bits = options.hash_bits;
  train_options.alpha = options.alpha;
  train_options.name = options.model_name.empty()
                           ? std::filesystem::path(out_path).filename().string()
                           : options.model_name;
  tag::LinearTrainOptions linear_options;
  linear_options.name = train_options.name;
  linear_options.hash_bits = options.hash_bits;
  tag::TrainFunction train;
  if (options.learner == "naive-bayes") {
    train = [&](const std::vector<size_t>& subset) {
      return tag::Train(*corpus, train_options, &subset);
    };
  } else if (options.learner == "logistic") {
    train = [&](const std::vector<size_t>& subset) {
      return tag::TrainLinear(*corpus, linear_options, nullptr, &subset);
    };
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "train: --learner is naive-bayes or logistic, not '", options.learner, "'"));
  }
  report << "learner: " << options.learner << "\n";
  if (options.folds >= 2) {
    absl::StatusOr<tag::CrossValidation> cv =
        tag::CrossValidate(*corpus, train, options.folds, options.seed);
    if (!cv.ok()) return cv.status();
    report << options.folds << "-fold cross-validation (shuffle seed " << options.seed << "):\n";
    for (size_t f = 0; f < cv->folds.size(); ++f) {
      const tag::FoldResult& fold = cv->folds[f];
      report << absl::StrFormat("  fold %d: accuracy %.4f (%d/%d)\n", f + 1, fold.accuracy(),
                                fold.correct, fold.total);
    }
    report << absl::StrFormat("  mean accuracy: %.4f\n", cv->mean_accuracy);
  }

  std::vector<size_t> all(corpus->documents.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  absl::StatusOr<tag::NaiveBayesModel> trained = train(all);
  if (!trained.ok()) return trained.status();
  tag::NaiveBayesModel::Parameters p = trained->ToParameters();
  p.reference_features = tag::MedianFeatures(*corpus, all, p.headline_weight);
  p.low_confidence_below = options.low_confidence_below;
  p.languages = options.languages;
  p.calibration_temperature = 1.0f;
  absl::Status calibrated = Calibrate(*corpus, train, options.seed, p, report);
  if (!calibrated.ok()) return calibrated;
  absl::StatusOr<tag::NaiveBayesModel> model = tag::NaiveBayesModel::Create(std::move(p));
  if (!model.ok()) return model.status();
  if (absl::Status saved = model->Save(out_path); !saved.ok()) return saved;
  std::error_code error;
  const auto bytes = std::filesystem::file_size(out_path, error);
  report << "wrote " << out_path << ": " << (error ? 0 : bytes) << " bytes, " << model->num_rows()
         << " weighted features of 2^" << model->hash_bits() << " buckets\n";

  const absl::Time start = absl::Now();
  absl::StatusOr<tag::NaiveBayesModel> loaded = tag::NaiveBayesModel::Load(out_path);
  const absl::Duration load_time = absl::Now() - start;
  if (!loaded.ok()) return loaded.status();
  report << absl::StrFormat("load time: %.1f ms\n", absl::ToDoubleMilliseconds(load_time));
  return absl::OkStatus();
}

}  // namespace newswire
