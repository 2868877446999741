#include "tests/corpus/markup_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::markup {
namespace {

using ::testing::ElementsAre;

TEST(MarkupTextTest, FindsElementsByLocalNameOutsideComments) {
  const char* xml =
      "<root><!-- <headline>old</headline> --><ns0:headline role=\"main\">A &amp; B</ns0:headline>"
      "<headline/><pre>x</pre><p>one</p></root>";
  std::vector<Element> headlines = FindElements(xml, "headline");
  ASSERT_EQ(headlines.size(), 2u);
  EXPECT_EQ(headlines[0].inner, "A &amp; B");
  EXPECT_EQ(Attribute(headlines[0].attributes, "role"), "main");
  EXPECT_EQ(headlines[1].inner, "");
  ASSERT_TRUE(FindElement(xml, "p").has_value());
  EXPECT_EQ(FindElement(xml, "p")->inner, "one");  // not the <pre>
  EXPECT_FALSE(FindElement(xml, "missing").has_value());
}

TEST(MarkupTextTest, SkipsElementsInsideCdata) {
  EXPECT_TRUE(FindElements("<a><![CDATA[<b>x</b>]]></a>", "b").empty());
}

TEST(MarkupTextTest, PlainTextUnwrapsCdataAndEscapedMarkup) {
  EXPECT_EQ(PlainText("<![CDATA[<p>Hello <b>there</b></p>]]>"), "Hello there");
  EXPECT_EQ(PlainText("&lt;p&gt;Caf&#xE9; &amp;amp; bar&lt;/p&gt;"), "Caf\xC3\xA9 & bar");
  EXPECT_EQ(PlainText("a &lt; b"), "a < b");
}

TEST(MarkupTextTest, ParagraphsSplitOnBlocksAndDropHeaders) {
  EXPECT_THAT(Paragraphs("<header><h1>Title</h1></header><p>One <span>two</span></p><p/>"
                         "<p>Three<br/>four</p>"),
              ElementsAre("One two", "Three four"));
  EXPECT_THAT(Paragraphs("&lt;P&gt;&lt;/P&gt;&#xD;\n&lt;P&gt;First&lt;/P&gt;"), ElementsAre("First"));
  EXPECT_THAT(Paragraphs("no markup at all"), ElementsAre("no markup at all"));
}

TEST(MarkupTextTest, CollapsesUnicodeSpacesAndControls) {
  EXPECT_EQ(CollapseWhitespace("  a\xC2\xA0\xE2\x80\x89 b\x01\tc\r\n"), "a b c");
}

TEST(MarkupTextTest, DecodesReferencesAndLeavesUnknownOnes) {
  EXPECT_EQ(DecodeEntities("&#163;5 &pound; &#x2014; &bogus; & &#0;"),
            "\xC2\xA3" "5 \xC2\xA3 \xE2\x80\x94 &bogus; & &#0;");
}

TEST(MarkupTextTest, FirstWords) {
  EXPECT_THAT(FirstWords(" WASHINGTON  (AP) &mdash; The  president said", 4),
              ElementsAre("WASHINGTON", "(AP)", "\xE2\x80\x94", "The"));
}

TEST(MarkupTextTest, MentionsWholeWordsOnly) {
  EXPECT_TRUE(MentionsWord("BEIRUT (Reuters) - ...", "REUTERS"));
  EXPECT_TRUE(MentionsWord("regsrc=\"AP\"", "ap"));
  EXPECT_FALSE(MentionsWord("Apple shares", "AP"));
  EXPECT_FALSE(MentionsWord("dpa", ""));
}

}  // namespace
}  // namespace newswire::markup
