#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/wire/wire_iptc7901.h"

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
  return parser_testing::ParseRecord(ParseIptc7901, bytes);
}

// A 7901 message as dpa sends it.
std::string Message(const std::string& header, const std::string& keywords,
                    const std::string& text, const std::string& trailer) {
  return absl::StrCat("\x01", header, "\r\n\n", keywords, "\r\n\x02", text, "\r\n\x03", trailer,
                      "\r\n\x7F\n\x7F\x04");
}

TEST(Iptc7901Test, StoryWithNotebookAndSignature) {
  auto result = Parse(Message("xyz012 2 pl 120 abc  dpa 0042", "Japan/Quake/",
                              "Strong quake shakes Tokyo =\r\n\n"
                              "   Tokyo (dpa) - A strong earthquake shook\r\n"
                              "Tokyo on Monday.\r\n\n"
                              "   No damage was reported.\r\n\n"
                              "# dpa NOTEBOOK\r\n\n"
                              "* * * *\r\n"
                              "The following information is not for publication\r\n"
                              "- Reporting by: Jane Doe\r\n\n"
                              "dpa jd xy\r\n",
                              "071230 GMT Nov 22"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_IPTC_7901);
  EXPECT_EQ(story.headline(), "Strong quake shakes Tokyo");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Tokyo (dpa) - A strong earthquake shook Tokyo on Monday.",
                                              "No damage was reported."));
  EXPECT_EQ(story.editorial_note(),
            "dpa NOTEBOOK; The following information is not for publication; Reporting by: Jane Doe");
  EXPECT_EQ(story.slugline(), "Japan/Quake");
  EXPECT_THAT(story.keywords(), ElementsAre("Japan", "Quake"));
  EXPECT_EQ(story.urgency(), 2);
  ASSERT_EQ(story.subjects_size(), 1);
  EXPECT_EQ(story.subjects(0).scheme(), "iptc7901-category");
  EXPECT_EQ(story.subjects(0).code(), "pl");
  EXPECT_EQ(story.source_section(), "pl");
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.provider(), "dpa");
  EXPECT_EQ(story.version_created().seconds(), 1667824200);  // 2022-11-07 12:30 UTC
}

// The trailer's month in the sending desk's language; day 07, 12:30, 2022.
TEST(Iptc7901Test, TrailerMonthsInOtherLanguages) {
  struct Case {
    const char* month;
    int number;
  } cases[] = {
      {"Jan", 1},   {"Gen", 1},    {"ene", 1},   {"Feb", 2},   {"f\xC3\xA9vr.", 2}, {"mar", 3},
      {"M\xC3\xA4r", 3}, {"Mrz", 3}, {"avr", 4},   {"Abr", 4},   {"Mai", 5},  {"mag", 5},
      {"Mayo", 5},  {"juin", 6},   {"Giu", 6},   {"Juni", 6},  {"juil", 7}, {"Lug", 7},
      {"ao\xC3\xBBt", 8}, {"Ago", 8}, {"Set", 9}, {"Sept.", 9}, {"Okt", 10}, {"Ott", 10},
      {"NOV", 11},  {"d\xC3\xA9""c", 12}, {"D\xC3\x89""C", 12}, {"Dez", 12}, {"dic", 12},
  };
  for (const Case& c : cases) {
    auto result = Parse(Message("xyz012 2 pl 120 abc  dpa 0042", "Kw/", "Headline =\r\n\nText.\r\n",
                                absl::StrCat("071230 ", c.month, " 22")));
    ASSERT_TRUE(result.ok()) << c.month << ": " << result.status();
    ASSERT_THAT(result->stories, SizeIs(1));
    const google::protobuf::Timestamp& sent = result->stories[0].version_created();
    EXPECT_EQ(sent.seconds(),
              absl::ToUnixSeconds(absl::FromCivil(absl::CivilMinute(2022, c.number, 7, 12, 30),
                                                  absl::UTCTimeZone())))
        << c.month;
  }
  // Not a month: no time (the Normalizer falls back to the record's).
  for (const char* word : {"Xyz", "Ju", "Noon"}) {
    auto result = Parse(Message("xyz012 2 pl 120 abc  dpa 0042", "Kw/", "Headline =\r\n\nText.\r\n",
                                absl::StrCat("071230 ", word, " 22")));
    ASSERT_TRUE(result.ok()) << word << ": " << result.status();
    EXPECT_FALSE(result->stories[0].has_version_created()) << word;
  }
}

