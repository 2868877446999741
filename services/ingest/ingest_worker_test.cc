#include "services/ingest/ingest_worker.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/fake_clock.h"
#include "services/ingest/normalize/story_id.h"
#include "services/ingest/common/text/sha256.h"

namespace newswire {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;
using ::testing::Pair;

class FakeSource : public RawSource {
 public:
  RawRecord& Add(int64_t offset, std::string value, int32_t partition = 0) {
    RawRecord record;
    record.topic = "raw";
    record.partition = partition;
    record.offset = offset;
    record.key = "k" + std::to_string(offset);
    record.value = std::move(value);
    record.headers = {{"source-url", "file" + std::to_string(offset)}};
    records_.push_back(std::move(record));
    return records_.back();
  }
  // A record the consumer could not read (RawSource::Poll).
  void AddUnreadable(int64_t offset, std::string reason, int32_t partition = 0) {
    RawRecord record;
    record.topic = "raw";
    record.partition = partition;
    record.offset = offset;
    record.value_is_null = true;
    record.unreadable = std::move(reason);
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
    return store_error;
  }
  std::vector<int64_t> stored;
  absl::Status store_error;  // what StoreOffset returns (after recording the offset)
  // On this poll (1-based), the consumer revokes `revoke_partition` first.
  int revoke_on_poll = 0;
  int32_t revoke_partition = 0;
  RebalanceListener* listener = nullptr;

 private:
  std::deque<RawRecord> records_;
  int polls_ = 0;
};

// Acknowledges on Poll; can fail the next N deliveries or refuse as full.
// Like the Kafka producer, refuses at once what is over `max_bytes` and
// reports permanent and retriable errors with their codes (record_io.h).
class FakeSink : public MessageSink {
 public:
  struct Message {
    std::string topic, key, value;
    KafkaHeaders headers;
    bool value_is_null = false;
  };
  absl::Status Produce(const std::string& topic, const std::string& key, const std::string& value,
                       const KafkaHeaders& headers, absl::Time, DeliveryCallback cb) override {
    return Queue({topic, key, value, headers, false}, std::move(cb));
  }
  absl::Status ProduceTombstone(const std::string& topic, const std::string& key,
                                const KafkaHeaders& headers, absl::Time,
                                DeliveryCallback cb) override {
    return Queue({topic, key, "", headers, true}, std::move(cb));
  }
  // A held answer keeps the producer waiting the whole `timeout` (on
  // `clock`, when set).
  void Poll(absl::Duration timeout) override {
    if (hold) {
      if (clock != nullptr) clock->Advance(timeout);
      return;
    }
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
      if (message.topic == reject_topic && reject_next > 0) {
        --reject_next;
        cb(absl::OutOfRangeError("message too large: delivery failed: MSG_SIZE_TOO_LARGE"));
        continue;
      }
      delivered.push_back(message);
      cb(absl::OkStatus());
    }
  }
  FakeClock* clock = nullptr;
  bool queue_full = false;
  bool hold = false;
  int fail_next = 0;
  bool fatal = false;
  int fatal_next = 0;  // the next N deliveries fail fatally, later ones succeed
  // The broker refuses the next N messages to this topic as too large.
  std::string reject_topic;
  int reject_next = 0;
  size_t max_bytes = 100 << 20;  // the producer's own limit on key + value
  int produce_calls = 0;
  std::vector<Message> delivered;

 private:
  absl::Status Queue(Message message, DeliveryCallback cb) {
    ++produce_calls;
    if (fatal) return absl::InternalError("fatal kafka error");
    if (queue_full) return absl::ResourceExhaustedError("full");
    if (message.key.size() + message.value.size() > max_bytes) {
      return absl::OutOfRangeError("message too large: produce: MSG_SIZE_TOO_LARGE");
    }
    pending_.push_back({std::move(message), std::move(cb)});
    return absl::OkStatus();
  }
  std::vector<std::pair<Message, DeliveryCallback>> pending_;
};

