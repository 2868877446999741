// NaiveBayesModel: the section classifier's parameters and their file format.
//
// A multinomial naive Bayes model over hashed features (features.h) with
// one class per label (a top-level media topic qcode, "medtop:11000000"):
//
//   score(c) = log_prior[c] + n * unseen[c] + sum over features f of w[f][c]
//
// where n is the (weighted) number of features in the text, unseen[c] the
// log-likelihood of a feature the class never saw, and w[f][c] >= 0 how much
// more likely f is in c than an unseen feature (log(1 + count / alpha)).
// Only buckets with some non-zero w are stored: a bitmap of 2^bits bits
// marks them and their rows of int16 weights (times `weight_scale`) follow
// in bucket order, so a model costs memory for what it knows, not for its
// hash space.
//
// A trained linear model (logistic loss, linear_trainer.h) has the same
// shape with unseen = 0 and weights of either sign, so one file format and
// one inner loop serve both.
//
// File (little-endian), written by Serialize() and read by Parse():
//   "NWTAGNB1"  u32 version (1 or 2)  u32 classes  u32 bits  u32 headline_weight
//   f32 temperature_per_feature  f32 weight_scale  u32 rows
//   version 2 only: f32 calibration_temperature  f32 reference_features
//                   f32 low_confidence_below  str languages
//   str name, then per class: str label, f32 log_prior, f32 unseen
//   rows x (u32 bucket, i16 weights[classes]), buckets strictly increasing
//   u64 XXH64 of every byte before it
// (str = u32 length + bytes). A model without calibration is written as
// version 1, byte for byte as before; version 1 files load with no
// calibration, no low-confidence threshold and no language restriction. Parse() checks every field and the checksum,
// so a truncated or corrupt file is an error, never a crash.
//
// Immutable after construction; thread-safe to share.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_MODEL_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::tag {

inline constexpr int kMinHashBits = 8;
inline constexpr int kMaxHashBits = 26;
inline constexpr int kMaxClasses = 64;

class NaiveBayesModel {
 public:
  // What a model is made of; ModelBuilder and Parse() fill one.
  struct Parameters {
    std::string name;                      // "default-en", reported as "model:<name>"
    int hash_bits = 20;
    int headline_weight = 3;               // a headline word counts this many times
    float temperature_per_feature = 0.0f;  // confidence softmax temperature per feature
    // Calibration (version 2): when > 0, confidence is softmax(score / T)
    // with T = calibration_temperature * max(1, sqrt(n / reference_features)),
    // n the weighted features read; temperature_per_feature is then unused.
    float calibration_temperature = 0.0f;
    float reference_features = 0.0f;
    // A classified section whose confidence is below this is marked low
    // confidence (Section.low_confidence); 0: never.
    float low_confidence_below = 0.0f;
    // Comma-separated primary language subtags the model was trained for
    // ("en"); empty: any language.
    std::string languages;
    std::vector<std::string> labels;
    std::vector<float> log_priors;
    std::vector<float> unseen;
    float weight_scale = 1.0f;
    // Stored buckets, strictly increasing, and their weights: row i is
    // weights[i * labels.size() .. (i + 1) * labels.size()).
    std::vector<uint32_t> buckets;
    std::vector<int16_t> weights;
  };

  // Validates `parameters` (sizes, ranges, order) and builds the lookup tables.
  static absl::StatusOr<NaiveBayesModel> Create(Parameters parameters);

  // Reads a model from the bytes of a model file; `origin` names the source in errors.
  static absl::StatusOr<NaiveBayesModel> Parse(absl::string_view bytes,
                                               absl::string_view origin = "model");
  static absl::StatusOr<NaiveBayesModel> Load(const std::string& path);

  std::string Serialize() const;
  absl::Status Save(const std::string& path) const;

  // What Create() needs to build this model again, e.g. with calibration
  // added (calibration.h).
  Parameters ToParameters() const;

  const std::string& name() const { return params_.name; }
  int hash_bits() const { return params_.hash_bits; }
  int headline_weight() const { return params_.headline_weight; }
  float temperature_per_feature() const { return params_.temperature_per_feature; }
  float calibration_temperature() const { return params_.calibration_temperature; }
  float reference_features() const { return params_.reference_features; }
  float low_confidence_below() const { return params_.low_confidence_below; }
  const std::string& languages() const { return params_.languages; }
  // Whether the model was trained for BCP 47 tag `language` ("en-GB" -> "en");
  // true for an empty tag or a model with no language list.
  bool ServesLanguage(absl::string_view language) const;
  int num_classes() const { return static_cast<int>(params_.labels.size()); }
  const std::vector<std::string>& labels() const { return params_.labels; }
  const std::vector<float>& log_priors() const { return params_.log_priors; }
  const std::vector<float>& unseen() const { return params_.unseen; }
  float weight_scale() const { return params_.weight_scale; }
  size_t num_rows() const { return buckets_.size(); }

  // Row length in memory: num_classes() rounded up to a multiple of 8, the
  // padding zero, so the inner loop of classification is whole vectors.
  int stride() const { return stride_; }

  // The stored weights of `bucket` (num_classes() values, then zeros up to
  // stride()), or nullptr when the bucket holds none. The hot path of
  // classification.
  const int16_t* Row(uint32_t bucket) const {
    const BitmapWord& word = bitmap_[bucket >> 6];
    const uint64_t bit = uint64_t{1} << (bucket & 63);
    if ((word.bits & bit) == 0) return nullptr;
    const uint64_t index = word.rank + static_cast<uint64_t>(__builtin_popcountll(word.bits & (bit - 1)));
    return weights_.data() + index * static_cast<uint64_t>(stride_);
  }

  // Asks the CPU to fetch what Row(bucket) reads first. Under load the
  // bitmap (2^bits / 4 bytes) is out of the caches between stories, and a
  // story's lookups waited on memory one at a time.
  void PrefetchRow(uint32_t bucket) const { __builtin_prefetch(&bitmap_[bucket >> 6]); }

 private:
  NaiveBayesModel() = default;

  // Everything but the rows, which are kept below in lookup form
  // (params_.buckets and params_.weights are empty).
  Parameters params_;
  std::vector<uint32_t> buckets_;   // stored buckets, increasing
  int stride_ = 8;
  std::vector<int16_t> weights_;    // buckets_.size() x stride_
  // 2^bits bits (bucket has a row), each word with the number of rows before
  // it, side by side so a lookup touches one cache line.
  struct BitmapWord {
    uint64_t bits = 0;
    uint64_t rank = 0;
  };
  std::vector<BitmapWord> bitmap_;
};

// Fills p.buckets, p.weights and p.weight_scale from float weights, one
// vector of p.labels.size() values per bucket: int16 with the scale that
// keeps the largest magnitude exact to 1/32767. Rows of all zeros are dropped.
void QuantizeRows(const absl::flat_hash_map<uint32_t, std::vector<float>>& rows,
                  NaiveBayesModel::Parameters& p);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_MODEL_H_
