#include "services/ingest/normalize/rules/parser_testing.h"
#include "services/ingest/normalize/xml/xml_newsml1.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
  return parser_testing::ParseRecord(ParseNewsMl1, bytes);
}

constexpr char kTwoItems[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
  <NewsEnvelope><DateAndTime>20230301T100000Z</DateAndTime><Priority FormalName="3"/></NewsEnvelope>
  <NewsItem xml:lang="fr">
    <Identification><NewsIdentifier>
      <ProviderId>example.org</ProviderId><DateId>20230301</DateId><NewsItemId>ABC-1</NewsItemId>
      <RevisionId PreviousRevision="1" Update="U">2</RevisionId>
      <PublicIdentifier>urn:newsml:example.org:20230301:ABC-1:2</PublicIdentifier>
    </NewsIdentifier></Identification>
    <NewsManagement>
      <NewsItemType FormalName="News"/>
      <FirstCreated>20230301T093000Z</FirstCreated>
      <ThisRevisionCreated>20230301T095500+0100</ThisRevisionCreated>
      <Status FormalName="Embargoed"/>
      <StatusWillChange><FutureStatus FormalName="Usable"/><DateAndTime>20230302T000000Z</DateAndTime></StatusWillChange>
    </NewsManagement>
    <NewsComponent>
      <NewsLines>
        <HeadLine>Grève des contrôleurs aériens</HeadLine>
        <SubHeadLine>Vols annulés</SubHeadLine>
        <ByLine>Marie Dupont</ByLine>
        <DateLine>PARIS, 1 mars 2023 (AFP) -</DateLine>
        <CopyrightLine>© 2023 AFP</CopyrightLine>
        <SlugLine>France-grève</SlugLine>
        <KeywordLine>transport</KeywordLine>
      </NewsLines>
      <AdministrativeMetadata><Provider><Party FormalName="AFP"/></Provider></AdministrativeMetadata>
      <DescriptiveMetadata>
        <Language FormalName="fr"/>
        <SubjectCode><Subject FormalName="09000000" cat="SOC"/></SubjectCode>
        <SubjectCode><SubjectMatter FormalName="09003000"/></SubjectCode>
        <Location HowPresent="Origin"><Property FormalName="City" Value="Paris"/></Location>
        <Property FormalName="Keyword" Value="grève"/>
      </DescriptiveMetadata>
      <NewsComponent>
        <ContentItem><MediaType FormalName="Photo"/><DataContent>base64...</DataContent></ContentItem>
        <ContentItem>
          <MediaType FormalName="Text"/><Format FormalName="NITF3.1"/>
          <DataContent><nitf><body><body.content>
            <p>Le trafic aérien était perturbé mercredi.</p><p>Fin.</p>
          </body.content></body></nitf></DataContent>
        </ContentItem>
      </NewsComponent>
    </NewsComponent>
  </NewsItem>
  <NewsItem>
    <Identification><NewsIdentifier><ProviderId>example.org</ProviderId><DateId>20230301</DateId>
      <NewsItemId>PIC-1</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
    <NewsComponent><NewsLines><HeadLine>Photo only</HeadLine></NewsLines>
      <ContentItem><MediaType FormalName="Photo"/><MimeType FormalName="image/jpeg"/></ContentItem>
    </NewsComponent>
  </NewsItem>
</NewsML>)";

TEST(NewsMl1Test, ReadsTextItemsAndSkipsPhotos) {
  auto result = Parse(kTwoItems);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  const v1::Story& story = result->stories[0];
  EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NEWSML_1);
  EXPECT_EQ(story.source_guid(), "urn:newsml:example.org:20230301:ABC-1");
  EXPECT_EQ(story.source_uri(), "urn:newsml:example.org:20230301:ABC-1:2");
  EXPECT_EQ(story.version(), 2);
  EXPECT_EQ(story.agency(), "AFP");
  EXPECT_EQ(story.provider(), "AFP");
  EXPECT_EQ(story.headline(), "Gr\xC3\xA8ve des contr\xC3\xB4leurs a\xC3\xA9riens");
  EXPECT_EQ(story.subheadline(), "Vols annul\xC3\xA9s");
  EXPECT_EQ(story.byline(), "Marie Dupont");
  EXPECT_EQ(story.dateline().place(), "PARIS");
  EXPECT_EQ(story.dateline().date_text(), "1 mars 2023");
  EXPECT_EQ(story.dateline().agency(), "AFP");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("Le trafic a\xC3\xA9rien \xC3\xA9tait perturb\xC3\xA9 mercredi.", "Fin."));
  EXPECT_EQ(story.language(), "fr");
  EXPECT_EQ(parser_testing::Utc(story.first_created()), "2023-03-01T09:30:00Z");
  EXPECT_EQ(parser_testing::Utc(story.version_created()), "2023-03-01T08:55:00Z");
  EXPECT_EQ(parser_testing::Utc(story.embargoed_until()), "2023-03-02T00:00:00Z");
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(story.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(story.urgency(), 3);  // from the envelope's Priority
  EXPECT_EQ(story.copyright(), "\xC2\xA9 2023 AFP");
  EXPECT_EQ(story.slugline(), "France-gr\xC3\xA8ve");
  ASSERT_EQ(story.subjects_size(), 2);
  EXPECT_EQ(story.subjects(0).scheme(), "subj");
  EXPECT_EQ(story.subjects(0).code(), "09000000");
  EXPECT_EQ(story.source_section(), "SOC");
  EXPECT_THAT(story.keywords(), ElementsAre("gr\xC3\xA8ve", "transport"));
}