class IngestWorkerTest : public ::testing::Test {
 protected:
  IngestWorkerTest() : pipeline_(*StoryPipeline::Create({})) {
    sink_.clock = &clock_;
    Rebuild(IngestOptions());
  }
  void Rebuild(IngestOptions options) {
    options.clock = &clock_;
    worker_ = std::make_unique<IngestWorker>(options, &source_, &sink_, pipeline_.get(), &metrics_);
  }
  // Each step a minute after the last: retry backoffs are over.
  void Run(int steps) {
    for (int i = 0; i < steps; ++i) {
      clock_.Advance(absl::Minutes(1));
      ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
    }
  }
  const FakeSink::Message* DeliveredTo(const std::string& topic, size_t n = 0) const {
    for (const FakeSink::Message& message : sink_.delivered) {
      if (message.topic == topic && n-- == 0) return &message;
    }
    return nullptr;
  }
  FakeClock clock_;
  FakeSource source_;
  FakeSink sink_;
  std::unique_ptr<StoryPipeline> pipeline_;
  ServiceMetrics metrics_;
  std::unique_ptr<IngestWorker> worker_;
};

TEST_F(IngestWorkerTest, OffsetStoredOnlyAfterStoryAcknowledged) {
  source_.Add(0, "Headline\nBody");
  sink_.hold = true;
  Run(3);
  EXPECT_TRUE(source_.stored.empty());
  EXPECT_EQ(worker_->InFlight(), 1);
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
  source_.listener = worker_.get();
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
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqError, "binary content")));
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqReasonHeader, "binary_content")));
  EXPECT_THAT(dlq.headers, Contains(Pair(kDlqStage, "normalize")));
  EXPECT_EQ(sink_.delivered[1].topic, "newswire.stories");
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kBinaryContent).Value(), 1);
}

TEST_F(IngestWorkerTest, DrainWaitsForAcknowledgements) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  EXPECT_EQ(worker_->Drain(absl::Milliseconds(50)), 1);
  sink_.hold = false;
  EXPECT_EQ(worker_->Drain(absl::Seconds(1)), 0);
  EXPECT_THAT(source_.stored, ElementsAre(1));
}

TEST_F(IngestWorkerTest, RevokeDrainsInFlightAndStoresOffsetsFirst) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  EXPECT_TRUE(source_.stored.empty());
  sink_.hold = false;  // the broker answers while the revoke waits
  worker_->OnRevoked({{"raw", 0}}, /*lost=*/false);
  EXPECT_THAT(source_.stored, ElementsAre(1));
  EXPECT_EQ(worker_->InFlight(), 0);
  EXPECT_EQ(metrics_.Rebalances("revoked").Value(), 1);
}

TEST_F(IngestWorkerTest, LostPartitionStoresNothingMore) {
  source_.Add(0, "One\nbody");
  sink_.hold = true;
  Run(1);
  worker_->OnRevoked({{"raw", 0}}, /*lost=*/true);
  EXPECT_EQ(worker_->InFlight(), 0);
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
  Run(4);  // each retry: resent after its backoff, then answered
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
  absl::Status status = worker_->RunOnce(absl::ZeroDuration());
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  EXPECT_TRUE(absl::IsInternal(worker_->RunOnce(absl::ZeroDuration())));
  sink_.fatal = false;
  worker_->Drain(absl::Milliseconds(50));
  EXPECT_TRUE(source_.stored.empty());
}

// The first header `name` (case-insensitive, as RawRecord::Header reads it).
std::string HeaderOf(const FakeSink::Message& message, absl::string_view name) {
  RawRecord read;
  read.headers = message.headers;
  return read.Header(name).value_or("");
}

// A value the normalizer refuses ("binary content"), `size` bytes long.
std::string Binary(size_t size) {
  std::string value(size, 'b');
  value.replace(0, 8, std::string("\0\0binary", 8));
  return value;
}

