// Story ids of wire items without a guid, through the Normalizer: the leads
// and write-thrus of one story share an id and order as versions; other
// stories, other days and other paths do not change that.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::StartsWith;

RawRecord Record(std::string value, const std::string& path) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.timestamp = absl::FromUnixSeconds(1667800000);
  record.value = std::move(value);
  record.headers = {{"source-url", path}};
  return record;
}

v1::Story NormalizeOne(const std::string& bytes, const std::string& path) {
  Normalizer normalizer({});
  auto result = normalizer.Normalize(Record(bytes, path));
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok() || result->stories.size() != 1) return v1::Story();
  return result->stories.front();
}

// An AP ANPA message: header keyword (no spaces, 24 characters at most),
// version and date ("<mm-dd>", AP's cycle date; by default the day sent), the
// '^' keyword line, a headline, one paragraph, the trailer
// "AP-WF-<mm-dd-yy> <hhmm>GMT".
std::string Anpa(const std::string& header_keyword, const std::string& keyword_line,
                 const std::string& headline, const std::string& lead, const std::string& sent,
                 const std::string& header_date = "") {
  return absl::StrCat("\x16\x16\x01", "a1234\x1F", "sel\r\n", "r a\x13\x11 ", header_keyword,
                      "     ", header_date.empty() ? sent.substr(0, 5) : header_date,
                      " 0321\r\n\x02^", keyword_line, "<\r\n^", headline, "<\r\n\t   ",
                      lead, "\r\n\t   \x03", "AP-WF-", sent, "GMT<\r\n\x0C\r\n\x04");
}

TEST(WireIdentityTest, LeadAndWriteThrusOfOneStoryShareAnIdAndOrderAsVersions) {
  v1::Story lead = NormalizeOne(
      Anpa("BC-AS--Japan-Quake", "BC-AS--Japan-Quake,321", "Quake shakes Tokyo",
           "TOKYO (AP) _ A strong earthquake shook Tokyo on Monday.", "11-07-22 0300"),
      "in/0001.tst");
  v1::Story first = NormalizeOne(
      Anpa("BC-AS--Japan-Quake 1stLd-Writethru", "BC-AS--Japan-Quake, 1st Ld-Writethru,402",
           "Quake kills 3 in Tokyo", "TOKYO (AP) _ A strong earthquake killed three.",
           "11-07-22 0545"),
      "archive/2022/0002.tst");
  v1::Story second = NormalizeOne(
      Anpa("AM-AS--Japan-Quake 2ndLd", "AM-AS--Japan-Quake, 2nd Ld,510", "Quake kills 5 in Tokyo",
           "TOKYO (AP) _ A strong earthquake killed five.", "11-07-22 0910"),
      "in/0003.tst");
  // agency AP, the transmission day, the header keyword without its cycle.
  EXPECT_EQ(lead.id(), "wire:AP:20221107:as--japan-quake");
  EXPECT_EQ(first.id(), lead.id());
  EXPECT_EQ(second.id(), lead.id());
  EXPECT_LT(lead.version(), first.version());
  EXPECT_EQ(first.version(), 2);  // the 1st lead is the second version
  EXPECT_EQ(second.version(), 3);
  EXPECT_EQ(second.signal(), v1::SIGNAL_UPDATE);
}

TEST(WireIdentityTest, OtherStoriesDaysAndPathsDoNotCollide) {
  std::string quake = Anpa("BC-AS--Japan-Quake", "BC-AS--Japan-Quake,321", "Quake shakes Tokyo",
                           "TOKYO (AP) _ A strong earthquake shook Tokyo.", "11-07-22 0300");
  v1::Story one = NormalizeOne(quake, "a/quake.tst");
  v1::Story again = NormalizeOne(quake, "b/other-name.tst");
  v1::Story vote = NormalizeOne(
      Anpa("BC-AS--Japan-Election", "BC-AS--Japan-Election,300", "Japan votes",
           "TOKYO (AP) _ Japan voted on Monday.", "11-07-22 0300"),
      "a/vote.tst");
  v1::Story next_day = NormalizeOne(
      Anpa("BC-AS--Japan-Quake", "BC-AS--Japan-Quake,321", "Another quake",
           "TOKYO (AP) _ Another earthquake shook Tokyo.", "11-08-22 0300"),
      "a/quake.tst");
  EXPECT_EQ(again.id(), one.id());  // one story from two paths
  EXPECT_NE(vote.id(), one.id());
  EXPECT_NE(next_day.id(), one.id());
  EXPECT_THAT(one.id(), StartsWith("wire:"));
}

TEST(WireIdentityTest, NewsAlertsOfOneDayAreStoriesOfTheirOwn) {
  auto alert = [](const std::string& text) {
    return absl::StrCat("\x16\x16\x01", "a1234\x1F", "sel\r\n", "b a\x13\x11 BC-US--APNewsAlert",
                        "     06-29 0358\r\n\x02^BC-US--APNewsAlert,17<\r\n\t   ", text,
                        "\r\n\t   \x03", "AP-WF-06-29-17 2350GMT<\r\n\x0C\r\n\x04");
  };
  v1::Story hawaii = NormalizeOne(alert("HONOLULU (AP) _ Hawaii sues."), "a.tst");
  v1::Story texas = NormalizeOne(alert("AUSTIN, Texas (AP) _ Texas sues."), "a.tst");
  EXPECT_EQ(hawaii.headline(), "Hawaii sues");
  EXPECT_NE(hawaii.id(), texas.id());
  // the alert keyword without its cycle, as every AP keyword
  EXPECT_THAT(hawaii.id(), StartsWith("wire:AP:20170629:us--apnewsalert/"));
}

