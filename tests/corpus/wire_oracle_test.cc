#include "tests/corpus/wire_oracle.h"

#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace newswire::wire_oracle {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

TEST(ParseTimestampTest, Iso8601Forms) {
  EXPECT_EQ(ParseTimestamp("2016-10-21T16:25:32-05:00"), Utc(2016, 10, 21, 21, 25, 32));
  EXPECT_EQ(ParseTimestamp("20131020T192751+1100"), Utc(2013, 10, 20, 8, 27, 51));
  EXPECT_EQ(ParseTimestamp("2016-04-13 04:52:21+00:00"), Utc(2016, 4, 13, 4, 52, 21));
  EXPECT_EQ(ParseTimestamp("2019-04-15T13:49:15"), Utc(2019, 4, 15, 13, 49, 15));
  EXPECT_EQ(ParseTimestamp("2018-01-30T17:32:18.397"),
            Utc(2018, 1, 30, 17, 32, 18) + absl::Milliseconds(397));
  EXPECT_EQ(ParseTimestamp(" 2014-07-16T13:00:03.000Z "), Utc(2014, 7, 16, 13, 0, 3));
}

TEST(ParseTimestampTest, Rfc822) {
  EXPECT_EQ(ParseTimestamp("Mon, 07 Nov 2022 12:00:00 GMT"), Utc(2022, 11, 7, 12, 0, 0));
  EXPECT_EQ(ParseTimestamp("Mon, 07 Nov 2022 12:00:00 +0100"), Utc(2022, 11, 7, 11, 0, 0));
}

TEST(ParseTimestampTest, RejectsNonsense) {
  EXPECT_FALSE(ParseTimestamp(""));
  EXPECT_FALSE(ParseTimestamp("yesterday"));
  EXPECT_FALSE(ParseTimestamp("2022-13-45T25:61:61Z"));
}

TEST(WireOracleTest, NitfHeadlineBodyAndIssueDate) {
  std::optional<FileExpectation> file = Read(
      "<?xml version=\"1.0\"?><nitf><head><title>Slug</title><docdata>"
      "<date.issue norm=\"20221107T120000+0900\"/></docdata></head><body><body.head><hedline>"
      "<hl1>Big &amp; bold</hl1></hedline></body.head><body.content><p/><p>TOKYO (Kyodo) -- "
      "Words here.</p></body.content></body></nitf>");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->format, "NITF");
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].headline, "Big & bold");
  EXPECT_EQ(file->stories[0].first_paragraph, "TOKYO (Kyodo) -- Words here.");
  EXPECT_EQ(file->stories[0].version_created, Utc(2022, 11, 7, 3, 0, 0));
}

// WENN's Atom: its NewsManagement's updated time, not the Atom <updated>
// (which repeats the publication).
TEST(WireOracleTest, AtomVendorUpdateTimeWins) {
  std::optional<FileExpectation> file = Read(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:nm=\"urn:nm\"><entry><title>T</title>"
      "<updated>2015-01-30T00:33:06+00:00</updated><content>Body.</content>"
      "<nm:NewsManagement><nm:published>2015-01-30T00:33:06+00:00</nm:published>"
      "<nm:updated>2015-01-30T02:40:56+00:00</nm:updated></nm:NewsManagement></entry>"
      "<entry><title>U</title><updated>2015-01-29T21:58:32+00:00</updated><content>B.</content>"
      "</entry></feed>");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->stories.size(), 2u);
  EXPECT_EQ(file->stories[0].version_created, Utc(2015, 1, 30, 2, 40, 56));
  EXPECT_EQ(file->stories[1].version_created, Utc(2015, 1, 29, 21, 58, 32));
}