TEST_F(IngestWorkerTest, RecordTooLargeToCopyGoesStraightToAReferenceAndTheNextOnesFlow) {
  IngestOptions options;
  options.max_message_bytes = 200 << 10;
  Rebuild(options);
  const std::string big = Binary(1 << 20);
  source_.Add(0, big);
  source_.Add(1, "Good\nbody");
  Run(3);
  const FakeSink::Message* dlq = DeliveredTo("newswire.dlq");
  ASSERT_NE(dlq, nullptr);
  EXPECT_EQ(HeaderOf(*dlq, kDlqKind), "reference");
  EXPECT_EQ(HeaderOf(*dlq, kDlqOriginalSize), "1048576");
  EXPECT_EQ(HeaderOf(*dlq, kDlqOriginalSha256), Sha256Hex(big));
  EXPECT_EQ(HeaderOf(*dlq, kDlqError), "binary content");
  EXPECT_EQ(dlq->value, big.substr(0, 64 << 10));
  EXPECT_EQ(dlq->key, "k0");
  EXPECT_THAT(dlq->headers, Contains(Pair("source-url", "file0")));
  // The copy was never tried: one produce for the DLQ, one for the story.
  EXPECT_EQ(sink_.produce_calls, 2);
  ASSERT_NE(DeliveredTo("newswire.stories"), nullptr);
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(metrics_.DlqRecordsByKind("reference").Value(), 1);
  EXPECT_EQ(metrics_.DlqRecordsByKind("copy").Value(), 0);
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kBinaryContent).Value(), 1);
  EXPECT_EQ(metrics_.produce_rejected().Value(), 0) << "nothing was refused: it was never tried";
}

TEST_F(IngestWorkerTest, AStoryOverTheLimitIsNotTriedAndItsRecordIsReferenced) {
  IngestOptions options;
  options.max_message_bytes = 1000;
  Rebuild(options);
  source_.Add(0, "Headline\n\n" + std::string(3000, 'w'));
  Run(3);
  EXPECT_EQ(sink_.produce_calls, 1) << "only the reference reaches the producer";
  ASSERT_EQ(sink_.delivered.size(), 1u);
  EXPECT_EQ(HeaderOf(sink_.delivered[0], kDlqKind), "reference");
  EXPECT_EQ(HeaderOf(sink_.delivered[0], kDlqStage), "produce");
  EXPECT_THAT(source_.stored, ElementsAre(1));
}

TEST_F(IngestWorkerTest, CopyTheProducerRefusesAsTooLargeBecomesAReference) {
  sink_.max_bytes = 100 << 10;  // smaller than the worker's limit thinks
  source_.Add(0, Binary(300 << 10));
  source_.Add(1, "Good\nbody");
  Run(3);
  const FakeSink::Message* dlq = DeliveredTo("newswire.dlq");
  ASSERT_NE(dlq, nullptr);
  EXPECT_EQ(HeaderOf(*dlq, kDlqKind), "reference");
  EXPECT_EQ(dlq->value.size(), 64u << 10);
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(metrics_.produce_rejected().Value(), 1);
}

// The broker refuses the copy for good (MESSAGE_TOO_LARGE): it is not tried
// again; a reference goes instead, and the raw records after it flow.
TEST_F(IngestWorkerTest, APermanentErrorIsNotRetriedForever) {
  sink_.reject_topic = "newswire.dlq";
  sink_.reject_next = 1;
  source_.Add(0, Binary(1000));
  source_.Add(1, "Good\nbody");
  Run(10);
  ASSERT_EQ(sink_.delivered.size(), 2u);
  EXPECT_EQ(HeaderOf(*DeliveredTo("newswire.dlq"), kDlqKind), "reference");
  EXPECT_EQ(sink_.produce_calls, 3);  // copy, reference, story
  EXPECT_EQ(metrics_.produce_retries().Value(), 0);
  EXPECT_EQ(source_.stored.back(), 2);
  EXPECT_EQ(worker_->InFlight(), 0);
}

