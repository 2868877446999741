#include "services/ingest/normalize/normalizer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

RawRecord TextRecord(std::string value) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.partition = 2;
  record.offset = 41;
  record.timestamp = absl::FromUnixSeconds(1667800000);
  record.value = std::move(value);
  record.headers = {{"content-type", "text/plain"}, {"source-url", "stories/a.txt"}};
  return record;
}

TEST(NormalizerTest, PlainTextGivesHeadlineParagraphsAndOrigin) {
  Normalizer normalizer({});
  auto stories = normalizer.Normalize(TextRecord("Quake hits coast\n\nFirst para.\n\nSecond para.\n"));
  ASSERT_TRUE(stories.ok()) << stories.status();
  ASSERT_EQ(stories->stories.size(), 1u);
  const v1::Story& story = stories->stories.front();
  EXPECT_EQ(story.headline(), "Quake hits coast");
  EXPECT_THAT(story.paragraphs(), ElementsAre("First para.", "Second para."));
  EXPECT_EQ(story.id(), "url:stories/a.txt");
  EXPECT_EQ(story.source_url(), "stories/a.txt");
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(story.origin().topic(), "newswire.raw");
  EXPECT_EQ(story.origin().partition(), 2);
  EXPECT_EQ(story.origin().offset(), 41);
  EXPECT_EQ(story.origin().timestamp().seconds(), 1667800000);
  EXPECT_EQ(story.first_created().seconds(), 1667800000);
  EXPECT_EQ(story.version_created().seconds(), 1667800000);
  EXPECT_EQ(story.word_count(), 7);
}

TEST(NormalizerTest, SameRecordGivesSameBytes) {
  Normalizer normalizer({});
  auto a = normalizer.Normalize(TextRecord("Head\nbody"));
  auto b = normalizer.Normalize(TextRecord("Head\nbody"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->stories.front().SerializeAsString(), b->stories.front().SerializeAsString());
}

TEST(NormalizerTest, WithoutUrlIdIsContentHash) {
  RawRecord record = TextRecord("Head\nbody");
  record.headers.clear();
  auto stories = Normalizer({}).Normalize(record);
  ASSERT_TRUE(stories.ok());
  EXPECT_THAT(stories->stories.front().id(), HasSubstr("sha256:"));
  EXPECT_EQ(stories->stories.front().id().size(), 7u + 64u);
}

TEST(NormalizerTest, RefusesEmptyBinaryAndOversizeRecords) {
  Normalizer normalizer({.max_record_bytes = 100});
  EXPECT_THAT(normalizer.Normalize(TextRecord("")).status().message(), HasSubstr("empty"));
  EXPECT_THAT(normalizer.Normalize(TextRecord(" \n\t ")).status().message(), HasSubstr("empty"));
  EXPECT_THAT(normalizer.Normalize(TextRecord(std::string("ab\0cd", 5))).status().message(),
              HasSubstr("binary"));
  EXPECT_THAT(normalizer.Normalize(TextRecord(std::string(101, 'x'))).status().message(),
              HasSubstr("too large"));
}

TEST(NormalizerTest, InvalidUtf8UnderDeclaredUtf8IsRefused) {
  RawRecord record = TextRecord("Profit \xA3" "5m\nbody");
  record.headers[0].second = "text/plain; charset=UTF-8";
  EXPECT_THAT(Normalizer({}).Normalize(record).status().message(), HasSubstr("invalid utf-8"));
}

TEST(NormalizerTest, LegacyEncodedTextBecomesUtf8) {
  auto stories = Normalizer({}).Normalize(TextRecord("Profit \xA3" "5m\nbody"));
  ASSERT_TRUE(stories.ok());
  EXPECT_EQ(stories->stories.front().headline(), "Profit \xC2\xA3" "5m");
}

}  // namespace
}  // namespace newswire
