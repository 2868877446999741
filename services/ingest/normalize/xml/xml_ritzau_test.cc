#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/xml/xml_ritzau.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

constexpr char kQueue[] = R"(<?xml version="1.0"?>
<XMLNewsQueuedResponse xmlns="http://tempuri.org/">
  <XMLNewsQueuedResult xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
    <error xmlns="">0</error>
    <ListOfRBNews xmlns="">
      <RBNews>
        <NewsID>11111111-2222</NewsID><PublishDate>2018-02-01T18:38:49.417</PublishDate>
        <strapline>NOTE/SPORT</strapline><headline>Kort nyt</headline><subtitle i:nil="true"/>
        <town>K&#xF8;benhavn</town><origin>/ritzau/</origin><section>Sport</section>
        <version>2</version><Priority>4</Priority>
        <content>&lt;p&gt;F&#xF8;rste afsnit &amp;amp;apos;citat&amp;amp;apos;.&lt;/p&gt;&lt;p&gt;Pris: &#xC2;&#xA3;4.&lt;/p&gt;</content>
        <IPTCList xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:int>15000000</a:int></IPTCList>
        <SubjectKeyword xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:string>cykling</a:string></SubjectKeyword>
        <Annuleret>false</Annuleret><NyVersion>true</NyVersion><Korrektion>false</Korrektion>
        <byLine>Anne Hansen</byLine><TilRedaktionen>Rettet stavefejl</TilRedaktionen>
      </RBNews>
      <RBNews>
        <NewsID>3333</NewsID><headline>PR / Firma A/S</headline><origin>Via Ritzau</origin>
        <content>&lt;p&gt;Pressemeddelelse.&lt;/p&gt;</content>
        <Annuleret>true</Annuleret><Korrektion>true</Korrektion>
      </RBNews>
    </ListOfRBNews>
  </XMLNewsQueuedResult>
</XMLNewsQueuedResponse>)";

TEST(RitzauTest, ReadsEveryRecordOfAQueue) {
  std::string bytes = kQueue;
  ParseInput input = parser_testing::InputFor(bytes);
  EXPECT_TRUE(SniffRitzau(input));
  auto result = ParseRitzau(input);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 2u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_RITZAU_XML);
  EXPECT_EQ(story.source_guid(), "11111111-2222");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.agency(), "RITZAU");
  EXPECT_EQ(story.provider(), "Ritzau");
  EXPECT_EQ(story.headline(), "Kort nyt");
  EXPECT_EQ(story.subheadline(), "");
  EXPECT_EQ(story.slugline(), "NOTE/SPORT");
  EXPECT_EQ(story.byline(), "Anne Hansen");
  EXPECT_EQ(story.dateline().place(), "K\xC3\xB8" "benhavn");
  EXPECT_THAT(story.paragraphs(), ElementsAre("F\xC3\xB8rste afsnit 'citat'.", "Pris: \xC2\xA3" "4."));
  EXPECT_EQ(story.source_section(), "Sport");
  EXPECT_EQ(story.urgency(), 4);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.editorial_note(), "Rettet stavefejl");
  ASSERT_EQ(story.subjects_size(), 1);
  EXPECT_EQ(story.subjects(0).code(), "15000000");
  EXPECT_THAT(story.keywords(), ElementsAre("cykling"));
  EXPECT_EQ(story.version_created().seconds(), 1517510329);
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);  // <Annuleret>false

  const v1::Story& release = result->stories[1];
  EXPECT_EQ(release.agency(), "");  // third-party copy Ritzau only distributes
  EXPECT_EQ(release.pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(release.signal(), v1::SIGNAL_KILL);
}

TEST(RitzauTest, SingleRecordAndSniffing) {
  std::string bytes =
      "<?xml version=\"1.0\"?><RBNews xmlns=\"\"><NewsID>9</NewsID><headline i:nil=\"true\" "
      "xmlns:i=\"http://www.w3.org/2001/XMLSchema-insance\"/><content>&lt;p&gt;Forskere har "
      "testet dieselgas p&#xE5; mennesker. Det fort&#xE6;ller de selv.&lt;/p&gt;</content></RBNews>";
  ParseInput input = parser_testing::InputFor(bytes);
  EXPECT_TRUE(SniffRitzau(input));
  auto result = ParseRitzau(input);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].source_format(), v1::SOURCE_FORMAT_RITZAU_XML);
  // A flash without a headline line: its lead's first sentence, no stop.
  EXPECT_EQ(result->stories[0].headline(), "Forskere har testet dieselgas p\xC3\xA5 mennesker");
  EXPECT_EQ(result->stories[0].paragraphs_size(), 1);
  // No <Annuleret> element: the record does not say.
  EXPECT_EQ(result->stories[0].pub_status(), v1::PUB_STATUS_UNSPECIFIED);
  EXPECT_FALSE(SniffRitzau(parser_testing::InputFor("<nitf><RBNews/></nitf>")));
  EXPECT_FALSE(ParseRitzau(parser_testing::InputFor("<Other/>")).ok());
}

}  // namespace
}  // namespace newswire