TEST_F(IngestWorkerTest, AReferenceTheDlqRefusesStopsIngestNamingTheRecord) {
  sink_.reject_topic = "newswire.dlq";
  sink_.reject_next = 2;  // the copy, then the reference
  source_.Add(7, Binary(1000));
  source_.Add(8, "Good\nbody");
  absl::Status status;
  for (int i = 0; i < 10 && status.ok(); ++i) status = worker_->RunOnce(absl::ZeroDuration());
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("raw/0@7"));
  EXPECT_EQ(worker_->RunOnce(absl::ZeroDuration()), status);  // stopped, not looping
  EXPECT_EQ(sink_.produce_calls, 3);  // copy, story, reference
  EXPECT_TRUE(source_.stored.empty());
  EXPECT_EQ(metrics_.dlq_unproducible().Value(), 1);
}

TEST_F(IngestWorkerTest, AStoryRefusedForGoodSendsItsRawRecordToTheDlq) {
  sink_.reject_topic = "newswire.stories";
  sink_.reject_next = 1;
  source_.Add(0, "One\nbody");
  source_.Add(1, "Two\nbody");
  Run(4);
  const FakeSink::Message* dlq = DeliveredTo("newswire.dlq");
  ASSERT_NE(dlq, nullptr);
  EXPECT_EQ(dlq->value, "One\nbody");
  EXPECT_THAT(dlq->headers, Contains(Pair(kDlqStage, "produce")));
  EXPECT_THAT(dlq->headers, Contains(Pair(kDlqKind, "copy")));
  EXPECT_EQ(HeaderOf(*dlq, kDlqReasonHeader), "story_not_producible");
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kProduceRefused).Value(), 1);
  ASSERT_NE(DeliveredTo("newswire.stories"), nullptr);
  EXPECT_EQ(DeliveredTo("newswire.stories")->key, "url:file1");
  EXPECT_EQ(source_.stored.back(), 2);
}

// A NewsML-G2 message: one raw record, two stories.
std::string TwoStoryMessage() {
  std::string items;
  for (const char* name : {"one", "two"}) {
    absl::StrAppend(&items, "<newsItem guid=\"tag:test,2023:", name, "\" version=\"1\"><itemMeta>",
                    "<itemClass qcode=\"ninat:text\"/><versionCreated>2023-01-01T00:00:00Z",
                    "</versionCreated></itemMeta><contentMeta><headline>Story ", name,
                    "</headline></contentMeta><contentSet><inlineData contenttype=\"text/plain\">",
                    "Body of ", name, ".</inlineData></contentSet></newsItem>");
  }
  return absl::StrCat("<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet>", items,
                      "</itemSet></newsMessage>");
}

TEST_F(IngestWorkerTest, TwoStoriesOfOneRecordRefusedGiveOneDlqRecord) {
  sink_.reject_topic = "newswire.stories";
  sink_.reject_next = 2;
  source_.Add(0, TwoStoryMessage());
  Run(4);
  ASSERT_EQ(sink_.delivered.size(), 1u);
  EXPECT_EQ(sink_.delivered[0].topic, "newswire.dlq");
  EXPECT_EQ(sink_.delivered[0].value, TwoStoryMessage());
  EXPECT_THAT(source_.stored, ElementsAre(1));
  EXPECT_EQ(worker_->InFlight(), 0);
}

TEST_F(IngestWorkerTest, RetriableErrorsAreRetriedAfterAGrowingBackoff) {
  sink_.fail_next = 2;
  source_.Add(0, "One\nbody");
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // produced
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // fails: wait 100 ms
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(sink_.produce_calls, 1) << "retried before its backoff";
  clock_.Advance(absl::Milliseconds(100));
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // resent
  EXPECT_EQ(sink_.produce_calls, 2);
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // fails again: wait 200 ms
  clock_.Advance(absl::Milliseconds(100));
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(sink_.produce_calls, 2) << "the backoff did not grow";
  clock_.Advance(absl::Milliseconds(100));
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // resent
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // acknowledged
  EXPECT_EQ(sink_.produce_calls, 3);
  EXPECT_THAT(source_.stored, ElementsAre(1));
}

