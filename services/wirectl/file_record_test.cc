#include "services/wirectl/file_record.h"

#include <cstdlib>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::Contains;
using ::testing::Pair;

TEST(FileRecordTest, GuessesContentTypeFromName) {
  EXPECT_EQ(GuessContentType("a/b.XML"), "application/xml");
  EXPECT_EQ(GuessContentType("x.json"), "application/json");
  EXPECT_EQ(GuessContentType("page.htm"), "text/html");
  EXPECT_EQ(GuessContentType("ap_anpa-1.tst"), "text/plain");
}

TEST(FileRecordTest, PathIsSourceUrlAndKeyUnlessGiven) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/story.txt";
  std::ofstream(path) << "Head\nbody\n";
  auto record = RecordFromFile(path, "", "");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->value, "Head\nbody\n");
  EXPECT_EQ(record->key, path);
  EXPECT_THAT(record->headers, Contains(Pair("source-url", path)));
  EXPECT_THAT(record->headers, Contains(Pair("content-type", "text/plain")));
  auto given = RecordFromFile(path, "application/nitf+xml", "https://example.org/s/1");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->key, "https://example.org/s/1");
  EXPECT_THAT(given->headers, Contains(Pair("content-type", "application/nitf+xml")));
}

TEST(FileRecordTest, MissingFileIsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(RecordFromFile("/nonexistent/x", "", "").status()));
}

}  // namespace
}  // namespace newswire
