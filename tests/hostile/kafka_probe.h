// Kafka access for the hostile suite, below what services/ingest/kafka
// offers: records with a null key or a null value (a tombstone), a chosen
// partition and compression, the offset the broker gave each record, and
// reading a partition back with its headers and null values intact.
//
//   auto producer = ProbeProducer::Create(brokers, "zstd");
//   absl::StatusOr<int64_t> offset = (*producer)->Send(topic, 0, record, absl::Seconds(30));
//   auto records = ReadPartition(brokers, topic, 0, absl::Seconds(30));
//
// Test code only. Not thread-safe; one producer per compression codec.
#ifndef NEWSWIRE_TESTS_HOSTILE_KAFKA_PROBE_H_
#define NEWSWIRE_TESTS_HOSTILE_KAFKA_PROBE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire::hostile {

struct ProbeRecord {
  int32_t partition = 0;
  int64_t offset = -1;
  std::optional<std::string> key;    // nullopt: null
  std::optional<std::string> value;  // nullopt: null
  std::vector<std::pair<std::string, std::string>> headers;

  // The FIRST header of that name, compared case-insensitively as
  // RawRecord::Header does (the project's DLQ readers use that).
  std::optional<std::string> FirstHeader(absl::string_view name) const;
};

class ProbeProducer {
 public:
  // `compression`: librdkafka's compression.type (none, gzip, lz4, zstd).
  static absl::StatusOr<std::unique_ptr<ProbeProducer>> Create(const std::string& brokers,
                                                               const std::string& compression);
  ~ProbeProducer();

  // Sends one record (its partition, offset fields are ignored) to
  // `partition` and waits for the acknowledgement; returns its offset.
  absl::StatusOr<int64_t> Send(const std::string& topic, int32_t partition,
                               const ProbeRecord& record, absl::Duration timeout);

 private:
  struct Handle;
  explicit ProbeProducer(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

// Every record of (topic, partition) from its start to its end as of the call.
absl::StatusOr<std::vector<ProbeRecord>> ReadPartition(const std::string& brokers,
                                                       const std::string& topic, int32_t partition,
                                                       absl::Duration timeout);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_HOSTILE_KAFKA_PROBE_H_
