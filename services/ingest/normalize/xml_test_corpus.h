// Test-only access to the external news corpus (see the corpus README):
// real agency files that are never copied into this repository.
//
// Tests run in Bazel's sandbox, so the corpus location is passed in:
//   bazel test ... --test_env=NEWSWIRE_CORPUS=/work/shared/corpus
// CorpusDir() is "" when the variable is unset or names no directory; tests
// then GTEST_SKIP() with a message saying so.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_TEST_CORPUS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_TEST_CORPUS_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace newswire::testing {

inline std::string CorpusDir() {
  const char* dir = std::getenv("NEWSWIRE_CORPUS");
  if (dir == nullptr || *dir == '\0') return "";
  std::error_code error;
  return std::filesystem::is_directory(dir, error) ? std::string(dir) : "";
}

// The bytes of `path` ("" when unreadable).
inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace newswire::testing

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_TEST_CORPUS_H_
