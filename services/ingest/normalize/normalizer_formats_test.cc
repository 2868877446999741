// Records the Normalizer used to refuse that carry a story (issue 18,
// classes 6 and 10): a DOCTYPE naming its DTD by a path, UTF-16 XML. And the
// refusals that stay.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/normalizer.h"
#include "services/ingest/normalize/xml/utf16_testing.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::newswire::testing::Utf16Bytes;

RawRecord XmlRecord(std::string value) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.value = std::move(value);
  record.headers = {{"content-type", "application/xml"}};
  return record;
}

// A NITF kill as agencies send it: NITF 3.x says docdata's
// management-status "canceled" withdraws the item.
std::string CanceledNitf(const std::string& doctype) {
  return absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", doctype,
      "\n<nitf><head><docdata management-status=\"canceled\"><doc-id id-string=\"kill-1\"/>"
      "</docdata></head><body><body.head><hedline><hl1>Story withdrawn</hl1></hedline>"
      "</body.head><body.content><p>The story is withdrawn.</p></body.content></body></nitf>");
}

TEST(NormalizerFormatsTest, DoctypeNamingALocalDtdKeepsTheKill) {
  for (const std::string doctype :
       {"<!DOCTYPE nitf SYSTEM \"../dtd/nitf-3-4.dtd\">",
        "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.4//EN\" \"/srv/dtd/nitf-3-4.dtd\">"}) {
    auto result = Normalizer({}).Normalize(XmlRecord(CanceledNitf(doctype)));
    ASSERT_TRUE(result.ok()) << doctype << ": " << result.status();
    ASSERT_EQ(result->stories.size(), 1u);
    const v1::Story& story = result->stories[0];
    EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NITF);
    EXPECT_EQ(story.headline(), "Story withdrawn");
    EXPECT_EQ(story.pub_status(), v1::PUB_STATUS_CANCELED);
  }
}

TEST(NormalizerFormatsTest, DoctypeDeclaringAnEntityIsStillRefused) {
  auto result = Normalizer({}).Normalize(XmlRecord(
      CanceledNitf("<!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("DOCTYPE declares entities"));
}

const char16_t kUtf16Nitf[] =
    u"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<nitf><head><docdata>"
    u"<doc-id id-string=\"u16-1\"/></docdata></head><body><body.head><hedline>"
    u"<hl1>Caf\u00e9 owners meet in Z\u00fcrich</hl1></hedline></body.head><body.content>"
    u"<p>The council met on Monday in \u6771\u4eac.</p></body.content></body></nitf>";

TEST(NormalizerFormatsTest, Utf16XmlIsRead) {
  const std::string records[] = {
      "\xFF\xFE" + Utf16Bytes(kUtf16Nitf, true),   // UTF-16LE, byte order mark
      "\xFE\xFF" + Utf16Bytes(kUtf16Nitf, false),  // UTF-16BE, byte order mark
      Utf16Bytes(kUtf16Nitf, true),                // declared, no mark
      Utf16Bytes(kUtf16Nitf, false),
  };
  for (const std::string& bytes : records) {
    auto result = Normalizer({}).Normalize(XmlRecord(bytes));
    ASSERT_TRUE(result.ok()) << result.status();
    ASSERT_EQ(result->stories.size(), 1u);
    const v1::Story& story = result->stories[0];
    EXPECT_EQ(story.source_format(), v1::SOURCE_FORMAT_NITF);
    EXPECT_EQ(story.headline(), "Caf\xC3\xA9 owners meet in Z\xC3\xBCrich");
    EXPECT_THAT(story.paragraphs(),
                ElementsAre("The council met on Monday in \xE6\x9D\xB1\xE4\xBA\xAC."));
    EXPECT_EQ(Normalizer({}).DetectFormat(XmlRecord(bytes)), v1::SOURCE_FORMAT_NITF);
  }
}

TEST(NormalizerFormatsTest, Utf16GarbageIsStillBinary) {
  std::string garbage = "\xFF\xFE";
  for (int i = 0; i < 64; ++i) garbage += std::string("\x01\x00\x02\x00", 4);
  const std::string records[] = {
      garbage,
      "\xFF\xFE" + Utf16Bytes(u"<r>\xD800 unpaired</r>", true),
      "\xFF\xFE" + Utf16Bytes(kUtf16Nitf, true) + std::string(1, '\0'),  // odd length
  };
  for (const std::string& bytes : records) {
    auto result = Normalizer({}).Normalize(XmlRecord(bytes));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(), "binary content");
  }
}

}  // namespace
}  // namespace newswire
