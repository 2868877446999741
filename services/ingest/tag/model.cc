#include "services/ingest/tag/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/common/file.h"
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace newswire::tag {
namespace {

constexpr char kMagic[8] = {'N', 'W', 'T', 'A', 'G', 'N', 'B', '1'};
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kCalibratedFormatVersion = 2;
constexpr uint32_t kMaxStringBytes = 4096;

void PutU32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}
void PutU64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}
void PutF32(std::string& out, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  PutU32(out, bits);
}
void PutI16(std::string& out, int16_t value) {
  const uint16_t bits = static_cast<uint16_t>(value);
  out.push_back(static_cast<char>(bits & 0xFF));
  out.push_back(static_cast<char>(bits >> 8));
}
void PutString(std::string& out, absl::string_view text) {
  PutU32(out, static_cast<uint32_t>(text.size()));
  out.append(text.data(), text.size());
}

// Bounds-checked little-endian reader; the first failure sticks.
class Reader {
 public:
  explicit Reader(absl::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  size_t offset() const { return offset_; }

  bool Skip(size_t n) {
    if (!ok_ || bytes_.size() - offset_ < n) return ok_ = false;
    offset_ += n;
    return true;
  }
  uint32_t U32() {
    const size_t at = offset_;
    if (!Skip(4)) return 0;
    uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes_[at + i]);
    return value;
  }
  uint64_t U64() {
    const uint64_t low = U32();
    const uint64_t high = U32();
    return low | (high << 32);
  }
  float F32() {
    const uint32_t bits = U32();
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
  int16_t I16() {
    const size_t at = offset_;
    if (!Skip(2)) return 0;
    const uint16_t bits = static_cast<uint16_t>(static_cast<unsigned char>(bytes_[at]) |
                                                (static_cast<unsigned char>(bytes_[at + 1]) << 8));
    return static_cast<int16_t>(bits);
  }
  std::string String() {
    const uint32_t size = U32();
    if (size > kMaxStringBytes) {
      ok_ = false;
      return "";
    }
    const size_t at = offset_;
    if (!Skip(size)) return "";
    return std::string(bytes_.substr(at, size));
  }

 private:
  absl::string_view bytes_;
  size_t offset_ = 0;
  bool ok_ = true;
};

absl::Status Invalid(absl::string_view origin, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, ": ", what));
}

}  // namespace

absl::StatusOr<NaiveBayesModel> NaiveBayesModel::Create(Parameters p) {
  const absl::string_view origin =
      p.name.empty() ? absl::string_view("model") : absl::string_view(p.name);
  if (p.hash_bits < kMinHashBits || p.hash_bits > kMaxHashBits) {
    return Invalid(origin, absl::StrCat("hash bits ", p.hash_bits, " outside ", kMinHashBits,
                                        "..", kMaxHashBits));
  }
  const size_t classes = p.labels.size();
  if (classes == 0 || classes > kMaxClasses) {
    return Invalid(origin, absl::StrCat(classes, " classes; a model has 1..", kMaxClasses));
  }
  if (p.log_priors.size() != classes || p.unseen.size() != classes) {
    return Invalid(origin, "priors or unseen weights do not match the labels");
  }
  for (size_t c = 0; c < classes; ++c) {
    if (p.labels[c].empty()) return Invalid(origin, "empty label");
    if (!std::isfinite(p.log_priors[c]) || !std::isfinite(p.unseen[c]) ) {
      return Invalid(origin, absl::StrCat("class ", p.labels[c], " has a bad prior or weight"));
    }
  }
  if (p.headline_weight < 1 || p.headline_weight > 16) {
    return Invalid(origin, absl::StrCat("headline weight ", p.headline_weight, " outside 1..16"));
  }
  if (!std::isfinite(p.temperature_per_feature) || p.temperature_per_feature < 0 ||
      !std::isfinite(p.weight_scale) || p.weight_scale <= 0) {
    return Invalid(origin, "bad temperature or weight scale");
  }
  if (!std::isfinite(p.calibration_temperature) || p.calibration_temperature < 0 ||
      !std::isfinite(p.reference_features) || p.reference_features < 0 ||
      !std::isfinite(p.low_confidence_below) || p.low_confidence_below < 0 ||
      p.low_confidence_below > 1) {
    return Invalid(origin, "bad calibration temperature, reference length or threshold");
  }
  if (p.weights.size() != p.buckets.size() * classes) {
    return Invalid(origin, absl::StrCat(p.weights.size(), " weights for ", p.buckets.size(),
                                        " rows of ", classes));
  }
  NaiveBayesModel model;
  const size_t words = (size_t{1} << p.hash_bits) / 64;
  model.bitmap_.assign(words, BitmapWord{});
  const uint64_t limit = uint64_t{1} << p.hash_bits;
  for (size_t i = 0; i < p.buckets.size(); ++i) {
    const uint32_t bucket = p.buckets[i];
    if (bucket >= limit || (i > 0 && bucket <= p.buckets[i - 1])) {
      return Invalid(origin, absl::StrCat("row ", i, ": bucket ", bucket,
                                          " out of range or out of order"));
    }
    model.bitmap_[bucket >> 6].bits |= uint64_t{1} << (bucket & 63);
  }
  model.buckets_ = std::move(p.buckets);
  model.stride_ = static_cast<int>((classes + 7) / 8 * 8);
  model.weights_.assign(model.buckets_.size() * model.stride_, 0);
  for (size_t i = 0; i < model.buckets_.size(); ++i) {
    std::copy(p.weights.begin() + i * classes, p.weights.begin() + (i + 1) * classes,
              model.weights_.begin() + i * model.stride_);
  }
  uint64_t before = 0;
  for (BitmapWord& word : model.bitmap_) {
    word.rank = before;
    before += static_cast<uint64_t>(__builtin_popcountll(word.bits));
  }
  p.buckets.clear();  // moved into buckets_ above
  p.weights = {};     // copied into weights_, in rows of stride_
  model.params_ = std::move(p);
  return model;
}

