// Calibrating and measuring the section classifier's confidence on
// held-out labelled stories.
//
//   float t = FitTemperature(classifier, corpus, &calibration_split);
//   ... rebuild the model with calibration_temperature = t ...
//   Evaluation e = Evaluate(calibrated_classifier, corpus, &test_split);
//   std::cout << FormatEvaluation(e, corpus.labels);
//
// Temperature scaling (Guo et al. 2017): one number T that divides every
// class score before the softmax, chosen to minimise the negative log
// likelihood of the true labels. Its only effect is on confidence; the
// ranking, and so the accuracy, stay the same. The length term of
// TextClassifier (scores of texts longer than the model's reference length
// are tempered by sqrt(n / reference) more) is applied as the classifier
// applies it.
//
// Expected calibration error: stories binned by confidence into 10 equal
// bins; ECE = sum over bins of (bin stories / stories) * |accuracy - mean
// confidence|. Stories with no evidence count as wrong at confidence 0.
// Pure functions; deterministic.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_CALIBRATION_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_CALIBRATION_H_

#include <string>
#include <vector>

#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {

// The temperature that minimises the held-out negative log likelihood for
// `classifier`'s scores (searched over 0.01 .. 100), with the model's
// reference length `reference_features`.
float FitTemperature(const TextClassifier& classifier, const LabeledCorpus& corpus,
                     const std::vector<size_t>& subset, float reference_features);

// The median weighted feature count of the documents of `subset`.
float MedianFeatures(const LabeledCorpus& corpus, const std::vector<size_t>& subset,
                     int headline_weight);

struct ReliabilityBin {
  double low = 0;             // confidence in [low, high)
  double high = 0;
  int stories = 0;
  int correct = 0;
  double confidence_sum = 0;
};

struct Evaluation {
  int stories = 0;
  int correct = 0;
  std::vector<int> per_label_stories;   // by corpus label index
  std::vector<int> per_label_correct;
  std::vector<ReliabilityBin> bins;     // 10 equal bins
  double expected_calibration_error = 0;
  int confident = 0;                    // confidence >= 0.9
  int confident_wrong = 0;
  int low_confidence = 0;               // below the model's low_confidence_below
  int low_confidence_correct = 0;

  double accuracy() const { return stories == 0 ? 0.0 : static_cast<double>(correct) / stories; }
  double confident_wrong_share() const {
    return confident == 0 ? 0.0 : static_cast<double>(confident_wrong) / confident;
  }
};

// Classifies each document of `subset` (all when null) and tallies the result.
Evaluation Evaluate(const TextClassifier& classifier, const LabeledCorpus& corpus,
                    const std::vector<size_t>* subset = nullptr);

// Accuracy, per-label recall, ECE, the confident-wrong share and the
// reliability table, as lines of text.
std::string FormatEvaluation(const Evaluation& evaluation, const std::vector<std::string>& labels);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_CALIBRATION_H_
