#include "services/ingest/common/file.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

TEST(ReadFileTest, ReturnsTheBytesUnchanged) {
  // Binary content: a NUL, CR LF and a byte that is not UTF-8 come back as written.
  const std::string written("line\r\n\0\xFF end", 12);
  const std::string path = TempPath("bytes.bin");
  std::ofstream(path, std::ios::binary) << written;
  absl::StatusOr<std::string> read = ReadFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, written);
}

TEST(ReadFileTest, EmptyFileIsEmpty) {
  const std::string path = TempPath("empty.txt");
  std::ofstream(path, std::ios::binary).flush();
  absl::StatusOr<std::string> read = ReadFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "");
}

TEST(ReadFileTest, MissingFileIsNotFoundNamingIt) {
  const std::string path = TempPath("no-such-file");
  absl::StatusOr<std::string> read = ReadFile(path, "model file");
  ASSERT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(read.status().message(), "model file " + path + ": cannot open");
}

TEST(ReadFileTest, FolderIsNotFound) {
  absl::StatusOr<std::string> read = ReadFile(TempPath(""));
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace newswire
