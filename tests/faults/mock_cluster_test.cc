// Fault injection with librdkafka's mock cluster (no broker needed): the
// real ingest loop (GroupConsumer -> IngestWorker -> Producer) under offset
// commit errors, a coordinator going down and back, transport errors with
// round-trip delays, and an injected fatal error. The checks read the
// stories log back and compare raw positions, not counts.
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest_worker.h"
#include "services/ingest/kafka/kafka_client.h"
#include "services/ingest/kafka/mock_cluster.h"

namespace newswire {
namespace {

// Forwards to the real consumer and records every offset stored.
class RecordingSource : public RawSource {
 public:
  explicit RecordingSource(RawSource* inner) : inner_(inner) {}
  absl::StatusOr<std::optional<RawRecord>> Poll(absl::Duration timeout) override {
    return inner_->Poll(timeout);
  }
  absl::Status StoreOffset(const std::string& topic, int32_t partition, int64_t next) override {
    ++stored;
    return inner_->StoreOffset(topic, partition, next);
  }
  int stored = 0;

 private:
  RawSource* inner_;
};

class MockClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = MockCluster::Create(3);
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = *std::move(cluster);
    kafka_.brokers = cluster_->bootstraps();
    kafka_.properties["log_level"] = "2";
    ASSERT_TRUE(cluster_->CreateTopic("raw", 3).ok());
    ASSERT_TRUE(cluster_->CreateTopic("stories", 1).ok());
    ASSERT_TRUE(cluster_->CreateTopic("dlq", 1).ok());
    publisher_ = *Producer::Create(kafka_);
  }

  void TearDown() override {
    // The consumer's close revokes partitions through the worker: close it
    // while the worker still exists.
    if (consumer_) consumer_->Close(absl::Seconds(5));
    // The producer's destructor reports undelivered messages to the worker:
    // it goes before the worker does.
    stories_producer_.reset();
  }

  void StartIngest() {
    KafkaOptions consumer_kafka = kafka_;
    consumer_kafka.properties["session.timeout.ms"] = "6000";
    consumer_kafka.properties["heartbeat.interval.ms"] = "500";
    auto consumer = GroupConsumer::Create(consumer_kafka, "group", {"raw"});
    ASSERT_TRUE(consumer.ok()) << consumer.status();
    consumer_ = *std::move(consumer);
    recording_ = std::make_unique<RecordingSource>(consumer_.get());
    stories_producer_ = *Producer::Create(kafka_);
    IngestOptions options;
    options.stories_topic = "stories";
    options.dlq_topic = "dlq";
    worker_ = std::make_unique<IngestWorker>(options, recording_.get(), stories_producer_.get(),
                                             pipeline_.get(), &metrics_);
    consumer_->SetRebalanceListener(worker_.get());
  }

  void Publish(const std::string& tag, int count) {
    for (int i = 0; i < count; ++i) {
      std::string url = absl::StrCat("mock://", tag, "/", i);
      expected_.insert("url:" + url);
      ASSERT_TRUE(publisher_
                      ->Produce("raw", url, absl::StrCat("Story ", tag, " ", i, "\n\nBody ", i),
                                {{"source-url", url}}, absl::UnixEpoch(), [](absl::Status) {})
                      .ok());
    }
    ASSERT_TRUE(publisher_->Flush(absl::Seconds(30)).ok());
  }

