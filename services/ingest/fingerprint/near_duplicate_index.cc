#include "services/ingest/fingerprint/near_duplicate_index.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <new>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire {
namespace {

using Signature = std::array<uint16_t, kMinHashBins>;

// Puts blocks of 4 MiB and more on 2 MiB boundaries and asks the kernel for
// transparent huge pages there. A search reads a few hundred signatures and
// band slots spread over hundreds of megabytes: with 4 KiB pages nearly
// every one of those reads also missed the TLB.
template <typename T>
struct HugePageAllocator {
  static constexpr size_t kHugePage = size_t{2} << 20;
  static constexpr size_t kFromBytes = size_t{4} << 20;
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kFromBytes) return static_cast<T*>(::operator new(bytes));
    void* block = nullptr;
    if (posix_memalign(&block, kHugePage, bytes) != 0) throw std::bad_alloc();
    // Advice only: where the kernel has no huge pages, nothing changes.
    madvise(block, bytes / kHugePage * kHugePage, MADV_HUGEPAGE);
    return static_cast<T*>(block);
  }
  void deallocate(T* block, size_t n) {
    if (n * sizeof(T) < kFromBytes) {
      ::operator delete(block);
    } else {
      std::free(block);
    }
  }
  bool operator==(const HugePageAllocator&) const { return true; }
  bool operator!=(const HugePageAllocator&) const { return false; }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

// Band table slots: entry index (24 bits) and a tag (8 bits of the band
// key's hash), or one of two markers that no entry index below
// kMaxEntrySlots can produce.
constexpr uint32_t kEmptySlot = 0xFFFFFFFF;
constexpr uint32_t kTombstone = 0xFFFFFFFE;
constexpr size_t kMaxEntrySlots = (size_t{1} << 24) - 2;
constexpr size_t kMinTableSlots = 64;
constexpr int kMaxBands = 64;  // Entry::bands is a 64-bit mask
constexpr int kMaxRows = 4;    // a band's 16-bit values pack into 64 bits
constexpr uint64_t kAllBands = ~uint64_t{0};

// Orders entries for eviction and ranking: story time, then add order.
struct Age {
  int64_t time_us;
  uint64_t seq;
  bool operator<(const Age& other) const {
    return std::tie(time_us, seq) < std::tie(other.time_us, other.seq);
  }
};

// One band's buckets: an open-addressing multimap from the band key's hash
// to entry indices, linear probing, tombstones for removals, rebuilt at half
// load when live + tombstone slots pass its fill limit (between 5/8 and 3/4,
// see SetFillLimit). A bucket (one full hash) is the set of tag-equal slots
// in a probe run whose entries hash alike.
class BandTable {
 public:
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash & 0xFF); }
  static uint32_t Encode(uint32_t entry, uint64_t hash) { return entry << 8 | Tag(hash); }
  static uint32_t EntryOf(uint32_t slot) { return slot >> 8; }

  size_t Home(uint64_t hash) const {
    return static_cast<size_t>(((hash >> 32) * static_cast<uint64_t>(slots_.size())) >> 32);
  }

  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(hash)]);
  }

  // Calls f(entry) for every slot of the probe run whose tag matches.
  template <typename F>
  void ForEachTagged(uint64_t hash, F&& f) const {
    if (slots_.empty()) return;
    const uint32_t tag = Tag(hash);
    for (size_t i = Home(hash);; i = Next(i)) {
      const uint32_t slot = slots_[i];
      if (slot == kEmptySlot) return;
      if (slot != kTombstone && (slot & 0xFF) == tag) f(EntryOf(slot));
    }
  }

  // Inserts without checks; the table must have room.
  void InsertRaw(uint64_t hash, uint32_t entry) {
    size_t i = Home(hash);
    while (slots_[i] != kEmptySlot && slots_[i] != kTombstone) i = Next(i);
    if (slots_[i] == kTombstone) --tombstones_;
    slots_[i] = Encode(entry, hash);
    ++live_;
  }

  // Replaces `old_entry`'s slot in the bucket of `hash` with `new_entry`.
  void Replace(uint64_t hash, uint32_t old_entry, uint32_t new_entry) {
    for (size_t i = Home(hash);; i = Next(i)) {
      if (slots_[i] == Encode(old_entry, hash)) {
        slots_[i] = Encode(new_entry, hash);
        return;
      }
      if (slots_[i] == kEmptySlot) return;
    }
  }

  void Remove(uint64_t hash, uint32_t entry) {
    if (slots_.empty()) return;
    for (size_t i = Home(hash);; i = Next(i)) {
      if (slots_[i] == Encode(entry, hash)) {
        slots_[i] = kTombstone;
        --live_;
        ++tombstones_;
        return;
      }
      if (slots_[i] == kEmptySlot) return;
    }
  }

  bool NeedsRoom() const { return 64 * (live_ + tombstones_ + 1) > fill_limit_ * slots_.size(); }

  // Rebuild past `sixty_fourths` / 64 of the slots in use (40..48).
  void SetFillLimit(size_t sixty_fourths) { fill_limit_ = sixty_fourths; }
  size_t live() const { return live_; }

  // Empties the table and sizes it for `expected` live slots at half load.
  void Reset(size_t expected) {
    slots_.assign(std::max(kMinTableSlots, 2 * expected), kEmptySlot);
    live_ = 0;
    tombstones_ = 0;
  }

  size_t MemoryBytes() const { return slots_.capacity() * sizeof(uint32_t); }

 private:
  size_t Next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }

  HugeVector<uint32_t> slots_;
  size_t live_ = 0;
  size_t tombstones_ = 0;
  size_t fill_limit_ = 48;
};

