#include "services/ingest/normalize/rules/parser_testing.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire::parser_testing {
namespace {

// What the parser was handed, as one story: headline = bytes, byline = utf8.
absl::StatusOr<ParseResult> Echo(const ParseInput& input) {
  ParseResult result;
  v1::Story& story = result.stories.emplace_back();
  story.set_headline(std::string(input.bytes));
  story.set_byline(std::string(input.utf8));
  return result;
}

TEST(ParserTestingTest, ParseRecordKeepsBytesAndDecodesUtf8) {
  // 0xE9 alone is not UTF-8; read as Windows-1252 it is U+00E9 (C3 A9 in UTF-8).
  absl::StatusOr<ParseResult> result = ParseRecord(Echo, "caf\xE9");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].headline(), "caf\xE9");
  EXPECT_EQ(result->stories[0].byline(), "caf\xC3\xA9");
}

TEST(ParserTestingTest, InputForIsBothBytesAndUtf8) {
  const std::string text = "caf\xC3\xA9";
  const ParseInput input = InputFor(text);
  EXPECT_EQ(input.bytes, text);
  EXPECT_EQ(input.utf8, text);
}

TEST(ParserTestingTest, UtcPrintsWholeSecondsInUtc) {
  google::protobuf::Timestamp time;
  time.set_seconds(86400 + 3 * 3600 + 21 * 60 + 5);  // 1970-01-02 03:21:05 UTC
  time.set_nanos(999000000);
  EXPECT_EQ(Utc(time), "1970-01-02T03:21:05Z");
}

}  // namespace
}  // namespace newswire::parser_testing
