#include "services/ingest/tag/mapping.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

constexpr int kArts = 0, kCrime = 1, kEconomy = 3, kLabour = 8, kLifestyle = 9, kPolitics = 10,
              kScience = 12, kSport = 14, kWeather = 16;

const MappingTables& Tables() {
  static const MappingTables* tables = [] {
    absl::StatusOr<MappingTables> loaded = MappingTables::LoadDefault("");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return new MappingTables(*std::move(loaded));
  }();
  return *tables;
}

int TopicOf(const std::optional<MappedTopic>& mapped) {
  return mapped ? mapped->topic : -2;  // -2: unknown, -1: known, no topic
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(MappingTest, DefaultTablesHaveAVersion) { EXPECT_FALSE(Tables().version().empty()); }

TEST(MappingTest, MedtopCodesAtAnyDepthExpandToTheirTopLevel) {
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("medtop:20000523")), kLabour);   // labour market
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("20001065")), kSport);           // soccer
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("20000623")), kEconomy);         // nationalisation
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("medtop:20000053")), 15);        // act of terror
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("medtop:11000000")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().ExpandMedtop("http://cv.iptc.org/newscodes/mediatopic/20000002")),
            kArts);
  EXPECT_EQ(Tables().ExpandMedtop("medtop:04000000")->confidence, 1.0f);
}

TEST(MappingTest, UnknownDeepMedtopCodesAreNotGuessedFromDigits) {
  EXPECT_FALSE(Tables().ExpandMedtop("20099999"));
  EXPECT_FALSE(Tables().ExpandMedtop("medtop:123"));
  EXPECT_FALSE(Tables().ExpandMedtop("politics"));
}

TEST(MappingTest, SubjectCodesMapByTheirFirstTwoDigits) {
  EXPECT_EQ(TopicOf(Tables().MapSubjectCode("15039001")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapSubjectCode("subj:04000000")), kEconomy);
  EXPECT_EQ(TopicOf(Tables().MapSubjectCode("02003001")), kCrime);
  EXPECT_EQ(TopicOf(Tables().MapSubjectCode("16009000")), 15);  // unrest, conflicts and war
  EXPECT_EQ(TopicOf(Tables().MapSubjectCode("17000000")), kWeather);
  EXPECT_FALSE(Tables().MapSubjectCode("99000000"));
  EXPECT_FALSE(Tables().MapSubjectCode("1503"));
}

TEST(MappingTest, SchemesAsParsersWriteThem) {
  EXPECT_EQ(Tables().TableForScheme("medtop"), "medtop");
  EXPECT_EQ(Tables().TableForScheme("sttsubj"), "subj");
  EXPECT_EQ(Tables().TableForScheme(""), "subj");  // ninjs 1.x writes bare subject codes
  EXPECT_EQ(Tables().TableForScheme("a1312cat"), "anpa");
  EXPECT_EQ(Tables().TableForScheme("APCategoryCode"), "ap-category");
  EXPECT_FALSE(Tables().TableForScheme("apgeography"));
  EXPECT_EQ(TopicOf(Tables().MapCode("sttsubj", "11000000")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapCode("", "01000000")), kArts);
  EXPECT_EQ(TopicOf(Tables().MapCode("whatever", "medtop:15000000")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapCode("N2", "SOCC")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapCode("iptc7901-category", "s")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapCode("dpacat", "sp")), kSport);
}

TEST(MappingTest, AnpaCategoryLetters) {
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "f")), kEconomy);
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "s")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "e")), kArts);
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "l")), kLifestyle);
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "F")), kEconomy);
  // General news letters are known but name no topic: the text decides.
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "a")), -1);
  EXPECT_EQ(TopicOf(Tables().MapCode("anpa-category", "i")), -1);
  EXPECT_EQ(TopicOf(Tables().MapCode("apcategorycode", "f")), kEconomy);
  EXPECT_GT(Tables().MapCode("anpa-category", "f")->confidence, 0.5f);
  EXPECT_LT(Tables().MapCode("anpa-category", "f")->confidence, 1.0f);
}

