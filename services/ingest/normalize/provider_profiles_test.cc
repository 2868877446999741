#include "services/ingest/normalize/provider_profiles.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

v1::Story StoryFrom(const std::string& provider, const std::string& agency = "",
                    const std::string& guid = "") {
  v1::Story story;
  story.set_provider(provider);
  story.set_agency(agency);
  story.set_source_guid(guid);
  return story;
}

std::string NameOf(const ProviderProfile* profile) { return profile ? profile->name : "(none)"; }

TEST(ProviderProfilesTest, BuiltInTableParsesAndKnowsTheNamedProviders) {
  const ProviderProfiles& built_in = ProviderProfiles::BuiltIn();
  ASSERT_GE(built_in.profiles().size(), 6u);
  auto zone_of = [&](const std::string& provider) {
    const ProviderProfile* profile = built_in.Find(StoryFrom(provider), "");
    return profile ? profile->time_zone : "(none)";
  };
  EXPECT_EQ(zone_of("STT"), "Europe/Helsinki");
  EXPECT_EQ(zone_of("Ritzau"), "Europe/Copenhagen");
  EXPECT_EQ(zone_of("NTB"), "Europe/Oslo");
  EXPECT_EQ(zone_of("AAP"), "Australia/Sydney");
  EXPECT_EQ(zone_of("BusinessDesk"), "Pacific/Auckland");
  EXPECT_EQ(zone_of("Scoop"), "Pacific/Auckland");
  EXPECT_EQ(zone_of("dpa"), "Europe/Berlin");
  EXPECT_EQ(zone_of("BBC"), "Europe/London");
  EXPECT_EQ(zone_of("ats"), "Europe/Zurich");
  EXPECT_EQ(zone_of("www.sda-ats.ch"), "Europe/Zurich");
  const ProviderProfile* stt = built_in.Find(StoryFrom("STT"), "");
  ASSERT_NE(stt, nullptr);
  EXPECT_EQ(stt->agency, "STT");
  EXPECT_EQ(stt->source_format, v1::SOURCE_FORMAT_NEWSML_G2);
  EXPECT_FALSE(stt->id_scheme.empty());
  EXPECT_EQ(built_in.Find(StoryFrom("Ritzau"), "")->agency, "");  // "-": no default credit
  EXPECT_EQ(built_in.Find(StoryFrom("Ritzau"), "")->source_format, v1::SOURCE_FORMAT_RITZAU_XML);
}

TEST(ProviderProfilesTest, RecognisedByProviderThenGuidThenHeaderThenAgency) {
  const ProviderProfiles& table = ProviderProfiles::BuiltIn();
  // The provider's clock wrote the times: AAP delivering an AFP story.
  EXPECT_EQ(NameOf(table.Find(StoryFrom("AAP", "AFP"), "")), "AAP");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("Ritzau", "NTB"), "stt")), "RITZAU");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("", "NTB", "urn:newsml:stt.fi:1:2"), "aap")), "STT");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("", "NTB"), "aap")), "AAP");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("  Suomen   Tietotoimisto "), "")), "STT");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("", "", "urn:newsml:stt.fi:20130216:96690243"), "")),
            "STT");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("", "REUTERS"), "ntb")), "NTB");
  EXPECT_EQ(NameOf(table.Find(StoryFrom("", "RITZAU"), "")), "RITZAU");
}

TEST(ProviderProfilesTest, UnknownProviderHasNoProfile) {
  const ProviderProfiles& table = ProviderProfiles::BuiltIn();
  EXPECT_EQ(table.Find(StoryFrom("Kyodo News", "KYODO", "tag:kyodonews.jp,2022:1"), "kyodo"),
            nullptr);
  EXPECT_EQ(table.Find(StoryFrom(""), ""), nullptr);
  // A name only contains a match name: not a match.
  EXPECT_EQ(table.Find(StoryFrom("STT Info"), ""), nullptr);
}

TEST(ProviderProfilesTest, OverrideReplacesRowsOfTheSameNameAndAddsNewOnes) {
  absl::StatusOr<ProviderProfiles> table = ProviderProfiles::Parse(
      "# comment\n"
      "\n"
      "stt\tstt,stt.fi\tUTC\t-\tguid\tnewsml_g2\n"
      "KYODO\tkyodo news, kyodo\tAsia/Tokyo\tKYODO\tguid\tNITF\n",
      "test.tsv");
  ASSERT_TRUE(table.ok()) << table.status();
  const ProviderProfile* stt = table->Find(StoryFrom("STT"), "");
  ASSERT_NE(stt, nullptr);
  EXPECT_EQ(stt->time_zone, "UTC");
  EXPECT_EQ(stt->agency, "");
  EXPECT_EQ(table->Find(StoryFrom("suomen tietotoimisto"), ""), nullptr);  // the row was replaced
  EXPECT_EQ(NameOf(table->Find(StoryFrom("Kyodo News"), "")), "KYODO");
  EXPECT_EQ(NameOf(table->Find(StoryFrom("NTB"), "")), "NTB");  // built-in rows stay
  EXPECT_EQ(table->profiles().size(), ProviderProfiles::BuiltIn().profiles().size() + 1);
}

