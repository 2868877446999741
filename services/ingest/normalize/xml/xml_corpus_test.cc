// Every XML file of the external wire corpus through the XML format parsers,
// plus spot checks of values read by hand from the files. Skips when the
// corpus is not there (see tests/corpus/corpus_files.h).
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/xml/xml_doc.h"
#include "services/ingest/normalize/xml/xml_formats.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

struct Parsed {
  v1::SourceFormat format = v1::SOURCE_FORMAT_UNSPECIFIED;
  absl::StatusOr<ParseResult> result = absl::UnknownError("not parsed");
};

class XmlCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
    if (!root) GTEST_SKIP() << "corpus not found: set NEWSWIRE_CORPUS";
    dir_ = *root / "wire";
  }

  std::string Bytes(const std::string& name) {
    return test_corpus::ReadCorpusFile("wire/" + name).value_or("");
  }

  // The one XML parser that sniffs the file, and its result.
  Parsed Parse(const std::string& name) {
    std::string& bytes = cache_[name];
    if (bytes.empty()) bytes = Bytes(name);
    ParseInput input;
    input.bytes = bytes;
    input.utf8 = bytes;
    Parsed parsed;
    int claimants = 0;
    for (const FormatParser& parser : XmlFormatParsers()) {
      if (!parser.sniff(input)) continue;
      if (claimants++ == 0) {
        parsed.format = parser.format;
        parsed.result = parser.parse(input);
      }
    }
    EXPECT_LE(claimants, 1) << name;
    return parsed;
  }

  const v1::Story& Story(const std::string& name, size_t index = 0) {
    parsed_[name] = Parse(name);
    const Parsed& parsed = parsed_[name];
    static const v1::Story* const kEmpty = new v1::Story();
    if (!parsed.result.ok() || parsed.result->stories.size() <= index) {
      ADD_FAILURE() << name << ": no story " << index;
      return *kEmpty;
    }
    return parsed.result->stories[index];
  }

  std::filesystem::path dir_;  // the corpus's wire folder
  std::map<std::string, std::string> cache_;
  std::map<std::string, Parsed> parsed_;
};

void ExpectValidUtf8(const v1::Story& story, const std::string& name) {
  std::vector<std::string> fields = {
      story.source_guid(), story.source_uri(), story.agency(), story.provider(),
      story.headline(), story.subheadline(), story.byline(), story.language(),
      story.copyright(), story.slugline(), story.editorial_note(), story.source_section(),
      story.source_url(), story.dateline().place(), story.dateline().date_text(),
      story.dateline().agency(), story.dateline().text()};
  for (const std::string& p : story.paragraphs()) fields.push_back(p);
  for (const std::string& k : story.keywords()) fields.push_back(k);
  for (const v1::Subject& s : story.subjects()) {
    fields.push_back(s.scheme());
    fields.push_back(s.code());
    fields.push_back(s.name());
  }
  for (const std::string& field : fields) {
    EXPECT_TRUE(text::IsValidUtf8(field)) << name << ": " << field;
  }
}

TEST_F(XmlCorpusTest, EveryXmlFileGivesStoriesOrAReason) {
  int xml_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::string name = entry.path().filename().string();
    std::string bytes = Bytes(name);
    bool xml = xml::SniffRoot(bytes).has_value();
    Parsed parsed = Parse(name);
    if (!xml) {
      EXPECT_EQ(parsed.format, v1::SOURCE_FORMAT_UNSPECIFIED) << name << " is not XML";
      continue;
    }
    ++xml_files;
    ASSERT_NE(parsed.format, v1::SOURCE_FORMAT_UNSPECIFIED) << name << ": no XML parser";
    ASSERT_TRUE(parsed.result.ok()) << name << ": " << parsed.result.status();
    const ParseResult& result = *parsed.result;
    EXPECT_TRUE(!result.stories.empty() || !result.no_story_reason.empty()) << name;
    for (const v1::Story& story : result.stories) {
      EXPECT_TRUE(!story.headline().empty() || !story.paragraphs().empty()) << name;
      EXPECT_NE(story.source_format(), v1::SOURCE_FORMAT_UNSPECIFIED) << name;
      EXPECT_EQ(story.id(), "") << name;  // the Normalizer builds it
      for (const std::string& paragraph : story.paragraphs()) EXPECT_FALSE(paragraph.empty()) << name;
      ExpectValidUtf8(story, name);
    }
  }
  EXPECT_GT(xml_files, 10);
}