  // Runs the ingest loop until every expected story is in the stories log
  // (or `timeout`); returns ids seen, counting each raw position once as the
  // fold would (repeats of one position are replays, dropped there).
  std::map<std::string, int> RunUntilAllIngested(absl::Duration timeout) {
    if (!log_) log_ = *LogConsumer::Create(kafka_, "stories", 0, -1);
    absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      absl::Status status = worker_->RunOnce(absl::Milliseconds(20));
      if (!status.ok()) break;
      while (true) {
        auto record = log_->Poll(absl::ZeroDuration());
        if (!record.ok() || !record->has_value()) break;
        v1::Story story;
        if (!story.ParseFromString((*record)->value)) {
          ADD_FAILURE() << "stories log record does not parse";
          continue;
        }
        auto position = std::make_tuple(story.origin().partition(), story.origin().offset(),
                                        story.origin().index());
        if (positions_.insert(position).second) ++ids_[story.id()];
      }
      bool all = true;
      for (const std::string& id : expected_) all = all && ids_.count(id);
      if (all) break;
    }
    return ids_;
  }

  void ExpectEachExpectedOnce() {
    for (const std::string& id : expected_) {
      EXPECT_EQ(ids_[id], 1) << id << " seen " << ids_[id] << " times";
    }
    EXPECT_EQ(ids_.size(), expected_.size());
  }

  std::unique_ptr<MockCluster> cluster_;
  KafkaOptions kafka_;
  std::unique_ptr<Producer> publisher_;
  std::unique_ptr<GroupConsumer> consumer_;
  std::unique_ptr<RecordingSource> recording_;
  std::unique_ptr<Producer> stories_producer_;
  std::unique_ptr<StoryPipeline> pipeline_ = *StoryPipeline::Create({});
  ServiceMetrics metrics_;
  std::unique_ptr<IngestWorker> worker_;
  std::unique_ptr<LogConsumer> log_;
  std::set<std::string> expected_;
  std::map<std::string, int> ids_;
  std::set<std::tuple<int32_t, int64_t, int32_t>> positions_;
};

TEST_F(MockClusterTest, OffsetCommitErrorsLoseNothing) {
  cluster_->PushRequestErrors(MockCluster::kOffsetCommit,
                              std::vector<int>(3, MockCluster::ErrRequestTimedOut()));
  StartIngest();
  Publish("commit-errors", 30);
  RunUntilAllIngested(absl::Seconds(60));
  ExpectEachExpectedOnce();
  // Past the errors, the background commits go through.
  for (absl::Time until = absl::Now() + absl::Seconds(5); absl::Now() < until;) {
    ASSERT_TRUE(worker_->RunOnce(absl::Milliseconds(50)).ok());
  }
  EXPECT_GT(recording_->stored, 0);
  // A new member resumes from what was committed despite the errors: it
  // must neither skip a record nor need more than replays to catch up.
  consumer_->Close(absl::Seconds(5));
  stories_producer_.reset();
  worker_.reset();
  consumer_.reset();
  StartIngest();
  Publish("after-restart", 20);
  RunUntilAllIngested(absl::Seconds(60));
  ExpectEachExpectedOnce();
}

TEST_F(MockClusterTest, CoordinatorDownAndBackLosesNothing) {
  cluster_->SetGroupCoordinator("group", 1);
  StartIngest();
  Publish("before", 20);
  RunUntilAllIngested(absl::Seconds(60));
  Publish("during", 20);  // in the raw topic before the coordinator goes
  cluster_->SetBrokerDown(1, true);
  RunUntilAllIngested(absl::Seconds(3));  // keeps working on what it can
  cluster_->SetBrokerDown(1, false);
  Publish("after", 20);
  RunUntilAllIngested(absl::Seconds(90));
  ExpectEachExpectedOnce();
}

TEST_F(MockClusterTest, TransportErrorsAndSlowBrokersLoseNothing) {
  // The raw records go in first: the faults are for ingest's own traffic
  // (the mock broker does not deduplicate the test publisher's retries).
  Publish("transport", 30);
  for (int broker = 1; broker <= 3; ++broker) {
    cluster_->SetBrokerRtt(broker, absl::Milliseconds(150));
    cluster_->PushTransportErrors(broker, MockCluster::kProduce, 2, absl::Milliseconds(50));
  }
  StartIngest();
  RunUntilAllIngested(absl::Seconds(90));
  ExpectEachExpectedOnce();
  EXPECT_EQ(worker_->Drain(absl::Seconds(10)), 0);
  EXPECT_GT(recording_->stored, 0);
}