TEST_F(IngestWorkerTest, IncomingServiceHeadersAreRenamedSoTheDlqsComeFirst) {
  source_.Add(0, Binary(100)).headers = {{"x-newswire-error", "spoofed"},
                                        {"X-Newswire-Origin-Topic", "elsewhere"},
                                        {"source-url", "file0"}};
  Run(2);
  const FakeSink::Message* dlq = DeliveredTo("newswire.dlq");
  ASSERT_NE(dlq, nullptr);
  EXPECT_EQ(HeaderOf(*dlq, kDlqError), "binary content");
  EXPECT_EQ(HeaderOf(*dlq, kDlqOriginTopic), "raw");
  EXPECT_THAT(dlq->headers, Contains(Pair("x-incoming-newswire-error", "spoofed")));
  EXPECT_THAT(dlq->headers, Contains(Pair("x-incoming-newswire-Origin-Topic", "elsewhere")));
  EXPECT_THAT(dlq->headers, Not(Contains(Pair("x-newswire-error", "spoofed"))));
}

TEST_F(IngestWorkerTest, ATombstoneStaysNullInItsDlqCopy) {
  source_.Add(0, "").value_is_null = true;
  source_.Add(1, "");
  Run(2);
  ASSERT_EQ(sink_.delivered.size(), 2u);
  EXPECT_TRUE(sink_.delivered[0].value_is_null);
  EXPECT_FALSE(sink_.delivered[1].value_is_null);
}

TEST_F(IngestWorkerTest, TheDlqCounterCountsOnlyWhatTheBrokerAcknowledged) {
  source_.Add(0, Binary(100));
  sink_.hold = true;
  Run(2);
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kBinaryContent).Value(), 0);
  EXPECT_EQ(metrics_.DlqRecordsByKind("copy").Value(), 0);
  sink_.hold = false;
  Run(1);
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kBinaryContent).Value(), 1);
  EXPECT_EQ(metrics_.DlqRecordsByKind("copy").Value(), 1);
}

constexpr char kBadCompression[] =
    "_BAD_COMPRESSION: Decompression (codec 0x4) of message at 3 of 2233 bytes failed: "
    "Local: Invalid compressed data";

// The consumer gave up on offset 3: the DLQ gets a record saying where and
// why, and 3 is stored only once the DLQ acknowledged it; 4 flows meanwhile.
TEST_F(IngestWorkerTest, AnUnreadableRecordGoesToTheDlqAndItsOffsetWaitsForIt) {
  source_.Add(2, "Before\nbody");
  source_.AddUnreadable(3, kBadCompression);
  source_.Add(4, "After\nbody");
  sink_.hold = true;
  Run(2);
  EXPECT_TRUE(source_.stored.empty());
  EXPECT_EQ(worker_->InFlight(), 3);
  EXPECT_EQ(metrics_.DlqRecordsByKind("unreadable").Value(), 0);
  sink_.hold = false;
  Run(1);
  EXPECT_EQ(source_.stored.back(), 5);
  const FakeSink::Message* dlq = DeliveredTo("newswire.dlq");
  ASSERT_NE(dlq, nullptr);
  EXPECT_TRUE(dlq->value_is_null);
  EXPECT_EQ(dlq->key, "");
  EXPECT_THAT(dlq->headers,
              ElementsAre(Pair(kDlqOriginTopic, "raw"), Pair(kDlqOriginPartition, "0"),
                          Pair(kDlqOriginOffset, "3"), Pair(kDlqStage, "consume"),
                          Pair(kDlqError, kBadCompression), Pair(kDlqReasonHeader, "unreadable"),
                          Pair(kDlqVersion, "dev"),
                          Pair(kDlqKind, "unreadable")));
  EXPECT_EQ(DeliveredTo("newswire.stories", 1)->key, "url:file4");
  EXPECT_EQ(metrics_.DlqRecordsByKind("unreadable").Value(), 1);
  EXPECT_EQ(metrics_.DlqRecords(DlqReason::kUnreadable).Value(), 1);
}

