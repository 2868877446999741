// Training the section classifier as a linear model with logistic loss, on
// top of an optional base model (the hand-written lexicon), and reading
// labelled stories from a TSV file.
//
//   absl::StatusOr<LabeledCorpus> corpus = ReadLabeledTsv("train.tsv");
//   absl::StatusOr<NaiveBayesModel> model = TrainLinear(*corpus, options, &lexicon_model);
//
// The model scores class c as
//   score(c) = base_scale * base_score(c) + bias[c] + sum over features f of v[f][c] * x_f
// with x_f the weighted count of hashed feature f (features.h: headline words
// count `headline_weight` times), the same arithmetic as NaiveBayesModel with
// unseen = 0, so the base model's rows and the learnt ones add into one
// model file and one inner loop. With base_scale 0 (or no base) it is plain
// multinomial logistic regression.
//
// Training: AdaGrad on the softmax cross-entropy, L2 on the touched weights,
// documents in a fixed pseudo-random order per epoch (splitmix64 of `seed`),
// each class weighted by (documents / (classes * class documents))^balance.
// Features seen in fewer than `min_documents` training documents are not
// learnt, which keeps the model small. Deterministic: the same corpus and
// options give the same bytes.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_LINEAR_TRAINER_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_LINEAR_TRAINER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {

// Reads "LABEL<TAB>HEADLINE<TAB>TEXT" lines (LABEL a media topic qcode or
// short name; TEXT paragraphs separated by a literal "\n"). The corpus has
// all 17 top-level topics as labels, in kTopics order. Lines starting with
// '#' and empty lines are skipped; a malformed line is an error naming it.
absl::StatusOr<LabeledCorpus> ReadLabeledTsv(const std::string& path);

// A corpus split by a fixed shuffle (ShuffledOrder with `seed`): of each
// ten positions, eight train, one calibration, one test.
struct CorpusSplit {
  std::vector<size_t> train;
  std::vector<size_t> calibration;
  std::vector<size_t> test;
};
inline constexpr uint64_t kDefaultSplitSeed = 20261207;
CorpusSplit SplitCorpus(size_t documents, uint64_t seed = kDefaultSplitSeed);

struct LinearTrainOptions {
  std::string name = "linear";
  int hash_bits = 22;
  int headline_weight = 3;
  int epochs = 6;
  double learning_rate = 0.2;   // AdaGrad step
  double l2 = 1e-5;             // per update, on the weights it touches
  double base_scale = 1.0;      // weight of the base model's scores
  double balance = 0.5;         // 0: every story counts once; 1: classes weigh the same
  int min_documents = 2;        // least training documents a learnt feature appears in
  float prune_below = 0.02f;    // learnt weights smaller than this are dropped
  uint64_t seed = 20240607;
};

// Trains on corpus.documents[subset] (all when subset is null). With a base
// model, its labels must equal corpus.labels and its hash bits and headline
// weight are used.
absl::StatusOr<NaiveBayesModel> TrainLinear(const LabeledCorpus& corpus,
                                            const LinearTrainOptions& options,
                                            const NaiveBayesModel* base = nullptr,
                                            const std::vector<size_t>* subset = nullptr);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_LINEAR_TRAINER_H_