// AP dates a story by its cycle, in the header, not by the UTC day: a lead
// sent at 23:50 GMT and its write-thru at 00:20 GMT, both dated 06-29, are
// one story (the UTC day split them before).
TEST(WireIdentityTest, LeadAndWriteThruShareTheIdAcrossMidnightGmt) {
  v1::Story lead = NormalizeOne(
      Anpa("BC-US--TravelBan", "BC-US--Travel Ban,320", "Hawaii challenges travel ban",
           "HONOLULU (AP) _ Hawaii filed a challenge.", "06-29-17 2350", "06-29"),
      "a.tst");
  v1::Story write_thru = NormalizeOne(
      Anpa("BC-US--TravelBan Ld-Writethru", "BC-US--Travel Ban, Ld-Writethru,410",
           "Hawaii asks judge to clarify travel ban",
           "HONOLULU (AP) _ Hawaii asked a judge to clarify the ban.", "06-30-17 0020", "06-29"),
      "b.tst");
  EXPECT_EQ(lead.id(), "wire:AP:20170629:us--travelban");
  EXPECT_EQ(write_thru.id(), lead.id());
  EXPECT_LT(lead.version(), write_thru.version());  // an unnumbered Ld-Writethru follows
  EXPECT_EQ(write_thru.version_created().seconds() - lead.version_created().seconds(), 30 * 60);
  // The header's year is the one nearest the time sent: dated 12-31, sent
  // on 01-01 of the next year.
  v1::Story new_year = NormalizeOne(
      Anpa("BC-US--TimesSquare", "BC-US--Times Square,200", "Crowds fill Times Square",
           "NEW YORK (AP) _ Crowds filled Times Square.", "01-01-18 0430", "12-31"),
      "c.tst");
  EXPECT_EQ(new_year.id(), "wire:AP:20171231:us--timessquare");
}

// dpa's IPTC 7901 keyword line is a topic: two of the day's stories share it.
std::string Dpa(const std::string& headline, const std::string& lead) {
  return absl::StrCat("\x01", "eca0124 3 i 93  dpa 1888\r\n\n", "Germany/politics/\r\n\x02",
                      headline, " =\r\n\n   Berlin (dpa) - ", lead, "\r\n\n\x03",
                      "212101 GMT Nov 18\r\n\x7F\n\x7F\x04");
}

TEST(WireIdentityTest, Iptc7901StoriesUnderOneKeywordLineDoNotCollide) {
  v1::Story coalition = NormalizeOne(Dpa("Coalition talks fail", "Talks failed."), "x/1.txt");
  v1::Story budget = NormalizeOne(Dpa("Budget passes", "The budget passed."), "x/2.txt");
  v1::Story coalition_again =
      NormalizeOne(Dpa("Coalition talks fail", "Talks failed."), "y/copy.txt");
  EXPECT_NE(coalition.id(), budget.id());
  EXPECT_EQ(coalition_again.id(), coalition.id());
  EXPECT_THAT(coalition.id(), StartsWith("wire:DPA:20181121:germany/politics/"));
}

// Every ANPA, IPTC 7901 and NITF file of the corpus: no id is a file path.
TEST(WireIdentityTest, CorpusWireFilesGetNoPathIds) {
  std::vector<std::string> names = {"wire/ap_anpa-1.tst", "wire/ap_anpa-2.tst",
                                    "wire/ap_anpa-3.tst", "wire/ap_anpa-5.tst",
                                    "wire/ap_anpa-7.tst", "wire/anpa-1.tst",
                                    "wire/anpa-2.tst",    "wire/anpa-4.tst",
                                    "wire/IPTC7901.txt",  "wire/dpa_copyright.txt",
                                    "wire/dpa_two_by_line.txt", "wire/dpa_two_line.txt",
                                    "wire/ap-nitf.xml",   "wire/ap_media_text_nitf.xml"};
  for (const std::string& name : names) {
    NW_CORPUS_FILE_OR_SKIP(bytes, name);
    v1::Story story = NormalizeOne(bytes, name);
    EXPECT_THAT(story.id(), ::testing::Not(StartsWith("url:"))) << name;
    EXPECT_FALSE(story.id().empty()) << name;
  }
  // ap_anpa-3.tst: "BC-US--GiantLobsterDeath 1stLd-Writethru 08-29", sent
  // "AP-WF-08-29-16 1626GMT".
  NW_CORPUS_FILE_OR_SKIP(lobster, "wire/ap_anpa-3.tst");
  EXPECT_EQ(NormalizeOne(lobster, "wire/ap_anpa-3.tst").id(),
            "wire:AP:20160829:us--giantlobsterdeath");
}

}  // namespace
}  // namespace newswire
