// Speed of HTML page extraction on real pages: bytes in, Story out, one
// thread. items_per_second is pages per second.
//
//   NEWSWIRE_CORPUS=$PWD/../shared/corpus \
//     bazel run -c opt //tests/extraction:extraction_benchmark
//
// Uses the 61 pages of $NEWSWIRE_CORPUS/article-extraction/html, or the
// project's own testdata/pages/*.html when the corpus is absent.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/page/html_page.h"
#include "services/ingest/normalize/page/html_page_charset.h"
#include "services/ingest/normalize/page/html_page_dom.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/extraction/page_corpus.h"

namespace newswire::extraction {
namespace {

const std::vector<std::string>& Pages() {
  static const auto* pages = [] {
    auto* loaded = new std::vector<std::string>();
    if (std::optional<std::string> root = CorpusRoot()) {
      absl::StatusOr<std::vector<std::string>> corpus =
          LoadPages(*root + "/article-extraction/html");
      if (corpus.ok()) *loaded = *std::move(corpus);
    }
    if (loaded->empty()) {
      absl::StatusOr<std::vector<std::string>> own = LoadPages("testdata/pages");
      if (own.ok()) *loaded = *std::move(own);
    }
    return loaded;
  }();
  return *pages;
}

void SetCounters(benchmark::State& state, size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// The whole HTML page parser: charset, DOM, metadata, body.
void BM_ExtractHtmlStory(benchmark::State& state) {
  const std::vector<std::string>& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages (set NEWSWIRE_CORPUS)");
    return;
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& page = pages[i++ % pages.size()];
    v1::Story story = ExtractHtmlStory(page, "text/html", "");
    benchmark::DoNotOptimize(story);
    bytes += page.size();
  }
  SetCounters(state, bytes);
}
BENCHMARK(BM_ExtractHtmlStory);

// The DOM alone (charset decoding and tree building).
void BM_ParseDom(benchmark::State& state) {
  const std::vector<std::string>& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages (set NEWSWIRE_CORPUS)");
    return;
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& page = pages[i++ % pages.size()];
    html::HtmlPageDom dom = html::HtmlPageDom::Parse(html::HtmlPageToUtf8(page, ""));
    benchmark::DoNotOptimize(dom.size());
    bytes += page.size();
  }
  SetCounters(state, bytes);
}
BENCHMARK(BM_ParseDom);

// The full Normalizer path (format detection, enrichment, ids) per page.
void BM_NormalizeHtmlRecord(benchmark::State& state) {
  const std::vector<std::string>& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages (set NEWSWIRE_CORPUS)");
    return;
  }
  Normalizer normalizer{NormalizerOptions()};
  std::vector<RawRecord> records;
  for (const std::string& page : pages) {
    RawRecord record;
    record.value = page;
    record.headers.push_back({"content-type", "text/html"});
    records.push_back(std::move(record));
  }
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const RawRecord& record = records[i++ % records.size()];
    auto result = normalizer.Normalize(record);
    benchmark::DoNotOptimize(result);
    bytes += record.value.size();
  }
  SetCounters(state, bytes);
}
BENCHMARK(BM_NormalizeHtmlRecord);

}  // namespace
}  // namespace newswire::extraction