TEST(Iptc7901Test, FlagLineBylineAndMultiLineHeadline) {
  auto result = Parse(Message("ecp0007 4 s 850  dpa-tns 0908", "Sport/",
                              "EXTRA\n(Achtung Korrektur)\nRams beat Chiefs\nin a classic\n"
                              "By Tom Krasovic, The San Diego Union-Tribune =\r\n\n"
                              "San Diego (tca/dpa) - History says...\r\n\n"
                              "# Notebook\r\n- (c)2018 The San Diego Union-Tribune\r\n",
                              "211259 Nov 18"));
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Rams beat Chiefs in a classic");
  EXPECT_EQ(story.byline(), "By Tom Krasovic, The San Diego Union-Tribune");
  EXPECT_EQ(story.signal(), v1::SIGNAL_CORRECTION);
  // the flag line's note without its parentheses, as every editor's note
  EXPECT_THAT(story.editorial_note(), HasSubstr("EXTRA; Achtung Korrektur; Notebook"));
  EXPECT_EQ(story.copyright(), "(c)2018 The San Diego Union-Tribune");
  EXPECT_THAT(story.paragraphs(), ElementsAre("San Diego (tca/dpa) - History says..."));
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.provider(), "dpa-tns");
  EXPECT_EQ(story.version_created().seconds(), 1542805140);  // 2018-11-21 12:59 UTC
}

TEST(Iptc7901Test, HeadlineWithoutTerminatorIsTheFirstLine) {
  auto result = Parse(Message("abc1 5 i 10  dpa 1", "", "Headline only\r\nBody line one\r\n", "bad time"));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Headline only");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("Body line one"));
  EXPECT_FALSE(result->stories[0].has_version_created());
  EXPECT_EQ(result->stories[0].slugline(), "");
}

TEST(Iptc7901Test, LeadFlagIsANewVersion) {
  auto result = Parse(Message("eca0003 3 i 380  dpa 0045", "Switzerland/migration/UN/",
                              "REFILE\n1ST LEAD\nSwitzerland joins list\nBy dpa correspondents =\r\n\n"
                              "Geneva (dpa) - Switzerland is joining.\r\n",
                              "212322 GMT Nov 18"));
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Switzerland joins list");
  EXPECT_EQ(story.byline(), "By dpa correspondents");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.editorial_note(), "REFILE; 1ST LEAD");
  EXPECT_THAT(story.keywords(), ElementsAre("Switzerland", "migration", "UN"));
}

TEST(Iptc7901Test, KillFlag) {
  auto result = Parse(Message("abc1 1 i 10  dpa 1", "X/", "(Kill)\nQuake story =\r\n\nWithdrawn.", ""));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->stories[0].signal(), v1::SIGNAL_KILL);
  EXPECT_EQ(result->stories[0].pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(result->stories[0].urgency(), 1);
}

TEST(Iptc7901Test, NoTextIsAnError) {
  for (const std::string& bad : {std::string("\x01" "abc1 4 i 10 dpa 1\r\nno stx"),
                                 std::string("\x01" "abc1 4 i 10\r\n\x02  \r\n\x03"),
                                 std::string("\x01\x02\x03")}) {
    auto result = Parse(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.status().message(), HasSubstr("iptc7901: "));
  }
}

// The same message stored by a capture that dropped the control codes
// (SOH, STX, ETX, EOT): the header line first, the transmission time last.
TEST(Iptc7901Test, MessageWithoutControlCharacters) {
  const std::string bare =
      "xyz012 2 pl 120 abc  dpa 0042\n\n"
      "/Japan/Quake/\n"
      "1ST LEAD\n"
      "Strong quake shakes Tokyo\n"
      "By Jane Doe, dpa =\n\n"
      "Tokyo (dpa) - A strong earthquake shook\n"
      "Tokyo on Monday.\n\n"
      "No damage was reported.\n\n"
      "dpa jd xy\n\n\n"
      "071230 GMT Nov 22\n";
  EXPECT_TRUE(SniffIptc7901(parser_testing::InputFor(bare)));
  auto result = Parse(bare);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Strong quake shakes Tokyo");
  EXPECT_EQ(story.byline(), "By Jane Doe, dpa");
  EXPECT_EQ(story.editorial_note(), "1ST LEAD");
  EXPECT_EQ(story.version(), 2);
  EXPECT_THAT(story.paragraphs(), ElementsAre("Tokyo (dpa) - A strong earthquake shook Tokyo on Monday.",
                                              "No damage was reported."));
  EXPECT_THAT(story.keywords(), ElementsAre("Japan", "Quake"));
  EXPECT_EQ(story.urgency(), 2);
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.version_created().seconds(), 1667824200);  // 2022-11-07 12:30 UTC
}

