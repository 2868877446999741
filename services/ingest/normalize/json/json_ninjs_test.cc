#include "services/ingest/normalize/json/json_ninjs.h"

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
  return parser_testing::ParseRecord(ParseNinjs, bytes);
}

TEST(NinjsTest, Version1Item) {
  auto result = Parse(R"({
    "uri": "http://example.com/items/1", "guid": "urn:example:1", "type": "text",
    "version": "3", "versioncreated": "2017-08-24T04:38:34+0000",
    "firstcreated": "2017-08-24T04:37:19+0000", "embargoed": "2017-08-25T00:00:00Z",
    "headline": "Quake hits coast", "description_text": "A strong quake struck.",
    "body_html": "<p>TOKYO (Kyodo) -- A quake hit.</p><p>No damage &amp; no injuries.</p>",
    "byline": "Jane Doe", "located": "Tokyo", "language": "en", "urgency": 2,
    "pubstatus": "withheld", "copyrightnotice": "(c) 2022 Example", "ednote": "Eds: note",
    "slugline": "QUAKE", "keywords": ["quake", "Japan"], "source": "Kyodo",
    "subject": [{"code": "medtop:20000568", "name": "earthquake"},
                {"scheme": "http://cv.iptc.org/newscodes/subjectcode/", "code": "06000000"},
                {"code": "01000000", "name": "arts"}],
    "service": [{"code": "i", "name": "International"}]
  })");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NINJS);
  EXPECT_EQ(story.id(), "");
  EXPECT_EQ(story.source_guid(), "urn:example:1");
  EXPECT_EQ(story.source_uri(), "http://example.com/items/1");
  EXPECT_EQ(story.version(), 3);
  EXPECT_EQ(story.headline(), "Quake hits coast");
  EXPECT_EQ(story.subheadline(), "A strong quake struck.");
  EXPECT_THAT(story.paragraphs(), ElementsAre("TOKYO (Kyodo) -- A quake hit.", "No damage & no injuries."));
  EXPECT_EQ(story.byline(), "Jane Doe");
  EXPECT_EQ(story.dateline().place(), "Tokyo");
  EXPECT_EQ(story.language(), "en");
  EXPECT_EQ(story.urgency(), 2);
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_WITHHELD);
  EXPECT_EQ(story.copyright(), "(c) 2022 Example");
  EXPECT_EQ(story.editorial_note(), "Eds: note");
  EXPECT_EQ(story.slugline(), "QUAKE");
  EXPECT_THAT(story.keywords(), ElementsAre("quake", "Japan"));
  EXPECT_EQ(story.agency(), "KYODO");
  EXPECT_EQ(story.first_created().seconds(), 1503549439);
  EXPECT_EQ(story.version_created().seconds(), 1503549514);
  EXPECT_EQ(story.embargoed_until().seconds(), 1503619200);
  ASSERT_EQ(story.subjects_size(), 4);
  EXPECT_EQ(story.subjects(0).scheme(), "medtop");
  EXPECT_EQ(story.subjects(0).code(), "20000568");
  EXPECT_EQ(story.subjects(1).scheme(), "subj");
  EXPECT_EQ(story.subjects(1).code(), "06000000");
  EXPECT_EQ(story.subjects(2).scheme(), "");
  EXPECT_EQ(story.subjects(2).code(), "01000000");
  EXPECT_EQ(story.subjects(3).scheme(), "service");
  EXPECT_EQ(story.subjects(3).code(), "i");
  EXPECT_EQ(story.source_section(), "International");
}