// Real files cut short (a record truncated in transit) never crash a parser.
TEST_F(XmlCorpusTest, TruncatedFilesAreSafe) {
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::string bytes = Bytes(entry.path().filename().string());
    if (!xml::SniffRoot(bytes).has_value()) continue;
    for (int cut = 1; cut < 48; ++cut) {
      std::string prefix = bytes.substr(0, bytes.size() * cut / 48);
      ParseInput input;
      input.bytes = prefix;
      input.utf8 = prefix;
      for (const FormatParser& parser : XmlFormatParsers()) {
        if (!parser.sniff(input)) continue;
        absl::StatusOr<ParseResult> result = parser.parse(input);
        EXPECT_TRUE(result.ok() || absl::IsInvalidArgument(result.status())) << result.status();
      }
    }
  }
}

TEST_F(XmlCorpusTest, TwoReutersVersionsShareTheGuid) {
  const v1::Story& canceled = Story("tag_reuters.com_2016_newsml_L1N14N0FF_version_1542761538");
  const v1::Story& corrected = Story("tag_reuters.com_2016_newsml_L1N14N0FF_version_978556838");
  EXPECT_EQ(canceled.source_guid(), "tag:reuters.com,0000:newsml_L1N14N0FF");
  EXPECT_EQ(corrected.source_guid(), canceled.source_guid());
  EXPECT_EQ(canceled.version(), 1542761538);
  EXPECT_EQ(corrected.version(), 978556838);
  EXPECT_EQ(canceled.agency(), "REUTERS");
  EXPECT_EQ(canceled.pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(canceled.signal(), v1::SIGNAL_KILL);
  EXPECT_EQ(corrected.signal(), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(corrected.paragraphs_size(), 17);
  EXPECT_THAT(corrected.paragraphs(0), HasSubstr("corrects last paragraph"));
  EXPECT_EQ(corrected.paragraphs(16), "(Reporting by David Bailey in Minneapolis, Erwin Seba in "
                                      "Houston and Tim Ghianni in Nashville; Editing by Dan Grebler)");
}

TEST_F(XmlCorpusTest, Latin1NitfDecodesAccents) {
  const v1::Story& pa5 = Story("pa5.xml");
  EXPECT_EQ(pa5.headline(), "HARD BREXIT TO COST UK UP TO \xC2\xA3" "66BN A YEAR, SAYS TREASURY");
  EXPECT_THAT(pa5.paragraphs(0), HasSubstr("\xC2\xA3" "66 billion"));
  EXPECT_EQ(pa5.agency(), "PA");
  const v1::Story& ntb = Story("nitf-ntb.xml");
  EXPECT_THAT(ntb.paragraphs(), Contains("P\xC3\xA5stand"));
  EXPECT_EQ(ntb.language(), "nb-NO");
  EXPECT_EQ(ntb.version(), 48);
  EXPECT_EQ(ntb.agency(), "NTB");
  EXPECT_EQ(ntb.dateline().place(), "Oslo");
}

TEST_F(XmlCorpusTest, NitfSpotChecks) {
  const v1::Story& pa3 = Story("pa3.xml");
  EXPECT_EQ(parser_testing::Utc(pa3.embargoed_until()), "2016-09-08T23:01:00Z");
  EXPECT_EQ(pa3.byline(), "By Benjamin Wright, Press Association");
  const v1::Story& ap = Story("ap-nitf.xml");
  EXPECT_EQ(ap.byline(), "By BERNARD CONDON, AP Business Writer");
  EXPECT_EQ(ap.agency(), "AP");
  EXPECT_EQ(ap.dateline().place(), "NEW YORK");
  const v1::Story& aap = Story("aap-finance.xml");
  EXPECT_EQ(aap.agency(), "AFP");  // an AFP story delivered by AAP
  EXPECT_THAT(aap.paragraphs(0), HasSubstr("sale of stakes in four petrochemical"));
  Parsed empty = Parse("aap-finance-lite.xml");
  ASSERT_TRUE(empty.result.ok());
  EXPECT_TRUE(empty.result->stories.empty());
}

TEST_F(XmlCorpusTest, NewsMlG2SpotChecks) {
  Parsed ap = Parse("ap.xml");
  ASSERT_TRUE(ap.result.ok());
  ASSERT_EQ(ap.result->stories.size(), 3u);
  EXPECT_EQ(ap.result->stories[0].agency(), "AP");
  EXPECT_EQ(ap.result->stories[0].dateline().place(), "FORT WASHINGTON, Pa.");
  Parsed package = Parse("LISTING_6_Simple_NewsML-G2_Package.xml");
  ASSERT_TRUE(package.result.ok());
  EXPECT_EQ(package.result->no_story_reason, "package of links");
  Parsed picture = Parse("tag_reuters.com_0000_newsml_GM1EA7M13RP01_version_484616934");
  ASSERT_TRUE(picture.result.ok());
  EXPECT_EQ(picture.result->no_story_reason, "picture item");
  const v1::Story& listing = Story("LISTING_1_A_NewsML-G2_News_Item.xml");
  EXPECT_EQ(parser_testing::Utc(listing.embargoed_until()), "2016-10-23T12:00:00Z");
  EXPECT_EQ(listing.signal(), v1::SIGNAL_UPDATE);
  const v1::Story& dpa = Story("dpa.xml");
  EXPECT_EQ(dpa.agency(), "DPA");
  EXPECT_EQ(dpa.source_section(), "Sport");
  EXPECT_EQ(dpa.dateline().place(), "London");
  EXPECT_THAT(dpa.paragraphs(0), ::testing::StartsWith("London (dpa) - 2019 gab es bittere"));
  const v1::Story& gold = Story("tag_reuters.com_0000_newsml_L4N1FL0N0_1132689232");
  EXPECT_EQ(gold.paragraphs(4), "By Arpan Varghese");
  const v1::Story& stt = Story("stt_newsml_test.xml");
  EXPECT_THAT(stt.paragraphs(4), HasSubstr("until 4 o'clock"));
  const v1::Story& ansa = Story("ansa-newsmlg2-text.xml");
  EXPECT_EQ(ansa.paragraphs_size(), 4);
}

TEST_F(XmlCorpusTest, NewsMl1FeedsAndRitzauSpotChecks) {
  const v1::Story& afp20 = Story("afp20.xml");
  EXPECT_EQ(afp20.headline(),
            "D\xC3\xA9" "c\xC3\xA8s de Naomi Musenga: l'op\xC3\xA9ratrice du Samu d\xC3\xA9"
            "finitivement condamn\xC3\xA9" "e");
  const v1::Story& afp = Story("afp.xml");
  EXPECT_EQ(afp.source_guid(), "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86");
  EXPECT_EQ(afp.dateline().place(), "STOCKHOLM");
  EXPECT_EQ(afp.agency(), "AFP");
  Parsed wenn = Parse("wenn.xml");
  ASSERT_TRUE(wenn.result.ok());
  ASSERT_EQ(wenn.result->stories.size(), 2u);
  EXPECT_EQ(wenn.format, v1::SOURCE_FORMAT_ATOM);
  EXPECT_THAT(wenn.result->stories[0].paragraphs(0), ::testing::StartsWith("Police officials in Los Angeles"));
  Parsed ritzau = Parse("ritzau_feed.xml");
  ASSERT_TRUE(ritzau.result.ok());
  EXPECT_EQ(ritzau.format, v1::SOURCE_FORMAT_RITZAU_XML);  // <XMLNewsQueuedResponse>
  ASSERT_EQ(ritzau.result->stories.size(), 2u);
  EXPECT_THAT(ritzau.result->stories[0].paragraphs(0), HasSubstr("more than \xC2\xA3" "4 million"));
  EXPECT_THAT(ritzau.result->stories[0].paragraphs(0), HasSubstr("'parallel super-computing'"));
  EXPECT_EQ(Story("ritzau_news.xml").source_section(), "Udland");
}

}  // namespace
}  // namespace newswire
