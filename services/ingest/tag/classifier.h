// TextClassifier: picks a story's section from its text with a
// NaiveBayesModel, and says why.
//
//   TextClassifier classifier(std::move(model));
//   Classification result = classifier.Classify(text);
//   if (result.has_evidence) {
//     const ClassScore& best = result.ranked[0];  // model().labels()[best.label]
//   }
//   std::vector<Contribution> why = classifier.Explain(text, best.label, second.label, 10);
//
// Confidence is a softmax over the class scores, tempered so long texts are
// not all "certain": by the model's calibrated temperature (fitted on
// held-out stories, growing with the square root of the text's length past
// the model's reference length) when it has one, else by its temperature per
// feature. A text none of whose features the model knows has no evidence and
// no ranking.
//
// Immutable; Classify and Explain are const and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_CLASSIFIER_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_CLASSIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "services/ingest/tag/features.h"
#include "services/ingest/tag/model.h"

namespace newswire::tag {

struct ClassScore {
  int label = 0;             // index into model().labels()
  float probability = 0.0f;  // 0..1, the classes' sum to 1
  double score = 0.0;        // log-space naive Bayes score
};

struct Classification {
  bool has_evidence = false;        // some feature of the text is in the model
  std::vector<ClassScore> ranked;   // every class, best first; empty without evidence
  int64_t features = 0;             // weighted features read
  int64_t known_features = 0;       // of them, features the model has weights for
};

// One feature's share in a decision between two classes.
struct Contribution {
  std::string feature;   // "striker", "prime minister"
  int count = 0;         // weighted occurrences in the text
  double weight = 0.0;   // score it added to the class over the other one
};

class TextClassifier {
 public:
  explicit TextClassifier(NaiveBayesModel model) : model_(std::move(model)) {}

  Classification Classify(const StoryText& text) const;

  // The `limit` known features of `text` that favour class `label` over
  // `versus` most, largest first (negative weights favour `versus`).
  std::vector<Contribution> Explain(const StoryText& text, int label, int versus,
                                    size_t limit) const;

  const NaiveBayesModel& model() const { return model_; }

 private:
  NaiveBayesModel model_;
};

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_CLASSIFIER_H_
