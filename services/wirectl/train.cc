#include "services/wirectl/train.h"

#include <cstdio>
#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/ingest/tag/mapping.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/taxonomy.h"
#include "services/ingest/tag/trainer.h"

namespace newswire {

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
  if (options.folds >= 2) {
    absl::StatusOr<tag::CrossValidation> cv =
        tag::CrossValidate(*corpus, train_options, options.folds, options.seed);
    if (!cv.ok()) return cv.status();
    report << options.folds << "-fold cross-validation (shuffle seed " << options.seed << "):\n";
    for (size_t f = 0; f < cv->folds.size(); ++f) {
      const tag::FoldResult& fold = cv->folds[f];
      report << absl::StrFormat("  fold %d: accuracy %.4f (%d/%d)\n", f + 1, fold.accuracy(),
                                fold.correct, fold.total);
    }
    report << absl::StrFormat("  mean accuracy: %.4f\n", cv->mean_accuracy);
  }

  absl::StatusOr<tag::NaiveBayesModel> model = tag::Train(*corpus, train_options);
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