TEST(WireOracleTest, NewsMlG2MessageKeepsTextItemsOnly) {
  std::optional<FileExpectation> file = Read(
      "<newsMessage><itemSet>"
      "<newsItem><itemMeta><itemClass qcode=\"ninat:picture\"/></itemMeta></newsItem>"
      "<newsItem><itemMeta><itemClass qcode=\"ninat:text\"/><versionCreated>2022-11-07T12:00:00Z"
      "</versionCreated></itemMeta><contentMeta><headline role=\"hld:subHeadline\">Sub</headline>"
      "<headline>Main</headline></contentMeta><contentSet><inlineXML contenttype=\"application/"
      "nitf+xml\"><nitf><body><body.head><hedline><hl1>Main</hl1></hedline></body.head>"
      "<body.content><p>Body first.</p></body.content></body></nitf></inlineXML></contentSet>"
      "</newsItem></itemSet></newsMessage>");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].headline, "Main");
  EXPECT_EQ(file->stories[0].first_paragraph, "Body first.");
  EXPECT_EQ(file->stories[0].version_created_field, "versionCreated");
}

TEST(WireOracleTest, PackageAndPictureItemsHaveNoStory) {
  std::optional<FileExpectation> package = Read("<packageItem guid=\"x\"><groupSet/></packageItem>");
  ASSERT_TRUE(package.has_value());
  EXPECT_TRUE(package->stories.empty());
  EXPECT_EQ(package->no_story_why, "package item: links to other items");
  std::optional<FileExpectation> picture = Read("{\"type\":\"picture\",\"headline\":\"Pic\"}");
  ASSERT_TRUE(picture.has_value());
  EXPECT_TRUE(picture->stories.empty());
}

TEST(WireOracleTest, NinjsHeadlinesAndBodies) {
  std::optional<FileExpectation> file = Read(
      "{\"type\":\"text\",\"headlines\":[{\"role\":\"short\",\"value\":\"S\"},"
      "{\"role\":\"main\",\"value\":\"Main\"}],\"bodies\":[{\"role\":\"main\",\"contenttype\":"
      "\"text/html\",\"value\":\"<p>One</p><p>Two</p>\"}],\"versioncreated\":\"2022-11-07T12:00:00Z\"}");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].headline, "Main");
  EXPECT_EQ(file->stories[0].first_paragraph, "One");
}

TEST(WireOracleTest, AnpaHeaderLinesAreNotBody) {
  std::optional<FileExpectation> file = Read(
      "\x16\x16\x01" "a1234\x1f-----\r\nr a\x13\x11 BC-Story 11-07 0100\r\n"
      "\x02^BC-Story,100<\r\n^The headline<\r\n^AP Photo X1<\r\n^By A WRITER=\r\n"
      "^AP Writer=\r\n\t   TOKYO (AP) _ The body.\r\n\x03" "AP-WF-11-07-22 1200GMT<\r\n\x04");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].headline, "The headline");
  EXPECT_EQ(file->stories[0].first_paragraph, "TOKYO (AP) _ The body.");
  EXPECT_EQ(file->stories[0].version_created, Utc(2022, 11, 7, 12, 0, 0));
}

TEST(WireOracleTest, Iptc7901HeadingEndsAtEqualsSign) {
  std::optional<FileExpectation> file = Read(
      "\x01" "eca0001 4 i 100 dpa 0001\r\n\r\nSlug/\r\n\x02" "EXTRA\r\nThe headline\r\n"
      "By A Writer =\r\n\r\n   Berlin (dpa) - First\r\nline.\r\n\r\nSecond.\r\n\x03"
      "071200 GMT Nov 22\r\n\x04");
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].headline, "The headline");
  EXPECT_EQ(file->stories[0].first_paragraph, "Berlin (dpa) - First line.");
  EXPECT_EQ(file->stories[0].version_created, Utc(2022, 11, 7, 12, 0, 0));
}

TEST(WireOracleTest, UnknownFormats) {
  EXPECT_FALSE(Read("").has_value());
  EXPECT_FALSE(Read("Just a headline\n\nAnd text.").has_value());
  EXPECT_FALSE(Read("<html><body>page</body></html>").has_value());
}

}  // namespace
}  // namespace newswire::wire_oracle
