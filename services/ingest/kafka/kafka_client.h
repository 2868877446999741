// Kafka clients for newswire, the only code that includes librdkafka.
//
// Three narrow classes, each owning one librdkafka handle and speaking only
// newswire's plain types (RawRecord, LogRecord, absl::Status):
//   GroupConsumer  the raw topic in a consumer group; offsets are stored by
//                  the caller (StoreOffset) only once a record is settled,
//                  and committed in the background and on Close().
//   Producer       idempotent producer with a per-message delivery callback.
//   LogConsumer    one partition of the stories log from a given offset,
//                  outside any group (every view replica reads all of it).
// Plus CreateTopics() for tools and tests.
//
// None of the classes is thread-safe except where a method says so; each is
// driven by one loop. Delivery callbacks run inside Producer::Poll/Flush.
#ifndef NEWSWIRE_SERVICES_INGEST_KAFKA_KAFKA_CLIENT_H_
#define NEWSWIRE_SERVICES_INGEST_KAFKA_KAFKA_CLIENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/ingest/common/log_record.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/kafka/record_io.h"

namespace newswire {

// Consumer lag of one partition, from librdkafka's statistics.
struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t lag = -1;  // -1 when not known yet
};

struct KafkaOptions {
  std::string brokers = "127.0.0.1:9092";
  // Extra librdkafka properties, applied last ("statistics.interval.ms", ...).
  std::map<std::string, std::string> properties;
  // Client errors (broker down, all brokers down, ...), for metrics. Called
  // from librdkafka's threads or inside Poll; must be thread-safe.
  std::function<void(const std::string& error_name)> on_error;
};

struct GroupConsumerHooks {
  // Told about assignments and revocations (from inside Poll/Close).
  RebalanceListener* rebalance = nullptr;
  // Per-partition lag, every statistics interval (from inside Poll).
  std::function<void(const std::vector<PartitionLag>&)> on_lag;
  absl::Duration statistics_interval = absl::Seconds(5);
};

// A consumer-group member reading raw records.
class GroupConsumer : public RawSource {
 public:
  using Hooks = GroupConsumerHooks;

  static absl::StatusOr<std::unique_ptr<GroupConsumer>> Create(
      const KafkaOptions& options, const std::string& group_id,
      const std::vector<std::string>& topics, GroupConsumerHooks hooks = GroupConsumerHooks());
  ~GroupConsumer() override;

  // The next record, or nullopt when none arrived within `timeout`. Errors
  // only for fatal client errors; transient ones are logged and retried.
  // A consume error naming an offset that reading again cannot cure
  // (_BAD_COMPRESSION, _BAD_MSG, CORRUPT_MESSAGE, MSG_SIZE_TOO_LARGE, an
  // unknown codec), met kUnreadableAfterErrors times in a row, is returned as
  // an unreadable record (RawRecord::unreadable) and the partition's position
  // moves past it; so does each other offset of its batch, whose end is
  // searched for (UnreadableOffsets).
  absl::StatusOr<std::optional<RawRecord>> Poll(absl::Duration timeout) override;

  // Marks everything before `next_offset` of (topic, partition) as done; the
  // background commit picks it up. Thread-safe.
  absl::Status StoreOffset(const std::string& topic, int32_t partition,
                           int64_t next_offset) override;

  // Commits stored offsets and leaves the group, waiting at most `timeout`
  // (an unreachable broker must not hang shutdown). Idempotent. A static
  // member (group.instance.id) leaves too, by unsubscribing first: its
  // partitions move at once rather than after session.timeout.ms.
  void Close(absl::Duration timeout = absl::Seconds(10));

  // Raises a fatal client error, as a broker could (fault-injection tests).
  void InjectFatalErrorForTest();

  // Sets the rebalance listener; call before the first Poll.
  void SetRebalanceListener(RebalanceListener* listener);

 private:
  struct Handle;
  explicit GroupConsumer(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

// The producer's default message.max.bytes: as large as the test broker
// accepts (tools/kafka.sh). --kafka_property=message.max.bytes=N overrides it.
inline constexpr int64_t kProducerMessageMaxBytes = 16 << 20;

class Producer : public MessageSink {
 public:
  static absl::StatusOr<std::unique_ptr<Producer>> Create(const KafkaOptions& options);
  ~Producer() override;

  // Queues a message. ResourceExhausted when the local queue is full (poll
  // and try again); the callback is then not called. Errors, here and in the
  // callback, are classified as MessageSink says: a message over
  // message.max.bytes (MaxMessageBytes) or refused as too large by the broker
  // is OutOfRange, an invalid one InvalidArgument or FailedPrecondition.
  absl::Status Produce(const std::string& topic, const std::string& key, const std::string& value,
                       const KafkaHeaders& headers, absl::Time timestamp,
                       DeliveryCallback on_delivery) override;
  absl::Status ProduceTombstone(const std::string& topic, const std::string& key,
                                const KafkaHeaders& headers, absl::Time timestamp,
                                DeliveryCallback on_delivery) override;

  // The producer's message.max.bytes: key, value and headers of one message
  // (plus a small record overhead) must fit in it.
  int64_t MaxMessageBytes() const;

  // Serves delivery callbacks for up to `timeout`.
  void Poll(absl::Duration timeout) override;

  // Waits until every queued message is delivered or failed.
  absl::Status Flush(absl::Duration timeout);

  // Messages queued or in flight.
  int OutstandingMessages() const;

  // Raises a fatal client error, as a broker could (fault-injection tests).
  void InjectFatalErrorForTest();

 private:
  struct Handle;
  explicit Producer(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

// Reads one partition of a topic from an offset, outside any group.
class LogConsumer : public LogSource {
 public:
  // start_offset < 0 means the beginning of the partition.
  static absl::StatusOr<std::unique_ptr<LogConsumer>> Create(const KafkaOptions& options,
                                                             const std::string& topic,
                                                             int32_t partition,
                                                             int64_t start_offset);
  ~LogConsumer() override;

  absl::StatusOr<std::optional<LogRecord>> Poll(absl::Duration timeout) override;

  // The partition's high watermark (next offset to be written): asked of the
  // broker at creation, then updated by every fetch.
  int64_t EndOffset() const override;

 private:
  struct Handle;
  explicit LogConsumer(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

// Consumer lag per partition from a librdkafka statistics JSON document.
std::vector<PartitionLag> ParseConsumerLag(const std::string& statistics_json);

// Creates the topics that do not exist yet (name -> partitions).
absl::Status CreateTopics(const KafkaOptions& options, const std::map<std::string, int>& topics,
                          absl::Duration timeout);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_KAFKA_KAFKA_CLIENT_H_
