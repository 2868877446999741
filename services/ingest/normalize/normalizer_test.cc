#include "services/ingest/normalize/normalizer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/rules/record_limits.h"

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

// A time the source gives only for a later version is not the story's first
// creation: the record's time stands in (story.proto first_created).
TEST(NormalizerTest, LaterVersionTimeIsNoFirstCreation) {
  auto created = [](const std::string& du_key) {
    RawRecord record = TextRecord(absl::StrCat(
        "<nitf><head><docdata><doc-id id-string=\"x1\"/>", du_key,
        "<date.issue norm=\"20200907T124526Z\"/></docdata></head><body><body.head><hedline>"
        "<hl1>Faktasjekk</hl1></hedline></body.head><body.content><p>Text.</p></body.content>"
        "</body></nitf>"));
    record.headers = {{"content-type", "application/xml"}};
    auto stories = Normalizer({}).Normalize(record);
    EXPECT_TRUE(stories.ok()) << stories.status();
    return stories.ok() && stories->stories.size() == 1
               ? stories->stories[0].first_created().seconds()
               : int64_t{-1};
  };
  EXPECT_EQ(created("<du-key key=\"k\" version=\"48\"/>"), 1667800000);  // the record's
  EXPECT_EQ(created("<du-key key=\"k\" version=\"1\"/>"), 1599482726);
  EXPECT_EQ(created(""), 1599482726);
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

// Refused before: invalid UTF-8 under a declared charset=utf-8 is read by the
// one policy of every format (valid sequences kept, other bytes
// Windows-1252), and the story is made.
TEST(NormalizerTest, InvalidUtf8UnderDeclaredUtf8IsRepaired) {
  RawRecord record = TextRecord("Profit \xA3" "5m for caf\xC3\xA9s\n\x93Good\x94 news\xFF.");
  record.headers[0].second = "text/plain; charset=UTF-8";
  auto stories = Normalizer({}).Normalize(record);
  ASSERT_TRUE(stories.ok()) << stories.status();
  ASSERT_EQ(stories->stories.size(), 1u);
  EXPECT_EQ(stories->stories[0].headline(), "Profit \xC2\xA3" "5m for caf\xC3\xA9s");
  EXPECT_THAT(stories->stories[0].paragraphs(),
              ElementsAre("\xE2\x80\x9CGood\xE2\x80\x9D news\xC3\xBF."));
}

// The same bytes in every format: the XML parser's repair and the text one
// agree (a NITF record declaring UTF-8 that is not).
TEST(NormalizerTest, InvalidUtf8IsRepairedTheSameWayInXml) {
  RawRecord record = TextRecord(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><body><body.head><hedline>"
      "<hl1>Profit \xA3" "5m for caf\xC3\xA9s</hl1></hedline></body.head><body.content>"
      "<p>\x93Good\x94 news.</p></body.content></body></nitf>");
  record.headers[0].second = "application/xml; charset=utf-8";
  auto stories = Normalizer({}).Normalize(record);
  ASSERT_TRUE(stories.ok()) << stories.status();
  ASSERT_EQ(stories->stories.size(), 1u);
  EXPECT_EQ(stories->stories[0].source_format(), v1::SOURCE_FORMAT_NITF);
  EXPECT_EQ(stories->stories[0].headline(), "Profit \xC2\xA3" "5m for caf\xC3\xA9s");
  EXPECT_THAT(stories->stories[0].paragraphs(),
              ElementsAre("\xE2\x80\x9CGood\xE2\x80\x9D news."));
}

// CR-only line ends (old Mac, some wire systems): a headline and paragraphs,
// not the whole story in the headline.
TEST(NormalizerTest, CrOnlyPlainTextSplitsIntoLines) {
  auto stories = Normalizer({}).Normalize(
      TextRecord("Quake hits coast\rFirst para,\rwrapped.\r\rSecond para.\r"));
  ASSERT_TRUE(stories.ok()) << stories.status();
  const v1::Story& story = stories->stories.front();
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(story.headline(), "Quake hits coast");
  EXPECT_THAT(story.paragraphs(), ElementsAre("First para, wrapped.", "Second para."));
}

// A soft hyphen in a word is a hyphenation hint: the word stays whole.
TEST(NormalizerTest, SoftHyphenLeavesTheWordWhole) {
  auto stories = Normalizer({}).Normalize(
      TextRecord("More in\xC2\xAD" "formation\n\nThe in\xC2\xAD" "formation was late."));
  ASSERT_TRUE(stories.ok()) << stories.status();
  EXPECT_EQ(stories->stories[0].headline(), "More information");
  EXPECT_THAT(stories->stories[0].paragraphs(), ElementsAre("The information was late."));
  EXPECT_EQ(stories->stories[0].word_count(), 6);
}

// Japanese: one word per Han or Kana character, not one per clause.
TEST(NormalizerTest, JapaneseWordCountCountsCharacters) {
  // 地震で停電 (5 characters) / 東京で強い地震があった。 (11 and a full stop)
  auto stories = Normalizer({}).Normalize(TextRecord(
      "\xE5\x9C\xB0\xE9\x9C\x87\xE3\x81\xA7\xE5\x81\x9C\xE9\x9B\xBB\n\n"
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE5\xBC\xB7\xE3\x81\x84\xE5\x9C\xB0"
      "\xE9\x9C\x87\xE3\x81\x8C\xE3\x81\x82\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82"));
  ASSERT_TRUE(stories.ok()) << stories.status();
  EXPECT_EQ(stories->stories[0].word_count(), 5 + 11);
}

// A page that declares Shift_JIS but whose bytes are UTF-8 is read as UTF-8.
TEST(NormalizerTest, Utf8PageUnderShiftJisLabelIsReadAsUtf8) {
  const std::string headline =  // 東京で強い地震
      "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE5\xBC\xB7\xE3\x81\x84\xE5\x9C\xB0\xE9\x9C\x87";
  std::string paragraphs;
  for (int i = 0; i < 6; ++i) {
    paragraphs += "<p>" + headline + "\xE3\x80\x82" + headline + "\xE3\x80\x82" + headline +
                  "\xE3\x80\x82" + headline + "\xE3\x80\x82</p>";
  }
  RawRecord record = TextRecord(
      "<!DOCTYPE html><html><head><meta charset=\"Shift_JIS\"><title>" + headline +
      "</title></head><body><article><h1>" + headline + "</h1>" + paragraphs +
      "</article></body></html>");
  record.headers[0].second = "text/html; charset=shift_jis";
  auto stories = Normalizer({}).Normalize(record);
  ASSERT_TRUE(stories.ok()) << stories.status();
  ASSERT_EQ(stories->stories.size(), 1u);
  EXPECT_EQ(stories->stories[0].source_format(), v1::SOURCE_FORMAT_HTML_PAGE);
  EXPECT_EQ(stories->stories[0].headline(), headline);
  ASSERT_GT(stories->stories[0].paragraphs_size(), 0);
  EXPECT_EQ(stories->stories[0].paragraphs(0).substr(0, headline.size()), headline);
  EXPECT_EQ(stories->stories[0].language(), "ja");
}

TEST(NormalizerTest, LegacyEncodedTextBecomesUtf8) {
  auto stories = Normalizer({}).Normalize(TextRecord("Profit \xA3" "5m\nbody"));
  ASSERT_TRUE(stories.ok());
  EXPECT_EQ(stories->stories.front().headline(), "Profit \xC2\xA3" "5m");
}

// Whatever the format, a story keeps at most the capped source keywords and
// subjects (record_limits.h): here a ninjs item with 20,000 of each.
TEST(NormalizerTest, SourceKeywordsAndSubjectsAreCappedForEveryFormat) {
  std::string keywords, subjects;
  for (int i = 0; i < 20000; ++i) {
    absl::StrAppend(&keywords, i == 0 ? "" : ",", "\"k", i, "\"");
    absl::StrAppend(&subjects, i == 0 ? "" : ",", "{\"name\":\"s", i, "\",\"code\":\"x:", i, "\"}");
  }
  RawRecord record = TextRecord(absl::StrCat(
      "{\"uri\":\"urn:t:1\",\"type\":\"text\",\"headline\":\"Many keywords\",",
      "\"body_text\":\"The council met.\",\"keywords\":[", keywords, "],\"subject\":[", subjects,
      "]}"));
  auto result = Normalizer({}).Normalize(record);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].keywords_size(), kMaxSourceKeywords);
  EXPECT_EQ(result->stories[0].keywords(0), "k0");
  EXPECT_LE(result->stories[0].subjects_size(), kMaxSourceSubjects);
}

// A feed over the item limit is refused before its items are read.
TEST(NormalizerTest, FeedOverTheItemLimitIsTooCostly) {
  std::string items;
  for (size_t i = 0; i <= kMaxItemsPerRecord; ++i) items += "<item><title>t</title></item>";
  auto result = Normalizer({}).Normalize(
      TextRecord(absl::StrCat("<rss version=\"2.0\"><channel>", items, "</channel></rss>")));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(IsTooCostly(result.status())) << result.status();
  EXPECT_EQ(result.status().message(), "too costly: 1001 RSS items in one record (limit 1000)");
}

// A plain-text story of one paragraph too many goes to the DLQ.
TEST(NormalizerTest, StoryOverTheParagraphLimitIsTooCostly) {
  std::string text = "Many paragraphs\n\n";
  for (int i = 0; i <= kMaxParagraphsPerStory; ++i) text += "a\n\n";
  auto result = Normalizer({}).Normalize(TextRecord(text));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(IsTooCostly(result.status())) << result.status();
}

}  // namespace
}  // namespace newswire
