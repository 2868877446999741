#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/xml/xml_newsml_g2.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
  return parser_testing::ParseRecord(ParseNewsMlG2, bytes);
}

// A text newsItem; `meta` and `content` are spliced into itemMeta and
// contentSet, `extra_content_meta` into contentMeta.
std::string TextItem(const std::string& guid, int version, const std::string& meta,
                     const std::string& extra_content_meta, const std::string& content) {
  return absl::StrCat(
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"", guid, "\" version=\"",
      version, "\" standard=\"NewsML-G2\" xml:lang=\"en-GB\">"
      "<rightsInfo><copyrightHolder qcode=\"nprov:EXA\"><name>Example Wire</name></copyrightHolder>"
      "<copyrightNotice xml:lang=\"de\">Copyright Beispiel</copyrightNotice>"
      "<copyrightNotice xml:lang=\"en\">(c) 2023 Example Wire</copyrightNotice></rightsInfo>"
      "<itemMeta><itemClass qcode=\"ninat:text\"/><provider qcode=\"nprov:REUTERS\"/>",
      meta, "</itemMeta><contentMeta>", extra_content_meta, "</contentMeta><contentSet>", content,
      "</contentSet></newsItem>");
}

TEST(NewsMlG2Test, ReadsATextNewsItem) {
  std::string item = TextItem(
      "urn:newsml:example.com:20231001:fed", 3,
      "<versionCreated>2023-10-01T12:00:00+02:00</versionCreated>"
      "<firstCreated>2023-10-01T08:00:00Z</firstCreated>"
      "<embargoed>2023-10-02T00:00:00Z</embargoed><pubStatus qcode=\"stat:usable\"/>"
      "<service qcode=\"svc:biz\"><name>Business Service</name></service>"
      "<edNote>Eds: moves at midnight</edNote><signal qcode=\"sig:correction\"/>",
      "<urgency>2</urgency><located qcode=\"geo:1\"><name>Frankfurt</name></located>"
      "<creator><name>Erika Muster</name></creator>"
      "<subject type=\"cpnat:abstract\" qcode=\"medtop:04000000\"><name>economy</name>"
      "<broader qcode=\"medtop:00000001\"/></subject><subject qcode=\"medtop:04000000\"/>"
      "<keyword>rates</keyword><slugline>FED-RATES</slugline>"
      "<headline>Central bank holds rates</headline>"
      "<headline role=\"hld:subHeadline\">Decision was expected</headline>"
      "<dateline>FRANKFURT, Oct 1 (Example) -</dateline><language tag=\"en\"/>",
      "<remoteContent href=\"http://x/y.jpg\" contenttype=\"image/jpeg\"/>"
      "<inlineXML contenttype=\"application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<head><title>Central bank holds rates</title></head><body>"
      "<p>The bank held rates, it said.</p><p>Markets &amp; banks <b>cheered</b>.</p>"
      "</body></html></inlineXML>");
  auto result = Parse(item);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NEWSML_G2);
  EXPECT_EQ(story.id(), "");
  EXPECT_EQ(story.source_guid(), "urn:newsml:example.com:20231001:fed");
  EXPECT_EQ(story.version(), 3);
  EXPECT_EQ(story.provider(), "REUTERS");
  EXPECT_EQ(story.agency(), "REUTERS");
  EXPECT_EQ(story.headline(), "Central bank holds rates");
  EXPECT_EQ(story.subheadline(), "Decision was expected");
  EXPECT_EQ(story.byline(), "Erika Muster");
  EXPECT_EQ(story.dateline().place(), "FRANKFURT");
  EXPECT_EQ(story.dateline().date_text(), "Oct 1");
  EXPECT_EQ(story.dateline().text(), "FRANKFURT, Oct 1 (Example) -");
  EXPECT_THAT(story.paragraphs(), ElementsAre("The bank held rates, it said.", "Markets & banks cheered."));
  EXPECT_EQ(story.language(), "en");
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2023-10-01T08:00:00Z");
  EXPECT_EQ(parser_testing::Utc(story.version_created()), "2023-10-01T10:00:00Z");
  EXPECT_EQ(parser_testing::Utc(story.embargoed_until()), "2023-10-02T00:00:00Z");
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(story.signal(), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(story.urgency(), 2);
  EXPECT_EQ(story.copyright(), "(c) 2023 Example Wire");
  ASSERT_EQ(story.subjects_size(), 1);
  EXPECT_EQ(story.subjects(0).scheme(), "medtop");
  EXPECT_EQ(story.subjects(0).code(), "04000000");
  EXPECT_EQ(story.subjects(0).name(), "economy");
  EXPECT_THAT(story.keywords(), ElementsAre("rates"));
  EXPECT_EQ(story.slugline(), "FED-RATES");
  EXPECT_EQ(story.editorial_note(), "Eds: moves at midnight");
  EXPECT_EQ(story.source_section(), "Business Service");
}

