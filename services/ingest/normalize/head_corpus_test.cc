// The head of the text on the wire corpus files named in issue 18 (classes 2,
// 3, 4 and 8): dateline, byline, editor's note and credit line of each story,
// through the whole Normalizer. Every expected value was read by hand from
// the source document (the body's first lines, its last line, the metadata),
// not from the program's output. Skips when the corpus is not there
// (NEWSWIRE_CORPUS, see tests/corpus/corpus_files.h).
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/corpus_stories.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::StartsWith;

struct Head {
  const char* place;
  const char* date_text;
  const char* dateline_agency;
  const char* dateline_text;
  const char* agency;
  const char* byline;
  const char* note;         // a part of editorial_note
  const char* credit_line;
  const char* lead;         // the opening of the lead paragraph
};

class HeadCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test_corpus::RootFromEnv()) GTEST_SKIP() << "corpus not found: set NEWSWIRE_CORPUS";
  }

  std::vector<v1::Story> Stories(const std::string& name) {
    return test_corpus::WireStories(name);
  }

  // Checks one story against what its file prints; a field given as nullptr
  // is not checked.
  void Check(const std::string& name, const v1::Story& story, const Head& want) {
    SCOPED_TRACE(name);
    EXPECT_EQ(story.dateline().place(), want.place);
    EXPECT_EQ(story.dateline().date_text(), want.date_text);
    EXPECT_EQ(story.dateline().agency(), want.dateline_agency);
    EXPECT_EQ(story.dateline().text(), want.dateline_text);
    EXPECT_EQ(story.agency(), want.agency);
    EXPECT_EQ(story.byline(), want.byline);
    if (want.note != nullptr) {
      EXPECT_TRUE(absl::StrContains(story.editorial_note(), want.note))
          << "editorial_note: " << story.editorial_note();
    }
    EXPECT_EQ(story.credit_line(), want.credit_line);
    // Never both: no note, byline or credit line left in the body.
    for (const std::string& paragraph : story.paragraphs()) {
      if (!story.byline().empty()) {
        EXPECT_NE(paragraph, story.byline());
      }
      EXPECT_FALSE(absl::StartsWith(paragraph, "(Reporting by")) << paragraph;
      if (want.note != nullptr) {
        EXPECT_FALSE(absl::StrContains(paragraph, want.note)) << paragraph;
      }
    }
    if (want.lead != nullptr) {
      bool found = false;
      for (const std::string& paragraph : story.paragraphs()) {
        found |= absl::StartsWith(paragraph, want.lead);
      }
      EXPECT_TRUE(found) << "no paragraph opens with \"" << want.lead << "\"";
    }
  }

  // The one story of file `name`, checked against `want`.
  v1::Story CheckOnlyStory(const std::string& name, const Head& want) {
    std::vector<v1::Story> stories = Stories(name);
    EXPECT_EQ(stories.size(), 1u) << name;
    if (stories.size() != 1) return v1::Story();
    Check(name, stories[0], want);
    return stories[0];
  }
};

TEST_F(HeadCorpusTest, ReutersNoteBulletsBylineAndCreditLine) {
  // "(Adds comments, detail)", three "* ..." bullets, "By Arpan Varghese",
  // "Jan 30 (Reuters) - Gold rose ...", "(Reporting by ...; Editing by ...)".
  v1::Story story = CheckOnlyStory(
      "tag_reuters.com_0000_newsml_L4N1FL0N0_1132689232",
      {"", "Jan 30", "Reuters", "Jan 30 (Reuters) -", "REUTERS", "By Arpan Varghese",
       "Adds comments, detail",
       "Reporting by Arpan Varghese in Bengaluru; Editing by Joseph Radford and Richard Pullin",
       "Jan 30 (Reuters) - Gold rose on Tuesday"});
  ASSERT_GT(story.paragraphs_size(), 0);
  EXPECT_THAT(story.paragraphs(0), StartsWith("* Spot gold may edge up"));
}

TEST_F(HeadCorpusTest, ReutersCorrectionNoteAboveTheDateline) {
  v1::Story story = CheckOnlyStory(
      "tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838",
      {"", "Jan 3", "Reuters", "Jan 3 (Reuters) -", "REUTERS", "",
       "In Jan. 3 story, corrects last paragraph",
       "Reporting by David Bailey in Minneapolis, Erwin Seba in Houston and Tim Ghianni in "
       "Nashville; Editing by Dan Grebler",
       "Jan 3 (Reuters) - Residents of flooded areas"});
  ASSERT_GT(story.paragraphs_size(), 0);
  EXPECT_THAT(story.paragraphs(0), StartsWith("Jan 3 (Reuters) -"));
}

TEST_F(HeadCorpusTest, ReutersCreditLineAfterAnEmptyParagraph) {
  CheckOnlyStory("tag_reuters.com_2014_newsml_KBN0FL0ZP_version_2",
                 {"BEIRUT", "", "Reuters", "BEIRUT (Reuters) -", "REUTERS", "", nullptr,
                  "Reporting by Tom Perry, editing by John Stonestreet",
                  "BEIRUT (Reuters) - President"});
}

