// Throughput of the view's fold with the RocksDB store and a near-duplicate
// index of NEWSWIRE_BENCH_INDEX stories (default one million): decode, replay
// check, identity, exact and near lookups, one store batch and the index
// update per story. Prints stories/s and the index's memory per story.
//
//   bazel run -c opt //services/ingest/view:fold_benchmark
#include <cstdlib>
#include <filesystem>
#include <random>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "services/ingest/view/fold.h"
#include "services/ingest/view/view_state.h"

namespace newswire {
namespace {

std::string Words(std::mt19937& random, int count) {
  static const char* const kWords[] = {
      "minister", "said", "on", "monday", "the", "government", "would", "review", "plans",
      "for", "new", "rail", "lines", "after", "protests", "in", "several", "cities", "council",
      "members", "voted", "against", "budget", "talks", "police", "reported", "storm", "damage",
      "across", "coast", "markets", "fell", "sharply", "investors", "feared", "rates", "rising",
      "league", "coach", "players", "season", "final", "harbour", "election", "festival", "bridge"};
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += kWords[random() % 46];
    text += ' ';
  }
  return text;
}

void BM_FoldWithStoreAndIndex(benchmark::State& state) {
  const char* size_env = std::getenv("NEWSWIRE_BENCH_INDEX");
  const int64_t index_size = size_env != nullptr ? std::atoll(size_env) : 1000000;
  const std::string path =
      (std::filesystem::temp_directory_path() / "newswire-fold-benchmark").string();
  std::filesystem::remove_all(path);
  auto store = *StoryStore::Open({.path = path});
  NearDuplicateIndex::Options options;
  options.max_entries = static_cast<size_t>(index_size) + 1000000;
  auto view = *ViewState::Open(store.get(), options);

  // Preload the index (in memory only: the stories are not in the store).
  std::mt19937 random(7);
  auto index = NearDuplicateIndex::Create(options);
  const absl::Time base = absl::FromUnixSeconds(1667800000);
  for (int64_t i = 0; i < index_size; ++i) {
    v1::Fingerprints fp = FingerprintsOfCanonicalText(Words(random, 120));
    const_cast<NearDuplicateIndex&>(view->index()).Add(absl::StrCat("preload-", i), fp, base);
  }
  // The stories to fold: distinct texts, some exact and near copies.
  std::vector<LogRecord> log;
  for (int i = 0; i < 20000; ++i) {
    v1::Story story;
    story.set_id(absl::StrCat("bench-", i));
    story.set_headline(absl::StrCat("Headline ", i));
    std::string text = Words(random, 150);
    if (i % 10 == 9) text = log.empty() ? text : Words(random, 150);
    for (int p = 0; p < 5; ++p) story.add_paragraphs(text.substr(p * 150, 150));
    story.mutable_version_created()->set_seconds(1667800000 + i);
    story.mutable_origin()->set_topic("newswire.raw");
    story.mutable_origin()->set_offset(i);
    *story.mutable_fingerprints() = ComputeFingerprints(story);
    log.push_back({i, base, story.SerializeAsString()});
  }
  size_t next = 0;
  int64_t offset = 0;
  for (auto _ : state) {
    LogRecord record = log[next++ % log.size()];
    record.offset = offset++;
    absl::StatusOr<FoldStep> step = FoldRecord(record, *view);
    benchmark::DoNotOptimize(step);
    if (!view->Apply(*step).ok()) state.SkipWithError("apply failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["index_stories"] = static_cast<double>(view->index().size());
  state.counters["index_bytes_per_story"] = view->index().BytesPerEntry();
  view.reset();
  store.reset();
  std::filesystem::remove_all(path);
}
BENCHMARK(BM_FoldWithStoreAndIndex)->Unit(benchmark::kMicrosecond)->Iterations(20000);

}  // namespace
}  // namespace newswire