struct HeapNode {
  Age age;
  uint32_t entry;
  // std::push_heap builds a max-heap; invert for the oldest on top.
  bool operator<(const HeapNode& other) const { return other.age < age; }
};

int64_t ToMicros(absl::Time time) { return absl::ToUnixMicros(time); }

void AppendVarint(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool ReadVarint(absl::string_view& in, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    const uint8_t byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    v |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

constexpr char kEntryFormat = 0x01;

}  // namespace

struct NearDuplicateIndex::State {
  struct Entry {
    std::string id;
    Age age{0, 0};
    uint64_t bands = 0;  // bit b: the entry is in band table b
    int32_t words = -1;  // < 0: free slot
  };

  explicit State(const Options& options)
      : options(options), window_us(absl::ToInt64Microseconds(options.window)),
        tables(static_cast<size_t>(options.bands)) {
    // Fill limits spread over 5/8..3/4 rather than 3/4 for all: probe runs
    // (tombstones count in them) are shorter, and as every band gains and
    // loses a slot with each story added and evicted, each band now has its
    // own rebuild cycle instead of all being rebuilt within a few stories.
    // dedup_benchmark at 500,000 entries: lookups 6.97 -> 6.54 us, lookup
    // and add 33.6 -> 30.5 us; a restart's rebuild 7% slower.
    for (size_t b = 0; b < tables.size(); ++b) {
      tables[b].SetFillLimit(40 + 8 * b / tables.size());
      tables[b].Reset(0);
    }
  }

  const Signature& SignatureOf(uint32_t entry) const { return signatures[entry]; }

  uint64_t BandHash(int band, const Signature& signature) const {
    uint64_t packed = 0;
    const size_t first = static_cast<size_t>(band * options.rows);
    for (size_t r = 0; r < static_cast<size_t>(options.rows); ++r) {
      packed = packed << 16 | signature[first + r];
    }
    return Mix64(packed ^ (static_cast<uint64_t>(band + 1) * 0x9E3779B97F4A7C15ULL));
  }

  bool SameBand(int band, const Signature& a, const Signature& b) const {
    const size_t first = static_cast<size_t>(band * options.rows);
    for (size_t r = first; r < first + static_cast<size_t>(options.rows); ++r) {
      if (a[r] != b[r]) return false;
    }
    return true;
  }

  // The key hash of each band in `bands` (bit b: band b) for `signature`,
  // with its table slot fetched ahead; the others are left 0.
  std::array<uint64_t, kMaxBands> PrefetchedBandHashes(const Signature& signature,
                                                       uint64_t bands) const {
    std::array<uint64_t, kMaxBands> hashes{};
    for (int b = 0; b < options.bands; ++b) {
      if ((bands & (uint64_t{1} << b)) == 0) continue;
      hashes[static_cast<size_t>(b)] = BandHash(b, signature);
      tables[static_cast<size_t>(b)].Prefetch(hashes[static_cast<size_t>(b)]);
    }
    return hashes;
  }

  void PrefetchSignature(uint32_t entry) const {
    const char* bytes = reinterpret_cast<const char*>(&signatures[entry]);
    for (size_t offset = 0; offset < sizeof(Signature); offset += 64) {
      __builtin_prefetch(bytes + offset);
    }
  }

  // Calls f(entry, equal_bins) once for each entry sharing a band with
  // `signature`, in entry order; returns how many. Tags only narrow the
  // search: an entry counts when its band values equal the query's, so the
  // set never depends on the table layout. With text shared by many stories
  // a search meets hundreds of entries, each a few cache misses away: the
  // slots are gathered first so that signatures can be fetched ahead.
  template <typename F>
  size_t ForEachCandidate(const Signature& signature, F&& f) const {
    const std::array<uint64_t, kMaxBands> hashes = PrefetchedBandHashes(signature, kAllBands);
    // (entry, band) of each slot whose tag matches, sorted: an entry met
    // through several bands is one run.
    std::vector<uint64_t> tagged;
    for (int b = 0; b < options.bands; ++b) {
      tables[static_cast<size_t>(b)].ForEachTagged(
          hashes[static_cast<size_t>(b)],
          [&](uint32_t entry) { tagged.push_back(uint64_t{entry} << 8 | static_cast<uint64_t>(b)); });
    }
    std::sort(tagged.begin(), tagged.end());
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < std::min(kAhead, tagged.size()); ++i) {
      PrefetchSignature(static_cast<uint32_t>(tagged[i] >> 8));
    }
    size_t met = 0;
    for (size_t i = 0; i < tagged.size();) {
      const uint32_t entry = static_cast<uint32_t>(tagged[i] >> 8);
      const Signature& other = SignatureOf(entry);
      bool shares_a_band = false;
      for (; i < tagged.size() && static_cast<uint32_t>(tagged[i] >> 8) == entry; ++i) {
        if (i + kAhead < tagged.size()) PrefetchSignature(static_cast<uint32_t>(tagged[i + kAhead] >> 8));
        shares_a_band = shares_a_band || SameBand(static_cast<int>(tagged[i] & 0xFF), signature, other);
      }
      if (!shares_a_band) continue;
      ++met;
      int equal = 0;
      for (size_t r = 0; r < signature.size(); ++r) equal += signature[r] == other[r] ? 1 : 0;
      f(entry, equal);
    }
    return met;
  }

  void MakeRoom(int band) {
    BandTable& table = tables[static_cast<size_t>(band)];
    if (!table.NeedsRoom()) return;
    // Rebuilt from the entries in slot order: sequential reads, and the
    // same set of (entry, band) pairs as before.
    table.Reset(table.live() + 1);
    const uint64_t bit = uint64_t{1} << band;
    // Each insert lands on a random slot of the new table: their slots are
    // fetched kAhead inserts ahead (the same inserts in the same order, so
    // the same table), or each one waits for memory.
    constexpr size_t kAhead = 16;
    std::array<std::pair<uint64_t, uint32_t>, kAhead> pending;
    size_t count = 0;
    for (uint32_t e = 0; e < entries.size(); ++e) {
      if (entries[e].words < 0 || (entries[e].bands & bit) == 0) continue;
      const uint64_t hash = BandHash(band, SignatureOf(e));
      table.Prefetch(hash);
      std::pair<uint64_t, uint32_t>& slot = pending[count++ % kAhead];
      if (count > kAhead) table.InsertRaw(slot.first, slot.second);
      slot = {hash, e};
    }
    for (size_t i = count > kAhead ? count - kAhead : 0; i < count; ++i) {
      table.InsertRaw(pending[i % kAhead].first, pending[i % kAhead].second);
    }
  }

  // Puts `entry` in band `band`'s bucket (`hash`, its band key's hash),
  // which keeps its newest max_bucket_entries entries (a rule that depends
  // only on which entries are live, so a rebuilt index has the same buckets).
  void InsertInBand(int band, uint32_t entry, uint64_t hash) {
    MakeRoom(band);
    BandTable& table = tables[static_cast<size_t>(band)];
    int in_bucket = 0;
    const Signature& signature = SignatureOf(entry);
    table.ForEachTagged(hash, [&](uint32_t other) {
      if (SameBand(band, signature, SignatureOf(other))) ++in_bucket;
    });
    const uint64_t bit = uint64_t{1} << band;
    if (in_bucket < options.max_bucket_entries) {
      table.InsertRaw(hash, entry);
      entries[entry].bands |= bit;
      return;
    }
    // A full bucket (rare): only now read the members' ages.
    std::optional<uint32_t> oldest;
    table.ForEachTagged(hash, [&](uint32_t other) {
      if (!SameBand(band, signature, SignatureOf(other))) return;
      if (!oldest.has_value() || entries[other].age < entries[*oldest].age) oldest = other;
    });
    if (entries[*oldest].age < entries[entry].age) {
      table.Replace(hash, *oldest, entry);
      entries[*oldest].bands &= ~bit;
      entries[entry].bands |= bit;
    }
  }

  void RemoveEntry(uint32_t entry) {
    Entry& e = entries[entry];
    const std::array<uint64_t, kMaxBands> hashes = PrefetchedBandHashes(SignatureOf(entry), e.bands);
    for (int b = 0; b < options.bands; ++b) {
      if ((e.bands & (uint64_t{1} << b)) == 0) continue;
      tables[static_cast<size_t>(b)].Remove(hashes[static_cast<size_t>(b)], entry);
    }
    id_heap_bytes -= IdHeapBytes(e.id);
    e.id.clear();
    e.bands = 0;
    e.words = -1;
    free_entries.push_back(entry);
    --live;
  }

  void PopOldest() {
    std::pop_heap(heap.begin(), heap.end());
    const uint32_t entry = heap.back().entry;
    heap.pop_back();
    RemoveEntry(entry);
  }

  static size_t IdHeapBytes(const std::string& id) {
    // Beyond the small-string buffer, std::string allocates capacity + 1.
    return id.capacity() > 15 ? id.capacity() + 1 : 0;
  }

  const Options options;
  const int64_t window_us;
  HugeVector<Entry> entries;
  HugeVector<Signature> signatures;
  std::vector<uint32_t> free_entries;
  std::vector<BandTable> tables;
  HugeVector<HeapNode> heap;  // every live entry, oldest on top
  size_t live = 0;
  size_t id_heap_bytes = 0;
  uint64_t next_seq = 0;
  int64_t watermark_us = std::numeric_limits<int64_t>::min();
};

