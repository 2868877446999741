// The two ends the ingest loop talks to, as interfaces, so that the loop is
// testable without a broker (fakes in tests, Kafka clients in production).
#ifndef NEWSWIRE_SERVICES_INGEST_KAFKA_RECORD_IO_H_
#define NEWSWIRE_SERVICES_INGEST_KAFKA_RECORD_IO_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/ingest/common/log_record.h"
#include "services/ingest/common/raw_record.h"

namespace newswire {

using KafkaHeaders = std::vector<std::pair<std::string, std::string>>;

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
};

// Told about partition assignment changes, from inside RawSource::Poll.
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  virtual void OnAssigned(const std::vector<TopicPartition>& partitions) = 0;
  // `lost`: the partitions were taken away (session timed out) rather than
  // handed over; their offsets must not be stored any more.
  virtual void OnRevoked(const std::vector<TopicPartition>& partitions, bool lost) = 0;
};

// Where raw records come from.
class RawSource {
 public:
  virtual ~RawSource() = default;
  // The next record, or nullopt when none arrived within `timeout`. A record
  // the source cannot read at all comes back once with `unreadable` set (the
  // reason) and nothing else but its position; the source reads on after it.
  // Its offset is stored like any other's.
  virtual absl::StatusOr<std::optional<RawRecord>> Poll(absl::Duration timeout) = 0;
  // Everything before `next_offset` of (topic, partition) is settled.
  // FailedPrecondition: the partition is not ours any more (harmless: its
  // next owner re-reads); any other error stops ingest (error_policy.h).
  virtual absl::Status StoreOffset(const std::string& topic, int32_t partition,
                                   int64_t next_offset) = 0;
};

// Where stories and DLQ records go.
class MessageSink {
 public:
  using DeliveryCallback = std::function<void(absl::Status)>;
  virtual ~MessageSink() = default;
  // Queues a message; ResourceExhausted when the queue is full (the callback
  // is then not called). Otherwise the callback runs once, from Poll(). An
  // empty key is sent as a null key.
  //
  // Errors, returned here or given to the callback, say whether trying again
  // can help:
  //   OutOfRange          the message is too large for the producer or the
  //                       broker: it never fits;
  //   InvalidArgument,    the client or the broker refuses this message for
  //   FailedPrecondition  good (invalid record, invalid timestamp);
  //   Internal            a fatal client error: nothing more can be produced;
  //   ResourceExhausted   the local queue is full (poll and try again);
  //   anything else       (Unavailable) may succeed later.
  virtual absl::Status Produce(const std::string& topic, const std::string& key,
                               const std::string& value, const KafkaHeaders& headers,
                               absl::Time timestamp, DeliveryCallback on_delivery) = 0;
  // As Produce, with a null value: a Kafka tombstone.
  virtual absl::Status ProduceTombstone(const std::string& topic, const std::string& key,
                                        const KafkaHeaders& headers, absl::Time timestamp,
                                        DeliveryCallback on_delivery) = 0;
  // Runs delivery callbacks for up to `timeout`.
  virtual void Poll(absl::Duration timeout) = 0;
};

// Where the view reads the stories log from.
class LogSource {
 public:
  virtual ~LogSource() = default;
  // The next log record, or nullopt when none arrived within `timeout`.
  virtual absl::StatusOr<std::optional<LogRecord>> Poll(absl::Duration timeout) = 0;
  // Offset the next record written to the log will get (-1 while unknown).
  virtual int64_t EndOffset() const = 0;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_KAFKA_RECORD_IO_H_
