// Fingerprint and near-duplicate index benchmarks (Google Benchmark).
//
//   bazel run -c opt //tests/dedup:dedup_benchmark -- --benchmark_counters_tabular=true
//   (NEWSWIRE_CORPUS=/work/shared/corpus: Compute runs on the BBC stories;
//   without it, on synthetic stories)
//
// The index benchmarks share one index of kIndexed stories (one million):
// synthetic texts of 150 to 600 words drawn from a Zipf(1) vocabulary of
// 50,000 words (seeded), spread over seven days of story time, so that
// every lookup scans a full window. Lookups are half edited copies of
// indexed texts (hits) and half fresh texts (misses).
//
// The */shared benchmarks do the same with stories built like
// `wirectl bench` builds its own: 5 to 20 paragraphs drawn from one pool
// of 1,000 (40 Zipf words each), so that every paragraph is in hundreds of
// stories and each lookup meets a hundred or more index entries (the
// counter `candidates`): the index's worst case, text shared by many.
#include <algorithm>
#include <filesystem>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "services/ingest/fingerprint/canonical_text.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "tests/corpus/corpus_files.h"
#include "tests/dedup/bbc_corpus.h"

namespace newswire::dedup {
namespace {

// DEDUP_BENCH_STORIES=100000 for a quicker run.
const size_t kIndexed = [] {
  const char* stories = std::getenv("DEDUP_BENCH_STORIES");
  return stories != nullptr && std::atol(stories) > 0 ? static_cast<size_t>(std::atol(stories))
                                                      : size_t{1'000'000};
}();
constexpr size_t kQueries = 4096;
const absl::Time kStart = absl::FromUnixSeconds(1'700'000'000);

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Words with Zipf(1) frequencies: "the" often, most words rarely.
class ZipfWords {
 public:
  explicit ZipfWords(size_t vocabulary) {
    double total = 0;
    for (size_t rank = 1; rank <= vocabulary; ++rank) {
      total += 1.0 / static_cast<double>(rank);
      cdf_.push_back(total);
    }
    for (double& c : cdf_) c /= total;
    for (size_t i = 0; i < vocabulary; ++i) words_.push_back(absl::StrCat("w", i));
  }
  const std::string& Draw(uint64_t& state) const {
    const double u = static_cast<double>(SplitMix(state) >> 11) * 0x1.0p-53;
    const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
    const size_t i = static_cast<size_t>(it - cdf_.begin());
    return words_[std::min(i, words_.size() - 1)];
  }

 private:
  std::vector<double> cdf_;
  std::vector<std::string> words_;
};

const ZipfWords& Vocabulary() {
  static const auto* words = new ZipfWords(50'000);
  return *words;
}

std::vector<std::string> RandomText(uint64_t seed) {
  uint64_t state = seed;
  const size_t length = 150 + SplitMix(state) % 451;
  std::vector<std::string> words;
  words.reserve(length);
  for (size_t i = 0; i < length; ++i) words.push_back(Vocabulary().Draw(state));
  return words;
}

v1::Story StoryOf(const std::vector<std::string>& words) {
  v1::Story story;
  story.set_headline("Synthetic story");
  std::string paragraph;
  for (size_t i = 0; i < words.size(); ++i) {
    absl::StrAppend(&paragraph, paragraph.empty() ? "" : " ", words[i]);
    if (i % 40 == 39 || i + 1 == words.size()) {
      story.add_paragraphs(paragraph + ".");
      paragraph.clear();
    }
  }
  return story;
}

constexpr size_t kParagraphPool = 1'000;

// A story of 5 to 20 paragraphs from the shared pool.
std::vector<std::string> SharedParagraphText(uint64_t seed) {
  static const auto* pool = [] {
    auto* out = new std::vector<std::vector<std::string>>();
    uint64_t state = 7;
    for (size_t p = 0; p < kParagraphPool; ++p) {
      std::vector<std::string> words;
      for (size_t i = 0; i < 40; ++i) words.push_back(Vocabulary().Draw(state));
      out->push_back(std::move(words));
    }
    return out;
  }();
  uint64_t state = seed;
  const size_t count = 5 + SplitMix(state) % 16;
  std::vector<std::string> words;
  for (size_t p = 0; p < count; ++p) {
    const std::vector<std::string>& paragraph = (*pool)[SplitMix(state) % pool->size()];
    words.insert(words.end(), paragraph.begin(), paragraph.end());
  }
  return words;
}

enum class Texts { kDistinct, kShared };

std::vector<std::string> TextOf(Texts texts, uint64_t seed) {
  return texts == Texts::kDistinct ? RandomText(seed) : SharedParagraphText(seed);
}

// An edited copy: words swapped every ~60 words, the last tenth cut.
std::vector<std::string> EditedCopy(std::vector<std::string> words, uint64_t seed) {
  uint64_t state = seed;
  for (size_t i = SplitMix(state) % 60; i < words.size(); i += 60) words[i] = "edited";
  words.resize(words.size() * 9 / 10);
  return words;
}

absl::Time TimeOf(size_t i) {
  return kStart + absl::Seconds(static_cast<int64_t>(i * (7 * 24 * 3600) / kIndexed));
}

// Compact entries of the indexed stories, as the store would keep them.
std::vector<std::string> MakeIndexedEntries(Texts texts) {
  std::vector<std::string> out;
  out.reserve(kIndexed);
  for (size_t i = 0; i < kIndexed; ++i) {
    out.push_back(SerializeIndexEntry(absl::StrCat("url:https://news.example.com/", i),
                                      ComputeFingerprints(StoryOf(TextOf(texts, i + 1))),
                                      TimeOf(i)));
  }
  return out;
}

// make(texts), made once for each kind of text on first use (each call
// site, a lambda type of its own, keeps its own two).
template <typename Make>
auto& OncePerTexts(Texts texts, Make make) {
  using T = decltype(make(texts));
  static T* made[2] = {nullptr, nullptr};
  T*& slot = made[texts == Texts::kDistinct ? 0 : 1];
  if (slot == nullptr) slot = new T(make(texts));
  return *slot;
}

const std::vector<std::string>& IndexedEntries(Texts texts) {
  return OncePerTexts(texts, [](Texts t) { return MakeIndexedEntries(t); });
}

std::unique_ptr<NearDuplicateIndex> BuildIndex(const std::vector<std::string>& entries) {
  NearDuplicateIndex::Options options;
  options.max_entries = kIndexed;
  std::unique_ptr<NearDuplicateIndex> index = *NearDuplicateIndex::Create(options);
  for (const std::string& bytes : entries) {
    absl::StatusOr<IndexEntry> entry = ParseIndexEntry(bytes);
    index->Add(entry->id, entry->fingerprints, entry->story_time);
  }
  return index;
}

NearDuplicateIndex& IndexOf(Texts texts) {
  return *OncePerTexts(texts, [](Texts t) { return BuildIndex(IndexedEntries(t)); });
}

struct Query {
  v1::Story story;
  v1::Fingerprints fingerprints;
  absl::Time time;
};

// Half edited copies of indexed stories, half new texts.
std::vector<Query> MakeQueries(Texts texts) {
  std::vector<Query> out;
  uint64_t state = 99;
  for (size_t q = 0; q < kQueries; ++q) {
    Query query;
    const size_t target = SplitMix(state) % kIndexed;
    query.story = q % 2 == 0 ? StoryOf(EditedCopy(TextOf(texts, target + 1), q))
                             : StoryOf(TextOf(texts, kIndexed + 1 + q));
    query.fingerprints = ComputeFingerprints(query.story);
    query.time = TimeOf(kIndexed / 2);
    out.push_back(std::move(query));
  }
  return out;
}

const std::vector<Query>& Queries(Texts texts) {
  return OncePerTexts(texts, [](Texts t) { return MakeQueries(t); });
}

std::vector<v1::Story> ComputeStories() {
  std::vector<v1::Story> stories;
  if (std::optional<std::filesystem::path> dir = test_corpus::RootFromEnv()) {
    absl::StatusOr<std::vector<CorpusArticle>> articles = LoadBbcCorpus(dir->string());
    if (articles.ok()) {
      for (CorpusArticle& article : *articles) stories.push_back(std::move(article.story));
    }
  }
  if (stories.empty()) {
    for (uint64_t i = 0; i < 500; ++i) stories.push_back(StoryOf(RandomText(i + 7)));
  }
  return stories;
}

void BM_CanonicalText(benchmark::State& state) {
  const std::vector<v1::Story> stories = ComputeStories();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const v1::Story& story = stories[i++ % stories.size()];
    benchmark::DoNotOptimize(CanonicalText(story));
    for (const std::string& p : story.paragraphs()) bytes += p.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CanonicalText);

void BM_ComputeFingerprints(benchmark::State& state) {
  const std::vector<v1::Story> stories = ComputeStories();
  size_t i = 0, words = 0;
  for (auto _ : state) {
    const v1::Fingerprints fp = ComputeFingerprints(stories[i++ % stories.size()]);
    words += static_cast<size_t>(fp.canonical_words());
    benchmark::DoNotOptimize(fp);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["words_per_story"] =
      benchmark::Counter(static_cast<double>(words) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_ComputeFingerprints);

void BM_FindNearest(benchmark::State& state, Texts texts) {
  NearDuplicateIndex& index = IndexOf(texts);
  const std::vector<Query>& queries = Queries(texts);
  size_t candidates = 0, over_bar = 0;
  for (const Query& query : queries) {
    for (const NearDuplicateIndex::Match& match : index.Candidates(query.fingerprints, query.time)) {
      ++candidates;
      over_bar += match.resemblance >= index.options().min_resemblance ? 1 : 0;
    }
  }
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Query& query = queries[i++ % queries.size()];
    std::optional<NearDuplicateIndex::Match> match =
        index.FindNearest(query.fingerprints, query.time);
    hits += match.has_value() ? 1 : 0;
    benchmark::DoNotOptimize(match);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["indexed"] = static_cast<double>(index.size());
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
  state.counters["bytes_per_story"] = index.BytesPerEntry();
  state.counters["candidates"] =
      static_cast<double>(candidates) / static_cast<double>(queries.size());
  // Candidates whose resemblance reaches the bar: those whose entry records
  // the search reads.
  state.counters["over_bar"] = static_cast<double>(over_bar) / static_cast<double>(queries.size());
  state.counters["lookups_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
// FindRelated, the fold's lookup: a near duplicate, else a contained story.
void BM_FindRelated(benchmark::State& state, Texts texts) {
  NearDuplicateIndex& index = IndexOf(texts);
  const std::vector<Query>& queries = Queries(texts);
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Query& query = queries[i++ % queries.size()];
    std::optional<NearDuplicateIndex::Match> match = index.FindRelated(query.fingerprints, query.time);
    hits += match.has_value() ? 1 : 0;
    benchmark::DoNotOptimize(match);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
  state.counters["bytes_per_story"] = index.BytesPerEntry();
}
BENCHMARK_CAPTURE(BM_FindNearest, distinct, Texts::kDistinct)->UseRealTime();
BENCHMARK_CAPTURE(BM_FindNearest, shared, Texts::kShared)->UseRealTime();
BENCHMARK_CAPTURE(BM_FindRelated, distinct, Texts::kDistinct)->UseRealTime();
BENCHMARK_CAPTURE(BM_FindRelated, shared, Texts::kShared)->UseRealTime();

// A fold step for a story: Compute, look up, add when new.
void BM_ComputeLookupAdd(benchmark::State& state, Texts texts) {
  NearDuplicateIndex& index = IndexOf(texts);
  const std::vector<Query>& queries = Queries(texts);
  const NearDuplicateIndex::LookupCounts before = index.lookup_counts();
  size_t i = 0;
  absl::Duration slowest;
  for (auto _ : state) {
    const Query& query = queries[i % queries.size()];
    const v1::Fingerprints fp = ComputeFingerprints(query.story);
    const absl::Time start = absl::Now();
    // As the fold: a near duplicate is not indexed; a new story, or one
    // containing an earlier story, is (a full index: each add evicts the
    // oldest story).
    const std::optional<NearDuplicateIndex::Match> related = index.FindRelated(fp, query.time);
    if (!related.has_value() || related->relation != NearDuplicateIndex::Relation::kCopy) {
      index.Add(absl::StrCat("new:", i), fp, query.time);
    }
    slowest = std::max(slowest, absl::Now() - start);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
  const NearDuplicateIndex::LookupCounts after = index.lookup_counts();
  state.counters["indexed"] = static_cast<double>(index.size());
  state.counters["candidates"] = static_cast<double>(after.candidates - before.candidates) /
                                 static_cast<double>(std::max<uint64_t>(1, after.lookups - before.lookups));
  // The longest lookup and add (a band table rebuilt inside one shows
  // here; --benchmark_min_time=20 takes the index through several).
  state.counters["slowest_ms"] = absl::ToDoubleMilliseconds(slowest);
  state.counters["stories_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_ComputeLookupAdd, distinct, Texts::kDistinct)->UseRealTime();
BENCHMARK_CAPTURE(BM_ComputeLookupAdd, shared, Texts::kShared)->UseRealTime();

// Restart: the compact entries of every indexed story parsed and added to
// a new index.
void BM_Rebuild(benchmark::State& state) {
  const std::vector<std::string>& entries = IndexedEntries(Texts::kDistinct);
  double bytes_per_story = 0;
  for (auto _ : state) {
    std::unique_ptr<NearDuplicateIndex> index = BuildIndex(entries);
    bytes_per_story = index->BytesPerEntry();
    state.PauseTiming();
    index.reset();
    state.ResumeTiming();
  }
  size_t entry_bytes = 0;
  for (const std::string& entry : entries) entry_bytes += entry.size();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(entries.size()));
  state.counters["bytes_per_story"] = bytes_per_story;
  state.counters["entry_bytes"] =
      static_cast<double>(entry_bytes) / static_cast<double>(entries.size());
}
BENCHMARK(BM_Rebuild)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace newswire::dedup
