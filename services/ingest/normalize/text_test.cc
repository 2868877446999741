#include "services/ingest/normalize/text.h"

#include "absl/strings/escaping.h"
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

// Long runs of printable ASCII are copied 16 bytes at a time: runs of every
// length around that block, ending in each kind of byte, at every offset,
// and at the end of the input.
TEST(TextTest, CollapsesLongRunsAtEveryOffset) {
  const std::string enders[] = {" ", "\t\n", "\x01", "\x7F", "\xC2\xA0", "\xC3\xA9", "\xFF", ""};
  for (size_t lead = 0; lead < 3; ++lead) {
    for (size_t length = 1; length <= 40; ++length) {
      for (const std::string& ender : enders) {
        std::string word;
        for (size_t i = 0; i < length; ++i) word.push_back(static_cast<char>('!' + (i * 7) % 94));
        const std::string input = std::string(lead, ' ') + word + ender + word + ender;
        std::string expected = word;
        if (ender == "\xC3\xA9") {
          expected = word + ender + word + ender;
        } else if (ender == "\xFF" || ender.empty()) {
          expected = word + word;
        } else {
          expected = word + " " + word;
        }
        EXPECT_EQ(CollapseWhitespace(input), expected)
            << "lead " << lead << " length " << length << " ender " << absl::CHexEscape(ender);
      }
    }
  }
}

TEST(TextTest, BlankMeansNothingLeftAfterCollapsing) {
  for (const char* text : {"", " ", "\t\n\x01", "\xC2\xA0\xE3\x80\x80 ", "\xE2\x80\x8B\xC2\xAD",
                           "\xFF", " a ", "\xC2\xA0x", "\xE6\x97\xA5", "\x7F.", "\xFF\xFE b"}) {
    EXPECT_EQ(IsBlank(text), CollapseWhitespace(text).empty()) << "\"" << text << "\"";
  }
  EXPECT_TRUE(IsBlank(" \t\xC2\xA0"));
  EXPECT_FALSE(IsBlank(" \xC3\xA9"));
  // Invalid bytes are dropped by CollapseWhitespace, so they are blank too.
  EXPECT_EQ(CollapseWhitespace("a\xFF b"), "a b");
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

namespace newswire::text {
namespace {

// The ASCII fast paths agree with the Unicode rules byte for byte: controls,
// DEL and space separate; letters, digits and '_' make words.
TEST(TextTest, AsciiFastPathsFollowTheUnicodeRules) {
  for (int c = 1; c < 0x80; ++c) {
    const std::string text = std::string("a") + static_cast<char>(c) + "b";
    const bool space = c <= 0x20 || c == 0x7F;
    EXPECT_EQ(CollapseWhitespace(text), space ? "a b" : text) << "byte " << c;
    const bool word = std::isalnum(c) || c == '_';
    EXPECT_EQ(CountWords(text), word ? 1 : 2) << "byte " << c;
  }
  // Mixed with multi-byte text: NBSP and ideographic space still separate.
  EXPECT_EQ(CollapseWhitespace(" \t\xC2\xA0" "Caf\xC3\xA9\xE3\x80\x80 au\x7F" "lait \n"),
            "Caf\xC3\xA9 au lait");
  EXPECT_EQ(CountWords("Caf\xC3\xA9 d\xC3\xA9j\xC3\xA0-vu 2024"), 4);
}

}  // namespace
}  // namespace newswire::text