TEST(NewsMlG2Test, NewsMessageGivesOneStoryPerTextItem) {
  std::string message = absl::StrCat(
      "<?xml version=\"1.0\"?><newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">"
      "<header><sent>2023-01-01T00:00:00Z</sent><sender>ap.org</sender></header><itemSet>",
      TextItem("tag:ap.org,2023:one", 1, "", "<headline>First</headline>",
               "<inlineXML contenttype=\"application/nitf+xml\"><nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\">"
               "<body><body.content><block><p>One (AP) _ text.</p></block></body.content></body></nitf></inlineXML>"),
      "<newsItem guid=\"tag:ap.org,2023:pic\" version=\"1\"><itemMeta><itemClass qcode=\"ninat:picture\"/>"
      "</itemMeta><contentMeta><headline>A photo</headline></contentMeta><contentSet>"
      "<remoteContent href=\"http://x/p.jpg\"/></contentSet></newsItem>",
      TextItem("tag:ap.org,2023:two", 2, "", "<headline>Second</headline>",
               "<inlineData contenttype=\"text/plain\">  Para one\nwraps.\n\n  Para two.</inlineData>"),
      "</itemSet></newsMessage>");
  auto result = Parse(message);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 2u);
  EXPECT_EQ(result->stories[0].headline(), "First");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("One (AP) _ text."));
  EXPECT_EQ(result->stories[1].headline(), "Second");
  EXPECT_THAT(result->stories[1].paragraphs(), ElementsAre("Para one wraps.", "Para two."));
  EXPECT_EQ(result->stories[1].version(), 2);
}

// Items are a loop point of the record's CPU budget.
TEST(NewsMlG2Test, SpentBudgetStopsBetweenItems) {
  ScopedWorkBudget budget(absl::ZeroDuration());
  auto result = Parse(TextItem("tag:ap.org,2023:one", 1, "", "<headline>First</headline>",
                               "<inlineData contenttype=\"text/plain\">Text.</inlineData>"));
  EXPECT_TRUE(IsTooCostly(result.status())) << result.status();
}

TEST(NewsMlG2Test, ItemsWithoutATextStoryGiveReasons) {
  auto reason = [](const std::string& xml) {
    auto result = Parse(xml);
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return std::string();
    EXPECT_TRUE(result->stories.empty());
    return result->no_story_reason;
  };
  const std::string ns = "xmlns=\"http://iptc.org/std/nar/2006-10-01/\"";
  EXPECT_EQ(reason("<packageItem " + ns + " guid=\"p\"><itemMeta><itemClass qcode=\"ninat:composite\"/>"
                   "</itemMeta><groupSet root=\"G1\"><group id=\"G1\"><itemRef residref=\"a\"/></group>"
                   "</groupSet></packageItem>"),
            "package of links");
  EXPECT_EQ(reason("<newsItem " + ns + " guid=\"v\"><itemMeta><itemClass qcode=\"ninat:video\"/>"
                   "</itemMeta><contentMeta><headline>Clip</headline></contentMeta></newsItem>"),
            "video item");
  EXPECT_EQ(reason("<newsItem " + ns + " guid=\"g\"><itemMeta><itemClass qcode=\"icls:picture\"/>"
                   "</itemMeta><contentMeta><headline>Pic</headline><description role=\"drol:caption\">"
                   "Caption</description></contentMeta></newsItem>"),
            "picture item");
  EXPECT_EQ(reason("<conceptItem " + ns + " guid=\"c\"/>"), "concept item");
  EXPECT_EQ(reason("<knowledgeItem " + ns + " guid=\"k\"/>"), "knowledge item");
  EXPECT_EQ(reason("<planningItem " + ns + " guid=\"pl\"/>"), "planning item");
  EXPECT_EQ(reason("<newsMessage " + ns + "><header/><itemSet/></newsMessage>"),
            "newsMessage without items");
}

