#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/xml/xml_nitf.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
  return parser_testing::ParseRecord(ParseNitf, bytes);
}

constexpr char kFullNitf[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">
<nitf version="-//IPTC//DTD NITF 3.4//EN" baselang="en-US">
  <head>
    <title>Harbour bridge reopens</title>
    <meta name="anpa-category" content="a"/>
    <meta name="anpa-keyword" content="Bridge"/>
    <tobject tobject.type="News">
      <tobject.subject tobject.subject.refnum="11006000" tobject.subject.matter="public administration"/>
      <tobject.subject tobject.subject.refnum="11006000"/>
    </tobject>
    <docdata management-status="usable">
      <doc-id regsrc="TESTWIRE" id-string="TW.123.456"/>
      <urgency ed-urg="3"/>
      <date.issue norm="20221107T123000+0900"/>
      <date.release norm="20221107T123000+0900"/>
      <ed-msg info="Eds: UPDATES with minister's comment"/>
      <key-list><keyword key="bridge"/><keyword key="traffic"/></key-list>
      <doc.copyright year="2022" holder="Associated Press"/>
    </docdata>
    <pubdata position.section="Metro"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Harbour bridge reopens&nbsp;after repairs</hl1><hl2>Traffic flows again</hl2></hedline>
      <byline>By JANE DOE<byttl>Transport Writer</byttl></byline>
      <distributor>Test Wire Service</distributor>
      <dateline><location><city>Sydney</city></location>, <story.date norm="20221107">Nov 7</story.date></dateline>
      <abstract><p>Short summary.</p></abstract>
    </body.head>
    <body.content>
      <p>SYDNEY (AP) &#8212; The bridge <org>authority</org> said on Monday it had<br/>reopened the bridge.</p>
      <media media-type="image"><media-reference source="img.jpg"/><media-caption>Caption</media-caption></media>
      <hl2>Delays</hl2>
      <p>Commuters &amp; cyclists were delayed.</p>
    </body.content>
    <body.end><tagline>tw/xx</tagline></body.end>
  </body>
</nitf>)";

TEST(NitfTest, ReadsEveryField) {
  auto result = Parse(kFullNitf);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NITF);
  EXPECT_EQ(story.id(), "");
  EXPECT_EQ(story.source_guid(), "TW.123.456");
  EXPECT_EQ(story.version(), 0);
  EXPECT_EQ(story.agency(), "AP");
  EXPECT_EQ(story.provider(), "Test Wire Service");
  EXPECT_EQ(story.headline(), "Harbour bridge reopens after repairs");
  EXPECT_EQ(story.subheadline(), "Traffic flows again");
  EXPECT_EQ(story.byline(), "By JANE DOE, Transport Writer");
  EXPECT_EQ(story.dateline().place(), "Sydney");
  EXPECT_EQ(story.dateline().date_text(), "Nov 7");
  EXPECT_EQ(story.dateline().text(), "Sydney, Nov 7");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("SYDNEY (AP) \xE2\x80\x94 The bridge authority said on Monday it had reopened the bridge.",
                          "Delays", "Commuters & cyclists were delayed."));
  EXPECT_EQ(story.language(), "en-US");
  EXPECT_EQ(parser_testing::Utc(story.version_created()), "2022-11-07T03:30:00Z");
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2022-11-07T03:30:00Z");
  EXPECT_FALSE(story.has_embargoed_until());
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.urgency(), 3);
  EXPECT_EQ(story.copyright(), "(c) 2022 Associated Press");
  ASSERT_EQ(story.subjects_size(), 2);
  EXPECT_EQ(story.subjects(0).scheme(), "subj");
  EXPECT_EQ(story.subjects(0).code(), "11006000");
  EXPECT_EQ(story.subjects(0).name(), "public administration");
  EXPECT_EQ(story.subjects(1).scheme(), "anpa-category");
  EXPECT_EQ(story.subjects(1).code(), "a");
  EXPECT_THAT(story.keywords(), ElementsAre("bridge", "traffic"));
  EXPECT_EQ(story.slugline(), "Bridge");
  EXPECT_EQ(story.editorial_note(), "Eds: UPDATES with minister's comment");
  EXPECT_EQ(story.source_section(), "Metro");
}

TEST(NitfTest, Latin1EmbargoAndDuKeyVersions) {
  std::string nitf = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<nitf><head>"
      "<docdata management-status=\"embargoed\">"
      "<doc-id id-string=\"story-9_4\"/><du-key key=\"story-9\" version=\"4\"/>"
      "<date.issue norm=\"20160908T132446+0100\"/><date.release norm=\"20160909T000100+0100\"/>"
      "<doc-scope scope=\"POLITICS\"/><doc.copyright holder=\"Press Association\"/>"
      "</docdata></head><body><body.head><hedline><hl1>HARD BREXIT TO COST \xA3", "66BN</hl1>"
      "</hedline></body.head><body.content><p>Caf\xE9 owners \x96 worried.</p></body.content></body></nitf>");
  auto result = Parse(nitf);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "HARD BREXIT TO COST \xC2\xA3" "66BN");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Caf\xC3\xA9 owners \xE2\x80\x93 worried."));
  EXPECT_EQ(story.source_guid(), "story-9");  // the du-key carried across updates
  EXPECT_EQ(story.version(), 4);
  EXPECT_EQ(story.slugline(), "");
  EXPECT_EQ(story.agency(), "PA");
  EXPECT_EQ(story.source_section(), "POLITICS");
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(parser_testing::Utc(story.embargoed_until()), "2016-09-08T23:01:00Z");
  EXPECT_EQ(parser_testing::Utc(story.version_created()), "2016-09-08T12:24:46Z");
  EXPECT_FALSE(story.has_first_created());  // version 4: not the first creation
  EXPECT_EQ(story.copyright(), "(c) Press Association");
}

