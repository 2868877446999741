#include "services/ingest/normalize/json/json_ap_media.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
  return parser_testing::ParseRecord(ParseApMedia, bytes);
}

constexpr char kTextItem[] = R"({
  "api_version": "1.1",
  "data": {"item": {
    "uri": "https://api.ap.org/media/v/content/abc123?qt=x",
    "altids": {"itemid": "abc123", "etag": "abc123_1a", "friendlykey": "42"},
    "version": 2, "type": "text", "urgency": 3, "language": "en",
    "firstcreated": "2019-07-03T04:05:12Z", "versioncreated": "2019-07-03T05:00:00Z",
    "embargoed": "2019-07-03T06:00:00Z", "pubstatus": "usable",
    "signals": ["newscontent", "update"], "ednote": "Eds: Updates with vote.",
    "headline": "Senate passes budget", "headline_extended": "The vote was 51-49.",
    "slugline": "BC-US--Budget", "keywords": ["budget"],
    "bylines": [{"by": "By JANE DOE", "title": "Associated Press"}],
    "datelinelocation": {"city": "Washington", "countryname": "UNITED STATES"},
    "copyrightnotice": "Copyright 2019 The Associated Press.", "provider": "AP",
    "subject": [{"rels": ["category"], "code": "a", "name": "Domestic News"},
                {"rels": ["suppcategory"], "code": "wa", "name": "Washington"},
                {"rels": ["direct"], "scheme": "http://cv.ap.org/id/", "code": "c8e4", "name": "Budgets"}],
    "body_html": "<p>WASHINGTON (AP) -- The Senate passed the budget.</p><p>More.</p>"
  }}
})";

TEST(ApMediaTest, TextItemWithBody) {
  auto result = Parse(kTextItem);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_AP_MEDIA_JSON);
  EXPECT_EQ(story.id(), "");
  EXPECT_EQ(story.source_guid(), "abc123");
  EXPECT_EQ(story.source_uri(), "https://api.ap.org/media/v/content/abc123?qt=x");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.agency(), "AP");
  EXPECT_EQ(story.provider(), "AP");
  EXPECT_EQ(story.headline(), "Senate passes budget");
  EXPECT_EQ(story.subheadline(), "The vote was 51-49.");
  EXPECT_EQ(story.byline(), "By JANE DOE, Associated Press");
  EXPECT_EQ(story.dateline().place(), "Washington");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("WASHINGTON (AP) -- The Senate passed the budget.", "More."));
  EXPECT_EQ(story.language(), "en");
  EXPECT_EQ(story.urgency(), 3);
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.editorial_note(), "Eds: Updates with vote.");
  EXPECT_EQ(story.slugline(), "BC-US--Budget");
  EXPECT_THAT(story.keywords(), ElementsAre("budget"));
  EXPECT_EQ(story.copyright(), "Copyright 2019 The Associated Press.");
  EXPECT_EQ(story.first_created().seconds(), 1562126712);
  EXPECT_EQ(story.version_created().seconds(), 1562130000);
  EXPECT_EQ(story.embargoed_until().seconds(), 1562133600);
  ASSERT_EQ(story.subjects_size(), 3);
  EXPECT_EQ(story.subjects(0).scheme(), "ap-category");
  EXPECT_EQ(story.subjects(0).code(), "a");
  EXPECT_EQ(story.subjects(0).name(), "Domestic News");
  EXPECT_EQ(story.subjects(1).scheme(), "ap-suppcategory");
  EXPECT_EQ(story.subjects(2).scheme(), "http://cv.ap.org/id/");
  EXPECT_EQ(story.source_section(), "a");
}

TEST(ApMediaTest, MetadataOnlyAndMediaItemsGiveReasons) {
  auto text_link = Parse(R"({"data": {"items": [{"meta": {}, "item": {
      "altids": {"itemid": "x"}, "type": "text", "headline": "BC-BBN--Top Ten",
      "renditions": {"nitf": {"href": "https://a.b.c/x.nitf"}, "anpa": {"href": "h"}}}}]}})");
  ASSERT_TRUE(text_link.ok()) << text_link.status();
  EXPECT_THAT(text_link->stories, SizeIs(0));
  EXPECT_EQ(text_link->no_story_reason, "metadata only: text is a link (renditions.nitf)");

  auto picture = Parse(R"({"api_version": "1.1", "data": {"item": {"type": "picture", "headline": "h"}}})");
  ASSERT_TRUE(picture.ok());
  EXPECT_EQ(picture->no_story_reason, "picture item: no text story");

  auto mixed = Parse(R"({"data": {"items": [{"item": {"type": "video"}},
      {"item": {"type": "text", "headline": "h", "body_text": "Body."}}]}})");
  ASSERT_TRUE(mixed.ok());
  ASSERT_THAT(mixed->stories, SizeIs(1));
  EXPECT_THAT(mixed->stories[0].paragraphs(), ElementsAre("Body."));
}