TEST_F(MockClusterTest, FatalErrorStopsIngestAndStoresNothingAfter) {
  StartIngest();
  Publish("before-fatal", 10);
  RunUntilAllIngested(absl::Seconds(60));
  ExpectEachExpectedOnce();
  stories_producer_->InjectFatalErrorForTest();
  Publish("after-fatal", 10);
  absl::Status status;
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (status.ok() && absl::Now() < deadline) status = worker_->RunOnce(absl::Milliseconds(20));
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  const int stored_at_fatal = recording_->stored;
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(worker_->RunOnce(absl::Milliseconds(20)).ok());
  worker_->Drain(absl::Milliseconds(200));
  EXPECT_EQ(recording_->stored, stored_at_fatal);
}

// Kafka protocol error codes the broker answers a produce request with.
constexpr int kMessageTooLarge = 10;
constexpr int kRecordListTooLarge = 18;
constexpr int kInvalidRecord = 87;

// What one message's delivery callback was told, after a flush.
absl::Status DeliveryOf(Producer& producer, const std::string& value) {
  absl::Status delivered = absl::UnknownError("no delivery report");
  absl::Status queued = producer.Produce("dlq", "key", value, {}, absl::UnixEpoch(),
                                         [&](absl::Status s) { delivered = s; });
  if (!queued.ok()) return queued;
  (void)producer.Flush(absl::Seconds(30));
  return delivered;
}

// The broker's refusals that no retry can change come back at once with
// their own codes (record_io.h), not as retriable Unavailable.
TEST_F(MockClusterTest, ProducerTellsPermanentErrorsFromRetriableOnes) {
  ASSERT_TRUE(DeliveryOf(*publisher_, "warm-up").ok());
  cluster_->PushRequestErrors(MockCluster::kProduce, {kMessageTooLarge});
  absl::Status status = DeliveryOf(*publisher_, "refused");
  EXPECT_TRUE(absl::IsOutOfRange(status)) << status;
  cluster_->PushRequestErrors(MockCluster::kProduce, {kRecordListTooLarge});
  status = DeliveryOf(*publisher_, "refused");
  EXPECT_TRUE(absl::IsOutOfRange(status)) << status;
  cluster_->PushRequestErrors(MockCluster::kProduce, {kInvalidRecord});
  status = DeliveryOf(*publisher_, "refused");
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  // Over the producer's own message.max.bytes: refused before it is queued.
  status = DeliveryOf(*publisher_, std::string(publisher_->MaxMessageBytes() + 1, 'x'));
  EXPECT_TRUE(absl::IsOutOfRange(status)) << status;
  EXPECT_EQ(publisher_->MaxMessageBytes(), kProducerMessageMaxBytes);
  // The producer is still usable after all that.
  EXPECT_TRUE(DeliveryOf(*publisher_, "fine").ok());
}

TEST_F(MockClusterTest, ATombstoneIsReadAsANullValue) {
  int acked = 0;
  ASSERT_TRUE(publisher_
                  ->ProduceTombstone("raw", "gone", {{"source-url", "mock://gone"}},
                                     absl::UnixEpoch(), [&](absl::Status s) { acked += s.ok(); })
                  .ok());
  ASSERT_TRUE(publisher_
                  ->Produce("raw", "empty", "", {{"source-url", "mock://empty"}}, absl::UnixEpoch(),
                            [&](absl::Status s) { acked += s.ok(); })
                  .ok());
  ASSERT_TRUE(publisher_->Flush(absl::Seconds(30)).ok());
  ASSERT_EQ(acked, 2);
  auto consumer = GroupConsumer::Create(kafka_, "tombstone-reader", {"raw"});
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  std::map<std::string, bool> null_by_key;
  for (absl::Time deadline = absl::Now() + absl::Seconds(30);
       null_by_key.size() < 2 && absl::Now() < deadline;) {
    auto record = (*consumer)->Poll(absl::Milliseconds(100));
    ASSERT_TRUE(record.ok()) << record.status();
    if (record->has_value()) null_by_key[(*record)->key] = (*record)->value_is_null;
  }
  (*consumer)->Close(absl::Seconds(5));
  EXPECT_EQ(null_by_key["gone"], true);
  EXPECT_EQ(null_by_key["empty"], false);
  EXPECT_EQ(null_by_key.size(), 2u);
}