// A batch of three records that does not decompress: the consumer gives up
// on each offset in turn; each is its own DLQ record.
TEST_F(IngestWorkerTest, EachOffsetOfAnUnreadableBatchIsItsOwnDlqRecord) {
  for (int64_t offset : {10, 11, 12}) source_.AddUnreadable(offset, kBadCompression);
  source_.Add(13, "After\nbody");
  Run(3);
  std::vector<std::string> offsets;
  for (size_t i = 0; const FakeSink::Message* dlq = DeliveredTo("newswire.dlq", i); ++i) {
    offsets.push_back(HeaderOf(*dlq, kDlqOriginOffset));
  }
  EXPECT_THAT(offsets, ElementsAre("10", "11", "12"));
  EXPECT_EQ(source_.stored.back(), 14);
  EXPECT_EQ(metrics_.DlqRecordsByKind("unreadable").Value(), 3);
}

// The DLQ refusing a record this small is the DLQ's fault: ingest stops
// rather than skip the offset with nothing to show for it.
TEST_F(IngestWorkerTest, AnUnreadableRecordTheDlqRefusesStopsIngest) {
  sink_.reject_topic = "newswire.dlq";
  sink_.reject_next = 1;
  source_.AddUnreadable(3, kBadCompression);
  absl::Status status;
  for (int i = 0; i < 5 && status.ok(); ++i) status = worker_->RunOnce(absl::ZeroDuration());
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("raw/0@3"));
  EXPECT_EQ(sink_.produce_calls, 1);
  EXPECT_TRUE(source_.stored.empty());
}

// A clock that moves on by `step` each time it is read: normalizing a batch
// reads it before every record (and around it, to time it), so each record
// "takes" a few steps. Nothing in the worker waits on it.
class TickingClock final : public Clock {
 public:
  explicit TickingClock(absl::Duration step) : step_(step) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    now_ += step_;
    return now_;
  }
  bool WaitWithDeadline(absl::CondVar*, absl::Mutex*, absl::Time) const override { return true; }
  void SleepUntil(absl::Time) const override {}

 private:
  const absl::Duration step_;
  mutable absl::Mutex mu_;
  mutable absl::Time now_ ABSL_GUARDED_BY(mu_) = absl::UnixEpoch();
};

// A batch that has normalized for max_batch_time starts no more records:
// the rest wait, in order, for the next pass, so the loop beats its health
// between passes however costly the records. Nothing is lost or repeated.
TEST_F(IngestWorkerTest, ASlowBatchLeavesItsTailForTheNextPassInOrder) {
  TickingClock ticking(absl::Seconds(1));
  IngestOptions options;
  options.clock = &ticking;
  options.normalize_threads = 1;
  options.max_batch_time = absl::Seconds(3);
  worker_ = std::make_unique<IngestWorker>(options, &source_, &sink_, pipeline_.get(), &metrics_);
  for (int i = 0; i < 10; ++i) source_.Add(i, "Story " + std::to_string(i) + "\nBody");
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
  const int first_pass = sink_.produce_calls;
  EXPECT_GE(first_pass, 1);
  EXPECT_LT(first_pass, 10);
  EXPECT_EQ(metrics_.batches_cut_short().Value(), 1);
  for (int pass = 0; pass < 20 && (sink_.delivered.size() < 10 || source_.stored.empty() || source_.stored.back() < 10);
       ++pass) {
    ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
  }
  ASSERT_EQ(sink_.delivered.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(sink_.delivered[i].key, "url:file" + std::to_string(i)) << i;
  }
  ASSERT_FALSE(source_.stored.empty());
  EXPECT_EQ(source_.stored.back(), 10);
}

