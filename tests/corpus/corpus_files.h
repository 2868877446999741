// Reading the shared news corpus (../shared/corpus, outside the repository;
// see its README) for tests, fuzz drivers and benchmarks.
//
// The corpus location is passed in, never assumed, because tests run in
// Bazel's sandbox:
//
//   bazel test ... --test_env=NEWSWIRE_CORPUS=/work/shared/corpus
//
//   std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
//   if (!root) GTEST_SKIP() << "set NEWSWIRE_CORPUS";
//   absl::StatusOr<std::vector<test_corpus::CorpusFile>> wire =
//       test_corpus::ReadFolder(*root, "wire");
//   NW_CORPUS_FILE_OR_SKIP(bytes, "wire/anpa-1.tst");  // one file, or skip
//
// Pure functions over the file system; thread-compatible.
#ifndef NEWSWIRE_TESTS_CORPUS_CORPUS_FILES_H_
#define NEWSWIRE_TESTS_CORPUS_CORPUS_FILES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::test_corpus {

struct CorpusFile {
  std::string path;   // relative to the corpus root: "wire/ap.xml", "article-extraction/html/x.html.gz"
  std::string bytes;  // the file's content, decompressed when the name ends in ".gz"
};

// The folders of the corpus that hold raw records of some format: agency
// wire files, the scraped seed page, BBC plain-text articles and scraped
// HTML pages. Fuzz drivers seed from all of them.
inline constexpr absl::string_view kRecordFolders[] = {"wire", "seed", "bbc",
                                                       "article-extraction/html"};

// The corpus root named by NEWSWIRE_CORPUS, when that is an existing folder.
std::optional<std::filesystem::path> RootFromEnv();

// Every regular file under `root / folder`, recursively, sorted by path.
// NotFound when the folder does not exist; DataLoss for a corrupt gzip file.
absl::StatusOr<std::vector<CorpusFile>> ReadFolder(const std::filesystem::path& root,
                                                   absl::string_view folder);

// The bytes of one file, gunzipped when its name ends in ".gz".
absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path);

// The bytes of `relative` ("wire/anpa-1.tst") under the NEWSWIRE_CORPUS
// root; nullopt when there is no corpus or no such file.
std::optional<std::string> ReadCorpusFile(absl::string_view relative);

// Decompresses gzip data (at most 256 MiB out). DataLoss when corrupt.
absl::StatusOr<std::string> Gunzip(absl::string_view compressed);

}  // namespace newswire::test_corpus

// In a test: declares `std::string var` holding the corpus file `relative`,
// or skips the test with a message saying how to provide the corpus.
#define NW_CORPUS_FILE_OR_SKIP(var, relative)                                  \
  std::string var;                                                             \
  if (std::optional<std::string> nw_corpus_bytes =                             \
          ::newswire::test_corpus::ReadCorpusFile(relative)) {                 \
    var = std::move(*nw_corpus_bytes);                                         \
  } else {                                                                     \
    GTEST_SKIP() << "corpus file " << (relative)                               \
                 << " not available: set NEWSWIRE_CORPUS to the corpus folder"; \
  }

#endif  // NEWSWIRE_TESTS_CORPUS_CORPUS_FILES_H_
