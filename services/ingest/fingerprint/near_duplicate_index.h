// NearDuplicateIndex: the stories of a recent window by their MinHash
// signatures, for the view's fold to ask "is this story an edited copy of
// one it has already seen?".
//
//   NearDuplicateIndex::Options options;          // window, thresholds, bands
//   auto index = NearDuplicateIndex::Create(options);
//   if (auto match = (*index)->FindNearest(fp, story_time)) {
//     // near duplicate of match->id, similarity match->resemblance
//   } else {
//     (*index)->Add(story.id(), fp, story_time);   // a new story
//   }
//   (*index)->Expire(latest_story_time - options.window);
//
// The view's fold asks FindRelated instead, which also answers "does this
// story hold most of one already seen?" (the write-thru after an urgent, the
// full text after a trimmed copy): a match with relation kContainsEarlier.
//
// Method. Candidates come from LSH banding of the MinHash signature
// (`bands` bands of `rows` bins; two texts become candidates when all bins
// of one band agree, which for rows = 3, bands = 42 happens with
// probability 0.996 at resemblance 0.5 and 0.04 at 0.1). Each candidate's
// resemblance J (the fraction of equal bins) and containment C (the share of
// the query's shingles found in the candidate, from J and both word counts:
// C = J (|Q| + |E|) / ((1 + J) |Q|)) are estimated, and it matches when
//   J >= min_resemblance  and  C >= min_containment.
// FindRelated takes the best such match; without one, the best candidate
// that the query contains: J >= min_resemblance and the share of the
// candidate's shingles found in the query, C' = J (|Q| + |E|) / ((1 + J) |E|),
// at least min_earlier_contained.
// Containment, not resemblance alone, because a republished copy may be
// trimmed, wrapped in site text or both, while what makes a story new is
// text its predecessor does not have: a trimmed copy is nearly all contained
// in its original (a duplicate), a write-through that adds a paragraph of
// reactions is not (a new story, or under the same id a version).
//
// Determinism. Results depend only on the sequence of calls, never on
// memory layout, hash-map order or the wall clock: the best match is the one
// with the most equal bins, then the earliest story time, then the smallest
// id, then the earliest added. Windows use the story times passed in.
//
// Bounds. Entries outside `window` of the query's story time never match.
// Expire(before) removes entries older than `before` and raises the
// watermark: entries added later with a story time under it are refused,
// so that the index equals one rebuilt from the store (see Rebuild below).
// Beyond `max_entries` the oldest entry (story time, then add order) leaves.
// Texts with fewer than `min_words` canonical words are neither indexed nor
// looked up: with fewer than ~30 shingles the estimate is too coarse, and
// short items are only exact duplicates.
//
// Rebuild. The index holds nothing the store does not: after a restart,
// create it with the same options, call Expire(watermark) with the last
// watermark, then Add (id, fingerprints, story time) of the stories the fold
// indexed, in log order or ordered by (story time, log offset): both give
// the live index again, and so does adding every story since the watermark
// (what has left since is left again).
// SerializeIndexEntry() / ParseIndexEntry() give a compact record (~300
// bytes) to keep per indexed story for that purpose.
//
// Memory: MemoryBytes() / size() bytes per entry, about 700 at one million
// entries with the default options (see README).
//
// Thread-safe: Add and Expire take a writer lock, lookups a reader lock.
#ifndef NEWSWIRE_SERVICES_INGEST_FINGERPRINT_NEAR_DUPLICATE_INDEX_H_
#define NEWSWIRE_SERVICES_INGEST_FINGERPRINT_NEAR_DUPLICATE_INDEX_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

class NearDuplicateIndex {
 public:
  struct Options {
    // Only entries whose story time is within `window` of the query's match.
    absl::Duration window = absl::Hours(7 * 24);
    // At most this many entries (below 2^24 - 2); the oldest leave first.
    size_t max_entries = 1'000'000;
    // Texts with fewer canonical words are not near-duplicate candidates.
    int min_words = 30;
    // LSH banding: `bands` bands of `rows` MinHash bins (bands * rows <=
    // kMinHashBins, rows <= 4).
    int bands = 42;
    int rows = 3;
    // Decision thresholds (see above).
    double min_resemblance = 0.25;
    double min_containment = 0.8;
    // A band bucket holds at most this many entries; more texts with the
    // same band values (boilerplate-only items) are found through their
    // other bands.
    int max_bucket_entries = 64;
    // FindRelated: a query holding at least this share of an entry's
    // shingles (with min_resemblance) contains it; > 1 turns that off.
    double min_earlier_contained = 0.8;
  };

  enum class Relation {
    kCopy,             // the query is (mostly) inside the match: a near duplicate
    kContainsEarlier,  // the match is (mostly) inside the query, which adds text
  };