absl::StatusOr<std::unique_ptr<NearDuplicateIndex>> NearDuplicateIndex::Create(
    const Options& options) {
  if (options.window <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("near-duplicate index: window must be positive");
  }
  if (options.max_entries < 1 || options.max_entries > kMaxEntrySlots) {
    return absl::InvalidArgumentError(
        absl::StrCat("near-duplicate index: max_entries must be in [1, ", kMaxEntrySlots, "]"));
  }
  if (options.min_words < 1) {
    return absl::InvalidArgumentError("near-duplicate index: min_words must be at least 1");
  }
  if (options.rows < 1 || options.rows > kMaxRows || options.bands < 1 ||
      options.bands > kMaxBands || options.bands * options.rows > kMinHashBins) {
    return absl::InvalidArgumentError(absl::StrCat(
        "near-duplicate index: need 1 <= rows <= ", kMaxRows, ", 1 <= bands <= ", kMaxBands,
        ", bands * rows <= ", kMinHashBins));
  }
  if (!(options.min_resemblance >= 0 && options.min_resemblance <= 1) ||
      !(options.min_containment >= 0 && options.min_containment <= 1) ||
      !(options.min_earlier_contained >= 0)) {
    return absl::InvalidArgumentError("near-duplicate index: thresholds must be in [0, 1] (min_earlier_contained: above 1 turns it off)");
  }
  if (options.max_bucket_entries < 1) {
    return absl::InvalidArgumentError(
        "near-duplicate index: max_bucket_entries must be at least 1");
  }
  return std::unique_ptr<NearDuplicateIndex>(new NearDuplicateIndex(options));
}

