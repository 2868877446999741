#include "services/ingest/kafka/unreadable_offsets.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const TopicPartition kRaw{"raw", 0};
const TopicPartition kOther{"raw", 1};
constexpr char kBad[] = "_BAD_COMPRESSION";

// A partition of a log of batches, read the way librdkafka reads it: a fetch
// at a position returns the batch holding it; a bad batch gives its error at
// its first offset, a good one its records from the position on.
class FakeLog {
 public:
  // Batches as [first, last] with whether they decompress.
  struct Batch {
    int64_t first, last;
    bool bad;
  };
  FakeLog(UnreadableOffsets& unreadable, std::vector<Batch> batches)
      : unreadable_(unreadable), batches_(std::move(batches)) {}
  void Append(Batch batch) { batches_.push_back(batch); }

  // Fetches until `delivered` reaches `until` or `max_fetches` passed; the
  // offsets delivered and given up on are in delivered() and given_up().
  void ReadUntil(int64_t until, int max_fetches = 1000) {
    for (; fetches_ < max_fetches && position_ < until; ++fetches_) Fetch();
  }
  const std::vector<int64_t>& delivered() const { return delivered_; }
  const std::vector<int64_t>& given_up() const { return given_up_; }
  int fetches() const { return fetches_; }

 private:
  void Fetch() {
    const int64_t log_end = batches_.back().last + 1;
    ASSERT_LE(position_, log_end) << "sent past the log's end: OFFSET_OUT_OF_RANGE";
    for (const Batch& batch : batches_) {
      if (position_ < batch.first || position_ > batch.last) continue;
      if (batch.bad) {
        Follow(unreadable_.OnError(kRaw, batch.first, kBad, "bad batch", log_end));
        Drain();
        return;
      }
      for (int64_t offset = position_; offset <= batch.last; ++offset) {
        UnreadableOffsets::Step step = unreadable_.OnRecord(kRaw.topic, kRaw.partition, offset);
        if (!step.drop) delivered_.push_back(offset);
        if (step.seek >= 0) {  // the rest of this fetch is stale
          position_ = step.seek;
          return;
        }
        position_ = offset + 1;
      }
      return;
    }
    // At the log's end: nothing yet.
  }
  void Follow(UnreadableOffsets::Step step) {
    if (step.seek >= 0) position_ = step.seek;
  }
  void Drain() {
    while (std::optional<UnreadableOffset> given_up = unreadable_.NextGivenUp()) {
      given_up_.push_back(given_up->offset);
    }
  }
  UnreadableOffsets& unreadable_;
  std::vector<Batch> batches_;
  int64_t position_ = 0;
  int fetches_ = 0;
  std::vector<int64_t> delivered_, given_up_;
};

std::vector<int64_t> Range(int64_t first, int64_t last) {
  std::vector<int64_t> offsets;
  for (int64_t offset = first; offset <= last; ++offset) offsets.push_back(offset);
  return offsets;
}

TEST(UnreadableOffsetsTest, GivesUpAfterIdenticalErrorsAtOneOffsetAndMovesPastIt) {
  UnreadableOffsets unreadable(3);
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, -1);
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, -1);
  EXPECT_FALSE(unreadable.NextGivenUp().has_value());
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, 8);
  std::optional<UnreadableOffset> given_up = unreadable.NextGivenUp();
  ASSERT_TRUE(given_up.has_value());
  EXPECT_EQ(given_up->offset, 7);
  EXPECT_EQ(given_up->partition.partition, 0);
  EXPECT_EQ(given_up->reason, "r");
  EXPECT_FALSE(unreadable.NextGivenUp().has_value());
}

TEST(UnreadableOffsetsTest, ARecordReadOrAnotherErrorStartsTheCountAgain) {
  UnreadableOffsets unreadable(2);
  unreadable.OnError(kRaw, 7, kBad, "r", 100);
  unreadable.OnRecord(kRaw.topic, kRaw.partition, 3);
  unreadable.OnError(kRaw, 7, kBad, "r", 100);
  unreadable.OnError(kRaw, 7, "_BAD_MSG", "r", 100);
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, -1);
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, 8);
}

TEST(UnreadableOffsetsTest, PartitionsCountApart) {
  UnreadableOffsets unreadable(2);
  unreadable.OnError(kRaw, 7, kBad, "r", 100);
  unreadable.OnError(kOther, 7, kBad, "r", 100);
  unreadable.OnRecord(kOther.topic, kOther.partition, 7);
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, 8);
}