TEST(ApMediaTest, KillSignalAndCanceledStatus) {
  auto result = Parse(R"({"data": {"item": {"type": "text", "pubstatus": "canceled",
      "signals": ["kill"], "headline": "h", "body_text": "Kill story."}}})");
  ASSERT_TRUE(result.ok());
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(result->stories[0].signal(), v1::SIGNAL_KILL);
  EXPECT_EQ(result->stories[0].pub_status(), v1::PUB_STATUS_CANCELED);
}

TEST(ApMediaTest, SniffsTheEnvelopeOnly) {
  EXPECT_TRUE(SniffApMedia(parser_testing::InputFor(R"({"api_version": "1.1", "data": {}})")));
  EXPECT_TRUE(SniffApMedia(parser_testing::InputFor(R"({"data": {"items": []}})")));
  EXPECT_FALSE(SniffApMedia(parser_testing::InputFor(R"({"uri": "x", "headline": "data"})")));
  EXPECT_FALSE(SniffApMedia(parser_testing::InputFor(R"({"data": "text"})")));
  EXPECT_FALSE(SniffApMedia(parser_testing::InputFor(R"({"api_version": "1.1", "data": )")));  // truncated
  EXPECT_FALSE(SniffApMedia(parser_testing::InputFor("data: not json")));
}

TEST(ApMediaTest, WrongShapesAreErrorsNotCrashes) {
  auto no_item = Parse(R"({"api_version": "1.1", "data": {"query": "x"}})");
  ASSERT_FALSE(no_item.ok());
  EXPECT_THAT(no_item.status().message(), HasSubstr("ap media: "));

  // Feed entries that are no item objects: refused, not "no story".
  auto odd_items = Parse(R"({"data": {"items": [{"item": {"headline": "H", "body_text": "B."}},
                                                "two", {"item": 3}]}})");
  ASSERT_FALSE(odd_items.ok());
  EXPECT_EQ(std::string(odd_items.status().message()),
            "ap media: item 1: a string, not an item object");

  // Metadata of another type is read as absent; the story stays.
  auto lenient = Parse(R"({"data": {"item": {"urgency": 1e300, "version": "v",
      "subject": [{"rels": "category", "code": 7}], "keywords": {"k": 1}, "signals": 3,
      "headline": "H", "body_text": "Body."}}})");
  ASSERT_TRUE(lenient.ok()) << lenient.status();
  ASSERT_THAT(lenient->stories, SizeIs(1));
  EXPECT_EQ(lenient->stories[0].headline(), "H");
  EXPECT_EQ(lenient->stories[0].urgency(), 0);
  EXPECT_EQ(lenient->stories[0].version(), 0);
}

// A field that carries text, a time or the identity with another type is a
// producer bug: the record is refused naming the field, so it reaches the
// DLQ; the item does not vanish.
TEST(ApMediaTest, WrongFieldTypesAreRefusedNamingTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {R"("headline": ["h"])", R"("headline" is an array, not a string)"},
      {R"("body_text": {"text": "Body."})", R"("body_text" is an object, not a string)"},
      {R"("versioncreated": 1503549514)", R"("versioncreated" is a number, not a string)"},
      {R"("type": 5)", R"("type" is a number, not a string)"},
      {R"("altids": "x")", R"("altids" is a string, not an object)"},
      {R"("altids": {"itemid": 7})", R"("altids.itemid" is a number, not a string)"},
      {R"("bylines": {"by": "X"})", R"("bylines" is an object, not an array)"},
      {R"("bylines": [{"by": 1}])", R"("bylines[0].by" is a number, not a string)"},
      {R"("datelinelocation": "Paris")", R"("datelinelocation" is a string, not an object)"},
      {R"("urgency": true)", R"("urgency" is a boolean, not a number or a string)"},
  };
  for (const auto& [field, reason] : cases) {
    auto result = Parse(absl::StrCat(R"({"data": {"item": {"slugline": "s", )", field, "}}}"));
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(result.status().message()), absl::StrCat("ap media: ", reason)) << field;
  }
}

TEST(ApMediaCorpusTest, FilesGiveReasons) {
  NW_CORPUS_FILE_OR_SKIP(item, "wire/ap_media_item.json");
  auto picture = Parse(item);
  ASSERT_TRUE(picture.ok()) << picture.status();
  EXPECT_EQ(picture->no_story_reason, "picture item: no text story");

  NW_CORPUS_FILE_OR_SKIP(feed, "wire/ap_media_text_feed.json");
  auto text_feed = Parse(feed);
  ASSERT_TRUE(text_feed.ok()) << text_feed.status();
  EXPECT_EQ(text_feed->no_story_reason, "metadata only: text is a link (renditions.nitf)");
}

}  // namespace
}  // namespace newswire