// A zstd batch the consumer cannot inflate (its receive.message.max.bytes
// lowered to 1 MiB; 40 records of 40 KiB in one ~1.6 MiB batch) between
// readable records: each of its offsets comes back once as an unreadable
// record, in order, and every readable record around it once, in order.
TEST_F(MockClusterTest, EachOffsetOfABatchTheConsumerCannotInflateIsUnreadableOnce) {
  ASSERT_TRUE(cluster_->CreateTopic("raw1", 1).ok());
  auto publish = [&](Producer& producer, const std::string& tag, int count, size_t bytes) {
    for (int i = 0; i < count; ++i) {
      std::string text = absl::StrCat("Story ", tag, " ", i, "\n\n");
      while (text.size() < bytes) absl::StrAppend(&text, "The council voted ", text.size(), ". ");
      ASSERT_TRUE(producer
                      .Produce("raw1", absl::StrCat(tag, i), text, {}, absl::UnixEpoch(),
                               [](absl::Status) {})
                      .ok());
    }
    ASSERT_TRUE(producer.Flush(absl::Seconds(30)).ok());
  };
  KafkaOptions zstd = kafka_;
  zstd.properties["compression.type"] = "zstd";
  zstd.properties["batch.size"] = "100000000";
  zstd.properties["linger.ms"] = "100";
  auto agent = Producer::Create(zstd);
  ASSERT_TRUE(agent.ok()) << agent.status();
  publish(*publisher_, "before", 5, 100);      // offsets 0..4
  publish(**agent, "bomb", 40, 40 << 10);      // 5..44, one batch
  publish(*publisher_, "after", 5, 100);       // 45..49

  KafkaOptions small = kafka_;
  small.properties["receive.message.max.bytes"] = "1048576";
  small.properties["fetch.max.bytes"] = "1000000";
  auto consumer = GroupConsumer::Create(small, "unreadable-reader", {"raw1"});
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  std::vector<int64_t> readable, unreadable;
  const absl::Time start = absl::Now();
  for (absl::Time deadline = start + absl::Seconds(60);
       readable.size() + unreadable.size() < 50 && absl::Now() < deadline;) {
    auto record = (*consumer)->Poll(absl::Milliseconds(100));
    ASSERT_TRUE(record.ok()) << record.status();
    if (!record->has_value()) continue;
    if ((*record)->unreadable.empty()) {
      readable.push_back((*record)->offset);
    } else {
      EXPECT_EQ((*record)->unreadable.rfind("_BAD_COMPRESSION: ", 0), 0u) << (*record)->unreadable;
      EXPECT_TRUE((*record)->value_is_null);
      unreadable.push_back((*record)->offset);
    }
  }
  std::fprintf(stderr, "40 unreadable and 10 readable records read in %s\n",
               absl::FormatDuration(absl::Now() - start).c_str());
  // Nothing more comes.
  for (int i = 0; i < 10; ++i) {
    auto record = (*consumer)->Poll(absl::Milliseconds(100));
    ASSERT_TRUE(record.ok());
    EXPECT_FALSE(record->has_value()) << "offset " << (*record)->offset << " again";
  }
  (*consumer)->Close(absl::Seconds(5));
  std::vector<int64_t> expected_unreadable, expected_readable = {0, 1, 2, 3, 4};
  for (int64_t offset = 5; offset < 45; ++offset) expected_unreadable.push_back(offset);
  for (int64_t offset = 45; offset < 50; ++offset) expected_readable.push_back(offset);
  EXPECT_EQ(unreadable, expected_unreadable);
  EXPECT_EQ(readable, expected_readable);
}

}  // namespace
}  // namespace newswire