NearDuplicateIndex::NearDuplicateIndex(const Options& options)
    : options_(options), state_(std::make_unique<State>(options)) {
  // The same division as a match's resemblance, so the bar agrees with
  // IsNearDuplicate exactly.
  while (min_equal_bins_ <= kMinHashBins &&
         static_cast<double>(min_equal_bins_) / kMinHashBins < options_.min_resemblance) {
    ++min_equal_bins_;
  }
}

NearDuplicateIndex::~NearDuplicateIndex() = default;

bool NearDuplicateIndex::IsCandidate(const v1::Fingerprints& fingerprints) const {
  return fingerprints.minhash_size() == kMinHashBins &&
         fingerprints.canonical_words() >= options_.min_words;
}

bool NearDuplicateIndex::IsNearDuplicate(const Match& match) const {
  return match.resemblance >= options_.min_resemblance &&
         match.containment >= options_.min_containment;
}

bool NearDuplicateIndex::ContainsEarlier(const Match& match) const {
  return match.resemblance >= options_.min_resemblance &&
         match.earlier_contained >= options_.min_earlier_contained;
}

bool NearDuplicateIndex::Add(absl::string_view id, const v1::Fingerprints& fingerprints,
                             absl::Time story_time) {
  if (!IsCandidate(fingerprints)) return false;
  const int64_t time_us = ToMicros(story_time);
  absl::MutexLock lock(&mu_);
  State& s = *state_;
  if (time_us < s.watermark_us) return false;

  uint32_t entry;
  if (!s.free_entries.empty()) {
    entry = s.free_entries.back();
    s.free_entries.pop_back();
  } else {
    entry = static_cast<uint32_t>(s.entries.size());
    s.entries.emplace_back();
    s.signatures.emplace_back();
  }
  State::Entry& e = s.entries[entry];
  e.id.assign(id.data(), id.size());
  s.id_heap_bytes += State::IdHeapBytes(e.id);
  e.age = Age{time_us, s.next_seq++};
  e.words = fingerprints.canonical_words();
  e.bands = 0;
  Signature& signature = s.signatures[entry];
  for (size_t i = 0; i < signature.size(); ++i) {
    signature[i] = static_cast<uint16_t>(fingerprints.minhash(static_cast<int>(i)));
  }
  ++s.live;
  const std::array<uint64_t, kMaxBands> hashes = s.PrefetchedBandHashes(signature, kAllBands);
  for (int b = 0; b < options_.bands; ++b) s.InsertInBand(b, entry, hashes[static_cast<size_t>(b)]);
  s.heap.push_back(HeapNode{e.age, entry});
  std::push_heap(s.heap.begin(), s.heap.end());
  if (s.live > options_.max_entries) s.PopOldest();
  return s.entries[entry].words >= 0;  // false when it was the oldest and left at once
}

