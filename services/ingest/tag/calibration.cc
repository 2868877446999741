#include "services/ingest/tag/calibration.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace newswire::tag {
namespace {

constexpr int kBins = 10;

// One held-out story's raw class scores and length.
struct Scored {
  std::vector<double> scores;
  int truth = -1;  // model class index, -1 when the model has no such class
  double features = 0;
};

double NegativeLogLikelihood(const std::vector<Scored>& scored, double temperature,
                             double reference) {
  double total = 0;
  for (const Scored& s : scored) {
    if (s.truth < 0 || s.scores.empty()) continue;
    const double t = temperature * std::max(1.0, std::sqrt(s.features / std::max(1.0, reference)));
    const double top = *std::max_element(s.scores.begin(), s.scores.end());
    double sum = 0;
    for (double score : s.scores) sum += std::exp((score - top) / t);
    total += std::log(sum) - (s.scores[s.truth] - top) / t;
  }
  return total;
}

int ModelClassOf(const TextClassifier& classifier, const std::string& label) {
  const std::vector<std::string>& labels = classifier.model().labels();
  const auto it = std::find(labels.begin(), labels.end(), label);
  return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
}

}  // namespace

float FitTemperature(const TextClassifier& classifier, const LabeledCorpus& corpus,
                     const std::vector<size_t>& subset, float reference_features) {
  std::vector<Scored> scored;
  scored.reserve(subset.size());
  for (size_t index : subset) {
    const LabeledDocument& document = corpus.documents.at(index);
    const Classification result = classifier.Classify(DocumentText(document));
    Scored s;
    s.truth = ModelClassOf(classifier, corpus.labels.at(document.label));
    s.features = static_cast<double>(result.features);
    s.scores.assign(result.ranked.size(), 0.0);
    for (const ClassScore& score : result.ranked) s.scores[score.label] = score.score;
    scored.push_back(std::move(s));
  }
  // Golden-section search on log T; the likelihood is unimodal in T.
  double low = std::log(0.01);
  double high = std::log(100.0);
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  auto nll = [&](double log_t) {
    return NegativeLogLikelihood(scored, std::exp(log_t), reference_features);
  };
  double a = high - ratio * (high - low);
  double b = low + ratio * (high - low);
  double fa = nll(a);
  double fb = nll(b);
  for (int i = 0; i < 60; ++i) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = nll(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = nll(b);
    }
  }
  return static_cast<float>(std::exp((low + high) / 2));
}

float MedianFeatures(const LabeledCorpus& corpus, const std::vector<size_t>& subset,
                     int headline_weight) {
  std::vector<int64_t> lengths;
  lengths.reserve(subset.size());
  for (size_t index : subset) {
    int64_t n = 0;
    ForEachStoryFeature(DocumentText(corpus.documents.at(index)), headline_weight,
                        [&](uint64_t, int weight) { n += weight; });
    lengths.push_back(n);
  }
  if (lengths.empty()) return 0;
  std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
  return static_cast<float>(lengths[lengths.size() / 2]);
}

Evaluation Evaluate(const TextClassifier& classifier, const LabeledCorpus& corpus,
                    const std::vector<size_t>* subset) {
  Evaluation e;
  e.per_label_stories.assign(corpus.labels.size(), 0);
  e.per_label_correct.assign(corpus.labels.size(), 0);
  for (int b = 0; b < kBins; ++b) {
    e.bins.push_back({static_cast<double>(b) / kBins, static_cast<double>(b + 1) / kBins});
  }
  const float threshold = classifier.model().low_confidence_below();
  auto tally = [&](const LabeledDocument& document) {
    const Classification result = classifier.Classify(DocumentText(document));
    bool correct = false;
    double confidence = 0;
    if (result.has_evidence) {
      const ClassScore& best = result.ranked[0];
      correct = classifier.model().labels()[best.label] == corpus.labels.at(document.label);
      confidence = best.probability;
    }
    ++e.stories;
    e.correct += correct;
    ++e.per_label_stories[document.label];
    e.per_label_correct[document.label] += correct;
    ReliabilityBin& bin = e.bins[std::min(kBins - 1, static_cast<int>(confidence * kBins))];
    ++bin.stories;
    bin.correct += correct;
    bin.confidence_sum += confidence;
    if (confidence >= 0.9) {
      ++e.confident;
      e.confident_wrong += !correct;
    }
    if (confidence < threshold) {
      ++e.low_confidence;
      e.low_confidence_correct += correct;
    }
  };
  if (subset == nullptr) {
    for (const LabeledDocument& document : corpus.documents) tally(document);
  } else {
    for (size_t index : *subset) tally(corpus.documents.at(index));
  }
  for (const ReliabilityBin& bin : e.bins) {
    if (bin.stories == 0 || e.stories == 0) continue;
    e.expected_calibration_error +=
        static_cast<double>(bin.stories) / e.stories *
        std::fabs(static_cast<double>(bin.correct) / bin.stories - bin.confidence_sum / bin.stories);
  }
  return e;
}

std::string FormatEvaluation(const Evaluation& e, const std::vector<std::string>& labels) {
  std::string out = absl::StrFormat("accuracy %.4f (%d/%d)\n", e.accuracy(), e.correct, e.stories);
  out += "recall by section:\n";
  for (size_t i = 0; i < labels.size() && i < e.per_label_stories.size(); ++i) {
    if (e.per_label_stories[i] == 0) continue;
    absl::StrAppendFormat(&out, "  %-16s %.3f (%d/%d)\n", labels[i],
                          static_cast<double>(e.per_label_correct[i]) / e.per_label_stories[i],
                          e.per_label_correct[i], e.per_label_stories[i]);
  }
  absl::StrAppendFormat(&out, "expected calibration error %.4f\n", e.expected_calibration_error);
  absl::StrAppendFormat(&out, "confidence >= 0.9: %d stories (%.1f%%), %.2f%% of them wrong\n",
                        e.confident, e.stories ? 100.0 * e.confident / e.stories : 0.0,
                        100.0 * e.confident_wrong_share());
  absl::StrAppendFormat(&out, "low confidence: %d stories (%.1f%%), %.1f%% of them right\n",
                        e.low_confidence, e.stories ? 100.0 * e.low_confidence / e.stories : 0.0,
                        e.low_confidence ? 100.0 * e.low_confidence_correct / e.low_confidence
                                         : 0.0);
  out += "reliability (confidence bin: stories, mean confidence, accuracy):\n";
  for (const ReliabilityBin& bin : e.bins) {
    if (bin.stories == 0) {
      absl::StrAppendFormat(&out, "  [%.1f, %.1f)  %6d\n", bin.low, bin.high, 0);
      continue;
    }
    absl::StrAppendFormat(&out, "  [%.1f, %.1f)  %6d  %.3f  %.3f\n", bin.low, bin.high,
                          bin.stories, bin.confidence_sum / bin.stories,
                          static_cast<double>(bin.correct) / bin.stories);
  }
  return out;
}

}  // namespace newswire::tag