TEST(UnreadableOffsetsTest, ForgetDropsWhatIsNotHandedOut) {
  UnreadableOffsets unreadable(1);
  unreadable.OnError(kRaw, 7, kBad, "r", 100);
  unreadable.Forget(kRaw);  // revoked: its next owner gives up on 7 itself
  EXPECT_FALSE(unreadable.NextGivenUp().has_value());
  EXPECT_EQ(unreadable.OnError(kRaw, 7, kBad, "r", 100).seek, 8) << "counted afresh";
}

TEST(UnreadableOffsetsTest, ASingleBadRecordAmongGoodOnes) {
  UnreadableOffsets unreadable(3);
  FakeLog log(unreadable, {{0, 4, false}, {5, 5, true}, {6, 9, false}});
  log.ReadUntil(10);
  EXPECT_THAT(log.given_up(), ElementsAre(5));
  EXPECT_THAT(log.delivered(), ElementsAre(0, 1, 2, 3, 4, 6, 7, 8, 9));
}

// Every offset of a bad batch is given up on, nothing else, and every good
// record after it is delivered, whatever the batch's length.
TEST(UnreadableOffsetsTest, EachOffsetOfABadBatchAndNoOther) {
  for (int64_t length : {1, 2, 3, 5, 8, 13, 64, 100, 1000}) {
    UnreadableOffsets unreadable(3);
    const int64_t last = 10 + length - 1;
    FakeLog log(unreadable, {{0, 9, false}, {10, last, true}, {last + 1, last + 1, false},
                             {last + 2, last + 40, false}});
    log.ReadUntil(last + 41);
    EXPECT_EQ(log.given_up(), Range(10, last)) << length;
    std::vector<int64_t> good = Range(0, 9);
    for (int64_t offset : Range(last + 1, last + 40)) good.push_back(offset);
    EXPECT_EQ(log.delivered(), good) << length;
  }
}

TEST(UnreadableOffsetsTest, ALargeBatchIsPassedInLogarithmicallyManyFetches) {
  UnreadableOffsets unreadable(3);
  FakeLog log(unreadable, {{0, 999999, true}, {1000000, 1000000, false}});
  log.ReadUntil(1000001);
  EXPECT_EQ(log.given_up().size(), 1000000u);
  EXPECT_EQ(log.given_up().back(), 999999);
  EXPECT_THAT(log.delivered(), ElementsAre(1000000));
  EXPECT_LE(log.fetches(), 3 + 2 * 21) << "about 2 log2(N) fetches past the first";
}

TEST(UnreadableOffsetsTest, TwoBadBatchesInARowAreEachCountedAndSearched) {
  UnreadableOffsets unreadable(2);
  FakeLog log(unreadable, {{0, 6, true}, {7, 7, true}, {8, 20, true}, {21, 30, false}});
  log.ReadUntil(31);
  EXPECT_EQ(log.given_up(), Range(0, 20));
  EXPECT_EQ(log.delivered(), Range(21, 30));
}

TEST(UnreadableOffsetsTest, ABadBatchAtTheLogsEndWaitsThereForWhatComes) {
  UnreadableOffsets unreadable(3);
  FakeLog log(unreadable, {{0, 4, false}, {5, 40, true}});
  log.ReadUntil(100, /*max_fetches=*/100);
  EXPECT_EQ(log.given_up(), Range(5, 40));
  log.Append({41, 50, false});
  log.ReadUntil(51, /*max_fetches=*/200);
  std::vector<int64_t> good = Range(0, 4);
  for (int64_t offset : Range(41, 50)) good.push_back(offset);
  EXPECT_EQ(log.delivered(), good);
}

// With the log's end unknown the search cannot gallop: one offset per fetch.
TEST(UnreadableOffsetsTest, WithoutTheLogsEndOneOffsetAtATime) {
  UnreadableOffsets unreadable(1);
  EXPECT_EQ(unreadable.OnError(kRaw, 10, kBad, "r", -1).seek, 11);
  EXPECT_EQ(unreadable.OnError(kRaw, 10, kBad, "r", -1).seek, 12);
  EXPECT_EQ(unreadable.OnError(kRaw, 10, kBad, "r", 1000).seek, 13);
  EXPECT_EQ(unreadable.OnError(kRaw, 10, kBad, "r", 1000).seek, 15) << "galloping";
}

TEST(UnreadableOffsetsTest, NothingIsGivenUpOnGoodRecords) {
  UnreadableOffsets unreadable;
  FakeLog log(unreadable, {{0, 99, false}});
  log.ReadUntil(100);
  EXPECT_THAT(log.given_up(), IsEmpty());
  EXPECT_EQ(log.delivered(), Range(0, 99));
}

}  // namespace
}  // namespace newswire