TEST(MappingTest, LabelsInTheCorpusLanguages) {
  EXPECT_EQ(TopicOf(Tables().MapLabel("politics")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapLabel("POLITICS")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Politiikka")), kPolitics);  // fi
  EXPECT_EQ(TopicOf(Tables().MapLabel("Politik")), kPolitics);      // de, da, sv
  EXPECT_EQ(TopicOf(Tables().MapLabel("política")), kPolitics);     // es
  EXPECT_EQ(TopicOf(Tables().MapLabel("政治")), kPolitics);          // ja
  EXPECT_EQ(TopicOf(Tables().MapLabel("Wirtschaft")), kEconomy);    // de
  EXPECT_EQ(TopicOf(Tables().MapLabel("Talous")), kEconomy);        // fi
  EXPECT_EQ(TopicOf(Tables().MapLabel("Økonomi")), kEconomy);       // no, da
  EXPECT_EQ(TopicOf(Tables().MapLabel("Économie")), kEconomy);      // fr
  EXPECT_EQ(TopicOf(Tables().MapLabel("経済")), kEconomy);           // ja
  EXPECT_EQ(TopicOf(Tables().MapLabel("ECO")), kEconomy);           // AFP desk
  EXPECT_EQ(TopicOf(Tables().MapLabel("Sports")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Urheilu")), kSport);         // fi
  EXPECT_EQ(TopicOf(Tables().MapLabel("deportes")), kSport);        // es
  EXPECT_EQ(TopicOf(Tables().MapLabel("スポーツ")), kSport);         // ja
  EXPECT_EQ(TopicOf(Tables().MapLabel("SOCCER")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Kultur")), kArts);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Music")), kArts);
  EXPECT_EQ(TopicOf(Tables().MapLabel("tech")), kScience);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Wissenschaft")), kScience);
  EXPECT_EQ(TopicOf(Tables().MapLabel("crime")), kCrime);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Työelämä")), kLabour);       // fi
  EXPECT_EQ(TopicOf(Tables().MapLabel("weather")), kWeather);
}

TEST(MappingTest, PlaceLabelsAreKnownButNameNoTopic) {
  EXPECT_EQ(TopicOf(Tables().MapLabel("world")), -1);
  EXPECT_EQ(TopicOf(Tables().MapLabel("National")), -1);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Innenriks")), -1);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Kotimaa")), -1);
  EXPECT_EQ(TopicOf(Tables().MapLabel("UK News Service")), -2);
  EXPECT_EQ(TopicOf(Tables().MapLabel("")), -2);
}