std::string NaiveBayesModel::Serialize() const {
  const size_t classes = params_.labels.size();
  std::string out;
  out.reserve(64 + classes * 32 + buckets_.size() * (4 + 2 * classes));
  const bool calibrated = params_.calibration_temperature > 0 || params_.reference_features > 0 ||
                          params_.low_confidence_below > 0 || !params_.languages.empty();
  out.append(kMagic, sizeof kMagic);
  PutU32(out, calibrated ? kCalibratedFormatVersion : kFormatVersion);
  PutU32(out, static_cast<uint32_t>(classes));
  PutU32(out, static_cast<uint32_t>(params_.hash_bits));
  PutU32(out, static_cast<uint32_t>(params_.headline_weight));
  PutF32(out, params_.temperature_per_feature);
  PutF32(out, params_.weight_scale);
  PutU32(out, static_cast<uint32_t>(buckets_.size()));
  if (calibrated) {
    PutF32(out, params_.calibration_temperature);
    PutF32(out, params_.reference_features);
    PutF32(out, params_.low_confidence_below);
    PutString(out, params_.languages);
  }
  PutString(out, params_.name);
  for (size_t c = 0; c < classes; ++c) {
    PutString(out, params_.labels[c]);
    PutF32(out, params_.log_priors[c]);
    PutF32(out, params_.unseen[c]);
  }
  for (size_t i = 0; i < buckets_.size(); ++i) {
    PutU32(out, buckets_[i]);
    for (size_t c = 0; c < classes; ++c) PutI16(out, weights_[i * stride_ + c]);
  }
  PutU64(out, XXH64(out.data(), out.size(), 0));
  return out;
}

