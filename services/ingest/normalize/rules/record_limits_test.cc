#include "services/ingest/normalize/rules/record_limits.h"

#include <string>

#include "absl/strings/str_cat.h"
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

TEST(CheckCopiedFieldsTest, KeyAndCopiedHeadersUpToTheLimit) {
  RawRecord record;
  record.key = std::string(kMaxCopiedFieldBytes, 'k');
  record.headers = {{"Source-URL", std::string(kMaxCopiedFieldBytes, 'u')},
                    {"x-trace", std::string(1 << 20, 't')}};  // not copied: any size
  EXPECT_TRUE(CheckCopiedFields(record).ok());

  RawRecord long_key = record;
  long_key.key.push_back('k');
  absl::Status status = CheckCopiedFields(long_key);
  EXPECT_TRUE(IsTooCostly(status)) << status;
  EXPECT_EQ(status.message(), "too costly: record key of 8193 bytes (limit 8192)");

  for (const char* name : {"content-type", "source-url", "agency"}) {
    RawRecord long_header = record;
    long_header.headers.insert(long_header.headers.begin(),
                               {name, std::string(kMaxCopiedFieldBytes + 1, 'h')});
    status = CheckCopiedFields(long_header);
    EXPECT_TRUE(IsTooCostly(status)) << name << ": " << status;
    EXPECT_EQ(status.message(),
              absl::StrCat("too costly: ", name, " header of 8193 bytes (limit 8192)"));
  }
}

TEST(CheckInheritedBytesTest, ProductUpToTheLimit) {
  EXPECT_TRUE(CheckInheritedBytes(1 << 20, 0).ok());
  EXPECT_TRUE(CheckInheritedBytes(kMaxInheritedBytesPerRecord, 1).ok());
  EXPECT_TRUE(CheckInheritedBytes(4096, 1000).ok());
  EXPECT_TRUE(CheckInheritedBytes(kMaxInheritedBytesPerRecord / 1000, 1000).ok());
  absl::Status status = CheckInheritedBytes(kMaxInheritedBytesPerRecord / 1000 + 1, 1000);
  EXPECT_TRUE(IsTooCostly(status)) << status;
  EXPECT_EQ(status.message(),
            "too costly: 4195 bytes of feed text inherited by 1000 stories (limit 4194304)");
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
