#include "services/ingest/normalize/html_fragment.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

TEST(HtmlFragmentTest, BlocksBecomeParagraphsEntitiesDecoded) {
  EXPECT_THAT(HtmlFragmentToParagraphs("<p>One &amp; <b>two</b></p>\n<p>Caf&eacute;&nbsp;x</p>"),
              ElementsAre("One & two", "Caf\xC3\xA9 x"));
}

TEST(HtmlFragmentTest, BreaksSplitAndScriptsVanish) {
  EXPECT_THAT(HtmlFragmentToParagraphs("a<br>b<script>evil()</script><style>p{}</style>"),
              ElementsAre("a", "b"));
}

TEST(HtmlFragmentTest, TextWithoutMarkupIsOneParagraph) {
  EXPECT_THAT(HtmlFragmentToParagraphs("  plain   text "), ElementsAre("plain text"));
  EXPECT_TRUE(HtmlFragmentToParagraphs("").empty());
}

TEST(HtmlFragmentTest, DeepNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<span>";
  html += "deep";
  EXPECT_LE(HtmlFragmentToParagraphs(html).size(), 1u);
}

TEST(HtmlFragmentTest, TextJoinsParagraphs) {
  EXPECT_EQ(HtmlFragmentToText("<p>a</p><p>b</p>"), "a b");
}

}  // namespace
}  // namespace newswire