absl::StatusOr<NaiveBayesModel> NaiveBayesModel::Parse(absl::string_view bytes,
                                                       absl::string_view origin) {
  if (bytes.size() < sizeof kMagic + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return Invalid(origin, "not a newswire tagger model (bad magic)");
  }
  const absl::string_view body = bytes.substr(0, bytes.size() - 8);
  Reader trailer(bytes.substr(bytes.size() - 8));
  if (trailer.U64() != XXH64(body.data(), body.size(), 0)) {
    return absl::DataLossError(absl::StrCat(origin, ": checksum mismatch (truncated or corrupt)"));
  }
  Reader in(body);
  in.Skip(sizeof kMagic);
  const uint32_t version = in.U32();
  if (version != kFormatVersion && version != kCalibratedFormatVersion) {
    return Invalid(origin, absl::StrCat("model format version ", version, ", this build reads ",
                                        kFormatVersion, " and ", kCalibratedFormatVersion));
  }
  const uint32_t classes = in.U32();
  if (classes == 0 || classes > kMaxClasses) {
    return Invalid(origin, absl::StrCat(classes, " classes"));
  }
  Parameters p;
  p.hash_bits = static_cast<int>(in.U32());
  p.headline_weight = static_cast<int>(in.U32());
  p.temperature_per_feature = in.F32();
  p.weight_scale = in.F32();
  const uint32_t rows = in.U32();
  if (version == kCalibratedFormatVersion) {
    p.calibration_temperature = in.F32();
    p.reference_features = in.F32();
    p.low_confidence_below = in.F32();
    p.languages = in.String();
  }
  p.name = in.String();
  for (uint32_t c = 0; c < classes && in.ok(); ++c) {
    p.labels.push_back(in.String());
    p.log_priors.push_back(in.F32());
    p.unseen.push_back(in.F32());
  }
  if (!in.ok()) return Invalid(origin, "truncated header");
  const size_t row_bytes = 4 + 2 * size_t{classes};
  if ((body.size() - in.offset()) != size_t{rows} * row_bytes) {
    return Invalid(origin, absl::StrCat("expected ", rows, " rows of ", row_bytes, " bytes, found ",
                                        body.size() - in.offset(), " bytes"));
  }
  p.buckets.reserve(rows);
  p.weights.reserve(size_t{rows} * classes);
  for (uint32_t r = 0; r < rows; ++r) {
    p.buckets.push_back(in.U32());
    for (uint32_t c = 0; c < classes; ++c) p.weights.push_back(in.I16());
  }
  if (!in.ok()) return Invalid(origin, "truncated rows");
  absl::StatusOr<NaiveBayesModel> model = Create(std::move(p));
  if (!model.ok()) return Invalid(origin, model.status().message());
  return model;
}

NaiveBayesModel::Parameters NaiveBayesModel::ToParameters() const {
  Parameters p = params_;
  p.buckets = buckets_;
  const size_t classes = params_.labels.size();
  p.weights.reserve(buckets_.size() * classes);
  for (size_t i = 0; i < buckets_.size(); ++i) {
    p.weights.insert(p.weights.end(), weights_.begin() + i * stride_,
                     weights_.begin() + i * stride_ + classes);
  }
  return p;
}

bool NaiveBayesModel::ServesLanguage(absl::string_view language) const {
  if (params_.languages.empty() || language.empty()) return true;
  const absl::string_view primary = language.substr(0, language.find_first_of("-_"));
  for (absl::string_view served : absl::StrSplit(params_.languages, ',')) {
    if (absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(served), primary)) return true;
  }
  return false;
}

absl::StatusOr<NaiveBayesModel> NaiveBayesModel::Load(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFile(path, "model file");
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, absl::StrCat("model file ", path));
}

absl::Status NaiveBayesModel::Save(const std::string& path) const {
  const std::string bytes = Serialize();
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot write ", temporary));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return absl::DataLossError(absl::StrCat("cannot write ", temporary));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::PermissionDeniedError(absl::StrCat("cannot rename ", temporary, " to ", path));
  }
  return absl::OkStatus();
}

void QuantizeRows(const absl::flat_hash_map<uint32_t, std::vector<float>>& rows,
                  NaiveBayesModel::Parameters& p) {
  float largest = 0.0f;
  std::vector<uint32_t> buckets;
  buckets.reserve(rows.size());
  for (const auto& [bucket, weights] : rows) {
    buckets.push_back(bucket);
    for (float w : weights) largest = std::max(largest, std::fabs(w));
  }
  std::sort(buckets.begin(), buckets.end());
  p.weight_scale = largest > 0 ? largest / 32767.0f : 1.0f;
  p.buckets.clear();
  p.weights.clear();
  const size_t classes = p.labels.size();
  for (uint32_t bucket : buckets) {
    const std::vector<float>& weights = rows.at(bucket);
    bool any = false;
    std::vector<int16_t> quantized(classes, 0);
    for (size_t c = 0; c < classes && c < weights.size(); ++c) {
      const long value = std::lround(weights[c] / p.weight_scale);
      quantized[c] = static_cast<int16_t>(std::clamp<long>(value, -32767, 32767));
      any = any || quantized[c] != 0;
    }
    if (!any) continue;
    p.buckets.push_back(bucket);
    p.weights.insert(p.weights.end(), quantized.begin(), quantized.end());
  }
}

}  // namespace newswire::tag
