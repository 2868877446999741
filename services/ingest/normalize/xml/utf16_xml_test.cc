#include "services/ingest/normalize/xml/utf16_xml.h"

#include <string>

#include "gtest/gtest.h"
#include "services/ingest/normalize/xml/utf16_testing.h"

namespace newswire {
namespace {

using ::newswire::testing::Utf16Bytes;

TEST(Utf16XmlTest, LittleEndianWithByteOrderMark) {
  const std::string bytes =
      "\xFF\xFE" + Utf16Bytes(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>caf\u00e9</r>", true);
  std::optional<std::string> utf8 = Utf16XmlToUtf8(bytes);
  ASSERT_TRUE(utf8.has_value());
  EXPECT_EQ(*utf8, "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>caf\xC3\xA9</r>");
}

TEST(Utf16XmlTest, BigEndianWithByteOrderMark) {
  // U+65E5 U+672C (Japan) and U+1D11E, a surrogate pair D834 DD1E.
  const std::string bytes = "\xFE\xFF" + Utf16Bytes(u"\n<r>\u65e5\u672c \xD834\xDD1E</r>", false);
  std::optional<std::string> utf8 = Utf16XmlToUtf8(bytes);
  ASSERT_TRUE(utf8.has_value());
  EXPECT_EQ(*utf8, "\n<r>\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9D\x84\x9E</r>");
}

TEST(Utf16XmlTest, DeclarationWithoutByteOrderMark) {
  // XML 1.0 appendix F: 3C 00 3F 00 is UTF-16LE, 00 3C 00 3F UTF-16BE.
  for (bool little : {true, false}) {
    std::optional<std::string> utf8 =
        Utf16XmlToUtf8(Utf16Bytes(u"<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>", little));
    ASSERT_TRUE(utf8.has_value()) << little;
    EXPECT_EQ(*utf8, "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>");
  }
}

TEST(Utf16XmlTest, AnythingElseIsNotUtf16Xml) {
  const std::string not_utf16[] = {
      "<?xml version=\"1.0\"?><r/>",                         // UTF-8
      "\xEF\xBB\xBF<r/>",                                    // UTF-8 with its BOM
      "\xFF\xFE" + Utf16Bytes(u"plain text, no markup", true),    // not XML
      "\xFF\xFE" + Utf16Bytes(u"<r>x</r>", true) + std::string(1, '\0'),  // odd length
      "\xFF\xFE" + Utf16Bytes(u"<r>\xDC00</r>", true),            // a low surrogate alone
      "\xFF\xFE" + Utf16Bytes(u"<r>\xD834</r>", true),            // a high surrogate alone
      "\xFF\xFE" + Utf16Bytes(u"<r>\xD834", true),                // cut inside a pair
      "\xFF\xFE" + Utf16Bytes(u"<r>a\x0001\x0002</r>", true),  // controls
      std::string("\xFF\xFE\x00\x00<\x00\x00\x00", 8),       // UTF-32LE
      std::string("\xFF\xFE", 2),
      "",
  };
  for (const std::string& bytes : not_utf16) {
    EXPECT_FALSE(Utf16XmlToUtf8(bytes).has_value()) << bytes;
  }
}

}  // namespace
}  // namespace newswire
