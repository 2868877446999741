#include "services/ingest/source/unreadable_offsets.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

constexpr std::nullopt_t kWait = std::nullopt;
const TopicPartition kRaw{"raw", 0};
const TopicPartition kOther{"raw", 1};

// What `unreadable` says to `times` identical errors at `offset` of `tp`.
std::vector<std::optional<int64_t>> Errors(UnreadableOffsets& unreadable, int times, int64_t offset,
                                           const std::string& error = "_BAD_COMPRESSION",
                                           const TopicPartition& tp = kRaw) {
  std::vector<std::optional<int64_t>> answers;
  for (int i = 0; i < times; ++i) answers.push_back(unreadable.OnError(tp, offset, error));
  return answers;
}

TEST(UnreadableOffsetsTest, GivesUpAfterIdenticalErrorsAtOneOffset) {
  UnreadableOffsets unreadable(3);
  EXPECT_THAT(Errors(unreadable, 3, 7), ElementsAre(kWait, kWait, 7));
}

TEST(UnreadableOffsetsTest, ARecordReadInBetweenStartsTheCountAgain) {
  UnreadableOffsets unreadable(2);
  EXPECT_THAT(Errors(unreadable, 1, 7), ElementsAre(kWait));
  unreadable.OnRecord(kRaw.topic, kRaw.partition);
  EXPECT_THAT(Errors(unreadable, 2, 7), ElementsAre(kWait, 7));
}

TEST(UnreadableOffsetsTest, AnotherErrorOrOffsetStartsTheCountAgain) {
  UnreadableOffsets unreadable(2);
  EXPECT_THAT(Errors(unreadable, 1, 7, "_BAD_MSG"), ElementsAre(kWait));
  EXPECT_THAT(Errors(unreadable, 1, 7), ElementsAre(kWait));
  EXPECT_THAT(Errors(unreadable, 2, 8), ElementsAre(kWait, 8));
}

TEST(UnreadableOffsetsTest, PartitionsCountApart) {
  UnreadableOffsets unreadable(2);
  EXPECT_THAT(Errors(unreadable, 1, 7), ElementsAre(kWait));
  EXPECT_THAT(Errors(unreadable, 1, 7, "_BAD_COMPRESSION", kOther), ElementsAre(kWait));
  unreadable.OnRecord(kOther.topic, kOther.partition);
  EXPECT_THAT(Errors(unreadable, 1, 7), ElementsAre(7));
}

// The client reports a batch's first offset; once past it, each error for
// that batch is the next record in it, given up on at once.
TEST(UnreadableOffsetsTest, EachOffsetOfABadBatchInTurn) {
  UnreadableOffsets unreadable(3);
  EXPECT_THAT(Errors(unreadable, 5, 10), ElementsAre(kWait, kWait, 10, 11, 12));
  // The batch ended at 12; 13 is read, and a later bad batch is counted
  // from scratch.
  unreadable.OnRecord(kRaw.topic, kRaw.partition);
  EXPECT_THAT(Errors(unreadable, 1, 20), ElementsAre(kWait));
}

TEST(UnreadableOffsetsTest, ANewBadBatchRightAfterABadBatchIsCountedFromScratch) {
  UnreadableOffsets unreadable(2);
  EXPECT_THAT(Errors(unreadable, 2, 10), ElementsAre(kWait, 10));
  EXPECT_THAT(Errors(unreadable, 2, 11), ElementsAre(kWait, 11));
}

TEST(UnreadableOffsetsTest, ClearForgetsBadBatches) {
  UnreadableOffsets unreadable(2);
  EXPECT_THAT(Errors(unreadable, 2, 10), ElementsAre(kWait, 10));
  unreadable.Clear();  // reassigned: the position is the committed offset again
  EXPECT_THAT(Errors(unreadable, 1, 10), ElementsAre(kWait));
}

}  // namespace
}  // namespace newswire