TEST(MappingTest, LabelsWithPartsOrWords) {
  EXPECT_EQ(TopicOf(Tables().MapLabel("Sport - Football")), kSport);
  EXPECT_EQ(TopicOf(Tables().MapLabel("News/Politics")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Nachrichten > Wirtschaft")), kEconomy);
  EXPECT_EQ(TopicOf(Tables().MapLabel("UK Politics")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapLabel("World News")), -1);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Politica - News")), kPolitics);
  EXPECT_EQ(TopicOf(Tables().MapLabel("Sport News")), kSport);
  EXPECT_LT(Tables().MapLabel("Sport News")->confidence, Tables().MapLabel("sport")->confidence);
}

TEST(MappingTest, UrlPathSegments) {
  std::optional<UrlMatch> match =
      Tables().MapUrl("https://japantoday.com/category/politics/china-wary-about-japan");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->mapped.topic, kPolitics);
  EXPECT_EQ(match->segment, "politics");
  EXPECT_EQ(Tables().MapUrl("https://www.bbc.co.uk/news/business-12345678")->mapped.topic,
            kEconomy);
  EXPECT_EQ(Tables().MapUrl("https://apnews.com/apf-sports")->mapped.topic, kSport);
  EXPECT_EQ(Tables().MapUrl("https://example.com/2022/11/07/sport/?page=2")->mapped.topic, kSport);
  EXPECT_EQ(Tables().MapUrl("https://www.bbc.co.uk/news/uk-politics-1234567")->mapped.topic,
            kPolitics);
  EXPECT_EQ(Tables().MapUrl("https://example.de/wirtschaft/artikel.html")->mapped.topic, kEconomy);
  // The article's slug is not a section, even when a word of it is a label.
  EXPECT_FALSE(Tables().MapUrl("https://example.com/news/sport-star-retires"));
  EXPECT_FALSE(Tables().MapUrl("https://example.com/world/asia/"));
  EXPECT_FALSE(Tables().MapUrl("/work/shared/corpus/wire/ap.xml"));  // a file, not a site
  EXPECT_FALSE(Tables().MapUrl("file-names/sport/x.txt"));
  EXPECT_FALSE(Tables().MapUrl(""));
}

TEST(MappingTest, OverrideFileAddsAndReplacesEntries) {
  const std::string path = WriteTemp("override.tsv",
                                     "# local additions\n"
                                     "version\tversion\tlocal-3\n"
                                     "label\tInnenriks\t11000000\t0.6\n"      // replaces "-"
                                     "label\tBörsen\tmedtop:04000000\n"         // adds
                                     "anpa\tf\t-\n"                             // turns off
                                     "medtop\t20099999\t15000000\n"             // adds a code
                                     "scheme\tmyagency-desk\tmydesk\n"
                                     "mydesk\tSPX\t15000000\t0.8\n");
  absl::StatusOr<MappingTables> tables = MappingTables::LoadDefault(path);
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_EQ(TopicOf(tables->MapLabel("innenriks")), kPolitics);
  EXPECT_FLOAT_EQ(tables->MapLabel("innenriks")->confidence, 0.6f);
  EXPECT_EQ(TopicOf(tables->MapLabel("börsen")), kEconomy);
  EXPECT_EQ(TopicOf(tables->MapCode("anpa-category", "f")), -1);
  EXPECT_EQ(TopicOf(tables->ExpandMedtop("20099999")), kSport);
  EXPECT_EQ(TopicOf(tables->MapCode("MyAgency-Desk", "spx")), kSport);
  EXPECT_NE(tables->version().find("local-3"), std::string::npos);
  // Everything else is still the default.
  EXPECT_EQ(TopicOf(tables->MapLabel("Politiikka")), kPolitics);
}

TEST(MappingTest, BadRowsAreErrorsWithTheirLine) {
  absl::StatusOr<MappingTables> tables =
      MappingTables::Parse("label\tpolitics\t11000000\nlabel\tsport\t15003000\n", "extra.tsv");
  ASSERT_FALSE(tables.ok());
  EXPECT_NE(tables.status().message().find("extra.tsv line 2"), std::string::npos);
  EXPECT_FALSE(MappingTables::Parse("label\tsport\n", "x").ok());
  EXPECT_FALSE(MappingTables::Parse("label\tsport\t15000000\t1.5\n", "x").ok());
  EXPECT_FALSE(MappingTables::Parse("medtop\t2000-1\t15000000\n", "x").ok());
  EXPECT_EQ(MappingTables::LoadDefault("/nonexistent/mapping.tsv").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(MappingTest, NormalizeLabel) {
  EXPECT_EQ(MappingTables::NormalizeLabel("  Arts_&_Culture "), "arts & culture");
  EXPECT_EQ(MappingTables::NormalizeLabel("UK-Politics:"), "uk politics");
  EXPECT_EQ(MappingTables::NormalizeLabel("ÉCONOMIE"), "économie");
  EXPECT_EQ(MappingTables::NormalizeLabel("\xff\xfeSport"), "\xff\xfesport");
}

}  // namespace
}  // namespace newswire::tag
