#include "services/ingest/normalize/text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::text {
namespace {

using ::testing::ElementsAre;

TEST(TextTest, ValidUtf8PassesThroughWithoutBom) {
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBF" "caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));
}

TEST(TextTest, LegacyBytesDecodeAsWindows1252) {
  EXPECT_FALSE(IsValidUtf8("\xA3" "600m"));
  EXPECT_EQ(ToUtf8("\xA3" "600m"), "\xC2\xA3" "600m");                  // pound sign
  EXPECT_EQ(ToUtf8("\x93quoted\x94"), "\xE2\x80\x9Cquoted\xE2\x80\x9D");  // curly quotes
}

TEST(TextTest, OverlongAndSurrogatesAreNotUtf8) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
}

TEST(TextTest, CollapsesUnicodeWhitespaceAndControls) {
  EXPECT_EQ(CollapseWhitespace("  a\t\x01 b\xC2\xA0\xC2\xA0" "c \n"), "a b c");
  EXPECT_EQ(CollapseWhitespace("\x02\x03"), "");
}

TEST(TextTest, ParagraphsSplitOnBlankLines) {
  EXPECT_THAT(SplitParagraphs("one\nstill one\n\n  \ntwo\n"),
              ElementsAre("one still one", "two"));
}

TEST(TextTest, ParagraphsAreLinesWithoutBlankLines) {
  EXPECT_THAT(SplitParagraphs("one\ntwo\n"), ElementsAre("one", "two"));
}

TEST(TextTest, CountsUnicodeWords) {
  EXPECT_EQ(CountWords("Japan's 29 NATO-members"), 5);
  EXPECT_EQ(CountWords("\xE6\x97\xA5\xE6\x9C\xAC and"), 2);
  EXPECT_EQ(CountWords(""), 0);
}

}  // namespace
}  // namespace newswire::text