TEST(NinjsTest, Version2Arrays) {
  auto result = Parse(R"({
    "uri": "urn:newsml:dpa.com:20090101:190510-99-167362", "version": "2",
    "versioncreated": "2019-05-10T16:02:28+02:00", "pubstatus": "usable", "urgency": 4,
    "copyrightholder": "dpa", "language": "de",
    "headlines": [{"role": "short", "value": "Kurz"}, {"role": "main", "value": "Derby-Elfmeter"},
                  {"role": "sub", "value": "Hat Zwayer recht?"}],
    "descriptions": [{"role": "text", "contenttype": "text/plain", "value": "Ein Faktencheck."}],
    "bodies": [{"role": "summary", "contenttype": "text/plain", "value": "Kurz."},
               {"role": "text", "contenttype": "text/plain", "value": "Erster.\n\nZweiter."},
               {"role": "html", "contenttype": "text/html", "value": "<section><p>Erster.</p><p>Zweiter.</p></section>"}],
    "subjects": [{"name": "Fussball", "uri": "http://cv.iptc.org/newscodes/mediatopic/15054000", "confidence": 80},
                 {"name": "Innenriks", "literal": "Innenriks"}],
    "by": "Von Christian Hollmann, dpa", "keywords": ["Fussball"]
  })");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_guid(), "urn:newsml:dpa.com:20090101:190510-99-167362");
  EXPECT_EQ(story.headline(), "Derby-Elfmeter");
  EXPECT_EQ(story.subheadline(), "Hat Zwayer recht?");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Erster.", "Zweiter."));
  EXPECT_EQ(story.byline(), "Von Christian Hollmann, dpa");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.version_created().seconds(), 1557496948);
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.provider(), "dpa");
  ASSERT_EQ(story.subjects_size(), 2);
  EXPECT_EQ(story.subjects(0).scheme(), "medtop");
  EXPECT_EQ(story.subjects(0).code(), "15054000");
  EXPECT_FLOAT_EQ(story.subjects(0).confidence(), 0.8f);
  EXPECT_EQ(story.subjects(1).scheme(), "");
  EXPECT_EQ(story.subjects(1).code(), "Innenriks");
}

TEST(NinjsTest, Version3CamelCase) {
  auto result = Parse(R"({
    "uri": "https://example.com/3", "type": "text", "firstCreated": "2024-02-07T10:00:00Z",
    "versionCreated": "2024-02-07T11:00:00Z", "pubStatus": "canceled",
    "copyrightNotice": "(c) Example", "edNote": "Kill this story", "embargoedUntil": "2024-02-08T00:00:00Z",
    "headlines": [{"value": "Main headline"}], "bodies": [{"contentType": "text/plain", "value": "Only paragraph."}],
    "descriptions": [{"role": "caption", "value": "not this"}, {"value": "Summary."}]
  })");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Main headline");
  EXPECT_EQ(story.subheadline(), "Summary.");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Only paragraph."));
  EXPECT_EQ(story.first_created().seconds(), 1707300000);
  EXPECT_EQ(story.version_created().seconds(), 1707303600);
  EXPECT_EQ(story.embargoed_until().seconds(), 1707350400);
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(story.copyright(), "(c) Example");
  EXPECT_EQ(story.editorial_note(), "Kill this story");
}

TEST(NinjsTest, SourceThatIsNoAgencyIsTheProvider) {
  auto result = Parse(R"({"guid": "g", "source": "360info", "copyrightholder": "",
                          "headline": "H", "body_html": "<p>B.</p>",
                          "embargoed": "2022-06-29T02:30:00+00:00"})");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].agency(), "");
  EXPECT_EQ(result->stories[0].provider(), "360info");
  EXPECT_EQ(result->stories[0].embargoed_until().seconds(), 1656469800);
}

TEST(NinjsTest, BodyTextSplitsIntoParagraphs) {
  auto result = Parse(R"({"uri": "u", "headline": "H", "body_text": "One\nstill one.\n\nTwo."})");
  ASSERT_TRUE(result.ok());
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("One still one.", "Two."));
}

// TT distributes its text as a whole HTML5 document in `body_html5`, with
// no body_html or body_text.
TEST(NinjsTest, BodyInHtml5Document) {
  auto result = Parse(R"({
    "uri": "http://example.com/media/text/1", "type": "text", "headline": "Harbour reopens",
    "body_html5": "<html><head><title>x</title></head><body><article><div class=\"bodytext\"><p>The harbour reopened on Friday.</p><p>Ferries sail again.</p></div></article></body></html>"
  })");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_THAT(result->stories[0].paragraphs(),
              testing::Contains("The harbour reopened on Friday."));
  EXPECT_THAT(result->stories[0].paragraphs(), testing::Contains("Ferries sail again."));
  EXPECT_FALSE(Parse(R"({"uri": "u", "headline": "h", "body_html5": 5})").ok());
}

