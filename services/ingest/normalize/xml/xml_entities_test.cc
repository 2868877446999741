#include "services/ingest/normalize/xml/xml_entities.h"

#include "gtest/gtest.h"

namespace newswire::xml {
namespace {

TEST(HtmlEntityTest, KnowsXmlLatin1AndPunctuationNames) {
  EXPECT_EQ(HtmlEntityText("amp"), "&");
  EXPECT_EQ(HtmlEntityText("nbsp"), "\xC2\xA0");
  EXPECT_EQ(HtmlEntityText("eacute"), "\xC3\xA9");
  EXPECT_EQ(HtmlEntityText("yuml"), "\xC3\xBF");
  EXPECT_EQ(HtmlEntityText("mdash"), "\xE2\x80\x94");
  EXPECT_EQ(HtmlEntityText("euro"), "\xE2\x82\xAC");
  EXPECT_EQ(HtmlEntityCodePoint("Eacute"), char32_t{0xC9});
  EXPECT_FALSE(HtmlEntityText("EACUTE").has_value());
  EXPECT_FALSE(HtmlEntityText("lol9").has_value());
  EXPECT_FALSE(HtmlEntityText("").has_value());
}

TEST(DecodeEntityReferencesTest, DecodesOnceAndLeavesTheRest) {
  EXPECT_EQ(DecodeEntityReferences("o&#39;clock &quot;x&quot; &amp;amp;"), "o'clock \"x\" &amp;");
  EXPECT_EQ(DecodeEntityReferences("caf&eacute; &#xE9;&#233;"), "caf\xC3\xA9 \xC3\xA9\xC3\xA9");
  EXPECT_EQ(DecodeEntityReferences("AT&T; R&D & co; a&b"), "AT&T; R&D & co; a&b");
  // Control characters, surrogates and out-of-range code points stay text.
  EXPECT_EQ(DecodeEntityReferences("&#1;&#xD800;&#x110000;&#;&#x;"), "&#1;&#xD800;&#x110000;&#;&#x;");
  EXPECT_EQ(DecodeEntityReferences("&"), "&");
  EXPECT_EQ(DecodeEntityReferences("no entities"), "no entities");
}

}  // namespace
}  // namespace newswire::xml