TEST(ProviderProfilesTest, BadTablesAreClearErrors) {
  struct Case {
    const char* tsv;
    const char* message;
  } cases[] = {
      {"STT\tstt\tEurope/Helsinki\tSTT\tguid\n", "line 1: 5 tab-separated columns, want 6"},
      {"# x\nSTT\tstt\tEurope/Helsenki\tSTT\tguid\tNITF\n",
       "line 2: STT: time zone \"Europe/Helsenki\" not in the system zoneinfo"},
      {"STT\t , \tUTC\tSTT\tguid\tNITF\n", "line 1: STT: no match names"},
      {"\tstt\tUTC\tSTT\tguid\tNITF\n", "line 1: empty name"},
      {"STT\tstt\tUTC\tSTT\tguid\tRBNEWS\n", "line 1: STT: unknown source format \"RBNEWS\""},
      {"A\ta\tUTC\t-\tguid\tNITF\na\tb\tUTC\t-\tguid\tNITF\n", "line 2: A given twice"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ProviderProfiles> table = ProviderProfiles::Parse(c.tsv, "bad.tsv");
    ASSERT_FALSE(table.ok()) << c.tsv;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(), HasSubstr(absl::StrCat("provider profiles bad.tsv ",
                                                                 c.message)));
  }
}

TEST(ProviderProfilesTest, LoadFileReadsAFileAndNamesAMissingOne) {
  const std::string path = absl::StrCat(testing::TempDir(), "/providers.tsv");
  std::ofstream(path) << "NTB\tntb\tAmerica/New_York\tNTB\tdoc-id\tNITF\n";
  absl::StatusOr<ProviderProfiles> table = ProviderProfiles::LoadFile(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->Find(StoryFrom("NTB"), "")->time_zone, "America/New_York");
  std::ofstream(path) << "NTB\tntb\tNowhere/Zone\tNTB\tdoc-id\tNITF\n";
  EXPECT_THAT(ProviderProfiles::LoadFile(path).status().message(),
              HasSubstr(absl::StrCat("provider profiles ", path, " line 1")));
  std::remove(path.c_str());
  absl::Status missing = ProviderProfiles::LoadFile(path).status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.message(), HasSubstr(path));
}

// ---- through the Normalizer ---------------------------------------------

std::string Rfc3339(const google::protobuf::Timestamp& ts) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ",
                          FromProtoTime(ts),
                          absl::UTCTimeZone());
}

RawRecord RecordOf(std::string value) {
  RawRecord record;
  record.value = std::move(value);
  record.timestamp = absl::FromUnixSeconds(1700000000);
  return record;
}

std::string G2(const std::string& provider, const std::string& first, const std::string& version) {
  return absl::StrCat(
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:1\" version=\"1\">"
      "<itemMeta><provider literal=\"", provider, "\"/><firstCreated>", first,
      "</firstCreated><versionCreated>", version, "</versionCreated></itemMeta>"
      "<contentMeta><headline>Headline</headline></contentMeta>"
      "<contentSet><inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content>"
      "<p>Some text of the story.</p></body.content></body></nitf></inlineXML></contentSet>"
      "</newsItem>");
}

TEST(NormalizerProfilesTest, LocalTimesMoveToTheProvidersZoneOffsetsStay) {
  Normalizer normalizer({});
  auto result = normalizer.Normalize(RecordOf(G2("STT", "2016-03-04T10:00:00",
                                                 "2016-07-04T10:00:00+03:00")));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(Rfc3339(result->stories[0].first_created()), "2016-03-04T08:00:00Z");
  EXPECT_EQ(Rfc3339(result->stories[0].version_created()), "2016-07-04T07:00:00Z");
}

