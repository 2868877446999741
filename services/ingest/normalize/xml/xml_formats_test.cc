#include "services/ingest/normalize/xml/xml_formats.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

// The formats whose sniffer claims `bytes`, in registry order.
std::vector<v1::SourceFormat> Claimants(const std::string& bytes,
                                        const std::string& content_type = "") {
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = bytes;
  input.content_type = content_type;
  std::vector<v1::SourceFormat> formats;
  for (const FormatParser& parser : XmlFormatParsers()) {
    if (parser.sniff(input)) formats.push_back(parser.format);
  }
  return formats;
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(XmlFormatsTest, EachRootHasExactlyOneParser) {
  EXPECT_THAT(Claimants("<?xml version=\"1.0\"?><nitf><head/></nitf>"),
              ElementsAre(v1::SOURCE_FORMAT_NITF));
  EXPECT_THAT(Claimants("<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"/>"),
              ElementsAre(v1::SOURCE_FORMAT_NEWSML_G2));
  EXPECT_THAT(Claimants("<!-- x --><packageItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"/>"),
              ElementsAre(v1::SOURCE_FORMAT_NEWSML_G2));
  EXPECT_THAT(Claimants("<NewsML Version=\"1.2\"/>"), ElementsAre(v1::SOURCE_FORMAT_NEWSML_1));
  EXPECT_THAT(Claimants("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
              ElementsAre(v1::SOURCE_FORMAT_ATOM));
  EXPECT_THAT(Claimants("<rss version=\"2.0\"><channel/></rss>"), ElementsAre(v1::SOURCE_FORMAT_RSS));
  EXPECT_THAT(Claimants("<RBNews><NewsID>1</NewsID></RBNews>"),
              ElementsAre(v1::SOURCE_FORMAT_RITZAU_XML));
}

TEST(XmlFormatsTest, ContentTypeIsOnlyAHint) {
  EXPECT_THAT(Claimants("<nitf/>", "text/plain"), ElementsAre(v1::SOURCE_FORMAT_NITF));
  EXPECT_THAT(Claimants("Headline\n\nBody", "application/nitf+xml"), IsEmpty());
}

TEST(XmlFormatsTest, HtmlJsonAndTextAreNotXmlFormats) {
  EXPECT_THAT(Claimants("<!DOCTYPE html>\n<html><head><title>t</title></head><body><nitf/>"
                        "<rss/></body></html>"),
              IsEmpty());
  EXPECT_THAT(Claimants("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>"), IsEmpty());
  EXPECT_THAT(Claimants("{\"headline\": \"<nitf>\"}"), IsEmpty());
  EXPECT_THAT(Claimants("\x01\x16\x16\x02 a1234 r BC-Story <nitf>"), IsEmpty());
  EXPECT_THAT(Claimants("<p>Just a fragment</p>"), IsEmpty());
  EXPECT_THAT(Claimants(""), IsEmpty());
}

TEST(XmlFormatsTest, ParsersRejectMalformedXmlAsInvalidArgument) {
  for (const FormatParser& parser : XmlFormatParsers()) {
    std::string bytes = "<a><b></a>";
    ParseInput input;
    input.bytes = bytes;
    input.utf8 = bytes;
    absl::StatusOr<ParseResult> result = parser.parse(input);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(absl::IsInvalidArgument(result.status()));
    EXPECT_EQ(result.status().message().substr(0, 4), "xml:");
  }
}

// Small documents of every format, for the robustness test below.
const char* const kSamples[] = {
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><nitf><head><docdata><doc-id id-string=\"a\"/>"
    "<date.issue norm=\"20221107T123000Z\"/></docdata></head><body><body.head><hedline><hl1>H\xE9</hl1>"
    "</hedline><dateline>PARIS, Nov 7 (AFP) -</dateline></body.head><body.content><p>One<br/>two</p>"
    "<table><tr><td>a</td></tr></table></body.content></body></nitf>",
    "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet><newsItem guid=\"g\" version=\"1\">"
    "<itemMeta><itemClass qcode=\"ninat:text\"/><versionCreated>2022-11-07T12:30:00Z</versionCreated>"
    "</itemMeta><contentMeta><headline>H</headline><located><name>Rome</name></located></contentMeta>"
    "<contentSet><inlineXML><html><body><p>Rome &amp; text</p></body></html></inlineXML>"
    "</contentSet></newsItem></itemSet></newsMessage>",
    "<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>afp.com</ProviderId>"
    "<RevisionId>1</RevisionId><PublicIdentifier>urn:newsml:afp.com:1:x:1</PublicIdentifier>"
    "</NewsIdentifier></Identification><NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines>"
    "<ContentItem><MediaType FormalName=\"Text\"/><DataContent><p>T</p></DataContent></ContentItem>"
    "</NewsComponent></NewsItem></NewsML>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><title type=\"html\">&lt;b&gt;H&lt;/b&gt;"
    "</title><content type=\"html\">&lt;p&gt;A&lt;/p&gt;</content></entry></feed>",
    "<rss><channel><title>C</title><item><title>H</title><description>&lt;p&gt;D&lt;/p&gt;</description>"
    "<pubDate>Mon, 07 Nov 2022 12:30:00 GMT</pubDate></item></channel></rss>",
    "<RBNews><NewsID>1</NewsID><headline>H</headline><content>&lt;p&gt;x&lt;/p&gt;</content></RBNews>",
};

void ExpectSafe(const std::string& bytes) {
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = bytes;
  for (const FormatParser& parser : XmlFormatParsers()) {
    parser.sniff(input);
    absl::StatusOr<ParseResult> result = parser.parse(input);
    if (!result.ok()) {
      EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
      continue;
    }
    EXPECT_TRUE(!result->stories.empty() || !result->no_story_reason.empty());
    for (const v1::Story& story : result->stories) {
      EXPECT_TRUE(text::IsValidUtf8(story.headline()));
      for (const std::string& paragraph : story.paragraphs()) {
        EXPECT_TRUE(text::IsValidUtf8(paragraph));
      }
    }
  }
}

// Truncated and corrupted records must give a story, a reason or an
// InvalidArgument, never a crash (run under --config=asan too).
TEST(XmlFormatsTest, TruncatedAndCorruptedInputIsSafe) {
  std::mt19937 random(20221107);
  for (const char* sample : kSamples) {
    std::string bytes = sample;
    for (size_t length = 0; length <= bytes.size(); ++length) ExpectSafe(bytes.substr(0, length));
    for (int i = 0; i < 200; ++i) {
      std::string corrupted = bytes;
      for (int flips = 0; flips < 3; ++flips) {
        corrupted[random() % corrupted.size()] = static_cast<char>(random() % 256);
      }
      ExpectSafe(corrupted);
    }
  }
}

}  // namespace
}  // namespace newswire
