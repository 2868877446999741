#include "services/ingest/ingest_worker.h"

#include <deque>
#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Pair;

class FakeSource : public RawSource {
 public:
  void Add(int64_t offset, std::string value, int32_t partition = 0) {
    RawRecord record;
    record.topic = "raw";
    record.partition = partition;
    record.offset = offset;
    record.key = "k" + std::to_string(offset);
    record.value = std::move(value);
    record.headers = {{"source-url", "file" + std::to_string(offset)}};
    records_.push_back(std::move(record));
  }
  absl::StatusOr<std::optional<RawRecord>> Poll(absl::Duration) override {
    if (++polls_ == revoke_on_poll && listener != nullptr) {
      listener->OnRevoked({{"raw", revoke_partition}}, false);
    }
    if (records_.empty()) return std::nullopt;
    RawRecord record = records_.front();
    records_.pop_front();
    return record;
  }
  absl::Status StoreOffset(const std::string& topic, int32_t partition, int64_t next) override {
    stored.push_back(next);
    return absl::OkStatus();
  }
  std::vector<int64_t> stored;
  // On this poll (1-based), the consumer revokes `revoke_partition` first.
  int revoke_on_poll = 0;
  int32_t revoke_partition = 0;
  RebalanceListener* listener = nullptr;

 private:
  std::deque<RawRecord> records_;
  int polls_ = 0;
};

// Acknowledges on Poll; can fail the next N deliveries or refuse as full.
class FakeSink : public MessageSink {
 public:
  struct Message {
    std::string topic, key, value;
    KafkaHeaders headers;
  };
  absl::Status Produce(const std::string& topic, const std::string& key, const std::string& value,
                       const KafkaHeaders& headers, absl::Time, DeliveryCallback cb) override {
    if (fatal) return absl::InternalError("fatal kafka error");
    if (queue_full) return absl::ResourceExhaustedError("full");
    pending_.push_back({{topic, key, value, headers}, std::move(cb)});
    return absl::OkStatus();
  }
  void Poll(absl::Duration) override {
    if (hold) return;
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& [message, cb] : pending) {
      if (fatal || fatal_next > 0) {
        if (fatal_next > 0) --fatal_next;
        cb(absl::InternalError("delivery failed: fatal producer error"));
        continue;
      }
      if (fail_next > 0) {
        --fail_next;
        cb(absl::UnavailableError("broker down"));
        continue;
      }
      delivered.push_back(message);
      cb(absl::OkStatus());
    }
  }
  bool queue_full = false;
  bool hold = false;
  int fail_next = 0;
  bool fatal = false;
  int fatal_next = 0;  // the next N deliveries fail fatally, later ones succeed
  std::vector<Message> delivered;

 private:
  std::vector<std::pair<Message, DeliveryCallback>> pending_;
};

class IngestWorkerTest : public ::testing::Test {
 protected:
  IngestWorkerTest() : pipeline_(*StoryPipeline::Create({})), worker_({}, &source_, &sink_, pipeline_.get(), &metrics_) {}
  void Run(int steps) {
    for (int i = 0; i < steps; ++i) ASSERT_TRUE(worker_.RunOnce(absl::ZeroDuration()).ok());
  }
  FakeSource source_;
  FakeSink sink_;
  std::unique_ptr<StoryPipeline> pipeline_;
  ServiceMetrics metrics_;
  IngestWorker worker_;
};

TEST_F(IngestWorkerTest, OffsetStoredOnlyAfterStoryAcknowledged) {
  source_.Add(0, "Headline\nBody");
  sink_.hold = true;
  Run(3);
  EXPECT_TRUE(source_.stored.empty());
  EXPECT_EQ(worker_.InFlight(), 1);
  sink_.hold = false;
  Run(1);
  EXPECT_THAT(source_.stored, ElementsAre(1));
  ASSERT_EQ(sink_.delivered.size(), 1u);
  EXPECT_EQ(sink_.delivered[0].topic, "newswire.stories");
  EXPECT_EQ(sink_.delivered[0].key, "url:file0");
  v1::Story story;
  ASSERT_TRUE(story.ParseFromString(sink_.delivered[0].value));
  EXPECT_EQ(story.headline(), "Headline");
}

// A batch is read with several polls; a partition revoked in between is not
// ours any more: what the batch holds of it is left to the next owner, which
// reads it from the committed offset. The rest of the batch goes on.
TEST_F(IngestWorkerTest, RecordsOfAPartitionRevokedWhileTheBatchIsReadAreLeft) {
  source_.Add(5, "Revoked\nbody", /*partition=*/0);
  source_.Add(7, "Kept\nbody", /*partition=*/1);
  source_.listener = &worker_;
  source_.revoke_on_poll = 2;  // after 5 was read, before 7 is returned
  source_.revoke_partition = 0;
  Run(2);
  ASSERT_EQ(sink_.delivered.size(), 1u);
  EXPECT_EQ(sink_.delivered[0].key, "url:file7");
  EXPECT_THAT(source_.stored, ElementsAre(8));
}

