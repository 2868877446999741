// Test helper: files of the shared news corpus (a folder outside the
// repository, see the corpus README), found through the NEWSWIRE_CORPUS
// environment variable:
//
//   bazel test ... --test_env=NEWSWIRE_CORPUS=/work/shared/corpus
//
//   TEST(AnpaCorpusTest, ...) {
//     NW_CORPUS_FILE_OR_SKIP(bytes, "wire/anpa-1.tst");  // GTEST_SKIP when absent
//     ...
//   }
//
// Tests never need the corpus to pass: without it they skip with a message.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_CORPUS_TESTING_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_CORPUS_TESTING_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace newswire::corpus {

// The corpus folder, when NEWSWIRE_CORPUS names an existing directory.
inline std::optional<std::filesystem::path> CorpusDir() {
  const char* dir = std::getenv("NEWSWIRE_CORPUS");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return std::nullopt;
  return std::filesystem::path(dir);
}

// The bytes of `relative` (e.g. "wire/anpa-1.tst") in the corpus, if present.
inline std::optional<std::string> ReadCorpusFile(const std::string& relative) {
  std::optional<std::filesystem::path> dir = CorpusDir();
  if (!dir) return std::nullopt;
  std::ifstream in(*dir / relative, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace newswire::corpus

// Declares `std::string var` holding the corpus file, or skips the test.
#define NW_CORPUS_FILE_OR_SKIP(var, relative)                                      \
  std::string var;                                                                 \
  if (std::optional<std::string> nw_corpus_bytes =                                 \
          ::newswire::corpus::ReadCorpusFile(relative)) {                         \
    var = std::move(*nw_corpus_bytes);                                             \
  } else {                                                                         \
    GTEST_SKIP() << "corpus file " << (relative)                                   \
                 << " not available: set NEWSWIRE_CORPUS to the corpus folder";   \
  }

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_CORPUS_TESTING_H_
