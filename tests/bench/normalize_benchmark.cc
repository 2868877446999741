// Normalizer throughput per source format on the shared corpus, one core:
// detect + parse + normalize of one raw record per iteration, cycling
// through the records of the format. Reports records (items) per second,
// MB/s and stories per second. The target: at least 20,000
// agency-feed items/s (the "agency_feeds" benchmark mixes every wire file).
//
//   NEWSWIRE_CORPUS=/work/shared/corpus \
//     bazel run -c opt //tests/bench:normalize_benchmark -- --benchmark_min_time=2
//
// Wire files are grouped by the format the Normalizer detects; bbc/ gives
// plain text, seed/ scraped page text, article-extraction/html/ HTML pages.
// Formats with no corpus file are left out; without NEWSWIRE_CORPUS there
// are no benchmarks (a message says why). Has its own main() because the
// record sets are grouped by detected format, which cannot run before main.
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "benchmark/benchmark.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

struct RecordSet {
  std::vector<RawRecord> records;
  size_t bytes = 0;
};

RawRecord ToRecord(test_corpus::CorpusFile file) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.key = file.path;
  record.value = std::move(file.bytes);
  return record;
}

std::string FormatName(v1::SourceFormat format) {
  const std::string& name = v1::SourceFormat_Name(format);
  return std::string(absl::StripPrefix(name, "SOURCE_FORMAT_"));
}

void Add(RecordSet& set, RawRecord record) {
  set.bytes += record.value.size();
  set.records.push_back(std::move(record));
}

// Benchmark name -> records, from the corpus. Wire formats are named after
// the format the Normalizer detects; the other folders after what they hold.
std::map<std::string, RecordSet> LoadRecordSets(const std::filesystem::path& root) {
  std::map<std::string, RecordSet> sets;
  Normalizer normalizer({});
  if (auto wire = test_corpus::ReadFolder(root, "wire"); wire.ok()) {
    for (test_corpus::CorpusFile& file : *wire) {
      RawRecord record = ToRecord(std::move(file));
      std::string name = absl::StrCat("wire_", FormatName(normalizer.DetectFormat(record)));
      Add(sets["agency_feeds"], record);
      Add(sets[name], std::move(record));
    }
  }
  const std::pair<const char*, const char*> kOtherFolders[] = {
      {"bbc", "bbc_PLAIN_TEXT"},
      {"seed", "seed_PAGE_TEXT"},
      {"article-extraction/html", "pages_HTML_PAGE"}};
  for (const auto& [folder, name] : kOtherFolders) {
    if (auto files = test_corpus::ReadFolder(root, folder); files.ok()) {
      for (test_corpus::CorpusFile& file : *files) Add(sets[name], ToRecord(std::move(file)));
    }
  }
  return sets;
}

void BM_Normalize(benchmark::State& state, const RecordSet* set) {
  Normalizer normalizer({});
  const std::vector<RawRecord>& records = set->records;
  size_t next = 0;
  int64_t bytes = 0;
  int64_t stories = 0;
  int64_t errors = 0;
  for (auto _ : state) {
    const RawRecord& record = records[next];
    next = next + 1 == records.size() ? 0 : next + 1;
    absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
    benchmark::DoNotOptimize(result);
    bytes += static_cast<int64_t>(record.value.size());
    if (result.ok()) {
      stories += static_cast<int64_t>(result->stories.size());
    } else {
      ++errors;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
  state.counters["stories"] = benchmark::Counter(static_cast<double>(stories),
                                                 benchmark::Counter::kIsRate);
  if (errors > 0) state.counters["errors"] = static_cast<double>(errors);
  state.SetLabel(absl::StrCat(records.size(), " files, ", set->bytes / records.size(),
                              " B/file"));
}

// Registers one benchmark per record set of the corpus; false when there is
// no corpus. Runs in main(), not in a static initializer: format detection
// uses the parsers' own static tables, which are only ready once main runs.
bool RegisterBenchmarks() {
  std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
  if (!root) return false;
  static const auto* const kSets = new std::map<std::string, RecordSet>(LoadRecordSets(*root));
  for (const auto& [name, set] : *kSets) {
    if (set.records.empty()) continue;
    benchmark::RegisterBenchmark(absl::StrCat("BM_Normalize/", name).c_str(), BM_Normalize, &set);
  }
  return true;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!newswire::RegisterBenchmarks()) {
    std::fprintf(stderr,
                 "normalize_benchmark: NEWSWIRE_CORPUS is not set to the corpus folder: "
                 "no benchmarks to run\n");
    return 0;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
