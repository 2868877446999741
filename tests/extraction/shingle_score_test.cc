#include "tests/extraction/shingle_score.h"

#include <vector>

#include "gtest/gtest.h"

namespace newswire::extraction {
namespace {

TEST(WordTokensTest, PythonWordCharacters) {
  EXPECT_EQ(WordTokens("Hello, world_2! It's 4:30."),
            (std::vector<absl::string_view>{"Hello", "world_2", "It", "s", "4", "30"}));
  // Letters of any script and numbers are word characters.
  EXPECT_EQ(WordTokens("Zürich \xD0\xBC\xD0\xB8\xD1\x80 \xE5\x8C\x97\xE4\xBA\xAC\xC2\xB2"),
            (std::vector<absl::string_view>{"Zürich", "\xD0\xBC\xD0\xB8\xD1\x80",
                                            "\xE5\x8C\x97\xE4\xBA\xAC\xC2\xB2"}));
  // A combining mark (Mn) is no \w in Python: "e" + U+0301 splits there.
  EXPECT_EQ(WordTokens("cafe\xCC\x81s"), (std::vector<absl::string_view>{"cafe", "s"}));
  EXPECT_TRUE(WordTokens("  ... ").empty());
}

TEST(ScorePageTest, IdenticalTextsArePerfect) {
  PageScore s = ScorePage("one two three four five", "one two three four five");
  EXPECT_DOUBLE_EQ(s.tp, 1.0);
  EXPECT_DOUBLE_EQ(s.precision(), 1.0);
  EXPECT_DOUBLE_EQ(s.recall(), 1.0);
}

TEST(ScorePageTest, MultisetCountsAndNormalization) {
  // truth shingles: (a b c d), (b c d e); predicted: (a b c d) twice, (b c d a)
  PageScore s = ScorePage("a b c d e", "a b c d a b c d");
  // predicted shingles: abcd, bcda, cdab, dabc, abcd -> tp 1, fp 4, fn 1
  EXPECT_DOUBLE_EQ(s.tp, 1.0 / 6);
  EXPECT_DOUBLE_EQ(s.fp, 4.0 / 6);
  EXPECT_DOUBLE_EQ(s.fn, 1.0 / 6);
  EXPECT_DOUBLE_EQ(s.precision(), 0.2);
  EXPECT_DOUBLE_EQ(s.recall(), 0.5);
}

TEST(ScorePageTest, ShortTextIsOneShingle) {
  PageScore s = ScorePage("two words", "two words");
  EXPECT_DOUBLE_EQ(s.tp, 1.0);
}

TEST(SummarizeTest, EmptyPredictionCountsForRecallOnly) {
  std::vector<PageScore> pages = {ScorePage("a b c d e", "a b c d e"),
                                  ScorePage("a b c d e", "")};
  ScoreSummary s = Summarize(pages);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);  // the empty prediction is left out
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_NEAR(s.f1, 2 * 0.5 / 1.5, 1e-12);
  // Both empty: all zero, counted in neither mean.
  PageScore both = ScorePage("", "");
  EXPECT_EQ(both.tp + both.fp + both.fn, 0);
}

}  // namespace
}  // namespace newswire::extraction
