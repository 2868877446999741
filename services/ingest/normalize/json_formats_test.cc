// The JSON parsers as the Normalizer sees them: which records they claim, and
// what bad JSON gives.
#include "services/ingest/normalize/json/json_formats.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/normalizer.h"

namespace newswire {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

RawRecord Record(std::string value) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.value = std::move(value);
  record.headers = {{"content-type", "application/json"}};
  return record;
}

TEST(JsonFormatsTest, ListsApMediaThenNinjs) {
  std::vector<FormatParser> parsers = JsonFormatParsers();
  ASSERT_THAT(parsers, SizeIs(2));
  EXPECT_EQ(parsers[0].format, v1::SOURCE_FORMAT_AP_MEDIA_JSON);
  EXPECT_EQ(parsers[1].format, v1::SOURCE_FORMAT_NINJS);
}

TEST(JsonFormatsTest, Detection) {
  Normalizer normalizer({});
  EXPECT_EQ(normalizer.DetectFormat(Record(R"({"api_version": "1.1", "data": {"item": {}}})")),
            v1::SOURCE_FORMAT_AP_MEDIA_JSON);
  EXPECT_EQ(normalizer.DetectFormat(Record(R"({"uri": "x", "headline": "h"})")),
            v1::SOURCE_FORMAT_NINJS);
  EXPECT_EQ(normalizer.DetectFormat(Record(R"([{"uri": "x"}])")), v1::SOURCE_FORMAT_NINJS);
  EXPECT_EQ(normalizer.DetectFormat(Record("[Update] Quake hits coast\n\nBody.")),
            v1::SOURCE_FORMAT_PLAIN_TEXT);
}

TEST(JsonFormatsTest, NinjsStoryGetsIdFromAgencyAndGuid) {
  auto result = Normalizer({}).Normalize(Record(
      R"({"guid": "g-1", "source": "AAP", "headline": "H", "body_text": "Body.",
          "versioncreated": "2017-08-24T04:38:34+0000"})"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(result->stories[0].id(), "AAP:g-1");
  EXPECT_EQ(result->stories[0].source_format(), v1::SOURCE_FORMAT_NINJS);
  EXPECT_EQ(result->stories[0].first_created().seconds(), 1503549514);
}

// The colleague's record: before, neither a story nor a DLQ record. Now an
// error that names the field (its DLQ reason), in both JSON formats.
TEST(JsonFormatsTest, WrongFieldTypesAreErrorsNotNothing) {
  Normalizer normalizer({});
  auto ninjs = normalizer.Normalize(Record(
      R"({"uri": "u", "headline": 12345, "body_text": {"p": "x"}, "versioncreated": 1})"));
  ASSERT_FALSE(ninjs.ok());
  EXPECT_EQ(ninjs.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(ninjs.status().message()),
            R"(ninjs: "headline" is a number, not a string)");
  auto ap = normalizer.Normalize(Record(
      R"({"api_version": "1.1", "data": {"item": {"headline": "H", "body_text": ["x"]}}})"));
  ASSERT_FALSE(ap.ok());
  EXPECT_EQ(std::string(ap.status().message()),
            R"(ap media: "body_text" is an array, not a string)");
}

TEST(JsonFormatsTest, BadJsonGivesAReasonNotAStory) {
  Normalizer normalizer({});
  for (const std::string& bad :
       {std::string(R"({"headline": "cut off)"), std::string(10000, '[') + std::string(10000, ']'),
        std::string(R"({"api_version": "1.1", "data": {"item": {"headline": "x")"),
        std::string(R"({"unrelated": true})"), std::string(R"([{"uri": 1}, 2])")}) {
    auto result = normalizer.Normalize(Record(bad));
    if (result.ok()) {
      EXPECT_THAT(result->stories, SizeIs(0)) << bad.substr(0, 40);
      EXPECT_FALSE(result->no_story_reason.empty());
      continue;
    }
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(result.status().message()),
                ::testing::AnyOf(HasSubstr("json: "), HasSubstr("ninjs: ")));
  }
}

TEST(JsonFormatsTest, LegacyBytesAreDecodedAndBadNumbersRefused) {
  Normalizer normalizer({});
  // Latin-1 bytes in a string: the record is read as Windows-1252.
  auto latin1 = normalizer.Normalize(
      Record("{\"uri\": \"u\", \"headline\": \"Z\xFCrich\", \"body_text\": \"x\"}"));
  ASSERT_TRUE(latin1.ok()) << latin1.status();
  ASSERT_THAT(latin1->stories, SizeIs(1));
  EXPECT_EQ(latin1->stories[0].headline(), "Z\xC3\xBCrich");

  // Numbers simdjson cannot hold and lone surrogates make the record
  // malformed for us: a DLQ reason, not a crash or a half-read story.
  for (const char* bad : {R"({"uri": "u", "headline": "H", "urgency": 1e400})",
                          R"({"uri": "u", "headline": "H", "version": 99999999999999999999999})",
                          R"({"uri": "u", "headline": "\ud800 lone"})"}) {
    auto result = normalizer.Normalize(Record(bad));
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("json: not well-formed"));
  }
  // Large but representable numbers are read, and ignored where out of range.
  auto big = normalizer.Normalize(Record(
      R"({"uri": "u", "headline": "H", "version": 18446744073709551615, "urgency": -5})"));
  ASSERT_TRUE(big.ok()) << big.status();
  EXPECT_EQ(big->stories[0].version(), 0);
  EXPECT_EQ(big->stories[0].urgency(), 0);
}

}  // namespace
}  // namespace newswire
