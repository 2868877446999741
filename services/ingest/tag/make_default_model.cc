// Training tool: builds the default section model (data/default_model.nwtm)
// from the hand-written lexicon and a labelled news corpus, and prints the
// figures that chose it.
//
//   make_default_model LEXICON CORPUS.tsv OUT.nwtm LEARNER [BBC_DIR]
//
// CORPUS.tsv is what prepare_training_data.py writes (ReadLabeledTsv
// format). Its stories are split by a fixed shuffle: 80% train, 10%
// calibration, 10% test. Four learners are trained on the train split and
// their test accuracy printed: `lexicon` (the hand-written lexicon alone),
// `naive-bayes`, `logistic` (logistic regression) and
// `logistic-over-lexicon` (logistic regression over the lexicon's scores).
// LEARNER names the one written: it is calibrated (temperature on the
// calibration split), given its low-confidence threshold and language,
// evaluated on the test split and saved. BBC_DIR, when given, is read only
// to print each learner's accuracy on it; nothing is trained on it.
// A learning curve follows: the two logistic learners trained on the first
// 1/8, 1/4 and 1/2 of the train split, with the same test (and BBC)
// accuracy, to show how much more data of this kind would buy.
// Deterministic: the same inputs give the same bytes.
#include <cstdlib>
#include <optional>
#include <iostream>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/tag/calibration.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/lexicon.h"
#include "services/ingest/tag/linear_trainer.h"
#include "services/ingest/tag/mapping.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {
namespace {

// A classified section with confidence below this is marked low confidence
// (README.md gives the share of stories below it and how often they are right).
constexpr float kLowConfidenceBelow = 0.6f;
constexpr char kModelName[] = "default-en-2";

struct Candidate {
  std::string learner;
  std::string what;
  NaiveBayesModel model;
  double test_accuracy = 0;
};

// Prints one line: the accuracy on the test split (and on BBC, if given) of
// `learner` trained on the first `share` of `train`.
absl::Status PrintLearningPoint(const LabeledCorpus& corpus, const std::vector<size_t>& train,
                                const std::vector<size_t>& test, double share,
                                const NaiveBayesModel* base, const LabeledCorpus* bbc) {
  const std::vector<size_t> prefix(train.begin(),
                                   train.begin() + static_cast<size_t>(train.size() * share));
  LinearTrainOptions linear;
  linear.name = kModelName;
  absl::StatusOr<NaiveBayesModel> model = TrainLinear(corpus, linear, base, &prefix);
  if (!model.ok()) return model.status();
  const TextClassifier classifier(*model);
  std::cout << absl::StrFormat("  %-24s %5d train stories: test accuracy %.4f",
                               base != nullptr ? "logistic-over-lexicon" : "logistic",
                               prefix.size(), Evaluate(classifier, corpus, &test).accuracy());
  if (bbc != nullptr) {
    std::cout << absl::StrFormat("  bbc %.4f", Evaluate(classifier, *bbc).accuracy());
  }
  std::cout << "\n";
  return absl::OkStatus();
}

absl::Status Run(int argc, char** argv) {
  absl::StatusOr<std::string> lexicon_text = ReadFile(argv[1]);
  if (!lexicon_text.ok()) return lexicon_text.status();
  absl::StatusOr<Lexicon> lexicon = ParseLexicon(*lexicon_text, argv[1]);
  if (!lexicon.ok()) return lexicon.status();
  absl::StatusOr<NaiveBayesModel> lexicon_model = BuildLexiconModel(*lexicon);
  if (!lexicon_model.ok()) return lexicon_model.status();
  absl::StatusOr<LabeledCorpus> corpus = ReadLabeledTsv(argv[2]);
  if (!corpus.ok()) return corpus.status();

  const CorpusSplit split = SplitCorpus(corpus->documents.size());
  const std::vector<size_t>& train = split.train;
  const std::vector<size_t>& calibration = split.calibration;
  const std::vector<size_t>& test = split.test;
  std::cout << absl::StrFormat("stories: %d train, %d calibration, %d test (seed %d)\n",
                               train.size(), calibration.size(), test.size(), kDefaultSplitSeed);

  std::optional<LabeledCorpus> bbc;
  if (argc > 5) {
    absl::StatusOr<MappingTables> mapping = MappingTables::LoadDefault("");
    if (!mapping.ok()) return mapping.status();
    absl::StatusOr<LabeledCorpus> read = ReadLabeledFolder(argv[5], *mapping);
    if (!read.ok()) return read.status();
    bbc = *std::move(read);
  }

  std::vector<Candidate> candidates;
  candidates.push_back({"lexicon", "lexicon alone", *lexicon_model});
  {
    TrainOptions nb;
    nb.name = kModelName;
    nb.hash_bits = lexicon_model->hash_bits();
    absl::StatusOr<NaiveBayesModel> model = Train(*corpus, nb, &train);
    if (!model.ok()) return model.status();
    candidates.push_back({"naive-bayes", "naive Bayes", *std::move(model)});
  }
  LinearTrainOptions linear;
  linear.name = kModelName;
  {
    absl::StatusOr<NaiveBayesModel> model = TrainLinear(*corpus, linear, nullptr, &train);
    if (!model.ok()) return model.status();
    candidates.push_back({"logistic", "logistic regression", *std::move(model)});
  }
  {
    absl::StatusOr<NaiveBayesModel> model =
        TrainLinear(*corpus, linear, &*lexicon_model, &train);
    if (!model.ok()) return model.status();
    candidates.push_back(
        {"logistic-over-lexicon", "logistic regression over the lexicon", *std::move(model)});
  }
  std::optional<size_t> chosen_index;
  for (size_t i = 0; i < candidates.size(); ++i) {
    Candidate& candidate = candidates[i];
    const TextClassifier classifier(candidate.model);
    candidate.test_accuracy = Evaluate(classifier, *corpus, &test).accuracy();
    std::cout << absl::StrFormat("%-38s test accuracy %.4f", candidate.what,
                                 candidate.test_accuracy);
    if (bbc) std::cout << absl::StrFormat("  bbc %.4f", Evaluate(classifier, *bbc).accuracy());
    std::cout << absl::StrFormat("  rows %d\n", candidate.model.num_rows());
    if (candidate.learner == argv[4]) chosen_index = i;
  }
  if (!chosen_index) return absl::InvalidArgumentError(absl::StrCat("no learner '", argv[4], "'"));
  std::cout << "learning curve (the full train split is the line above):\n";
  const NaiveBayesModel* const bases[] = {nullptr, &*lexicon_model};
  for (const NaiveBayesModel* base : bases) {
    for (const double share : {0.125, 0.25, 0.5}) {
      NW_RETURN_IF_ERROR(PrintLearningPoint(*corpus, train, test, share, base,
                                            bbc ? &*bbc : nullptr));
    }
  }
  std::cout << "chosen: " << candidates[*chosen_index].what << "\n";

  NaiveBayesModel::Parameters p = candidates[*chosen_index].model.ToParameters();
  p.name = kModelName;
  p.reference_features = MedianFeatures(*corpus, train, p.headline_weight);
  p.calibration_temperature = 1.0f;
  p.low_confidence_below = kLowConfidenceBelow;
  p.languages = "en";
  {
    absl::StatusOr<NaiveBayesModel> uncalibrated = NaiveBayesModel::Create(p);
    if (!uncalibrated.ok()) return uncalibrated.status();
    const TextClassifier classifier(*std::move(uncalibrated));
    std::cout << "before calibration (T = 1), test split:\n"
              << FormatEvaluation(Evaluate(classifier, *corpus, &test), corpus->labels);
    p.calibration_temperature =
        FitTemperature(classifier, *corpus, calibration, p.reference_features);
  }
  std::cout << absl::StrFormat("calibration: temperature %.4f, reference length %.0f features\n",
                               p.calibration_temperature, p.reference_features);
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(std::move(p));
  if (!model.ok()) return model.status();
  const TextClassifier classifier(*model);
  std::cout << "calibrated, test split:\n"
            << FormatEvaluation(Evaluate(classifier, *corpus, &test), corpus->labels);
  if (bbc) {
    std::cout << "calibrated, BBC (never trained on):\n"
              << FormatEvaluation(Evaluate(classifier, *bbc), bbc->labels);
  }
  if (absl::Status saved = model->Save(argv[3]); !saved.ok()) return saved;
  std::cout << absl::StrFormat("wrote %s: %d bytes, %d rows of 2^%d buckets\n", argv[3],
                               model->Serialize().size(), model->num_rows(), model->hash_bits());
  return absl::OkStatus();
}

}  // namespace
}  // namespace newswire::tag

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: make_default_model LEXICON CORPUS.tsv OUT.nwtm LEARNER [BBC_DIR]\n";
    return 2;
  }
  if (absl::Status status = newswire::tag::Run(argc, argv); !status.ok()) {
    std::cerr << "make_default_model: " << status << "\n";
    return 1;
  }
  return 0;
}
