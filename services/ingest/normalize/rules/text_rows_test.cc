#include "services/ingest/normalize/rules/text_rows.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

TEST(SeparatorLineTest, RulesAndSeparators) {
  EXPECT_TRUE(IsSeparatorLine("___"));
  EXPECT_TRUE(IsSeparatorLine("  _____  "));
  EXPECT_TRUE(IsSeparatorLine("-------------------------"));
  EXPECT_TRUE(IsSeparatorLine("= = ="));
  EXPECT_TRUE(IsSeparatorLine("\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94"));  // ———
  EXPECT_FALSE(IsSeparatorLine("--"));
  EXPECT_FALSE(IsSeparatorLine("___ END"));
  EXPECT_FALSE(IsSeparatorLine("3-4"));
  EXPECT_FALSE(IsSeparatorLine(""));
}

// The layout of a results file (Reuters/Gracenote): a lead line, dates and
// result rows set in columns, a rule.
TEST(SplitRowsTest, ResultsKeepTheirRows) {
  const std::string block =
      "Jan 30 (Gracenote) - Results and standings from the league matches on Monday\n"
      "Monday, January 30\n"
      "Adanaspor           2 Kasimpasa            0\n"
      "Besiktas            5 Konyaspor            1\n"
      "-------------------------\n"
      "Sunday, January 29\n";
  EXPECT_THAT(SplitRows(block),
              ElementsAre("Jan 30 (Gracenote) - Results and standings from the league matches on "
                          "Monday",
                          "Monday, January 30", "Adanaspor           2 Kasimpasa            0",
                          "Besiktas            5 Konyaspor            1", "Sunday, January 29"));
}

// A standings table: every row is as wide as the next, so only its column
// gaps tell it from wrapped text.
TEST(SplitRowsTest, ColumnsOfEqualWidthAreRows) {
  const std::string block =
      "7  Konyaspor    19 7  6 6  23 23 27\n"
      "8  Bursaspor    19 8  3 8  21 21 27\n"
      "9  Trabzonspor  19 8  3 8  19 21 27\n";
  EXPECT_EQ(SplitRows(block).size(), 3u);
}

TEST(SplitRowsTest, WrappedProseStaysOneBlock) {
  // Wrapped at 40 columns: no line could have taken the next word.
  const std::string block =
      "The river is expected to crest at the\n"
      "moderate flood stage on Thursday in\n"
      "Memphis, Tennessee, according to the\n"
      "weather service.\n";
  EXPECT_THAT(SplitRows(block), ElementsAre(block));
}

// Pretty-printed markup indents the lines after the first; the result
// rows under a lead line are rows all the same.
TEST(SplitRowsTest, SharedIndentationIsNotWidth) {
  const std::string block =
      "Jan 3 (OPTA) - Results and fixtures for the Primeira Liga on Wednesday\n"
      "                         Desportivo Aves (0) 1 Moreirense (2) 2\n"
      "                          Maritimo (0) 1 Chaves (1) 2\n";
  EXPECT_THAT(SplitRows(block),
              ElementsAre("Jan 3 (OPTA) - Results and fixtures for the Primeira Liga on Wednesday",
                          "Desportivo Aves (0) 1 Moreirense (2) 2", "Maritimo (0) 1 Chaves (1) 2"));
}

// The first line of a wire paragraph opened indented and may have been
// trimmed (AAP: "   It marks the first sale ... the group <br/>was forced
// ..."): its break says nothing.
TEST(SplitRowsTest, FirstLineBreakIsNoRow) {
  const std::string block =
      "   It marks the first sale of the affiliates since the group\n"
      "was forced to shed its struggling carmaking unit in 1997 during\n"
      "the Asian financial crisis.\n";
  EXPECT_THAT(SplitRows(block), ElementsAre(block));
}

// Prose with one hard break among wrapped lines is split only there.
TEST(SplitRowsTest, FewHardBreaksSplitOnlyThere) {
  const std::string block =
      "The first paragraph is wrapped at forty\n"
      "columns and ends on a short line here.\n"
      "Short.\n"
      "The second paragraph follows it without\n"
      "a blank line or an indentation between.\n"
      "And it goes on for a while longer then.\n";
  EXPECT_THAT(SplitRows(block),
              ElementsAre("The first paragraph is wrapped at forty columns and ends on a short "
                          "line here. Short.",
                          "The second paragraph follows it without a blank line or an "
                          "indentation between. And it goes on for a while longer then."));
}

TEST(SplitRowsTest, TwoLinesAreLeftWhole) {
  EXPECT_THAT(SplitRows("Monday\nAdanaspor 2 Kasimpasa 0"),
              ElementsAre("Monday\nAdanaspor 2 Kasimpasa 0"));
}

}  // namespace
}  // namespace newswire