TEST(NinjsTest, FeedsGiveOneStoryPerTextItem) {
  for (const char* feed :
       {R"([{"uri": "a", "headline": "A", "body_text": "a"}, {"uri": "p", "type": "picture"},
            {"uri": "b", "headline": "B", "body_text": "b"}])",
        R"({"total": 3, "item": [{"uri": "a", "headline": "A", "body_text": "a"},
            {"uri": "p", "type": "picture"}, {"uri": "b", "headline": "B", "body_text": "b"}]})",
        R"({"items": [{"uri": "a", "headline": "A", "body_text": "a"}, {"type": "video"},
            {"uri": "b", "headline": "B", "body_text": "b"}]})"}) {
    auto result = Parse(feed);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_THAT(result->stories, SizeIs(2)) << feed;
    EXPECT_EQ(result->stories[0].headline(), "A");
    EXPECT_EQ(result->stories[1].source_guid(), "b");
  }
}

TEST(NinjsTest, MediaAndEmptyItemsGiveReasons) {
  auto picture = Parse(R"({"uri": "p", "type": "picture", "headline": "Caption", "body_text": "x"})");
  ASSERT_TRUE(picture.ok());
  EXPECT_THAT(picture->stories, SizeIs(0));
  EXPECT_EQ(picture->no_story_reason, "picture item: no text story");

  auto package = Parse(R"({"uri": "c", "type": "composite", "associations": {}})");
  ASSERT_TRUE(package.ok());
  EXPECT_THAT(package->no_story_reason, HasSubstr("composite"));

  auto feed = Parse(R"([{"uri": "v", "type": "video"}, {"uri": "a", "type": "audio"}])");
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->no_story_reason,
            "2 items, none with text: video item: no text story; audio item: no text story");

  auto empty = Parse("[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->no_story_reason, "empty ninjs feed");
}

// Metadata of another type is read as absent; the story stays.
TEST(NinjsTest, WrongTypesOfMetadataAreIgnored) {
  auto result = Parse(R"({"uri": "u", "headline": "H", "body_text": "Body.", "urgency": "high",
                          "version": -1, "subject": "x", "keywords": [1, "k"]})");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "H");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Body."));
  EXPECT_EQ(story.urgency(), 0);
  EXPECT_EQ(story.version(), 0);
  EXPECT_THAT(story.keywords(), ElementsAre("k"));
}

// A field that carries text, a time or the identity with another type is a
// producer bug: the record is refused naming the field, so it reaches the
// DLQ. Before, {"headline": 12345, ...} gave neither a story nor an error.
TEST(NinjsTest, WrongFieldTypesAreRefusedNamingTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {R"("headline": 12345)", R"("headline" is a number, not a string)"},
      {R"("body_text": {"value": "Body."})", R"("body_text" is an object, not a string)"},
      {R"("versioncreated": 1503549514)", R"("versioncreated" is a number, not a string)"},
      {R"("uri": 5)", R"("uri" is a number, not a string)"},
      {R"("located": {})", R"("located" is an object, not a string)"},
      {R"("byline": ["A", "B"])", R"("byline" is an array, not a string)"},
      {R"("headlines": "H")", R"("headlines" is a string, not an array)"},
      {R"("bodies": [{"value": "ok"}, {"value": ["x"]}])",
       R"("bodies[1].value" is an array, not a string)"},
      {R"("descriptions": [7])", R"("descriptions[0]" is a number, not an object)"},
      {R"("version": {})", R"("version" is an object, not a number or a string)"},
  };
  for (const auto& [field, reason] : cases) {
    auto result = Parse(absl::StrCat(R"({"guid": "g", "slugline": "s", )", field, "}"));
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(result.status().message()), absl::StrCat("ninjs: ", reason)) << field;
  }
  // In a feed the item is named; the whole record is refused.
  auto feed = Parse(R"([{"uri": "a", "headline": "A"}, {"uri": "b", "headline": 1}])");
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(std::string(feed.status().message()),
            R"(ninjs: item 1: "headline" is a number, not a string)");
  auto not_items = Parse(R"([{"uri": "a", "headline": "A"}, 2, {"other": 1}])");
  ASSERT_FALSE(not_items.ok());
  EXPECT_EQ(std::string(not_items.status().message()), "ninjs: item 1: not a ninjs item (number)");
}