template <typename Take>
void NearDuplicateIndex::VisitRanked(const v1::Fingerprints& fingerprints, absl::Time story_time,
                                     int min_equal_bins, Take&& take) const {
  if (!IsCandidate(fingerprints)) return;
  Signature query;
  for (size_t i = 0; i < query.size(); ++i) {
    query[i] = static_cast<uint16_t>(fingerprints.minhash(static_cast<int>(i)));
  }
  const int64_t time_us = ToMicros(story_time);
  const double query_shingles =
      std::max(1, fingerprints.canonical_words() - (kShingleWords - 1));

  absl::ReaderMutexLock lock(&mu_);
  const State& s = *state_;
  // Ids are referred to, not copied: only the taken matches copy theirs.
  struct Ranked {
    Age age;
    const std::string* id;
    Match match;  // without its id
  };
  std::vector<Ranked> ranked;
  const size_t met = s.ForEachCandidate(query, [&](uint32_t entry, int equal) {
    // Ranked by equal bins first: those below the bar would all come after
    // the rest, so leaving them out changes nothing that take() sees first.
    if (equal < min_equal_bins) return;
    const State::Entry& e = s.entries[entry];
    if (e.words < 0) return;
    // Unsigned differences of two's-complement values cannot overflow.
    const uint64_t distance =
        e.age.time_us > time_us
            ? static_cast<uint64_t>(e.age.time_us) - static_cast<uint64_t>(time_us)
            : static_cast<uint64_t>(time_us) - static_cast<uint64_t>(e.age.time_us);
    if (distance > static_cast<uint64_t>(s.window_us)) return;
    Match match;
    match.equal_bins = equal;
    match.resemblance = static_cast<double>(equal) / kMinHashBins;
    const double entry_shingles = std::max(1, e.words - (kShingleWords - 1));
    // |Q n E| = J |Q u E| = J (|Q| + |E|) / (1 + J)
    const double shared = match.resemblance * (query_shingles + entry_shingles) /
                          (1 + match.resemblance);
    match.containment = std::min(1.0, shared / query_shingles);
    match.earlier_contained = std::min(1.0, shared / entry_shingles);
    match.story_time = absl::FromUnixMicros(e.age.time_us);
    ranked.push_back({e.age, &e.id, std::move(match)});
  });
  lookups_.fetch_add(1, std::memory_order_relaxed);
  candidates_.fetch_add(met, std::memory_order_relaxed);
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.match.equal_bins != b.match.equal_bins) return a.match.equal_bins > b.match.equal_bins;
    if (a.age.time_us != b.age.time_us) return a.age.time_us < b.age.time_us;
    if (*a.id != *b.id) return *a.id < *b.id;
    return a.age.seq < b.age.seq;
  });
  for (Ranked& r : ranked) {
    if (!take(std::move(r.match), *r.id)) return;
  }
}

