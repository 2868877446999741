#include "services/ingest/tag/classifier.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace newswire::tag {

namespace {

// Adds the text's weights into sums[0..stride); Stride is the model's row
// length (a multiple of 8, known at compile time for the common sizes so the
// inner loop is a few vector adds).
template <int Stride>
void Accumulate(const NaiveBayesModel& model, const StoryText& text, int stride,
                Classification& result, std::array<double, kMaxClasses + 8>& sums) {
  const int width = Stride > 0 ? Stride : stride;
  const int bits = model.hash_bits();
  // int32 sums of int16 weights, folded into doubles before they could overflow.
  alignas(64) std::array<int32_t, kMaxClasses + 8> partial{};
  int32_t headroom = 0;
  constexpr int32_t kFlushAt = 1 << 14;  // weighted hits x 32767 stays < 2^31
  auto add = [&](uint32_t bucket, int weight) {
    result.features += weight;
    const int16_t* row = model.Row(bucket);
    if (row == nullptr) return;
    result.known_features += weight;
    for (int c = 0; c < width; ++c) partial[c] += weight * row[c];
    headroom += weight;
    if (headroom >= kFlushAt) {
      for (int c = 0; c < width; ++c) {
        sums[c] += partial[c];
        partial[c] = 0;
      }
      headroom = 0;
    }
  };
  // Features are looked up kAhead behind the walk that finds them, their
  // bitmap words prefetched meanwhile, so the cache misses overlap. Integer
  // sums: the order of the additions does not change the result.
  constexpr size_t kAhead = 16;
  struct Pending {
    uint32_t bucket;
    int weight;
  };
  std::array<Pending, kAhead> pending;
  size_t count = 0;
  ForEachStoryFeature(text, model.headline_weight(), [&](uint64_t key, int weight) {
    const uint32_t bucket = BucketOf(key, bits);
    model.PrefetchRow(bucket);
    Pending& slot = pending[count++ % kAhead];
    if (count > kAhead) add(slot.bucket, slot.weight);
    slot = {bucket, weight};
  });
  for (size_t i = count > kAhead ? count - kAhead : 0; i < count; ++i) {
    add(pending[i % kAhead].bucket, pending[i % kAhead].weight);
  }
  for (int c = 0; c < width; ++c) sums[c] += partial[c];
}

}  // namespace

Classification TextClassifier::Classify(const StoryText& text) const {
  const int classes = model_.num_classes();
  Classification result;
  std::array<double, kMaxClasses + 8> sums{};
  switch (model_.stride()) {
    case 8:
      Accumulate<8>(model_, text, 8, result, sums);
      break;
    case 16:
      Accumulate<16>(model_, text, 16, result, sums);
      break;
    case 24:
      Accumulate<24>(model_, text, 24, result, sums);
      break;
    default:
      Accumulate<0>(model_, text, model_.stride(), result, sums);
      break;
  }
  if (result.known_features == 0) return result;
  result.has_evidence = true;

  const double scale = model_.weight_scale();
  const double n = static_cast<double>(result.features);
  result.ranked.resize(classes);
  for (int c = 0; c < classes; ++c) {
    result.ranked[c].label = c;
    result.ranked[c].score = model_.log_priors()[c] + n * model_.unseen()[c] +
                             sums[c] * scale;
  }
  std::stable_sort(result.ranked.begin(), result.ranked.end(),
                   [](const ClassScore& a, const ClassScore& b) { return a.score > b.score; });
  const double temperature =
      model_.calibration_temperature() > 0
          ? model_.calibration_temperature() *
                std::max(1.0, std::sqrt(n / std::max(1.0f, model_.reference_features())))
          : std::max(1.0, n * model_.temperature_per_feature());
  const double best = result.ranked[0].score;
  double total = 0;
  std::array<double, kMaxClasses> exp_scores{};
  for (int i = 0; i < classes; ++i) {
    exp_scores[i] = std::exp((result.ranked[i].score - best) / temperature);
    total += exp_scores[i];
  }
  for (int i = 0; i < classes; ++i) {
    result.ranked[i].probability = static_cast<float>(exp_scores[i] / total);
  }
  return result;
}

std::vector<Contribution> TextClassifier::Explain(const StoryText& text, int label, int versus,
                                                  size_t limit) const {
  std::vector<Contribution> out;
  const int classes = model_.num_classes();
  if (label < 0 || label >= classes || versus < 0 || versus >= classes) return out;
  const int bits = model_.hash_bits();
  const double scale = model_.weight_scale();
  absl::flat_hash_map<std::string, Contribution> by_feature;
  auto add = [&](uint64_t key, absl::string_view feature, int weight) {
    const int16_t* row = model_.Row(BucketOf(key, bits));
    if (row == nullptr) return;
    Contribution& entry = by_feature[feature];
    if (entry.feature.empty()) entry.feature = std::string(feature);
    entry.count += weight;
    entry.weight += weight * scale * (row[label] - row[versus]);
  };
  // The same walk as ForEachStoryFeature, keeping the words.
  ForEachStoryPart(text, model_.headline_weight(), [&](absl::string_view part, int weight) {
    std::string previous;
    uint64_t previous_key = 0;
    ForEachWord(part, [&](absl::string_view word) {
      const uint64_t key = UnigramKey(word);
      add(key, word, weight);
      if (!previous.empty()) {
        add(BigramKey(previous_key, key), absl::StrCat(previous, " ", word), weight);
      }
      previous = std::string(word);
      previous_key = key;
    });
  });

  out.reserve(by_feature.size());
  for (auto& [feature, contribution] : by_feature) out.push_back(std::move(contribution));
  std::sort(out.begin(), out.end(), [](const Contribution& a, const Contribution& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.feature < b.feature;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace newswire::tag