TEST(NewsMl1Test, PhotoOnlyItemsAndPlainTextContent) {
  auto photos = Parse(R"(<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>P</HeadLine></NewsLines>
      <ContentItem><MediaType FormalName="Photo"/></ContentItem></NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(photos.ok()) << photos.status();
  EXPECT_TRUE(photos->stories.empty());
  EXPECT_EQ(photos->no_story_reason, "picture item");

  auto text = Parse(R"(<NewsML><NewsItem>
      <Identification><NewsIdentifier><ProviderId>ana.gr</ProviderId><DateId>20230301</DateId>
      <NewsItemId>7</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
      <NewsManagement><Status FormalName="Canceled"/><Urgency FormalName="2"/></NewsManagement>
      <NewsComponent><NewsLines><HeadLine>Title</HeadLine></NewsLines>
      <ContentItem><MimeType FormalName="text/plain"/><DataContent>First line.

Second para.</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(text.ok()) << text.status();
  ASSERT_EQ(text->stories.size(), 1u);
  const v1::Story& story = text->stories[0];
  EXPECT_EQ(story.source_guid(), "urn:newsml:ana.gr:20230301:7");
  EXPECT_THAT(story.paragraphs(), ElementsAre("First line.", "Second para."));
  EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(story.signal(), v1::SIGNAL_KILL);
  EXPECT_EQ(story.urgency(), 2);
  EXPECT_EQ(story.agency(), "ANA");
}

// A ContentItem that says what it holds only by its IptcFormat name, over
// an inline NITF document; an IIM one (a picture) is still no text, nor is
// a bare "Text" (Belga sets it on its pictures' captions).
TEST(NewsMl1Test, ContentItemKnownByItsIptcFormat) {
  auto text = Parse(R"(<NewsML><NewsItem><NewsComponent>
      <NewsLines><HeadLine>Bull walks into a shop</HeadLine></NewsLines>
      <NewsComponent><ContentItem><Format Scheme="IptcFormat" FormalName="NITF"/>
      <DataContent><nitf><body><body.content><p lede="true">A young bull walked into a shop.</p>
      <p>It left by the other door.</p></body.content></body></nitf></DataContent>
      </ContentItem></NewsComponent></NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(text.ok()) << text.status();
  ASSERT_EQ(text->stories.size(), 1u);
  EXPECT_THAT(text->stories[0].paragraphs(),
              ElementsAre("A young bull walked into a shop.", "It left by the other door."));

  auto picture = Parse(R"(<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>P</HeadLine>
      </NewsLines><ContentItem><Format FormalName="IIM"/></ContentItem></NewsComponent>
      </NewsItem></NewsML>)");
  ASSERT_TRUE(picture.ok()) << picture.status();
  EXPECT_TRUE(picture->stories.empty());
  EXPECT_EQ(picture->no_story_reason, "picture item");

  auto caption = Parse(R"(<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>P</HeadLine>
      </NewsLines><NewsComponent><Role FormalName="Caption"/><ContentItem>
      <Format FormalName="Text"/><DataContent>A caption.</DataContent></ContentItem>
      </NewsComponent><ContentItem><Format FormalName="Jpeg"/></ContentItem></NewsComponent>
      </NewsItem></NewsML>)");
  ASSERT_TRUE(caption.ok()) << caption.status();
  EXPECT_TRUE(caption->stories.empty());
}

// Business Wire's NewsML 1.2 carries its style sheet as a text/css item,
// and names its components' roles: the Body is the story's text, not the
// Contact or the TweetText around it.
TEST(NewsMl1Test, StyleSheetIsNoTextAndTheBodyRoleIsTheText) {
  auto result = Parse(R"(<NewsML><NewsItem><NewsComponent>
      <NewsLines><HeadLine>Broker lifts limits</HeadLine></NewsLines>
      <NewsComponent><Role FormalName="StyleSheet"/><ContentItem><Format FormalName="CSS"/>
      <MimeType FormalName="text/css"/><DataContent>.c { text-align: center }</DataContent>
      </ContentItem></NewsComponent>
      <NewsComponent><Role FormalName="Contact"/><ContentItem><MimeType FormalName="text/plain"/>
      <DataContent>media@example.com</DataContent></ContentItem></NewsComponent>
      <NewsComponent><Role FormalName="Body"/><ContentItem><MimeType FormalName="text/plain"/>
      <DataContent>The broker lifted its limits on Friday.</DataContent></ContentItem>
      </NewsComponent>
      <NewsComponent><Role FormalName="TweetText"/><ContentItem><MimeType FormalName="text/plain"/>
      <DataContent>Broker lifts limits</DataContent></ContentItem></NewsComponent>
      </NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_THAT(result->stories[0].paragraphs(),
              ElementsAre("The broker lifted its limits on Friday."));
}

// A component of Belga's profile: its class named in DescriptiveMetadata,
// its content item's format empty or "Text", no media or MIME type.
std::string BelgaComponent(const std::string& lang, const std::string& role,
                           const std::string& component_class, const std::string& format,
                           const std::string& data) {
  return "<NewsComponent xml:lang=\"" + lang + "\"><Role FormalName=\"" + role +
         "\"/><DescriptiveMetadata><Property FormalName=\"ComponentClass\" Value=\"" +
         component_class + "\"/></DescriptiveMetadata><ContentItem><Format FormalName=\"" +
         format + "\"/><DataContent>" + data + "</DataContent></ContentItem></NewsComponent>";
}

TEST(NewsMl1Test, BelgaTextClassComponentsAreTheText) {
  auto result = Parse(
      "<NewsML><NewsItem><NewsComponent xml:lang=\"nl\"><NewsLines><HeadLine>Brand in Gent"
      "</HeadLine></NewsLines><NewsComponent xml:lang=\"nl\"><Role FormalName=\"Short\"/>" +
      BelgaComponent("nl", "Title", "Text", "", "Brand in Gent") +
      BelgaComponent("nl", "Lead", "Text", "Text", "In Gent woedt een brand.") +
      BelgaComponent("nl", "Body", "Text", "", "De &lt;b&gt;brandweer&lt;/b&gt; is ter plaatse.\n"
                     "Er zijn geen gewonden.") +
      "</NewsComponent><NewsComponent xml:lang=\"fr\"><Role FormalName=\"Short\"/>" +
      BelgaComponent("fr", "Body", "Text", "Text", "Les pompiers sont sur place.") +
      "</NewsComponent></NewsComponent></NewsItem></NewsML>");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].headline(), "Brand in Gent");
  // The title is the headline's copy; the French version is another story's.
  EXPECT_THAT(result->stories[0].paragraphs(),
              ElementsAre("In Gent woedt een brand.", "De brandweer is ter plaatse.",
                          "Er zijn geen gewonden."));
}

TEST(NewsMl1Test, BelgaTextClassBesideAPictureIsItsCaption) {
  auto result = Parse(
      "<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>Brand in Gent</HeadLine>"
      "</NewsLines>" +
      BelgaComponent("nl", "Body", "Text", "Text", "De brandweer blust het vuur.") +
      BelgaComponent("nl", "Image", "Image", "Jpeg", "") +
      "</NewsComponent></NewsItem></NewsML>");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->stories.empty());
  // A story with a picture attached: the text group and the picture group
  // side by side; only the picture's caption is left out.
  auto story = Parse(
      "<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>Brand in Gent</HeadLine>"
      "</NewsLines><NewsComponent><Role FormalName=\"Original\"/>" +
      BelgaComponent("nl", "Lead", "Text", "Text", "In Gent woedt een brand.") +
      "</NewsComponent><NewsComponent><Role FormalName=\"Picture\"/>" +
      BelgaComponent("nl", "Caption", "Text", "Text", "Rook boven Gent.") +
      BelgaComponent("nl", "Image", "Image", "Jpeg", "") +
      "</NewsComponent></NewsComponent></NewsItem></NewsML>");
  ASSERT_TRUE(story.ok()) << story.status();
  ASSERT_EQ(story->stories.size(), 1u);
  EXPECT_THAT(story->stories[0].paragraphs(), ElementsAre("In Gent woedt een brand."));
}

TEST(NewsMl1Test, ByLineNamingTheSourcePartyIsNoWriter) {
  auto result = Parse(R"(<NewsML><NewsItem><NewsComponent>
      <NewsLines><HeadLine>Annual report</HeadLine><ByLine>Acme ASA</ByLine></NewsLines>
      <AdministrativeMetadata><Source><Party FormalName="Acme ASA"/></Source>
      </AdministrativeMetadata>
      <ContentItem><MimeType FormalName="text/plain"/><DataContent>Acme grew.</DataContent>
      </ContentItem></NewsComponent></NewsItem>
      <NewsItem><NewsComponent>
      <NewsLines><HeadLine>Annual report</HeadLine><ByLine>Kari Nordmann</ByLine></NewsLines>
      <AdministrativeMetadata><Source><Party FormalName="Acme ASA"/></Source>
      </AdministrativeMetadata>
      <ContentItem><MimeType FormalName="text/plain"/><DataContent>Acme grew.</DataContent>
      </ContentItem></NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 2u);
  EXPECT_EQ(result->stories[0].byline(), "");
  EXPECT_EQ(result->stories[1].byline(), "Kari Nordmann");
}

TEST(NewsMl1Test, TheEnvelopesSenderIsTheAgencyWhenNothingElseNamesOne) {
  constexpr char kRelease[] = R"(<NewsML><NewsEnvelope><SentFrom><Party FormalName="%s"/>
      </SentFrom></NewsEnvelope><NewsItem><Identification><NewsIdentifier>
      <ProviderId>releases.example.com</ProviderId><NewsItemId>1</NewsItemId>
      </NewsIdentifier></Identification><NewsComponent>
      <NewsLines><HeadLine>Acme names CEO</HeadLine></NewsLines>
      <ContentItem><MimeType FormalName="text/plain"/><DataContent>Acme named a CEO.</DataContent>
      </ContentItem></NewsComponent></NewsItem></NewsML>)";
  auto wire = Parse(absl::StrFormat(kRelease, "Business Wire"));
  ASSERT_TRUE(wire.ok()) << wire.status();
  ASSERT_EQ(wire->stories.size(), 1u);
  EXPECT_EQ(wire->stories[0].agency(), "BUSINESS WIRE");
  auto other = Parse(absl::StrFormat(kRelease, "Acme Corp"));
  ASSERT_TRUE(other.ok()) << other.status();
  ASSERT_EQ(other->stories.size(), 1u);
  EXPECT_EQ(other->stories[0].agency(), "");
}