TEST_F(IngestWorkerTest, ABatchWithinItsTimeRunsWhole) {
  for (int i = 0; i < 10; ++i) source_.Add(i, "Story " + std::to_string(i) + "\nBody");
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(sink_.produce_calls, 10);
  EXPECT_EQ(metrics_.batches_cut_short().Value(), 0);
}

// Bad input of each kind the normalizer refuses reaches the DLQ with its
// reason as header and metric label (docs/delivery.md, "Error policy").
TEST_F(IngestWorkerTest, EachRefusedRecordCarriesItsReasonToHeaderAndMetric) {
  struct Case {
    std::string value;
    std::string content_type;
    DlqReason reason;
    const char* label;
  };
  std::string many_attributes = "<nitf><head";
  for (int i = 0; i < 300; ++i) many_attributes += " a" + std::to_string(i) + "=\"\"";
  many_attributes += "/></nitf>";
  const Case cases[] = {
      {"", "", DlqReason::kEmptyRecord, "empty_record"},
      {" \n\t \n", "", DlqReason::kEmptyRecord, "empty_record"},
      {std::string("\0\0binary", 8), "", DlqReason::kBinaryContent, "binary_content"},
      {std::string((2 << 20) + 1, 'x'), "", DlqReason::kTooLarge, "record_too_large"},
      {many_attributes, "", DlqReason::kTooCostly, "too_costly"},
      {"<?xml version=\"1.0\"?>\n<nitf><body><p>open", "", DlqReason::kMalformedXml,
       "malformed_xml"},
      {"{\"headline\": 5, \"body_text\": \"x\"}", "application/json", DlqReason::kInvalidField,
       "invalid_field"},
      {"{\"headline\": ", "application/json", DlqReason::kMalformedJson, "malformed_json"},
  };
  int64_t offset = 0;
  for (const Case& c : cases) {
    RawRecord& record = source_.Add(offset++, c.value);
    if (!c.content_type.empty()) record.headers.emplace_back("content-type", c.content_type);
  }
  Run(3);
  for (size_t i = 0; i < std::size(cases); ++i) {
    const FakeSink::Message* dlq = DeliveredTo("newswire.dlq", i);
    ASSERT_NE(dlq, nullptr) << i;
    EXPECT_EQ(HeaderOf(*dlq, kDlqReasonHeader), cases[i].label)
        << i << ": " << HeaderOf(*dlq, kDlqError);
    const auto same = std::count_if(std::begin(cases), std::end(cases),
                                    [&](const Case& c) { return c.reason == cases[i].reason; });
    EXPECT_EQ(metrics_.DlqRecords(cases[i].reason).Value(), static_cast<double>(same))
        << cases[i].label;
  }
  EXPECT_EQ(source_.stored.back(), offset);
}

// Storing an offset: a partition revoked meanwhile is no error; any other
// failure (a broken consumer) stops ingest (it was only logged before).
TEST_F(IngestWorkerTest, AnOffsetStoreErrorStopsIngestUnlessThePartitionWasRevoked) {
  source_.store_error = absl::FailedPreconditionError("partition raw/0 not assigned");
  source_.Add(0, "One\nbody");
  Run(2);
  EXPECT_THAT(source_.stored, ElementsAre(1));
  source_.store_error = absl::InternalError("store offset: Local: Invalid argument");
  source_.Add(1, "Two\nbody");
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(worker_->RunOnce(absl::ZeroDuration()).ok());  // produced
  clock_.Advance(absl::Minutes(1));
  absl::Status status = worker_->RunOnce(absl::ZeroDuration());  // acknowledged, store fails
  EXPECT_TRUE(absl::IsInternal(status)) << status;
  EXPECT_TRUE(absl::IsInternal(worker_->RunOnce(absl::ZeroDuration())));
}

}  // namespace
}  // namespace newswire