TEST(NormalizerProfilesTest, UnknownProviderKeepsUtcAndTheOptionTableIsUsed) {
  auto unknown = Normalizer({}).Normalize(RecordOf(G2("Nobody", "2016-03-04T10:00:00",
                                                      "2016-03-04T10:00:00")));
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_EQ(Rfc3339(unknown->stories[0].first_created()), "2016-03-04T10:00:00Z");

  absl::StatusOr<ProviderProfiles> table =
      ProviderProfiles::Parse("NOBODY\tnobody\tAsia/Tokyo\tNOBODY\tguid\tNEWSML_G2\n", "t");
  ASSERT_TRUE(table.ok()) << table.status();
  NormalizerOptions options;
  options.provider_profiles = std::make_shared<const ProviderProfiles>(*std::move(table));
  auto known = Normalizer(options).Normalize(RecordOf(G2("Nobody", "2016-03-04T10:00:00",
                                                         "2016-03-04T10:00:00")));
  ASSERT_TRUE(known.ok()) << known.status();
  EXPECT_EQ(Rfc3339(known->stories[0].first_created()), "2016-03-04T01:00:00Z");
  EXPECT_EQ(known->stories[0].agency(), "NOBODY");  // the profile's default credit
}

// A feed that names its agency only in the text (a dateline) still gets
// that agency's zone: BusinessDesk, Pacific/Auckland, NZDT (+13) in January.
TEST(NormalizerProfilesTest, AgencyNamedOnlyInTheDatelineGivesTheZone) {
  const std::string item =
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"BD-1\" version=\"1\">"
      "<itemMeta><provider literal=\"XY\"/><versionCreated>2016-01-12 12:35:40</versionCreated>"
      "</itemMeta><contentMeta><headline>Headline</headline></contentMeta>"
      "<contentSet><inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content>"
      "<p>Jan. 12 (BusinessDesk) - Some text of the story.</p><p>More text.</p>"
      "</body.content></body></nitf></inlineXML></contentSet></newsItem>";
  auto result = Normalizer({}).Normalize(RecordOf(item));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(result->stories[0].agency(), "BUSINESSDESK");
  EXPECT_EQ(Rfc3339(result->stories[0].version_created()), "2016-01-11T23:35:40Z");
  EXPECT_EQ(Rfc3339(result->stories[0].first_created()), "2016-01-11T23:35:40Z");
}

// BBC's ninjs writes times without a zone ("2018-05-28T16:40:08", as in the
// corpus's bbc-ninjs files, whose contracts and subjects are Welsh councils):
// a London desk's clock, BST (+1) in May. The bare item names no provider; the
// feed's record says "BBC" in its agency header.
TEST(NormalizerProfilesTest, BbcNinjsTimesAreLondonTime) {
  RawRecord record = RecordOf(
      R"({"uri": "https://example.com/1", "type": "text", "headline": "advisory",)"
      R"( "firstcreated": "2018-05-28T16:40:08", "versioncreated": "2018-05-28T16:40:08",)"
      R"( "body_html": "<p>body</p>"})");
  record.headers.emplace_back(std::string(kHeaderAgency), "BBC");
  auto result = Normalizer({}).Normalize(record);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(Rfc3339(result->stories[0].first_created()), "2018-05-28T15:40:08Z");
  EXPECT_EQ(Rfc3339(result->stories[0].version_created()), "2018-05-28T15:40:08Z");
}

// IPTC 7901: a trailer time with "GMT" is UTC; one without is the sender's.
TEST(NormalizerProfilesTest, WireTrailerWithoutGmtIsLocal) {
  absl::StatusOr<ProviderProfiles> table =
      ProviderProfiles::Parse("DPA\tdpa\tEurope/Berlin\tDPA\tnone\tIPTC_7901\n", "t");
  ASSERT_TRUE(table.ok()) << table.status();
  NormalizerOptions options;
  options.provider_profiles = std::make_shared<const ProviderProfiles>(*std::move(table));
  Normalizer normalizer(options);
  auto sent = [&](const std::string& trailer) {
    auto result = normalizer.Normalize(RecordOf(absl::StrCat(
        "\x01xyz012 2 pl 120 abc  dpa 0042\r\n\nKw/\r\n\x02Headline =\r\n\nText of it.\r\n\x03",
        trailer, "\r\n\x7F\n\x7F\x04")));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && !result->stories.empty() ? Rfc3339(result->stories[0].version_created())
                                                   : "(none)";
  };
  // 21 Nov 2018, 12:59: CET (+1) in Berlin.
  EXPECT_EQ(sent("211259 Nov 18"), "2018-11-21T11:59:00Z");
  EXPECT_EQ(sent("211259 GMT Nov 18"), "2018-11-21T12:59:00Z");
}

