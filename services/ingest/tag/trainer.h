// Training the section classifier from labelled text, and cross-validating it.
//
//   absl::StatusOr<LabeledCorpus> corpus = ReadLabeledFolder("corpus/bbc", mapping);
//   absl::StatusOr<CrossValidation> cv = CrossValidate(*corpus, TrainOptions{}, 5, kSeed);
//   absl::StatusOr<NaiveBayesModel> model = Train(*corpus, TrainOptions{});
//
// A labelled folder has one sub-folder per section label; each label goes
// through the mapping tables ("business" -> medtop:04000000, "tech" ->
// medtop:13000000) or is a media topic code or short name itself. Each file
// is one story: the first non-empty line its headline, the rest its
// paragraphs (legacy bytes decoded as Windows-1252).
//
// Training is multinomial naive Bayes with additive smoothing: for each
// class, count[f] = weighted occurrences of feature f; the stored weight is
// log(1 + count[f] / alpha) and the unseen-feature log-likelihood is
// unseen_weight * log(alpha / (total + alpha * V)) with V the features seen
// in training.
// Everything here is deterministic: files in name order, folds from a fixed
// seed.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_TRAINER_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_TRAINER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ingest/tag/features.h"
#include "services/ingest/tag/mapping.h"
#include "services/ingest/tag/model.h"

namespace newswire::tag {

struct LabeledDocument {
  int label = -1;                      // index into LabeledCorpus::labels
  std::string headline;
  std::vector<std::string> paragraphs;
};

struct LabeledCorpus {
  std::vector<std::string> labels;         // medtop qcodes, "medtop:15000000"
  std::vector<std::string> label_sources;  // the sub-folder each came from
  std::vector<LabeledDocument> documents;
};

// A story file's bytes as headline and paragraphs (label left -1).
LabeledDocument DocumentFromText(absl::string_view bytes);

// The parts of `document` the classifier reads (views into it).
StoryText DocumentText(const LabeledDocument& document);

// Reads DIR/LABEL/FILE for every sub-folder and regular file, in name order.
absl::StatusOr<LabeledCorpus> ReadLabeledFolder(const std::string& dir,
                                                const MappingTables& mapping);

struct TrainOptions {
  std::string name = "trained";
  int hash_bits = 20;
  int headline_weight = 3;
  double alpha = 0.1;                     // additive smoothing
  // Scales the unseen-feature log-likelihood, i.e. how much a class whose
  // training text was longer pays for each feature of a story it never saw.
  // 1 is textbook naive Bayes; 1.15 cross-validated best on the BBC corpus
  // over several fold seeds (mean +0.4 points).
  double unseen_weight = 1.15;
  float temperature_per_feature = 0.02f;  // see TextClassifier
};

// The documents to train on: `subset`, or every document when it is null;
// an error when there are none.
absl::StatusOr<std::vector<size_t>> TrainingSubset(const LabeledCorpus& corpus,
                                                   const std::vector<size_t>* subset);

// Trains on every document, or on `subset` (indices into corpus.documents).
absl::StatusOr<NaiveBayesModel> Train(const LabeledCorpus& corpus, const TrainOptions& options,
                                      const std::vector<size_t>* subset = nullptr);

struct FoldResult {
  int correct = 0;
  int total = 0;
  double accuracy() const { return total == 0 ? 0.0 : static_cast<double>(correct) / total; }
};

struct CrossValidation {
  std::vector<FoldResult> folds;
  double mean_accuracy = 0.0;  // mean of the folds' accuracies
};

inline constexpr uint64_t kDefaultFoldSeed = 20240607;

// 0..n-1 shuffled with `seed` (splitmix64 Fisher-Yates, the same on every
// platform).
std::vector<size_t> ShuffledOrder(size_t n, uint64_t seed);

// k-fold cross-validation: documents shuffled with `seed` (splitmix64
// Fisher-Yates, the same on every platform), fold = position mod k.
absl::StatusOr<CrossValidation> CrossValidate(const LabeledCorpus& corpus,
                                              const TrainOptions& options, int folds,
                                              uint64_t seed = kDefaultFoldSeed);

// Trains a model on the documents `subset` (indices into the corpus).
using TrainFunction =
    std::function<absl::StatusOr<NaiveBayesModel>(const std::vector<size_t>& subset)>;

// The same with any learner.
absl::StatusOr<CrossValidation> CrossValidate(const LabeledCorpus& corpus,
                                              const TrainFunction& train, int folds,
                                              uint64_t seed = kDefaultFoldSeed);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_TRAINER_H_