std::vector<NearDuplicateIndex::Match> NearDuplicateIndex::Candidates(
    const v1::Fingerprints& fingerprints, absl::Time story_time) const {
  std::vector<Match> matches;
  VisitRanked(fingerprints, story_time, /*min_equal_bins=*/0, [&](Match match, const std::string& id) {
    match.id = id;
    matches.push_back(std::move(match));
    return true;
  });
  return matches;
}

std::optional<NearDuplicateIndex::Match> NearDuplicateIndex::FindNearest(
    const v1::Fingerprints& fingerprints, absl::Time story_time) const {
  std::optional<Match> nearest;
  // Candidates below min_resemblance can never match: with many candidates
  // (text that shares a paragraph with thousands of stories) ranking them
  // was most of the lookup.
  VisitRanked(fingerprints, story_time, min_equal_bins_, [&](Match match, const std::string& id) {
    if (!IsNearDuplicate(match)) return true;
    match.id = id;
    nearest = std::move(match);
    return false;
  });
  return nearest;
}

std::optional<NearDuplicateIndex::Match> NearDuplicateIndex::FindRelated(
    const v1::Fingerprints& fingerprints, absl::Time story_time) const {
  std::optional<Match> copy_of;
  std::optional<Match> contained;
  VisitRanked(fingerprints, story_time, min_equal_bins_, [&](Match match, const std::string& id) {
    if (IsNearDuplicate(match)) {
      match.id = id;
      copy_of = std::move(match);
      return false;
    }
    // The best contained entry is kept, but a copy ranked lower still wins:
    // a text that adds nothing to some earlier story is a duplicate.
    if (!contained.has_value() && ContainsEarlier(match)) {
      match.id = id;
      match.relation = Relation::kContainsEarlier;
      contained = std::move(match);
    }
    return true;
  });
  return copy_of.has_value() ? copy_of : contained;
}