// Only items without text of their own give no story, with the reason.
TEST(NinjsTest, AnItemWithOnlyAnUriHasNoStory) {
  auto nothing = Parse(R"({"uri": "u", "renditions": {"original": {"href": "h"}}})");
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  EXPECT_THAT(nothing->stories, SizeIs(0));
  EXPECT_EQ(nothing->no_story_reason, "ninjs item without headline or body");
}

TEST(NinjsTest, BadJsonIsAnError) {
  for (const std::string& bad :
       {std::string(R"({"uri": "u", "headline": "cut)"), std::string(10000, '[') + std::string(10000, ']'),
        std::string(R"({"some": "other json"})"), std::string("[1, 2")}) {
    auto result = Parse(bad);
    ASSERT_FALSE(result.ok()) << bad.substr(0, 40);
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  }
  auto other = Parse(R"({"some": "other json"})");
  EXPECT_THAT(other.status().message(), HasSubstr("ninjs: "));
  auto deep = Parse(std::string(10000, '[') + std::string(10000, ']'));
  EXPECT_THAT(deep.status().message(), HasSubstr("json: "));
}

TEST(NinjsTest, LegacyBytesInsideStringsAreDecoded) {
  // Latin-1 "é" in a JSON string: the record is read as Windows-1252.
  auto result = Parse("{\"uri\": \"u\", \"headline\": \"Caf\xE9 opens\", \"body_text\": \"x\"}");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Caf\xC3\xA9 opens");
  EXPECT_TRUE(text::IsValidUtf8(result->stories[0].headline()));
}

TEST(NinjsTest, SniffsJsonOnly) {
  ParseInput input;
  input.utf8 = R"({"uri": "x"})";
  EXPECT_TRUE(SniffNinjs(input));
  input.utf8 = "Quake hits coast\n\nBody.";
  EXPECT_FALSE(SniffNinjs(input));
}

TEST(NinjsCorpusTest, ReutersStoryFromAap) {
  NW_CORPUS_FILE_OR_SKIP(bytes, "wire/ninjs2.json");
  auto result = Parse(bytes);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));  // the featured picture is no story
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Oil prices edge up on first drop in US drilling in months");
  EXPECT_EQ(story.byline(), "By Henning Gloystein");
  EXPECT_EQ(story.dateline().place(), "Singapore");
  EXPECT_EQ(story.agency(), "REUTERS");
  EXPECT_EQ(story.version(), 4);
  EXPECT_EQ(story.slugline(), "GLOBAL-OIL");
  EXPECT_EQ(story.source_section(), "Finance");
  ASSERT_THAT(story.paragraphs(), SizeIs(9));
  EXPECT_EQ(story.paragraphs(8), "(Reporting by Henning Gloystein; Editing by Richard Pullin)");
}

TEST(NinjsCorpusTest, BbcFeedAndPicture) {
  NW_CORPUS_FILE_OR_SKIP(bbc, "wire/bbc-ninjs-comp-test.json");
  auto feed = Parse(bbc);
  ASSERT_TRUE(feed.ok()) << feed.status();
  ASSERT_THAT(feed->stories, SizeIs(1));
  EXPECT_EQ(feed->stories[0].source_guid(), "https://example.com/56789");
  ASSERT_EQ(feed->stories[0].subjects_size(), 4);
  EXPECT_EQ(feed->stories[0].subjects(2).scheme(), "category");
  EXPECT_EQ(feed->stories[0].subjects(2).code(), "leisure");

  NW_CORPUS_FILE_OR_SKIP(picture, "wire/ninjs3.json");
  auto none = Parse(picture);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->no_story_reason, "picture item: no text story");
}

}  // namespace
}  // namespace newswire