// DEL characters some capture paths pad a message with, before SOH.
TEST(Iptc7901Test, FillBeforeSoh) {
  const std::string padded = absl::StrCat(
      "\x7F\x7F\r\n\x7F", Message("xyz012 3 ec 80  abc 0042", "France", "Paris talks =\r\n\n"
                                                             "   Paris (ats afp) Talks began.\r\n",
                                       "091223 dec 18"));
  EXPECT_TRUE(SniffIptc7901(parser_testing::InputFor(padded)));
  auto result = Parse(padded);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Paris talks");
  EXPECT_EQ(result->stories[0].urgency(), 3);
}

// Without control codes both ends must read as 7901.
TEST(Iptc7901Test, PlainTextIsNotABareMessage) {
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("abc123 4 i 211 words here\n\nSome text.\n\nMore text.\n")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("Some text.\n\nMore text.\n\n071230 GMT Nov 22\n")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("abc123 4 i 211 x\n071230 GMT Nov 22\n")));
}

TEST(Iptc7901Test, Sniff) {
  EXPECT_TRUE(SniffIptc7901(parser_testing::InputFor("\x01" "eca062 4 i 211 ccccb   dpa 061\r\n")));
  EXPECT_TRUE(SniffIptc7901(parser_testing::InputFor("\n\x01" "eca0001 4 rs 46  dpa 0027")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("\x16\x16\x01W2870\x1F" "asian\n")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("\x01\x02\x03\x04")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("\x01 garbage here\r\n")));
  EXPECT_FALSE(SniffIptc7901(parser_testing::InputFor("eca062 4 i 211 without SOH")));
}

TEST(Iptc7901CorpusTest, DpaEnglishService) {
  NW_CORPUS_FILE_OR_SKIP(bytes, "wire/IPTC7901.txt");
  auto result = Parse(bytes);
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Germany Social Democrats: Coalition talks with Merkel could fail");
  EXPECT_EQ(story.slugline(), "Germany-politics");
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.urgency(), 4);
  EXPECT_EQ(story.source_section(), "i");
  ASSERT_THAT(story.paragraphs(), SizeIs(5));
  EXPECT_THAT(story.paragraphs(0), HasSubstr("Berlin (dpa) - Negotiations between German conservatives"));
  EXPECT_THAT(story.paragraphs(4), HasSubstr("sworn in for a third term before Christmas."));
  EXPECT_THAT(story.editorial_note(), HasSubstr("Reporting by: Wolfgang Schmidt"));
  EXPECT_EQ(story.version_created().seconds(), 1384342620);  // 2013-11-13 11:37 UTC
}

TEST(Iptc7901CorpusTest, TwoLineHeadAndByline) {
  NW_CORPUS_FILE_OR_SKIP(two_line, "wire/dpa_two_line.txt");
  auto result = Parse(two_line);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(),
            "Peace talks on Yemen to take place in Sweden next month, Mattis says");
  EXPECT_THAT(result->stories[0].paragraphs(), SizeIs(4));

  NW_CORPUS_FILE_OR_SKIP(by_line, "wire/dpa_two_by_line.txt");
  result = Parse(by_line);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(),
            "Chiefs-Rams 2.0? Would be a fun Super Bowl, but don't count on it");
  EXPECT_EQ(result->stories[0].byline(), "By Tom Krasovic, The San Diego Union-Tribune");
  EXPECT_THAT(result->stories[0].keywords(), ElementsAre("American Football", "NFL"));
}

}  // namespace
}  // namespace newswire