TEST(NitfTest, NamespacedNitfCorrectionAndKill) {
  auto corrected = Parse(
      "<nitf xmlns=\"http://iptc.org/std/NITF/2006-10-18/\"><head><docdata>"
      "<correction info=\"fixes name\"/><doc-id id-string=\"x1\"/></docdata></head>"
      "<body><body.head><hedline><hl1>Title</hl1></hedline></body.head>"
      "<body.content><block><p>Text.</p></block></body.content></body></nitf>");
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  ASSERT_EQ(corrected->stories.size(), 1u);
  EXPECT_EQ(corrected->stories[0].signal(), v1::SIGNAL_CORRECTION);
  EXPECT_THAT(corrected->stories[0].paragraphs(), ElementsAre("Text."));

  auto killed = Parse(
      "<nitf><head><docdata management-status=\"canceled\"><ed-msg info=\"Eds: KILL this story\"/>"
      "</docdata></head><body><body.head><hedline><hl1>Gone</hl1></hedline></body.head></body></nitf>");
  ASSERT_TRUE(killed.ok()) << killed.status();
  ASSERT_EQ(killed->stories.size(), 1u);
  EXPECT_EQ(killed->stories[0].pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(killed->stories[0].signal(), v1::SIGNAL_KILL);
}

TEST(NitfTest, TitleStandsInForAMissingHeadline) {
  auto result = Parse("<nitf><head><title>From the title</title></head><body><body.content>"
                      "<pre>Line one\nLine two</pre></body.content></body></nitf>");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].headline(), "From the title");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("Line one", "Line two"));
}

// <urgency> outside <docdata>, straight under <head> (CP's NITF).
TEST(NitfTest, UrgencyUnderHead) {
  auto result = Parse("<nitf><head><docdata><doc-id id-string=\"x1\"/></docdata>"
                      "<urgency ed-urg=\"2\"/></head><body><body.head><hedline><hl1>H</hl1>"
                      "</hedline></body.head><body.content><p>Text.</p></body.content></body></nitf>");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].urgency(), 2);
}

// The latest revision's reason is an editor's note when it reads as one.
TEST(NitfTest, RevisionCommentThatIsANote) {
  auto note = [](const std::string& comment) {
    auto result = Parse(absl::StrCat(
        "<nitf><head><docdata><doc-id id-string=\"x1\"/></docdata>"
        "<revision-history norm=\"20200703T120000-0400\" comment=\"first take\"/>"
        "<revision-history norm=\"20200703T165136-0400\" comment=\"", comment, "\"/></head>"
        "<body><body.head><hedline><hl1>H</hl1></hedline></body.head>"
        "<body.content><p>Text.</p></body.content></body></nitf>"));
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() && result->stories.size() == 1 ? result->stories[0].editorial_note() : "?";
  };
  EXPECT_EQ(note("ADDS military statement"), "ADDS military statement");
  EXPECT_EQ(note("Updates with court ruling"), "Updates with court ruling");
  EXPECT_EQ(note("moved by night desk"), "");
  EXPECT_EQ(note(""), "");
}

TEST(NitfTest, EmptyElementsGiveNoStoryWithAReason) {
  auto result = Parse("<nitf><head><title></title><docdata><doc-id id-string=\"x\"/></docdata></head>"
                      "<body><body.head><hedline></hedline><byline/><dateline/></body.head>"
                      "<body.content></body.content></body></nitf>");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->stories.empty());
  EXPECT_EQ(result->no_story_reason, "empty item: no headline and no text");
}

TEST(NitfTest, BadInputIsInvalidArgument) {
  auto malformed = Parse("<nitf><head></nitf>");
  ASSERT_FALSE(malformed.ok());
  EXPECT_THAT(std::string(malformed.status().message()), StartsWith("xml: not well-formed: "));
  auto other = Parse("<rss/>");
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("nitf: root element is <rss>"));
}

TEST(NitfTest, SniffsOnlyNitfRoots) {
  ParseInput input;
  input.bytes = "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><!DOCTYPE nitf SYSTEM \"n.dtd\"><nitf>";
  EXPECT_TRUE(SniffNitf(input));
  input.bytes = "<html><body><nitf/></body></html>";
  EXPECT_FALSE(SniffNitf(input));
  input.bytes = "nitf";
  EXPECT_FALSE(SniffNitf(input));
}

// AP's Media API NITF gives the ANPA keyword as hl1: the keyword is the
// slugline, its words the headline.
TEST(NitfTest, KeywordAsHeadline) {
  auto result = Parse(R"(<nitf><head><docdata><doc-id regsrc="AP"/>
    <date.issue norm="20190703T040512Z"/></docdata></head>
    <body><body.head><hedline><hl1 id="headline">BC-BBN--Top Ten</hl1></hedline></body.head>
    <body.content><block><hl2>BC-BBN--Top Ten</hl2></block>
    <p>BASEBALL'S TOP TEN</p><p>Yelich, Milwaukee, 31.</p></body.content></body></nitf>)");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories[0].headline(), "Top Ten");
  // The body's first line repeats the keyword: no text.
  EXPECT_THAT(result->stories[0].paragraphs(),
              ElementsAre("BASEBALL'S TOP TEN", "Yelich, Milwaukee, 31."));
  EXPECT_EQ(result->stories[0].slugline(), "BC-BBN--Top Ten");
  EXPECT_EQ(result->stories[0].source_guid(), "");
}

}  // namespace
}  // namespace newswire
