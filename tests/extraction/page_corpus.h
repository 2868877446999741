// Loading an article-extraction corpus in the shape of
// ../shared/corpus/article-extraction: a folder of pages named
// "<key>.html.gz" (gzip) or "<key>.html", and a ground-truth JSON file
// {"<key>": {"articleBody": "...", "url": "..."}, ...}.
//
//   absl::StatusOr<std::vector<CorpusPage>> pages = LoadCorpus(html_dir, truth_file);
//
// Also reads prediction files: {"<key>": {"articleBody": "..." | null}} or
// {"pages_per_second": 31.5, "predictions": {...}} as tools/extraction_eval.sh
// writes for trafilatura. For tests, benchmarks and tools; not thread-hostile
// (no shared state).
#ifndef NEWSWIRE_TESTS_EXTRACTION_PAGE_CORPUS_H_
#define NEWSWIRE_TESTS_EXTRACTION_PAGE_CORPUS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::extraction {

struct CorpusPage {
  std::string key;
  std::string url;    // from the ground truth, may be empty
  std::string truth;  // the true article body
  std::string html;   // the page's bytes, decompressed
};

// Pages in key order. NotFound when a page file is missing.
absl::StatusOr<std::vector<CorpusPage>> LoadCorpus(const std::string& html_dir,
                                                   const std::string& truth_file);

// Every "*.html" / "*.html.gz" file of `dir` (decompressed), in name order.
absl::StatusOr<std::vector<std::string>> LoadPages(const std::string& dir);

struct Predictions {
  std::map<std::string, std::string> bodies;  // key -> predicted body ("" for null)
  std::optional<double> pages_per_second;
};

absl::StatusOr<Predictions> LoadPredictions(const std::string& file);

// The corpus root from NEWSWIRE_CORPUS, or nullopt when unset or missing.
std::optional<std::string> CorpusRoot();

}  // namespace newswire::extraction

#endif  // NEWSWIRE_TESTS_EXTRACTION_PAGE_CORPUS_H_
