#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/wire/wire_anpa.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
  return parser_testing::ParseRecord(ParseAnpa, bytes);
}

// An ANPA message as AP sends it: header, '^' lines, tab paragraphs, trailer.
std::string Message(const std::string& priority_category, const std::string& keyword_field,
                    const std::string& text) {
  return absl::StrCat("\x16\x16\x01", "a1234\x1F", "sel\r\n", priority_category,
                      "\x13\x11 ", keyword_field, "     11-07 0321\r\n\x02", text,
                      "\r\n\t   \x03", "AP-WF-11-07-22 1230GMT<\r\n\x0C\r\n\x04");
}

TEST(AnpaTest, StoryWithHeadlineBylineAndParagraphs) {
  auto result = Parse(Message("u i", "BC-AS--Japan-Quake 2ndLd-Writethru",
                              "^BC-AS--Japan-Quake, 2nd Ld-Writethru,321<\r\n"
                              "^Strong quake shakes Tokyo<\r\n"
                              "^Buildings swayed for a minute; no damage reported<\r\n"
                              "^AP Photo TOK101<\r\n"
                              "^Eds: UPDATES with aftershock.<\r\n"
                              "^By JANE DOE=\r\n"
                              "^Associated Press=\r\n"
                              "\t   TOKYO (AP) _ A strong earthquake shook Tokyo on Monday. \r\n"
                              "\t   ``It was long,'' a resident said.< \r\n"
                              "\t   ___\r\n"
                              "\t   Kyodo contributed.\r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_ANPA_1312);
  EXPECT_EQ(story.headline(), "Strong quake shakes Tokyo");
  EXPECT_EQ(story.subheadline(), "Buildings swayed for a minute; no damage reported");
  EXPECT_EQ(story.byline(), "By JANE DOE, Associated Press");
  EXPECT_EQ(story.editorial_note(), "Eds: UPDATES with aftershock.");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("TOKYO (AP) _ A strong earthquake shook Tokyo on Monday.",
                          "``It was long,'' a resident said.", "Kyodo contributed."));
  EXPECT_EQ(story.slugline(), "BC-AS--Japan-Quake");
  EXPECT_EQ(story.version(), 3);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.urgency(), 3);
  ASSERT_EQ(story.subjects_size(), 1);
  EXPECT_EQ(story.subjects(0).scheme(), "anpa-category");
  EXPECT_EQ(story.subjects(0).code(), "i");
  EXPECT_EQ(story.source_section(), "i");
  EXPECT_EQ(story.version_created().seconds(), 1667824200);  // 2022-11-07 12:30 UTC
  EXPECT_EQ(story.agency(), "AP");
  EXPECT_EQ(story.id(), "");
  EXPECT_EQ(story.source_guid(), "");
}

TEST(AnpaTest, PriorityMapping) {
  EXPECT_EQ(AnpaPriorityToUrgency('f'), 1);
  EXPECT_EQ(AnpaPriorityToUrgency('b'), 2);
  EXPECT_EQ(AnpaPriorityToUrgency('U'), 3);
  EXPECT_EQ(AnpaPriorityToUrgency('r'), 5);
  EXPECT_EQ(AnpaPriorityToUrgency('d'), 7);
  EXPECT_EQ(AnpaPriorityToUrgency('z'), 0);
}

