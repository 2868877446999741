#include "services/ingest/tag/features.h"

#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::tag {
namespace {

using ::testing::ElementsAre;

TEST(FeaturesTest, WordsAreLowerCasedLetterAndDigitRuns) {
  EXPECT_THAT(Words("The Prime Minister's G7 talks, 2024!"),
              ElementsAre("the", "prime", "minister", "g7", "talks"));
  EXPECT_THAT(Words("Ärger über Ölpreise — São Paulo"),
              ElementsAre("ärger", "über", "ölpreise", "são", "paulo"));
  EXPECT_THAT(Words("Japan\xe2\x80\x99s wi-fi"), ElementsAre("japan", "wi", "fi"));
  EXPECT_THAT(Words("a I 7 42 x"), ElementsAre());
  EXPECT_THAT(Words(""), ElementsAre());
}

TEST(FeaturesTest, InvalidUtf8SeparatesWords) {
  EXPECT_THAT(Words("caf\xe9 society"), ElementsAre("caf", "society"));
  EXPECT_THAT(Words("\xff\xfe\xfd"), ElementsAre());
}

TEST(FeaturesTest, LongWordsAreCut) {
  const std::string long_word(200, 'x');
  std::vector<std::string> words = Words(long_word);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].size(), kMaxWordBytes);
}

TEST(FeaturesTest, UnigramsAndBigrams) {
  std::vector<uint64_t> keys;
  ForEachFeature("Prime Minister resigns", [&](uint64_t key) { keys.push_back(key); });
  const uint64_t prime = UnigramKey("prime");
  const uint64_t minister = UnigramKey("minister");
  const uint64_t resigns = UnigramKey("resigns");
  EXPECT_THAT(keys, ElementsAre(prime, minister, BigramKey(prime, minister), resigns,
                                BigramKey(minister, resigns)));
  EXPECT_NE(BigramKey(prime, minister), BigramKey(minister, prime));
  EXPECT_EQ(UnigramKey("prime"), UnigramKey("prime"));
}

TEST(FeaturesTest, StoryPartsCarryTheirWeightAndPairsStayInsideAPart) {
  StoryText text;
  text.headline = "Striker scores";
  text.paragraphs = {"late winner", ""};
  std::vector<std::pair<uint64_t, int>> features;
  ForEachStoryFeature(text, 3, [&](uint64_t key, int weight) { features.push_back({key, weight}); });
  ASSERT_EQ(features.size(), 6u);  // 3 from the headline, 3 from the paragraph
  EXPECT_EQ(features[0].second, 3);
  EXPECT_EQ(features[5].second, 1);
  for (const auto& [key, weight] : features) {
    EXPECT_NE(key, BigramKey(UnigramKey("scores"), UnigramKey("late")));
  }
}

TEST(FeaturesTest, StoriesAreReadUpToABudget) {
  const std::string huge(4 * kMaxStoryBytes, 'a');
  StoryText text;
  text.paragraphs = {huge, "more words"};
  size_t bytes = 0;
  ForEachStoryPart(text, 3, [&](absl::string_view part, int) { bytes += part.size(); });
  EXPECT_EQ(bytes, kMaxStoryBytes);
}

TEST(FeaturesTest, BucketsUseTheTopBits) {
  EXPECT_EQ(BucketOf(~uint64_t{0}, 20), (1u << 20) - 1);
  EXPECT_EQ(BucketOf(uint64_t{1} << 63, 8), 128u);
}

}  // namespace
}  // namespace newswire::tag
