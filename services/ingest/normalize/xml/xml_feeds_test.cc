#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/xml/xml_feeds.h"

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

constexpr char kAtomFeed[] = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Example Showbiz Wire</title>
  <author><name>Example Newsdesk</name></author>
  <rights>(c) Example</rights>
  <id>urn:example:feed</id>
  <entry>
    <id>urn:example:entry:1</id>
    <title type="html">Star &lt;b&gt;wins&lt;/b&gt; award</title>
    <link rel="alternate" href="https://example.com/1"/>
    <published>2015-01-30T00:33:06+00:00</published>
    <updated>2015-01-30T02:40:56+00:00</updated>
    <author><name>Kim Lee</name></author>
    <category term="music" label="Music"/>
    <summary type="text">Short summary</summary>
    <content type="html">&lt;p&gt;First &amp;amp; best.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="de">
    <id>urn:example:entry:2</id>
    <title>Zweiter Eintrag</title>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Eins.</p><p>Zwei.</p></div></content>
  </entry>
  <entry>
    <id>urn:example:entry:3</id>
    <title>Only summary</title>
    <content src="https://example.com/3.mp4" type="video/mp4"/>
    <summary>Plain summary text.</summary>
  </entry>
</feed>)";

TEST(AtomTest, OneStoryPerEntry) {
  auto result = ParseAtom(parser_testing::InputFor(kAtomFeed));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 3u);
  const v1::Story& first = result->stories[0];
  EXPECT_EQ(first.source_format(), v1::SOURCE_FORMAT_ATOM);
  EXPECT_EQ(first.source_guid(), "urn:example:entry:1");
  EXPECT_EQ(first.source_url(), "https://example.com/1");
  EXPECT_EQ(first.headline(), "Star wins award");
  EXPECT_EQ(first.subheadline(), "Short summary");
  EXPECT_THAT(first.paragraphs(), ElementsAre("First & best.", "Second."));
  EXPECT_EQ(first.byline(), "Kim Lee");
  EXPECT_EQ(first.provider(), "Example Newsdesk");
  EXPECT_EQ(first.language(), "en");
  EXPECT_EQ(first.copyright(), "(c) Example");
  EXPECT_EQ(first.source_section(), "Music");
  EXPECT_EQ(parser_testing::Utc(first.first_created()), "2015-01-30T00:33:06Z");
  EXPECT_EQ(parser_testing::Utc(first.version_created()), "2015-01-30T02:40:56Z");
  EXPECT_EQ(result->stories[1].language(), "de");
  EXPECT_THAT(result->stories[1].paragraphs(), ElementsAre("Eins.", "Zwei."));
  EXPECT_THAT(result->stories[2].paragraphs(), ElementsAre("Plain summary text."));
}

TEST(AtomTest, SingleEntryDocumentAndWennExtension) {
  auto result = ParseAtom(parser_testing::InputFor(R"(<entry xmlns="http://www.w3.org/2005/Atom"
      xmlns:cm="http://feed.wenn.com/xmlns/2010/03/wenn_cm"
      xmlns:nm="http://feed.wenn.com/xmlns/2010/03/wenn_nm">
    <id>urn:wenn:1</id><title><![CDATA[Singer arrested]]></title>
    <updated>2015-01-30T00:33:06+00:00</updated>
    <content type="text">placeholder</content>
    <nm:NewsManagement type="feedarticle"><nm:published>2015-01-30T00:33:06+00:00</nm:published>
      <nm:updated>2015-01-30T02:40:56+00:00</nm:updated>
      <nm:publishing_status>Published</nm:publishing_status></nm:NewsManagement>
    <cm:ContentMetadata lang="en-GB"><cm:first_line><![CDATA[The first line.]]></cm:first_line>
      <cm:body><![CDATA[  Body one
wraps.

  Body two.]]></cm:body><cm:slug>(AB/CD)</cm:slug>
      <cm:tags><cm:tag value="Singer"/></cm:tags></cm:ContentMetadata></entry>)"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.headline(), "Singer arrested");
  EXPECT_THAT(story.paragraphs(), ElementsAre("The first line.", "Body one wraps.", "Body two."));
  EXPECT_EQ(story.slugline(), "(AB/CD)");
  EXPECT_THAT(story.keywords(), ElementsAre("Singer"));
  EXPECT_EQ(story.language(), "en-GB");
  // WENN's own times and status: the Atom <updated> is the publication.
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2015-01-30T00:33:06Z");
  EXPECT_EQ(parser_testing::Utc(story.version_created()), "2015-01-30T02:40:56Z");
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
}

constexpr char kRss[] = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Reuters: World News</title><link>https://www.reuters.com/world</link>
    <language>en-us</language><copyright>Copyright Reuters</copyright>
    <item>
      <title>Leaders meet &amp; talk</title>
      <link>https://example.com/a</link>
      <guid isPermaLink="false">item-1</guid>
      <pubDate>Mon, 07 Nov 2022 12:30:00 GMT</pubDate>
      <dc:creator>Jane Roe</dc:creator>
      <category>World</category><category>Politics</category>
      <description>&lt;p&gt;Teaser text.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full <em>first</em> paragraph.</p><p>Second&nbsp;one.</p>]]></content:encoded>
    </item>
    <item><title>Headline only</title><link>https://example.com/b</link></item>
  </channel>