TEST(AnpaTest, KillAndCorrection) {
  auto kill = Parse(Message("r a", "BC-US--Quake Kill", "^BC-US--Quake, Kill,20<\r\n"
                                                          "^KILL: The story is withdrawn.<\r\n"));
  ASSERT_TRUE(kill.ok()) << kill.status();
  EXPECT_EQ(kill->stories[0].signal(), v1::SIGNAL_KILL);
  EXPECT_EQ(kill->stories[0].pub_status(), v1::PUB_STATUS_CANCELED);

  auto correction = Parse(Message("r a", "BC-US--Quake Correction",
                                  "^BC-US--Quake, Correction,20<\r\n^Quake story<\r\n\tText.\r\n"));
  ASSERT_TRUE(correction.ok());
  EXPECT_EQ(correction->stories[0].signal(), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(correction->stories[0].version(), 0);
  EXPECT_EQ(correction->stories[0].pub_status(), v1::PUB_STATUS_UNSPECIFIED);
}

TEST(AnpaTest, TableRowsAreParagraphs) {
  auto result = Parse(Message("r z", "BC-BBO--Standings",
                              "^BC-BBO--Standings<\r\n^Standings=\r\n"
                              "\x08^;W;L;GB\x10 \r\n\x08New\x10 York;16;21;7{\x10 \r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Standings");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre(";W;L;GB", "New York;16;21;7\xC2\xBD"));
}

TEST(AnpaTest, UnindentedLinesAreRowsUnlessTheLineBeforeWasWrapped) {
  auto result = Parse(Message("r s", "BC-BBO--WildCardGlance",
                              "^BC-BBO--Wild Card Glance<\r\n^Wild Card Glance=\r\n"
                              "^ W   L   Pct   WCGB\r\n"
                              "Tampa Bay 73  52  .584   _\r\n"
                              "Chicago 55  67  .451  16{\r\n"
                              "\t   A paragraph that the sender wrapped because it ran far too\r\n"
                              "long for one line.\r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->stories[0].paragraphs(),
              ElementsAre("W L Pct WCGB", "Tampa Bay 73 52 .584 _", "Chicago 55 67 .451 16\xC2\xBD",
                          "A paragraph that the sender wrapped because it ran far too long for one "
                          "line."));
}

TEST(AnpaTest, AlertWithoutHeadlineKeepsItsParagraph) {
  auto result = Parse(Message("b a", "BC-US--APNewsAlert",
                              "^BC-US--APNewsAlert,17<\r\n\t   HONOLULU (AP) _ Hawaii sues.\r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  // The alert's one sentence, after its dateline, is its headline.
  EXPECT_EQ(result->stories[0].headline(), "Hawaii sues");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("HONOLULU (AP) _ Hawaii sues."));
  EXPECT_EQ(result->stories[0].urgency(), 2);
}

TEST(AnpaTest, HeadlineOnlyInTheKeywordLine) {
  // AP's weather tables: the keyword line, then the table.
  auto result = Parse(Message("r w", "BC-WEA--GlobalWeather-Fa",
                              "^BC-WEA--Global Weather-Fahrenheit,440<\r\n"
                              "\x08" "City;Hi;Lo;Sky<\r\n"
                              "\x08" "Amsterdam;55;45;cdy<\r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Global Weather - Fahrenheit");
  EXPECT_EQ(result->stories[0].slugline(), "BC-WEA--Global Weather-Fahrenheit");
  EXPECT_THAT(result->stories[0].paragraphs(),
              ElementsAre("City;Hi;Lo;Sky", "Amsterdam;55;45;cdy"));
}

TEST(AnpaTest, AlertHeadlineIsItsFirstSentence) {
  auto result = Parse(Message("b a", "BC-US--APNewsAlert",
                              "^BC-US--APNewsAlert,30<\r\n"
                              "\t   WASHINGTON (AP) _ Gov. Jerry Brown signs U.S. pact on Monday. "
                              "More to come.\r\n"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Gov. Jerry Brown signs U.S. pact on Monday");
}

TEST(AnpaTest, NoTextIsAnError) {
  for (const std::string& bad :
       {std::string("\x16\x16\x01"), std::string("\x16\x16\x01\x16\x03\x02"),
        std::string("\x16\x16\x01W1234\x1F\r\nr a\x13\x11 BC-X 01-01 0001\r\n\x02\x03\x04"),
        std::string("\x16\x16\x01\x02   \r\n\t \x03")}) {
    auto result = Parse(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr("anpa: "));
  }
}

TEST(AnpaTest, TruncatedMessageKeepsWhatArrived) {
  auto result = Parse("\x16\x16\x01W1234\x1F\r\nr a\x13\x11 BC-US--X 01-01 0001\r\n\x02^BC-US--X<\r\n"
                      "^Headline<\r\n\tFirst paragraph, cut");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Headline");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("First paragraph, cut"));
  EXPECT_FALSE(result->stories[0].has_version_created());
}

// Kyodo's ANPA sets its name after the message number ("a0105KYODO" US),
// then ANPA's header line, STX, the keyword, the headline and the text.
TEST(AnpaTest, KyodoMessageNumberWithTheSendersName) {
  const std::string record =
      "\x01" "a0123KYODO\x1F" "koko-\r\n"
      "u s\x14\x12 BC-Baseball-Final   10-01 0120\r\n"
      "\x02" "BC-Baseball-Final\r\n"
      "Baseball: Tigers win the title+\r\n"
      "     OSAKA, Japan, Oct. 1 Kyodo - The Tigers won the title on \r\n"
      "Sunday.\r\n"
      "==Kyodo\r\n"
      "\x03" "KWS-21:37-10-01-18\x04\r\n";
  ParseInput input = parser_testing::InputFor(record);
  EXPECT_TRUE(SniffAnpa(input));
  absl::StatusOr<ParseResult> result = ParseAnpa(input);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_ANPA_1312);
  EXPECT_EQ(story.headline(), "Baseball: Tigers win the title");
  EXPECT_EQ(story.slugline(), "BC-Baseball-Final");
  EXPECT_EQ(story.source_section(), "s");
  ASSERT_GE(story.paragraphs_size(), 1);
  EXPECT_EQ(story.paragraphs(0), "OSAKA, Japan, Oct. 1 Kyodo - The Tigers won the title on Sunday.");
}

TEST(AnpaTest, Sniff) {
  EXPECT_TRUE(SniffAnpa(parser_testing::InputFor("\x16\x16\x01W2870\x1F" "asian\n")));
  EXPECT_TRUE(SniffAnpa(parser_testing::InputFor("\r\n\x16\x01x")));
  EXPECT_TRUE(SniffAnpa(parser_testing::InputFor("\x01W2870\x1F" "asian\n")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("\x01" "eca062 4 i 211 ccccb   dpa 061\r\n")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("\x01" "a0105kyodo\x1F" "koko-\r\n")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("\x01" "a0105KYODOKYODO\x1F" "koko-\r\n")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("Plain headline\n\nBody.")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("\x16\x16 no SOH")));
  EXPECT_FALSE(SniffAnpa(parser_testing::InputFor("")));
}

TEST(AnpaCorpusTest, ArgentinaFeature) {
  NW_CORPUS_FILE_OR_SKIP(bytes, "wire/anpa-1.tst");
  auto result = Parse(bytes);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "For Argentine chemo patients, mirrors can hurt");
  EXPECT_EQ(story.byline(), "By PAUL BYRNE and ALMUDENA CALATRAVA, Associated Press");
  EXPECT_EQ(story.editorial_note(), "Eds: With AP Photos.");
  EXPECT_EQ(story.slugline(), "BC-LT--Argentina-Cancer Beauty");
  EXPECT_EQ(story.source_section(), "l");
  EXPECT_EQ(story.urgency(), 1);  // priority "f"
  EXPECT_EQ(story.agency(), "AP");
  EXPECT_THAT(story.paragraphs(), SizeIs(14));
  EXPECT_THAT(story.paragraphs(0), HasSubstr("BUENOS AIRES, Argentina (AP) _ For cancer patients"));
  EXPECT_EQ(story.paragraphs(13), "APTN contributor Kacey Cherry in Buenos Aires helped with this story.");
  EXPECT_EQ(story.version_created().seconds(), 1384355340);  // 2013-11-13 15:09 UTC
}

TEST(AnpaCorpusTest, WriteThruAndHeadlineList) {
  NW_CORPUS_FILE_OR_SKIP(lobster, "wire/ap_anpa-3.tst");
  auto result = Parse(lobster);
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "$210 lobster is found dead");
  EXPECT_EQ(story.slugline(), "BC-US--Giant Lobster Death");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_THAT(story.paragraphs(), ElementsAre("CHATHAM, Mass. (AP) _ A lobster died."));

  NW_CORPUS_FILE_OR_SKIP(alert, "wire/ap_anpa-5.tst");
  auto alert_story = Parse(alert);
  ASSERT_TRUE(alert_story.ok()) << alert_story.status();
  EXPECT_EQ(alert_story->stories[0].headline(),
            "Hawaii files court challenge to Trump administration's definition of close U.S. "
            "relationship needed to avoid travel ban");

  NW_CORPUS_FILE_OR_SKIP(headlines, "wire/anpa-4.tst");
  auto list = Parse(headlines);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->stories[0].headline(), "AP Top Entertainment News at 11:23 p.m. EST");
  EXPECT_EQ(list->stories[0].slugline(), "AP-Top-Entertainment-Headlines");
  EXPECT_THAT(list->stories[0].paragraphs(), SizeIs(10));
}

}  // namespace
}  // namespace newswire