TEST(NewsMlG2Test, VersionsOfOneStoryShareTheGuid) {
  auto v1 = Parse(TextItem("tag:example.com,2016:story", 111, "<pubStatus qcode=\"stat:usable\"/>",
                           "<headline>Floods</headline>", ""));
  auto v2 = Parse(TextItem("tag:example.com,2016:story", 222, "<pubStatus qcode=\"stat:canceled\"/>",
                           "<headline>CORRECTED-Floods</headline>", ""));
  ASSERT_TRUE(v1.ok() && v2.ok());
  ASSERT_EQ(v1->stories.size(), 1u);
  ASSERT_EQ(v2->stories.size(), 1u);
  EXPECT_EQ(v1->stories[0].source_guid(), v2->stories[0].source_guid());
  EXPECT_NE(v1->stories[0].version(), v2->stories[0].version());
  EXPECT_EQ(v2->stories[0].pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(v2->stories[0].signal(), v1::SIGNAL_KILL);
}

TEST(NewsMlG2Test, WirePrefixesAndEmptyElements) {
  auto result = Parse(TextItem(
      "g", 0, "<versionCreated/><firstCreated/><edNote/>",
      "<urgency></urgency><contentCreated>\n 2013-02-16T17:36:20 \n</contentCreated>"
      "<located><name/></located><slugline/><dateline/><by/><description role=\"drol:summary\">"
      "Summary text</description><headline>UPDATE 2-Markets rally</headline>",
      "<inlineXML contenttype=\"xhtml/xml\"><html><body><p/><p>Body.</p></body></html></inlineXML>"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.urgency(), 0);
  EXPECT_EQ(story.version(), 0);
  EXPECT_EQ(story.subheadline(), "Summary text");
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2013-02-16T17:36:20Z");
  EXPECT_FALSE(story.has_version_created());
  EXPECT_FALSE(story.has_embargoed_until());
  EXPECT_FALSE(story.has_dateline());
  EXPECT_EQ(story.byline(), "");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Body."));
}

TEST(NewsMlG2Test, LocatedIsThePlaceOnlyWhenTheTextAgrees) {
  auto desk = Parse(TextItem("g1", 1, "", "<located literal=\"Bangalore\"/><headline>H</headline>",
                             "<inlineXML><html><body><p>BEIRUT (Wire) - Text.</p></body></html></inlineXML>"));
  auto city = Parse(TextItem("g2", 1, "", "<located><name>Rome</name></located><headline>H</headline>",
                             "<inlineXML><html><body><p>(ANSA) - Rome, Oct 1 - Text.</p></body></html></inlineXML>"));
  ASSERT_TRUE(desk.ok() && city.ok());
  EXPECT_EQ(desk->stories[0].dateline().place(), "");
  EXPECT_EQ(city->stories[0].dateline().place(), "Rome");
}

TEST(NewsMlG2Test, AgencyFromGuidWhenMetadataNamesNone) {
  auto result = Parse(
      "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"tag:ap.org,2011:abc-text\" version=\"2\">"
      "<rightsInfo><copyrightHolder literal=\"Automated Insights\"/></rightsInfo>"
      "<itemMeta><itemClass qcode=\"ninat:text\"/><provider><name>Automated Insights</name></provider>"
      "</itemMeta><contentMeta><headline>Earnings</headline>"
      "<subject qcode=\"apcategorycode:f\"><name>f</name></subject></contentMeta></newsItem>");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].agency(), "AP");
  EXPECT_EQ(result->stories[0].provider(), "Automated Insights");
  EXPECT_EQ(result->stories[0].copyright(), "Automated Insights");
  EXPECT_EQ(result->stories[0].source_section(), "f");
}