  struct Match {
    std::string id;
    // Estimated Jaccard resemblance of the two shingle sets, 0..1.
    double resemblance = 0;
    // Estimated share of the query's shingles that the match holds, 0..1.
    double containment = 0;
    // Estimated share of the match's shingles that the query holds, 0..1.
    double earlier_contained = 0;
    // What FindRelated found (FindNearest and Candidates: kCopy).
    Relation relation = Relation::kCopy;
    // MinHash bins that agree (of kMinHashBins).
    int equal_bins = 0;
    absl::Time story_time;
  };

  // InvalidArgument when the options are out of range.
  static absl::StatusOr<std::unique_ptr<NearDuplicateIndex>> Create(const Options& options);
  ~NearDuplicateIndex();

  NearDuplicateIndex(const NearDuplicateIndex&) = delete;
  NearDuplicateIndex& operator=(const NearDuplicateIndex&) = delete;

  const Options& options() const { return options_; }

  // True when `fingerprints` can be indexed and looked up: a full MinHash
  // signature and at least min_words canonical words.
  bool IsCandidate(const v1::Fingerprints& fingerprints) const;

  // Indexes a story. False (and nothing indexed) when it is no candidate or
  // its story time is below the watermark. Adding an id again indexes
  // another text for it (a new version); matches name the id.
  bool Add(absl::string_view id, const v1::Fingerprints& fingerprints, absl::Time story_time)
      ABSL_LOCKS_EXCLUDED(mu_);

  // The best entry that `fingerprints` is a near duplicate of, if any.
  std::optional<Match> FindNearest(const v1::Fingerprints& fingerprints,
                                   absl::Time story_time) const ABSL_LOCKS_EXCLUDED(mu_);

  // The best entry `fingerprints` is a near duplicate of (relation kCopy);
  // else the best entry it contains (kContainsEarlier); else nothing. Best:
  // the order of Candidates. The same cost as FindNearest, plus the ranked
  // candidates past the first when only a contained one matches.
  std::optional<Match> FindRelated(const v1::Fingerprints& fingerprints,
                                   absl::Time story_time) const ABSL_LOCKS_EXCLUDED(mu_);

  // Every LSH candidate within the window with its estimates, matching or
  // not, best first (for tools and tests).
  std::vector<Match> Candidates(const v1::Fingerprints& fingerprints, absl::Time story_time) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // True when `match` passes the decision thresholds.
  bool IsNearDuplicate(const Match& match) const;
  // True when the query of `match` contains it (FindRelated's second rule).
  bool ContainsEarlier(const Match& match) const;

  // Removes entries with story time before `before`, and refuses them from
  // now on. A `before` under the current watermark does nothing.
  void Expire(absl::Time before) ABSL_LOCKS_EXCLUDED(mu_);

  // Lookups (FindNearest, FindRelated and Candidates calls on candidate texts) and the
  // LSH candidates they met (entries sharing a band, before the window and
  // the resemblance bar), since creation: their ratio is the search's cost
  // per lookup, which text shared by many stories drives up.
  struct LookupCounts {
    uint64_t lookups = 0;
    uint64_t candidates = 0;
  };
  LookupCounts lookup_counts() const;

  absl::Time watermark() const ABSL_LOCKS_EXCLUDED(mu_);
  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);
  // Heap bytes held (entries, signatures, band tables, expiry order).
  size_t MemoryBytes() const ABSL_LOCKS_EXCLUDED(mu_);
  // MemoryBytes() / size(); 0 when empty.
  double BytesPerEntry() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // Calls take(Match match, const std::string& id) for each candidate with
  // at least `min_equal_bins` equal bins, best first (the order Candidates
  // returns), under the lock, until it returns false; `match` comes without
  // its id.
  template <typename Take>
  void VisitRanked(const v1::Fingerprints& fingerprints, absl::Time story_time,
                   int min_equal_bins, Take&& take) const ABSL_LOCKS_EXCLUDED(mu_);

  struct State;
  explicit NearDuplicateIndex(const Options& options);

  const Options options_;
  // Fewest equal bins whose resemblance reaches options_.min_resemblance.
  int min_equal_bins_ = 0;
  mutable std::atomic<uint64_t> lookups_{0};
  mutable std::atomic<uint64_t> candidates_{0};
  mutable absl::Mutex mu_;
  std::unique_ptr<State> state_ ABSL_GUARDED_BY(mu_);
};

// What the index needs of one story, as a compact record for the store.
struct IndexEntry {
  std::string id;
  v1::Fingerprints fingerprints;  // minhash and canonical_words only
  absl::Time story_time;
};

std::string SerializeIndexEntry(absl::string_view id, const v1::Fingerprints& fingerprints,
                                absl::Time story_time);
// InvalidArgument for bytes SerializeIndexEntry did not write.
absl::StatusOr<IndexEntry> ParseIndexEntry(absl::string_view bytes);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_FINGERPRINT_NEAR_DUPLICATE_INDEX_H_
