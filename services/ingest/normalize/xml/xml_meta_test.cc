#include "services/ingest/normalize/xml/xml_meta.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::xml {
namespace {

TEST(AgencyFromNameTest, NamesCodesQcodesAndDomains) {
  EXPECT_EQ(AgencyFromName("Associated Press"), "AP");
  EXPECT_EQ(AgencyFromName("The Associated Press"), "AP");
  EXPECT_EQ(AgencyFromName("Thomson Reuters"), "REUTERS");
  EXPECT_EQ(AgencyFromName("nprov:REUTERS"), "REUTERS");
  EXPECT_EQ(AgencyFromName("reuters.com"), "REUTERS");
  EXPECT_EQ(AgencyFromName("Agence France-Presse"), "AFP");
  EXPECT_EQ(AgencyFromName("Agence France Presse"), "AFP");
  EXPECT_EQ(AgencyFromName("Deutsche Presse-Agentur GmbH"), "DPA");
  EXPECT_EQ(AgencyFromName("dpa Deutsche Presse Agentur GmbH"), "DPA");
  EXPECT_EQ(AgencyFromName("Australian Associated Press"), "AAP");
  EXPECT_EQ(AgencyFromName("PA Sport"), "PA");
  EXPECT_EQ(AgencyFromName("Press Association"), "PA");
  EXPECT_EQ(AgencyFromName("ansa.it"), "ANSA");
  EXPECT_EQ(AgencyFromName("STT"), "STT");
  EXPECT_EQ(AgencyFromName("/ritzau/"), "RITZAU");
  EXPECT_EQ(AgencyFromName("WENN Newsdesk"), "WENN");
  EXPECT_EQ(AgencyFromName("(c) 2013 Australian Associated Press"), "AAP");
  // ANA-MPA (Athens-Macedonian News Agency) by its domain and its Greek
  // initials, as its NewsML 1.2 names itself.
  EXPECT_EQ(AgencyFromName("ana-mpe.gr"), "ANA");
  // NITF from The Canadian Press names it in <distributor>, upper case.
  EXPECT_EQ(AgencyFromName("THE CANADIAN PRESS"), "CP");
  EXPECT_EQ(AgencyFromName("La Presse Canadienne"), "CP");
  EXPECT_EQ(AgencyFromName("\xCE\x91\xCE\xA0\xCE\x95-\xCE\x9C\xCE\xA0\xCE\x95"), "ANA");
}

TEST(AgencyFromNameTest, UnknownNamesGiveNothing) {
  EXPECT_EQ(AgencyFromName(""), "");
  EXPECT_EQ(AgencyFromName("Automated Insights"), "");
  EXPECT_EQ(AgencyFromName("Example Enews LLP"), "");
  EXPECT_EQ(AgencyFromName("Ana Garcia"), "");     // a person, not ANA
  EXPECT_EQ(AgencyFromName("Via Ritzau"), "");     // distributed, not written
  EXPECT_EQ(AgencyFromName("Opta Sports Data"), "");
}

TEST(AgencyFromGuidTest, ReadsTheAuthority) {
  EXPECT_EQ(AgencyFromGuid("tag:reuters.com,2016:newsml_L1N14N0FF"), "REUTERS");
  EXPECT_EQ(AgencyFromGuid("tag_reuters.com_2014_newsml_KBN0FL0ZP"), "REUTERS");
  EXPECT_EQ(AgencyFromGuid("urn:newsml:dpa.com:20090101:221011-930-4303"), "DPA");
  EXPECT_EQ(AgencyFromGuid("tag:ap.org,2011:5e56-text"), "AP");
  EXPECT_EQ(AgencyFromGuid("urn:newsml:example.com:1:x"), "");
  EXPECT_EQ(AgencyFromGuid("AAP.115314987.5417374"), "");
}

TEST(DatelineFromTextTest, SplitsPlaceDateAndAgency) {
  v1::Dateline d = DatelineFromText("STOCKHOLM, Aug 29, 2014 (AFP) -");
  EXPECT_EQ(d.place(), "STOCKHOLM");
  EXPECT_EQ(d.date_text(), "Aug 29, 2014");
  EXPECT_EQ(d.agency(), "AFP");
  EXPECT_EQ(d.text(), "STOCKHOLM, Aug 29, 2014 (AFP) -");

  d = DatelineFromText("FORT WASHINGTON, Pa.");
  EXPECT_EQ(d.place(), "FORT WASHINGTON, Pa.");
  EXPECT_EQ(d.agency(), "");

  d = DatelineFromText("SYDNEY March 22 AAP -");
  EXPECT_EQ(d.place(), "SYDNEY");
  EXPECT_EQ(d.date_text(), "March 22");
  EXPECT_EQ(d.agency(), "AAP");

  d = DatelineFromText("London (dpa) - ");
  EXPECT_EQ(d.place(), "London");
  EXPECT_EQ(d.agency(), "dpa");

  d = DatelineFromText("ANSA TEST - ROMA, 01 LUG -");
  EXPECT_EQ(d.place(), "ROMA");
  EXPECT_EQ(d.date_text(), "01 LUG");

  d = DatelineFromText("2014-07-16 13:00:03 GMT+00:00");
  EXPECT_EQ(d.place(), "");
  EXPECT_EQ(d.date_text(), "2014-07-16 13:00:03 GMT+00:00");
}

TEST(SignalFromTextTest, WireConventions) {
  EXPECT_EQ(SignalFromText({"Eds: UPDATES with comment"}), v1::SIGNAL_UPDATE);
  EXPECT_EQ(SignalFromText({"", "BC-US--Earns, 1st Ld-Writethru"}), v1::SIGNAL_UPDATE);
  EXPECT_EQ(SignalFromText({"USA-WEATHER/ (UPDATE 1, PIX, CORRECTED)"}), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(SignalFromText({"Eds: CORRECTS spelling", "KILL"}), v1::SIGNAL_KILL);
  EXPECT_EQ(SignalFromText({"An update on the killing", "corrected figures"}),
            v1::SIGNAL_UNSPECIFIED);
}

TEST(UrgencyFromTextTest, OneToNine) {
  EXPECT_EQ(UrgencyFromText(" 3 "), 3);
  EXPECT_EQ(UrgencyFromText("9"), 9);
  EXPECT_EQ(UrgencyFromText("0"), 0);
  EXPECT_EQ(UrgencyFromText("10"), 0);
  EXPECT_EQ(UrgencyFromText("high"), 0);
  EXPECT_EQ(UrgencyFromText(""), 0);
}

TEST(FirstTimeTest, FirstParsableWins) {
  auto time = FirstTime({"", "  \n", "not a time", "\n  2018-01-03T20:13:08.000Z\n  ", "2000-01-01"});
  ASSERT_TRUE(time.has_value());
  EXPECT_EQ(time->seconds(), 1515010388);
  EXPECT_FALSE(FirstTime({"", "nope"}).has_value());
}

TEST(StoryHelpersTest, SubjectsAndKeywordsOnce) {
  v1::Story story;
  AddSubject("subj", "11000000", "politics", story);
  AddSubject("subj", "11000000", "again", story);
  AddSubject("medtop", "11000000", "", story);
  AddSubject("subj", "", "no code", story);
  ASSERT_EQ(story.subjects_size(), 2);
  EXPECT_EQ(story.subjects(0).name(), "politics");
  EXPECT_EQ(story.subjects(0).origin(), v1::CLASSIFICATION_ORIGIN_SOURCE);
  AddKeyword("a", story);
  AddKeyword("a", story);
  AddKeyword("", story);
  EXPECT_EQ(story.keywords_size(), 1);
}

// A hostile item with 60,000 distinct subjects and keywords: the first ones
// up to the caps are kept, in order, and no more (each add past the cap
// scans nothing, so the record stays linear).
TEST(StoryHelpersTest, SubjectsAndKeywordsStopAtTheirCaps) {
  v1::Story story;
  for (int i = 0; i < 60000; ++i) {
    AddSubject("x", std::to_string(i), "", story);
    AddKeyword(std::to_string(i), story);
  }
  ASSERT_EQ(story.subjects_size(), kMaxSourceSubjects);
  ASSERT_EQ(story.keywords_size(), kMaxSourceKeywords);
  EXPECT_EQ(story.subjects(0).code(), "0");
  EXPECT_EQ(story.subjects(kMaxSourceSubjects - 1).code(), std::to_string(kMaxSourceSubjects - 1));
  EXPECT_EQ(story.keywords(kMaxSourceKeywords - 1), std::to_string(kMaxSourceKeywords - 1));
  // A duplicate under the cap is still kept once.
  v1::Story small;
  AddKeyword("a", small);
  AddKeyword("a", small);
  EXPECT_EQ(small.keywords_size(), 1);
}

TEST(ResultOfTest, DropsEmptyStoriesAndExplains) {
  v1::Story empty;
  v1::Story headline_only;
  headline_only.set_headline("Only a headline");
  headline_only.set_subheadline("ONLY A HEADLINE");
  headline_only.add_paragraphs("Only a headline");
  headline_only.add_paragraphs("Body");
  ParseResult result = ResultOf({empty, headline_only}, "");
  ASSERT_EQ(result.stories.size(), 1u);
  EXPECT_EQ(result.stories[0].subheadline(), "");
  EXPECT_THAT(result.stories[0].paragraphs(), ::testing::ElementsAre("Body"));
  EXPECT_EQ(ResultOf({empty}, "").no_story_reason, "empty item: no headline and no text");
  EXPECT_EQ(ResultOf({}, "picture item").no_story_reason, "picture item");
}

}  // namespace
}  // namespace newswire::xml