void NearDuplicateIndex::Expire(absl::Time before) {
  const int64_t before_us = ToMicros(before);
  absl::MutexLock lock(&mu_);
  State& s = *state_;
  if (before_us <= s.watermark_us) return;
  s.watermark_us = before_us;
  while (!s.heap.empty() && s.heap.front().age.time_us < before_us) s.PopOldest();
}

NearDuplicateIndex::LookupCounts NearDuplicateIndex::lookup_counts() const {
  return {lookups_.load(std::memory_order_relaxed), candidates_.load(std::memory_order_relaxed)};
}

absl::Time NearDuplicateIndex::watermark() const {
  absl::ReaderMutexLock lock(&mu_);
  return state_->watermark_us == std::numeric_limits<int64_t>::min()
             ? absl::InfinitePast()
             : absl::FromUnixMicros(state_->watermark_us);
}

size_t NearDuplicateIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return state_->live;
}

size_t NearDuplicateIndex::MemoryBytes() const {
  absl::ReaderMutexLock lock(&mu_);
  const State& s = *state_;
  size_t bytes = s.entries.capacity() * sizeof(State::Entry) + s.id_heap_bytes +
                 s.signatures.capacity() * sizeof(Signature) +
                 s.free_entries.capacity() * sizeof(uint32_t) +
                 s.heap.capacity() * sizeof(HeapNode) + s.tables.capacity() * sizeof(BandTable);
  for (const BandTable& table : s.tables) bytes += table.MemoryBytes();
  return bytes;
}

double NearDuplicateIndex::BytesPerEntry() const {
  const size_t entries = size();
  return entries == 0 ? 0 : static_cast<double>(MemoryBytes()) / static_cast<double>(entries);
}

std::string SerializeIndexEntry(absl::string_view id, const v1::Fingerprints& fingerprints,
                                absl::Time story_time) {
  std::string out;
  out.reserve(16 + 2 * static_cast<size_t>(fingerprints.minhash_size()) + id.size());
  out.push_back(kEntryFormat);
  const int64_t time_us = ToMicros(story_time);
  AppendVarint((static_cast<uint64_t>(time_us) << 1) ^ static_cast<uint64_t>(time_us >> 63), out);
  AppendVarint(static_cast<uint64_t>(std::max(0, fingerprints.canonical_words())), out);
  AppendVarint(static_cast<uint64_t>(fingerprints.minhash_size()), out);
  for (uint32_t value : fingerprints.minhash()) {
    out.push_back(static_cast<char>(value & 0xFF));
    out.push_back(static_cast<char>((value >> 8) & 0xFF));
  }
  out.append(id.data(), id.size());
  return out;
}

absl::StatusOr<IndexEntry> ParseIndexEntry(absl::string_view bytes) {
  const auto invalid = [](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("near-duplicate index entry: ", why));
  };
  if (bytes.empty() || bytes.front() != kEntryFormat) return invalid("unknown format");
  bytes.remove_prefix(1);
  uint64_t zigzag = 0, words = 0, bins = 0;
  if (!ReadVarint(bytes, zigzag) || !ReadVarint(bytes, words) || !ReadVarint(bytes, bins)) {
    return invalid("truncated header");
  }
  if (words > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    return invalid("word count out of range");
  }
  if (bins > static_cast<uint64_t>(kMinHashBins) || bytes.size() < 2 * bins) {
    return invalid("truncated signature");
  }
  IndexEntry entry;
  const int64_t time_us = static_cast<int64_t>(zigzag >> 1) ^ -static_cast<int64_t>(zigzag & 1);
  entry.story_time = absl::FromUnixMicros(time_us);
  entry.fingerprints.set_canonical_words(static_cast<int32_t>(words));
  for (uint64_t i = 0; i < bins; ++i) {
    entry.fingerprints.add_minhash(static_cast<uint32_t>(static_cast<uint8_t>(bytes[0])) |
                                   static_cast<uint32_t>(static_cast<uint8_t>(bytes[1])) << 8);
    bytes.remove_prefix(2);
  }
  entry.id = std::string(bytes);
  return entry;
}

}  // namespace newswire