// An SDA-ATS IPTC 7901 message credits its agency only in the closing
// "(SDA/xy)"; its trailer without "GMT" is the Swiss clock: 9 December 2018,
// 12:23 CET (+1) is 11:23 UTC.
TEST(NormalizerProfilesTest, SwissAgencyNamedByItsSignOffGivesZurichTime) {
  auto result = Normalizer({}).Normalize(RecordOf(
      "\x01xyz025 3 ec 121   etf 967\r\n\r\nFrance\r\n\r\n\x02Talks in Paris =\r\n \r\n"
      "   Talks began in Paris on Sunday.\r\n \r\n(SDA/xy)\r\n \r\n\x03"
      "091223 dec 18\r\n\x04"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_THAT(result->stories, SizeIs(1));
  EXPECT_EQ(result->stories[0].agency(), "KEYSTONE-SDA");
  EXPECT_EQ(Rfc3339(result->stories[0].version_created()), "2018-12-09T11:23:00Z");
}

// Real files: the expected UTC times are worked out by hand from each file's
// own time fields and its provider's zone (see README.md, provider profiles).
struct CorpusCase {
  const char* file;
  int story;
  const char* first_created;
  const char* version_created;
};

TEST(NormalizerProfilesTest, CorpusFilesGetTheirProvidersTimes) {
  if (!test_corpus::RootFromEnv()) GTEST_SKIP() << "set NEWSWIRE_CORPUS to the corpus folder";
  const CorpusCase cases[] = {
      // STT, Europe/Helsinki: EEST (+3) in April and October, EET (+2) in
      // January and February.
      {"stt1.xml", 0, "2019-04-15T08:12:24Z", "2019-04-15T10:49:15Z"},
      {"stt_archive_newsml_test.xml", 0, "2013-02-16T15:36:20Z", "2013-02-22T16:36:20Z"},
      {"stt_archive_newsml_created_date_test.xml", 0, "2013-02-16T15:36:20Z",
       "2013-02-16T15:36:20Z"},
      {"stt_newsml_location_test.xml", 0, "2013-02-16T15:36:20Z", "2013-02-22T16:36:20Z"},
      {"stt_newsml_subject_test.xml", 0, "2013-02-16T15:36:20Z", "2013-02-22T16:36:20Z"},
      {"stt_newsml_no_truncated_text_test.xml", 0, "2023-10-17T22:02:34Z",
       "2023-10-18T11:28:25Z"},
      {"stt_newsml_note_test.xml", 0, "2017-01-31T19:52:11Z", "2017-01-31T19:52:11Z"},
      // STT with offsets: as written.
      {"stt_newsml_abstract_test.xml", 0, "2018-04-19T13:41:12Z", "2018-04-19T13:41:14Z"},
      {"stt_newsml_test_no_hl.xml", 0, "2017-12-19T08:33:04Z", "2017-12-19T09:16:43Z"},
      // Ritzau, Europe/Copenhagen, CET (+1) in January/February.
      {"ritzau_news.xml", 0, "2018-01-30T16:32:18.397Z", "2018-01-30T16:32:18.397Z"},
      {"ritzau_feed.xml", 0, "2018-02-01T17:44:52.973Z", "2018-02-01T17:44:52.973Z"},
      {"ritzau_feed.xml", 1, "2018-02-01T17:38:49.417Z", "2018-02-01T17:38:49.417Z"},
      // NTB, Europe/Oslo, CEST (+2) in September. Its du-key version is 48:
      // date.issue is no first creation, so the record's time stands in.
      {"nitf-ntb.xml", 0, "2023-11-14T22:13:20Z", "2020-09-07T12:45:26Z"},
      // AAP, Australia/Sydney, AEDT (+11) in November; aap-1 gives +1100 itself.
      {"aap-finance.xml", 0, "2014-11-26T04:27:03Z", "2014-11-26T04:27:03Z"},
      {"aap-1.xml", 0, "2013-10-20T08:27:51Z", "2013-10-20T08:27:51Z"},
      // dpa, Europe/Berlin: trailer "211259 Nov 18" without GMT, CET (+1);
      // "212101 GMT Nov 18" is UTC as written.
      {"dpa_two_by_line.txt", 0, "2018-11-21T11:59:00Z", "2018-11-21T11:59:00Z"},
      {"dpa_two_line.txt", 0, "2018-11-21T21:01:00Z", "2018-11-21T21:01:00Z"},
  };
  Normalizer normalizer({});
  for (const CorpusCase& c : cases) {
    std::optional<std::string> bytes = test_corpus::ReadCorpusFile(absl::StrCat("wire/", c.file));
    ASSERT_TRUE(bytes.has_value()) << c.file;
    auto result = normalizer.Normalize(RecordOf(*std::move(bytes)));
    ASSERT_TRUE(result.ok()) << c.file << ": " << result.status();
    ASSERT_GT(result->stories.size(), static_cast<size_t>(c.story)) << c.file;
    const v1::Story& story = result->stories[c.story];
    EXPECT_EQ(Rfc3339(story.first_created()), c.first_created) << c.file << " #" << c.story;
    EXPECT_EQ(Rfc3339(story.version_created()), c.version_created) << c.file << " #" << c.story;
  }
}

}  // namespace
}  // namespace newswire