TEST_F(IngestWorkerTest, FailedDeliveryIsRetriedAndOffsetWaits) {
  source_.Add(0, "One\nbody");
  source_.Add(1, "Two\nbody");
  sink_.fail_next = 1;
  Run(2);  // 0 and 1 produced; 0's delivery fails and it is queued again
  EXPECT_TRUE(source_.stored.empty()) << "1 landed, but 0 holds the offset back";
  Run(2);  // the retry of 0 lands: both settled
  ASSERT_FALSE(source_.stored.empty());
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(sink_.delivered.size(), 2u);
  EXPECT_EQ(metrics_.produce_retries().Value(), 1);
}

TEST_F(IngestWorkerTest, QueueFullHoldsRecordsUntilThereIsRoom) {
  source_.Add(0, "One\nbody");
  sink_.queue_full = true;
  Run(3);
  EXPECT_TRUE(sink_.delivered.empty());
  sink_.queue_full = false;
  Run(2);
  EXPECT_EQ(sink_.delivered.size(), 1u);
  EXPECT_THAT(source_.stored, ElementsAre(1));
}

TEST_F(IngestWorkerTest, BadRecordGoesToDlqUnchangedWithReasonAndNextIsProcessed) {
  source_.Add(0, std::string("\0\0binary", 8));
  source_.Add(1, "Good\nbody");
  Run(3);
  ASSERT_EQ(sink_.delivered.size(), 2u);
  const FakeSink::Message& dlq = sink_.delivered[0];
  EXPECT_EQ(dlq.topic, "newswire.dlq");
  EXPECT_EQ(dlq.key, "k0");
  EXPECT_EQ(dlq.value, std::string("\0\0binary", 8));
  EXPECT_THAT(dlq.headers, Contains(Pair("source-url", "file0")));
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqOriginOffset, "0")));
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqReason, "binary content")));
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqStage, "normalize")));
  EXPECT_EQ(sink_.delivered[1].topic, "newswire.stories");
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(metrics_.DlqRecords("binary_content").Value(), 1);
}

TEST_F(IngestWorkerTest, DrainWaitsForAcknowledgements) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  EXPECT_EQ(worker_.Drain(absl::Milliseconds(50)), 1);
  sink_.hold = false;
  EXPECT_EQ(worker_.Drain(absl::Seconds(1)), 0);
  EXPECT_THAT(source_.stored, ElementsAre(1));
}

TEST_F(IngestWorkerTest, RevokeDrainsInFlightAndStoresOffsetsFirst) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  EXPECT_TRUE(source_.stored.empty());
  sink_.hold = false;  // the broker answers while the revoke waits
  worker_.OnRevoked({{"raw", 0}}, /*lost=*/false);
  EXPECT_THAT(source_.stored, ElementsAre(1));
  EXPECT_EQ(worker_.InFlight(), 0);
  EXPECT_EQ(metrics_.Rebalances("revoked").Value(), 1);
}

TEST_F(IngestWorkerTest, LostPartitionStoresNothingMore) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  worker_.OnRevoked({{"raw", 0}}, /*lost=*/true);
  EXPECT_EQ(worker_.InFlight(), 0);
  sink_.hold = false;
  Run(1);  // the late acknowledgement arrives
  EXPECT_TRUE(source_.stored.empty());
  EXPECT_EQ(metrics_.Rebalances("lost").Value(), 1);
}

TEST_F(IngestWorkerTest, DlqWriteFailureKeepsOffsetUnstoredUntilItLands) {
  source_.Add(0, "");
  sink_.fail_next = 3;  // the DLQ is down for three attempts
  Run(4);
  EXPECT_TRUE(source_.stored.empty());
  Run(3);
  EXPECT_THAT(source_.stored, ElementsAre(1));
  ASSERT_EQ(sink_.delivered.size(), 1u);
  EXPECT_EQ(sink_.delivered[0].topic, "newswire.dlq");
  EXPECT_EQ(metrics_.produce_retries().Value(), 3);
}

TEST_F(IngestWorkerTest, FatalErrorStopsAndNothingIsStoredAfterIt) {
  source_.Add(0, "One\nbody", /*partition=*/0);
  source_.Add(0, "Two\nbody", /*partition=*/1);
  sink_.hold = true;
  Run(2);
  sink_.hold = false;
  // Partition 0's delivery fails fatally; partition 1's is acknowledged
  // after it and must not be stored.
  sink_.fatal_next = 1;
  absl::Status status = worker_.RunOnce(absl::ZeroDuration());
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  EXPECT_TRUE(absl::IsInternal(worker_.RunOnce(absl::ZeroDuration())));
  sink_.fatal = false;
  worker_.Drain(absl::Milliseconds(50));
  EXPECT_TRUE(source_.stored.empty());
}

TEST(ReasonLabelTest, BoundedSnakeCase) {
  EXPECT_EQ(ReasonLabel("record too large: 5000000 bytes"), "record_too_large");
  EXPECT_EQ(ReasonLabel(""), "unknown");
}

}  // namespace
}  // namespace newswire
