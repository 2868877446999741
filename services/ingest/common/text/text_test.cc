#include "services/ingest/common/text/text.h"

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
  EXPECT_EQ(CountWords(""), 0);
}

// Chinese and Japanese are written without spaces: each Han or Kana
// character is a word, so a clause is not one word.
TEST(TextTest, CountsHanAndKanaCharactersAsWords) {
  EXPECT_EQ(CountWords("\xE6\x97\xA5\xE6\x9C\xAC and"), 3);  // 日本 and
  // 東京で会議が開かれた。 : 10 characters and a full stop.
  EXPECT_EQ(CountWords("\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7\xE4\xBC\x9A\xE8\xAD\xB0"
                       "\xE3\x81\x8C\xE9\x96\x8B\xE3\x81\x8B\xE3\x82\x8C\xE3\x81\x9F"
                       "\xE3\x80\x82"),
            10);
  // カタカナ・テスト: the middle dot is punctuation, not a word.
  EXPECT_EQ(CountWords("\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x83\xBB"
                       "\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88"),
            7);
  // G7峰会 2024: a Latin run, then one word per ideograph.
  EXPECT_EQ(CountWords("G7\xE5\xB3\xB0\xE4\xBC\x9A 2024"), 4);
  // Korean is written with spaces: 서울 시장 is two words.
  EXPECT_EQ(CountWords("\xEC\x84\x9C\xEC\x9A\xB8 \xEC\x8B\x9C\xEC\x9E\xA5"), 2);
}