TEST(NewsMlG2Test, SniffsG2RootsOnly) {
  ParseInput input;
  input.bytes = "<?xml version='1.0'?>\n<ns0:newsMessage xmlns:ns0=\"http://iptc.org/std/nar/2006-10-01/\">";
  EXPECT_TRUE(SniffNewsMlG2(input));
  input.bytes = "<newsItem guid=\"x\">";
  EXPECT_TRUE(SniffNewsMlG2(input));
  input.bytes = "<newsItem xmlns=\"urn:someone-else\">";
  EXPECT_FALSE(SniffNewsMlG2(input));
  input.bytes = "<NewsML Version=\"1.2\">";
  EXPECT_FALSE(SniffNewsMlG2(input));
  input.bytes = "<html><body>newsItem</body></html>";
  EXPECT_FALSE(SniffNewsMlG2(input));
}

TEST(NewsMlG2Test, BadInput) {
  auto malformed = Parse("<newsItem><itemMeta></newsItem>");
  ASSERT_FALSE(malformed.ok());
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("xml: not well-formed"));
  auto other = Parse("<nitf/>");
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("newsml-g2: root element is <nitf>"));
}

// Reuters' editorial status (corpus KBN0FL0NM: edStat:U on version 10 of
// the story, its headline without a wire prefix).
TEST(NewsMlG2Test, ReutersEditorialStatusIsTheSignal) {
  auto signal = [](const std::string& status) {
    auto result = Parse(TextItem("tag:reuters.com,2014:newsml_KBN", 10,
                                 absl::StrCat("<signal qcode=\"edStat:", status,
                                              "\"/><signal qcode=\"prodId:TXT\"/>"),
                                 "<headline>Markets rally</headline>", ""));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && result->stories.size() == 1 ? result->stories[0].signal()
                                                      : v1::SIGNAL_UNSPECIFIED;
  };
  EXPECT_EQ(signal("U"), v1::SIGNAL_UPDATE);
  EXPECT_EQ(signal("C"), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(signal("N"), v1::SIGNAL_UNSPECIFIED);
}

// dpa's NewsML-G2 gives its closing line (the agency and the editors'
// initials) as an edNote of role closingline: a sign-off, not a note.
TEST(NewsMlG2Test, DpaClosingLineIsNoEditorialNote) {
  auto result = Parse(TextItem(
      "urn:newsml:dpa.com:20090101:230101-99-1", 2,
      "<edNote role=\"dpaednoterole:closingline\">dpa ab cd</edNote>"
      "<edNote role=\"dpaednoterole:editorialnote\">Embargo until noon</edNote>",
      "<headline>Talks resume</headline>",
      "<inlineXML><html><body><p>Berlin (dpa) - Talks resumed.</p></body></html></inlineXML>"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].editorial_note(), "Embargo until noon");

  // Its notepad holding the closing line alone is no note either.
  auto notepad = Parse(TextItem(
      "urn:newsml:dpa.com:20090101:230101-99-2", 2,
      "<edNote role=\"dpaednoterole:closingline\">dpa ab cd</edNote>"
      "<edNote role=\"dpaednoterole:notepad\"><section xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<p class=\"closingline\">dpa ab cd</p></section></edNote>",
      "<headline>Talks resume</headline>",
      "<inlineXML><html><body><p>Berlin (dpa) - Talks resumed.</p></body></html></inlineXML>"));
  ASSERT_TRUE(notepad.ok()) << notepad.status();
  ASSERT_EQ(notepad->stories.size(), 1u);
  EXPECT_EQ(notepad->stories[0].editorial_note(), "");
}

// dpa marks its notes by role: only the notes to editors are the editorial
// note, not the closing line, the desk's contacts or a picture note.
TEST(NewsMlG2Test, NotesMarkedForEditorsAreTheEditorialNote) {
  auto note = [](const std::string& notes) {
    auto result = Parse(TextItem("urn:newsml:dpa.com:20090101:221011-930-4303", 1, notes,
                                 "<headline>Eintracht in London</headline>", ""));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && result->stories.size() == 1 ? result->stories[0].editorial_note() : "";
  };
  EXPECT_EQ(note("<edNote role=\"dpaednoterole:closingline\">dpa pre yyhe n1 deg</edNote>"
                 "<edNote role=\"dpaednoterole:editorialnote\">Zu diesem Text finden Sie Bilder:</edNote>"
                 "<edNote role=\"dpaednoterole:editorialnote\">Eintracht Frankfurt (1 Bild)</edNote>"
                 "<edNote pubconstraint=\"dpapconstraint:nonpublic\" "
                 "role=\"dpaednoterole:dpacontacts\">Redaktion: Sandra Degenhardt</edNote>"
                 "<edNote role=\"dpaednoterole:picture\">Foto Archiv</edNote>"),
            "Zu diesem Text finden Sie Bilder:; Eintracht Frankfurt (1 Bild)");
  // Without such a role every note counts.
  EXPECT_EQ(note("<edNote>Eds: moves at midnight</edNote><edNote role=\"x:other\">Desk B</edNote>"),
            "Eds: moves at midnight; Desk B");
}

// Reuters redistributing another provider's story (corpus MTZXEE13ZXCZES:
// Opta Sports Data results): the origProv source is the agency, in its own
// short code when newswire does not know it.
TEST(NewsMlG2Test, OriginalProviderIsTheAgency) {
  auto agency = [](const std::string& sources) {
    auto result = Parse(TextItem("tag:reuters.com,2018:newsml_MTZ", 2, "", sources,
                                 "<inlineXML><html><body><p>Results.</p></body></html>"
                                 "</inlineXML>"));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && result->stories.size() == 1 ? result->stories[0].agency() : "?";
  };
  EXPECT_EQ(agency("<infoSource literal=\"Opta Sports Data\" qcode=\"NS:OPTA\" "
                   "role=\"cRole:origProv\"/><infoSource literal=\"Reuters\" "
                   "role=\"cRole:redistributor\"/>"),
            "OPTA");
  EXPECT_EQ(agency("<infoSource literal=\"Gracenote\" role=\"cRole:origProv\"/>"), "GRACENOTE");
  EXPECT_EQ(agency("<infoSource literal=\"Reuters\" role=\"cRole:origProv\"/>"), "REUTERS");
  // A long name without a code says no short form: the chain goes on (the
  // provider, nprov:REUTERS).
  EXPECT_EQ(agency("<infoSource literal=\"Some Data Company\" role=\"cRole:origProv\"/>"),
            "REUTERS");
}

// An item whose only headline is the inline NITF's own: AP writes it as
// <body.head><headline><hl1>, other senders in <hedline> or the <title>.
TEST(NewsMlG2Test, HeadlineFromTheInlineNitf) {
  for (const std::string& head :
       {std::string("<head/><body><body.head><headline><hl1>Scripps tops 4Q profit</hl1>"
                    "</headline></body.head>"),
        std::string("<head><title>Scripps tops 4Q profit</title></head><body>")}) {
    std::string item = TextItem(
        "urn:newsml:example.com:20231001:scripps", 1, "<title>BC-US--Earns-Scripps</title>", "",
        absl::StrCat("<inlineXML contenttype=\"application/nitf+xml\">"
                     "<nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\">",
                     head, "<body.content><p>Scripps beat forecasts.</p></body.content></body>"
                     "</nitf></inlineXML>"));
    auto result = Parse(item);
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->stories.size(), 1u);
    EXPECT_EQ(result->stories[0].headline(), "Scripps tops 4Q profit") << head;
    EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("Scripps beat forecasts.")) << head;
  }
}

}  // namespace
}  // namespace newswire