</rss>)";

TEST(RssTest, OneStoryPerItem) {
  auto result = ParseRss(parser_testing::InputFor(kRss));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 2u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_RSS);
  EXPECT_EQ(story.source_guid(), "item-1");
  EXPECT_EQ(story.source_url(), "https://example.com/a");
  EXPECT_EQ(story.headline(), "Leaders meet & talk");
  EXPECT_EQ(story.subheadline(), "Teaser text.");
  EXPECT_THAT(story.paragraphs(), ElementsAre("Full first paragraph.", "Second one."));
  EXPECT_EQ(story.byline(), "Jane Roe");
  EXPECT_EQ(story.language(), "en-us");
  EXPECT_EQ(story.copyright(), "Copyright Reuters");
  EXPECT_EQ(story.source_section(), "World");
  EXPECT_THAT(story.keywords(), ElementsAre("World", "Politics"));
  EXPECT_EQ(story.provider(), "Reuters: World News");
  EXPECT_EQ(story.agency(), "REUTERS");
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2022-11-07T12:30:00Z");
  EXPECT_EQ(result->stories[1].source_guid(), "https://example.com/b");
  EXPECT_EQ(result->stories[1].headline(), "Headline only");
}

TEST(RssTest, Rss10RdfItemsSitBesideTheChannel) {
  std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>Example</title></channel>
  <item rdf:about="https://example.com/x"><title>RDF item</title><link>https://example.com/x</link>
    <description>Body text.</description><dc:date>2022-11-07T12:30:00Z</dc:date><dc:language>sv</dc:language></item>
</rdf:RDF>)";
  ParseInput input = parser_testing::InputFor(rdf);
  EXPECT_TRUE(SniffRss(input));
  auto result = ParseRss(input);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].source_guid(), "https://example.com/x");
  EXPECT_THAT(result->stories[0].paragraphs(), ElementsAre("Body text."));
  EXPECT_EQ(result->stories[0].language(), "sv");
}

TEST(FeedsTest, SniffersAndEmptyFeeds) {
  EXPECT_TRUE(SniffAtom(parser_testing::InputFor("<feed xmlns=\"http://www.w3.org/2005/Atom\">")));
  EXPECT_FALSE(SniffAtom(parser_testing::InputFor("<feed>")));  // not Atom without its namespace
  EXPECT_FALSE(SniffAtom(parser_testing::InputFor("<html><body><feed xmlns=\"http://www.w3.org/2005/Atom\">")));
  EXPECT_TRUE(SniffRss(parser_testing::InputFor("<rss version=\"2.0\">")));
  EXPECT_FALSE(SniffRss(parser_testing::InputFor("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">")));
  auto empty = ParseAtom(parser_testing::InputFor("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>"));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->no_story_reason, "feed without entries");
  auto no_items = ParseRss(parser_testing::InputFor("<rss><channel><title>x</title></channel></rss>"));
  ASSERT_TRUE(no_items.ok());
  EXPECT_EQ(no_items->no_story_reason, "feed without items");
  EXPECT_FALSE(ParseRss(parser_testing::InputFor("<rss><channel></rss>")).ok());
}

// Items are a loop point of the record's CPU budget: a spent one stops the
// feed with "too costly".
TEST(FeedsTest, SpentBudgetStopsBetweenItems) {
  ScopedWorkBudget budget(absl::ZeroDuration());
  for (auto* parse : {&ParseRss, &ParseAtom}) {
    auto result = (*parse)(parser_testing::InputFor(parse == &ParseRss ? kRss : kAtomFeed));
    EXPECT_TRUE(IsTooCostly(result.status())) << result.status();
  }
}

// Feed text every item inherits is bounded over the whole record: a long
// <copyright> is fine on a few items, refused on a thousand.
TEST(RssTest, InheritedFeedTextIsBoundedOverTheItems) {
  auto feed = [](int items) {
    std::string rss = "<rss version=\"2.0\"><channel><title>T</title><copyright>" +
                      std::string(5000, 'c') + "</copyright>";
    for (int i = 0; i < items; ++i) rss += "<item><title>Item</title></item>";
    return rss + "</channel></rss>";
  };
  const std::string few = feed(10);
  auto stories = ParseRss(parser_testing::InputFor(few));
  ASSERT_TRUE(stories.ok()) << stories.status();
  EXPECT_EQ(stories->stories.size(), 10u);
  const std::string many = feed(1000);
  auto refused = ParseRss(parser_testing::InputFor(many));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(IsTooCostly(refused.status())) << refused.status();
}

}  // namespace
}  // namespace newswire
