#include "services/ingest/fingerprint/fingerprints.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstring>
#include <limits>

#include "services/ingest/fingerprint/canonical_text.h"
#include "services/ingest/common/text/sha256.h"
// Inlined: the same XXH3 as libxxhash, without a call per word.
#define XXH_INLINE_ALL
#include "xxhash.h"

namespace newswire {
namespace {

// Seeds of the stored format. Never change them.
constexpr uint64_t kWordSeed = 0x6e77'7764'7365'6564;     // "nwwdseed"
constexpr uint64_t kShingleSeed = 0x6e77'7368'696e'676c;  // "nwshingl"
constexpr uint64_t kDensifySeed = 0x6e77'6465'6e73'6966;  // "nwdensif"

constexpr int kBinBits = 7;
static_assert(kMinHashBins == 1 << kBinBits, "kMinHashBins must be 2^kBinBits");
constexpr uint64_t kValueMask = (uint64_t{1} << (64 - kBinBits)) - 1;
constexpr uint64_t kEmptyBin = std::numeric_limits<uint64_t>::max();
constexpr uint32_t kStoredValueMask = 0xFFFF;  // b-bit MinHash, b = 16

// One-permutation MinHash with optimal densification.
std::array<uint64_t, kMinHashBins> OnePermutationMinHash(const std::vector<uint64_t>& shingles) {
  std::array<uint64_t, kMinHashBins> bins;
  bins.fill(kEmptyBin);
  for (uint64_t h : shingles) {
    const size_t bin = static_cast<size_t>(h >> (64 - kBinBits));
    const uint64_t value = h & kValueMask;
    if (value < bins[bin]) bins[bin] = value;
  }
  std::array<uint64_t, kMinHashBins> dense = bins;
  for (size_t bin = 0; bin < bins.size(); ++bin) {
    if (bins[bin] != kEmptyBin) continue;
    // Shrivastava 2017: probe bins in a pseudo-random order that depends
    // only on (bin, attempt), so two texts borrow from the same place. Very
    // short texts fill few bins; after kMaxProbes the next filled bin (in
    // circular order) bounds the work.
    constexpr uint64_t kMaxProbes = 32;
    for (uint64_t attempt = 1; attempt <= kMaxProbes && dense[bin] == kEmptyBin; ++attempt) {
      const uint64_t r = Mix64(kDensifySeed ^ (static_cast<uint64_t>(bin) << 32) ^ attempt);
      dense[bin] = bins[static_cast<size_t>(r >> (64 - kBinBits))];
    }
    for (size_t step = 1; dense[bin] == kEmptyBin && step < bins.size(); ++step) {
      dense[bin] = bins[(bin + step) % bins.size()];
    }
  }
  return dense;
}

// For each byte value, its eight bits as eight one-byte counters.
constexpr std::array<uint64_t, 256> MakeBitSpread() {
  std::array<uint64_t, 256> spread{};
  for (size_t b = 0; b < 256; ++b) {
    for (int bit = 0; bit < 8; ++bit) {
      spread[b] |= static_cast<uint64_t>((b >> bit) & 1) << (8 * bit);
    }
  }
  return spread;
}
constexpr std::array<uint64_t, 256> kBitSpread = MakeBitSpread();

uint64_t SimHash(const std::vector<uint64_t>& shingles) {
  // Per-bit votes as one-byte counters, eight to a word: byte k of
  // counters[j] counts bit 8j + k of the hashes. Added into wide totals
  // every 255 shingles, before a byte can overflow.
  std::array<int32_t, 64> votes{};
  size_t i = 0;
  while (i < shingles.size()) {
    std::array<uint64_t, 8> counters{};
    const size_t end = std::min(shingles.size(), i + 255);
    for (; i < end; ++i) {
      const uint64_t h = shingles[i];
      for (size_t j = 0; j < 8; ++j) counters[j] += kBitSpread[(h >> (8 * j)) & 0xFF];
    }
    for (size_t j = 0; j < 8; ++j) {
      for (int bit = 0; bit < 8; ++bit) {
        votes[8 * j + static_cast<size_t>(bit)] +=
            static_cast<int32_t>((counters[j] >> (8 * bit)) & 0xFF);
      }
    }
  }
  const int32_t half = static_cast<int32_t>(shingles.size());
  uint64_t simhash = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (2 * votes[static_cast<size_t>(bit)] > half) simhash |= uint64_t{1} << bit;
  }
  return simhash;
}

// Hashes of every kShingleWords-word run of the text (the whole text when
// shorter); sets `words` to the number of words.
std::vector<uint64_t> HashShingles(absl::string_view canonical_text, int& words) {
  std::vector<uint64_t> word_hashes;
  word_hashes.reserve(canonical_text.size() / 5 + 1);
  ForEachCanonicalWord(canonical_text, [&word_hashes](absl::string_view word) {
    word_hashes.push_back(XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed));
  });
  words = static_cast<int>(word_hashes.size());
  std::vector<uint64_t> shingles;
  if (word_hashes.empty()) return shingles;
  const size_t span = std::min<size_t>(kShingleWords, word_hashes.size());
  shingles.reserve(word_hashes.size() - span + 1);
  for (size_t i = 0; i + span <= word_hashes.size(); ++i) {
    uint64_t key[kShingleWords] = {};
    std::memcpy(key, &word_hashes[i], span * sizeof(uint64_t));
    shingles.push_back(XXH3_64bits_withSeed(key, sizeof(key), kShingleSeed));
  }
  return shingles;
}

}  // namespace

std::vector<uint64_t> ShingleHashes(absl::string_view canonical_text) {
  int words = 0;
  return HashShingles(canonical_text, words);
}

v1::Fingerprints FingerprintsOfCanonicalText(absl::string_view canonical_text) {
  v1::Fingerprints fingerprints;
  if (canonical_text.empty()) return fingerprints;
  fingerprints.set_content_sha256(Sha256Hex(canonical_text));
  int words = 0;
  const std::vector<uint64_t> shingles = HashShingles(canonical_text, words);
  fingerprints.set_canonical_words(words);
  fingerprints.set_simhash(SimHash(shingles));
  const std::array<uint64_t, kMinHashBins> bins = OnePermutationMinHash(shingles);
  fingerprints.mutable_minhash()->Reserve(kMinHashBins);
  for (uint64_t value : bins) {
    fingerprints.add_minhash(static_cast<uint32_t>(value) & kStoredValueMask);
  }
  return fingerprints;
}

v1::Fingerprints ComputeFingerprints(const v1::Story& story) {
  return FingerprintsOfCanonicalText(CanonicalText(story));
}

double EstimateResemblance(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

int HammingDistance(uint64_t a, uint64_t b) {
  return static_cast<int>(std::bitset<64>(a ^ b).count());
}

}  // namespace newswire