TEST(NewsMl1Test, PublicIdentifierWithoutTheItemIdNamesNoItem) {
  constexpr char kItem[] = R"(<NewsItem><Identification><NewsIdentifier>
      <ProviderId>belga.be</ProviderId><DateId>20190129T133400</DateId>
      <NewsItemId>%s</NewsItemId><RevisionId>4</RevisionId>
      <PublicIdentifier>urn:newsml:www.belga.be</PublicIdentifier>
      </NewsIdentifier></Identification><NewsComponent>
      <NewsLines><HeadLine>Brand</HeadLine></NewsLines>
      <ContentItem><MimeType FormalName="text/plain"/><DataContent>Brand.</DataContent>
      </ContentItem></NewsComponent></NewsItem>)";
  auto result = Parse(absl::StrCat("<NewsML>", absl::StrFormat(kItem, "98055798"),
                                   absl::StrFormat(kItem, "98055799"), "</NewsML>"));
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 2u);
  EXPECT_EQ(result->stories[0].source_guid(), "urn:newsml:belga.be:20190129T133400:98055798");
  EXPECT_EQ(result->stories[1].source_guid(), "urn:newsml:belga.be:20190129T133400:98055799");
}

TEST(NewsMl1Test, RectifyInstructionIsACorrection) {
  auto result = Parse(R"(<NewsML><NewsItem><NewsManagement><Instruction FormalName="Rectify"/>
      </NewsManagement><NewsComponent><NewsLines><HeadLine>Fixed</HeadLine></NewsLines>
      </NewsComponent></NewsItem></NewsML>)");
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->stories.size(), 1u);
  EXPECT_EQ(result->stories[0].signal(), v1::SIGNAL_CORRECTION);
}

TEST(NewsMl1Test, SniffAndBadInput) {
  ParseInput input;
  input.bytes = "<?xml version=\"1.0\"?>\n<!-- AFP -->\n<NewsML Version=\"1.2\">";
  EXPECT_TRUE(SniffNewsMl1(input));
  input.bytes = "<newsMessage/>";
  EXPECT_FALSE(SniffNewsMl1(input));
  auto empty = Parse("<NewsML><NewsEnvelope/></NewsML>");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->no_story_reason, "NewsML without news items");
  auto malformed = Parse("<NewsML><NewsItem></NewsML>");
  ASSERT_FALSE(malformed.ok());
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("xml: not well-formed"));
}

}  // namespace
}  // namespace newswire
