#include "services/ingest/tag/taxonomy.h"

#include "gtest/gtest.h"

namespace newswire::tag {
namespace {

TEST(TaxonomyTest, SeventeenTopLevelsInCodeOrder) {
  ASSERT_EQ(kTopics.size(), 17u);
  EXPECT_EQ(kTopics[0].qcode, "medtop:01000000");
  EXPECT_EQ(kTopics[0].name, "arts, culture, entertainment and media");
  EXPECT_EQ(kTopics[10].qcode, "medtop:11000000");
  EXPECT_EQ(kTopics[10].name, "politics");
  EXPECT_EQ(kTopics[16].qcode, "medtop:17000000");
  EXPECT_EQ(kTopics[16].name, "weather");
  for (int i = 0; i < kTopicCount; ++i) {
    EXPECT_EQ(TopicFromCode(kTopics[i].code), i);
    EXPECT_EQ(TopicFromCode(kTopics[i].qcode), i);
    EXPECT_EQ(FindTopic(kTopics[i].short_name), i);
  }
}

TEST(TaxonomyTest, CodesInEveryForm) {
  EXPECT_EQ(TopicFromCode("11000000"), 10);
  EXPECT_EQ(TopicFromCode("MEDTOP:15000000"), 14);
  EXPECT_EQ(TopicFromCode("04"), 3);
  EXPECT_EQ(TopicFromCode(" 17000000 "), 16);
}

TEST(TaxonomyTest, DeepAndBogusCodesAreNotTopLevels) {
  EXPECT_FALSE(TopicFromCode("11003000"));
  EXPECT_FALSE(TopicFromCode("20000523"));
  EXPECT_FALSE(TopicFromCode("18000000"));
  EXPECT_FALSE(TopicFromCode("00000000"));
  EXPECT_FALSE(TopicFromCode("medtop:"));
  EXPECT_FALSE(TopicFromCode(""));
  EXPECT_FALSE(TopicFromCode("1x000000"));
}

TEST(TaxonomyTest, FiltersByNameOrShortName) {
  EXPECT_EQ(FindTopic("Politics"), 10);
  EXPECT_EQ(FindTopic("sport"), 14);
  EXPECT_EQ(FindTopic("economy"), 3);
  EXPECT_EQ(FindTopic("economy, business and finance"), 3);
  EXPECT_EQ(FindTopic("science"), 12);
  EXPECT_EQ(FindTopic("medtop:01000000"), 0);
  EXPECT_FALSE(FindTopic("sports desk"));
}

}  // namespace
}  // namespace newswire::tag
