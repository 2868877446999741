#include "services/ingest/normalize/record_limits.h"

#include <string>

#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {
namespace {

TEST(CheckItemCountTest, UpToTheLimitIsOk) {
  EXPECT_TRUE(CheckItemCount(0, "items").ok());
  EXPECT_TRUE(CheckItemCount(kMaxItemsPerRecord, "items").ok());
}

TEST(CheckItemCountTest, AboveTheLimitIsTooCostly) {
  absl::Status status = CheckItemCount(kMaxItemsPerRecord + 1, "RSS items");
  EXPECT_TRUE(IsTooCostly(status)) << status;
  EXPECT_EQ(status.message(), "too costly: 1001 RSS items in one record (limit 1000)");
}

TEST(CheckStoryParagraphsTest, RefusesAStoryPastTheLimit) {
  v1::Story story;
  for (int i = 0; i < kMaxParagraphsPerStory; ++i) story.add_paragraphs("a");
  EXPECT_TRUE(CheckStoryParagraphs(story).ok());
  story.add_paragraphs("a");
  absl::Status status = CheckStoryParagraphs(story);
  EXPECT_TRUE(IsTooCostly(status)) << status;
  EXPECT_EQ(status.message(), "too costly: 10001 paragraphs in one story (limit 10000)");
}

TEST(TrimSourceListsTest, KeepsTheFirstUpToTheCaps) {
  v1::Story story;
  for (int i = 0; i < kMaxSourceSubjects + 5; ++i) {
    story.add_subjects()->set_code(std::to_string(i));
    story.add_keywords(std::to_string(i));
  }
  TrimSourceLists(story);
  ASSERT_EQ(story.subjects_size(), kMaxSourceSubjects);
  ASSERT_EQ(story.keywords_size(), kMaxSourceKeywords);
  EXPECT_EQ(story.subjects(kMaxSourceSubjects - 1).code(), std::to_string(kMaxSourceSubjects - 1));
  EXPECT_EQ(story.keywords(0), "0");

  v1::Story few;
  few.add_keywords("a");
  TrimSourceLists(few);
  EXPECT_EQ(few.keywords_size(), 1);
}

}  // namespace
}  // namespace newswire