TEST_F(HeadCorpusTest, ReutersBylineAloneIsNoBody) {
  // The body of text.xml is one paragraph: "By Toby Davis".
  std::vector<v1::Story> stories = Stories("text.xml");
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].byline(), "By Toby Davis");
  EXPECT_EQ(stories[0].paragraphs_size(), 0);
}

TEST_F(HeadCorpusTest, DpaPartnerCopyWithHeaderByline) {
  // IPTC 7901: "By Tom Krasovic, The San Diego Union-Tribune =" in the
  // header, "San Diego (tca/dpa) - History says ..." opening the text.
  CheckOnlyStory("dpa_two_by_line.txt",
                 {"San Diego", "", "tca/dpa", "San Diego (tca/dpa) -", "DPA",
                  "By Tom Krasovic, The San Diego Union-Tribune", nullptr, "",
                  "San Diego (tca/dpa) - History says"});
}

TEST_F(HeadCorpusTest, AnsaAgencyFirstDatelines) {
  // located "Rome"; the text opens "(ANSA) - Rome, October 11 - Italian ...".
  CheckOnlyStory("ansa-newsmlg2-text.xml",
                 {"Rome", "October 11", "ANSA", "(ANSA) - Rome, October 11 -", "ANSA", "",
                  nullptr, "", "(ANSA) - Rome, October 11 - Italian Foreign Minister"});
  // The dateline element says "ANSA TEST - ROMA, 01 LUG -"; the text prints
  // "(ANSA) - ROMA, 1 LUG - TEST FROM XAWES": the printed one wins.
  CheckOnlyStory("ansa_culture.xml",
                 {"ROMA", "1 LUG", "ANSA", "(ANSA) - ROMA, 1 LUG -", "ANSA", "", nullptr, "",
                  "(ANSA) - ROMA, 1 LUG - TEST FROM XAWES"});
}

TEST_F(HeadCorpusTest, ApNitfDatelineElementAndPrintedDateline) {
  // <location>NEW YORK</location>; the text opens "NEW YORK (AP) — The gas".
  CheckOnlyStory("ap-nitf.xml",
                 {"NEW YORK", "", "AP", "NEW YORK (AP) \xE2\x80\x94", "AP",
                  "By BERNARD CONDON, AP Business Writer", "For global distribution", "",
                  "NEW YORK (AP) \xE2\x80\x94 The gas produced"});
}

TEST_F(HeadCorpusTest, ApNewsMlPrintedDatelineOverLocated) {
  // Story 1: located Pittsburgh, <dateline>FORT WASHINGTON, Pa.</dateline>,
  // text "FORT WASHINGTON, Pa. (AP) _ Nutrisystem ...", edNote
  // "Eds: Adds full-year results.". Story 2: located Bethesda. Story 3: an
  // empty located.
  std::vector<v1::Story> stories = Stories("ap.xml");
  ASSERT_EQ(stories.size(), 3u);
  Check("ap.xml 1", stories[0],
        {"FORT WASHINGTON, Pa.", "", "AP", "FORT WASHINGTON, Pa. (AP) _", "AP", "",
         "Eds: Adds full-year results.", "", "FORT WASHINGTON, Pa. (AP) _ Nutrisystem Inc."});
  Check("ap.xml 2", stories[1],
        {"BETHESDA, Md.", "", "AP", "BETHESDA, Md. (AP) _", "AP", "",
         "Eds: Adds full-year results.", "", "BETHESDA, Md. (AP) _ DiamondRock"});
  Check("ap.xml 3", stories[2],
        {"KNOXVILLE, Tenn.", "", "AP", "KNOXVILLE, Tenn. (AP) _", "AP", "", nullptr, "",
         "KNOXVILLE, Tenn. (AP) _ Scripps Networks"});
}

TEST_F(HeadCorpusTest, RitzauPressReleaseDatelineOverTown) {
  // <town>København</town> on both; the first is a press release printed
  // "GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) -- The UK Space
  // Agency ...", the second a Ritzau story without a printed dateline.
  std::vector<v1::Story> stories = Stories("ritzau_feed.xml");
  ASSERT_EQ(stories.size(), 2u);
  Check("ritzau_feed.xml 1", stories[0],
        {"GLASGOW, Scotland", "Feb. 01, 2018", "GLOBE NEWSWIRE",
         "GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) --", "GLOBE NEWSWIRE", "", nullptr,
         "", "GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) -- The UK Space Agency"});
  Check("ritzau_feed.xml 2", stories[1],
        {"K\xC3\xB8" "benhavn", "", "", "", "RITZAU", "Mikkel Lundby Madsen", nullptr, "",
         "Den danske cykelrytter Jakob Fuglsang"});
}

}  // namespace
}  // namespace newswire