TEST(TextTest, SplitsLinesAtLfCrLfAndLoneCr) {
  EXPECT_THAT(SplitLines("a\nb\r\nc\rd"), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(SplitLines("a\r\rb\n"), ElementsAre("a", "", "b"));
  EXPECT_THAT(SplitLines("\r\n"), ElementsAre(""));
  EXPECT_THAT(SplitLines(""), ElementsAre());
}

TEST(TextTest, ParagraphsOfCrOnlyText) {
  EXPECT_THAT(SplitParagraphs("one\rstill one\r\rtwo\r"), ElementsAre("one still one", "two"));
  EXPECT_THAT(SplitParagraphs("one\rtwo"), ElementsAre("one", "two"));
}

// A soft hyphen is a hyphenation hint inside a word, not a space.
TEST(TextTest, RemovesSoftHyphenZeroWidthSpaceAndWordJoiner) {
  EXPECT_EQ(CollapseWhitespace("in\xC2\xAD" "formation"), "information");
  EXPECT_EQ(CollapseWhitespace("zero\xE2\x80\x8Bwidth word\xE2\x81\xA0joiner"),
            "zerowidth wordjoiner");
  EXPECT_EQ(CollapseWhitespace("\xEF\xBB\xBF" "a \xC2\xAD b"), "a b");
  EXPECT_EQ(CountWords(CollapseWhitespace("in\xC2\xAD" "formation")), 1);
}

// Joiners spell words in Indic and Persian scripts and join emoji: kept.
TEST(TextTest, KeepsZeroWidthJoinerAndNonJoiner) {
  // می‌روم ("I go"): the non-joiner keeps the prefix apart without a space.
  const std::string persian = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85";
  EXPECT_EQ(CollapseWhitespace(persian), persian);
  const std::string family = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";  // 👩‍👧
  EXPECT_EQ(CollapseWhitespace(family), family);
  EXPECT_FALSE(HasInvisibleFormat(persian + family));
}

// Bidi embeddings, overrides and isolates reorder a headline on screen;
// the marks (U+200E, U+200F) only place neutral characters and are kept.
TEST(TextTest, RemovesBidiOverridesAndIsolatesKeepsMarks) {
  EXPECT_EQ(CollapseWhitespace("Pay \xE2\x80\xAE" "0001\xE2\x80\xAC now"), "Pay 0001 now");
  EXPECT_EQ(CollapseWhitespace("\xE2\x81\xA6" "a\xE2\x81\xA9 \xE2\x80\xAA" "b\xE2\x81\xA7"), "a b");
  EXPECT_EQ(CollapseWhitespace("x\xE2\x80\x8Fy"), "x\xE2\x80\x8Fy");
  for (char32_t cp : {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                      0x00AD, 0x200B, 0x2060, 0xFEFF}) {
    EXPECT_TRUE(IsInvisibleFormat(cp)) << std::hex << static_cast<uint32_t>(cp);
  }
  for (char32_t cp : {0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x2029, 0x2061, 0x2065, 0x206A}) {
    EXPECT_FALSE(IsInvisibleFormat(cp)) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_TRUE(HasInvisibleFormat("abc\xE2\x81\xA8"));
  // ASCII is skipped a block at a time: a character at every offset is found.
  for (size_t lead = 0; lead < 20; ++lead) {
    EXPECT_TRUE(HasInvisibleFormat(std::string(lead, 'a') + "\xC2\xAD" + std::string(9, 'b')))
        << lead;
    EXPECT_FALSE(HasInvisibleFormat(std::string(lead, 'a') + "\xC2\xAE" + std::string(9, 'b')))
        << lead;
  }
  EXPECT_FALSE(HasInvisibleFormat("abc\xE2\x80\x9C\xC3\xA9"));
}

TEST(TextTest, RepairUtf8KeepsValidSequencesAndReadsOtherBytesAsWindows1252) {
  EXPECT_EQ(RepairUtf8("caf\xC3\xA9 \x93quoted\x94"),
            "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_EQ(RepairUtf8("caf\xC3\xA9"), "caf\xC3\xA9");
  // A truncated sequence: each of its bytes is a Windows-1252 character.
  EXPECT_EQ(RepairUtf8("\xE2\x80" "x"), "\xC3\xA2\xE2\x82\xAC" "x");
  // Surrogates and overlongs are not UTF-8.
  EXPECT_EQ(RepairUtf8("\xC0\xAF"), "\xC3\x80\xC2\xAF");
  EXPECT_TRUE(IsValidUtf8(RepairUtf8("\xED\xA0\x80\xFF\x81")));
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

// Word counts do not depend on where the 16-byte blocks of ASCII fall:
// words of every length around a block, at every offset, between separators
// that are no word characters (the header: words are runs of letters,
// digits and marks), and a word that runs on into non-ASCII letters.
TEST(TextTest, CountsWordsAcrossAsciiBlocksAtEveryOffset) {
  for (size_t lead = 0; lead < 3; ++lead) {
    for (size_t length = 1; length <= 40; ++length) {
      for (const char* separator : {" ", "-", ", ", "\n", "\xC2\xA0"}) {
        std::string word;
        for (size_t i = 0; i < length; ++i) word.push_back("Ab9_z"[i % 5]);
        const std::string input =
            std::string(lead, ' ') + word + separator + word + separator + word + ".";
        EXPECT_EQ(CountWords(input), 3)
            << "lead " << lead << " length " << length << " separator " << separator;
        // "é" is a letter: the last word runs on into it.
        EXPECT_EQ(CountWords(input + "\xC3\xA9t\xC3\xA9"), 4);
        EXPECT_EQ(CountWords(std::string(lead, ' ') + word + "\xC3\xA9" + word), 1);
      }
    }
  }
}

TEST(TextTest, MoreWordsThanCountsRunsBetweenSpaces) {
  EXPECT_FALSE(MoreWordsThan("", 0));
  EXPECT_FALSE(MoreWordsThan("   ", 0));
  EXPECT_TRUE(MoreWordsThan("a", 0));
  EXPECT_TRUE(MoreWordsThan("  one  two three ", 2));
  EXPECT_FALSE(MoreWordsThan("  one  two three ", 3));
  // Only spaces split: a tab or a dash is part of a word.
  EXPECT_FALSE(MoreWordsThan("one\ttwo three-four", 2));
  EXPECT_TRUE(MoreWordsThan("one\ttwo three-four", 1));
}

}  // namespace
}  // namespace newswire::text
