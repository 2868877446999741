// Content fingerprints of a story, computed by ingest from its canonical
// text (canonical_text.h) and carried in the story as v1::Fingerprints:
//
//   v1::Fingerprints fp = ComputeFingerprints(story);
//   // fp.content_sha256: exact duplicates (same canonical text)
//   // fp.minhash + fp.canonical_words: near duplicates (NearDuplicateIndex)
//
// - content_sha256: lower-case hex SHA-256 of the canonical text; empty when
//   the story has no text (two empty stories are not duplicates).
// - Shingles: every run of kShingleWords consecutive canonical words, hashed
//   to 64 bits with XXH3 (a text shorter than that is one shingle).
// - minhash: kMinHashBins values, one-permutation MinHash (Li, Owen, Zhang
//   2012) with optimal densification (Shrivastava 2017): each shingle hash
//   picks a bin with its top bits and competes for the bin's minimum with the
//   rest; empty bins borrow from other bins in an order both sides share.
//   One hash per shingle instead of one per shingle and bin keeps the
//   signature a small part of Compute (most of it is the canonical text),
//   and the fraction of equal bins estimates the Jaccard resemblance of two
//   shingle sets as k-permutation MinHash does. Each value keeps the low
//   16 bits of its bin's minimum (b-bit MinHash, Li and Koenig 2010):
//   equal-by-chance values have probability
//   2^-16, far below the estimator's own noise, and the signature packs to
//   about 350 bytes in the proto.
// - simhash: 64-bit SimHash (Charikar 2002) of the shingle hashes. Kept for
//   tools and cheap near-identical checks; the index uses MinHash (see
//   README: only 12% of republished copies are within 3 bits of their
//   original).
// - canonical_words: the number of canonical words.
//
// Pure and thread-safe. Every constant here is part of the stored format:
// fingerprints computed with different constants do not compare.
#ifndef NEWSWIRE_SERVICES_INGEST_FINGERPRINT_FINGERPRINTS_H_
#define NEWSWIRE_SERVICES_INGEST_FINGERPRINT_FINGERPRINTS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

inline constexpr int kShingleWords = 3;
inline constexpr int kMinHashBins = 128;  // a power of two

// SplitMix64's finalizer: a fixed, well-mixed 64-bit function, for the MinHash
// densification, the index's band hashes and anything else that needs one.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Fingerprints of `story` (of CanonicalText(story)).
v1::Fingerprints ComputeFingerprints(const v1::Story& story);

// Fingerprints of an already canonical text.
v1::Fingerprints FingerprintsOfCanonicalText(absl::string_view canonical_text);

// The 64-bit hashes of the word shingles of a canonical text, in text order
// (repeats included). Empty for an empty text.
std::vector<uint64_t> ShingleHashes(absl::string_view canonical_text);

// Estimated Jaccard resemblance of the shingle sets behind two MinHash
// signatures: the fraction of equal bins. 0 when either is empty or their
// sizes differ.
double EstimateResemblance(absl::Span<const uint32_t> a, absl::Span<const uint32_t> b);

// Number of differing bits of two SimHashes.
int HammingDistance(uint64_t a, uint64_t b);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_FINGERPRINT_FINGERPRINTS_H_
