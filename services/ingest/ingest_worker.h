// IngestWorker: the ingest loop. Raw record in -> stories (or one DLQ record)
// out, with the raw offset stored only once everything the record produced
// is acknowledged by the broker.
//
//   IngestWorker worker(options, &consumer, &producer, &normalizer, &metrics);
//   while (running) NW_RETURN_IF_ERROR(worker.RunOnce(absl::Milliseconds(100)));
//   worker.Drain(absl::Seconds(10));
//
// A record that cannot be parsed goes to the DLQ unchanged (key, value,
// timestamp, headers) plus `x-newswire-*` headers saying where it came from
// and why; the next record is processed. A failed delivery is produced
// again, never dropped, and its raw offset waits for it.
//
// Not thread-safe: one thread drives RunOnce and Drain; delivery callbacks
// run inside them.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_

#include <deque>
#include <memory>
#include <vector>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/ingest/common/parallel_for.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/offset_tracker.h"
#include "services/ingest/source/record_io.h"

namespace newswire {

// DLQ header names.
inline constexpr char kDlqOriginTopic[] = "x-newswire-origin-topic";
inline constexpr char kDlqOriginPartition[] = "x-newswire-origin-partition";
inline constexpr char kDlqOriginOffset[] = "x-newswire-origin-offset";
inline constexpr char kDlqStage[] = "x-newswire-stage";
inline constexpr char kDlqReason[] = "x-newswire-error";
inline constexpr char kDlqVersion[] = "x-newswire-version";

struct IngestOptions {
  std::string stories_topic = "newswire.stories";
  std::string dlq_topic = "newswire.dlq";
  std::string service_version = "dev";
  // Stop reading raw records while this many await acknowledgement.
  int max_in_flight_records = 5000;
  // How long a revoke may wait for in-flight records of its partitions.
  absl::Duration revoke_drain_timeout = absl::Seconds(10);
  // Records normalized at once, each on its own thread (the caller's
  // included): parsing is most of ingest's CPU.
  int normalize_threads = 2;
  // Raw records read and normalized per RunOnce, at most.
  int max_batch_records = 64;
};

class IngestWorker : public RebalanceListener {
 public:
  IngestWorker(IngestOptions options, RawSource* source, MessageSink* sink,
               const StoryPipeline* pipeline, ServiceMetrics* metrics);

  // Serves delivery callbacks and retries, then reads a batch of raw records
  // (waiting up to `poll_timeout` for the first, not at all for the rest),
  // normalizes them in parallel and sends their stories in record order.
  // Errors are fatal (a fatal client error): after one, no offset is stored
  // any more.
  absl::Status RunOnce(absl::Duration poll_timeout);

  // Waits up to `timeout` for every in-flight record to be acknowledged (and
  // its offset stored). Returns the number still in flight.
  int64_t Drain(absl::Duration timeout);

  int64_t InFlight() const { return tracker_.InFlight(); }

  // RebalanceListener (called from inside RawSource::Poll, on this thread).
  // Revoked partitions are drained first, so their settled offsets are
  // stored before they go; lost ones are forgotten at once.
  void OnAssigned(const std::vector<TopicPartition>& partitions) override;
  void OnRevoked(const std::vector<TopicPartition>& partitions, bool lost) override;

 private:
  struct Outgoing {
    std::string topic, key, value;
    KafkaHeaders headers;
    absl::Time timestamp;
    OffsetTracker::Partition partition;
    int64_t raw_offset;
  };

  // Sends what normalizing `record` gave (stories, or the record to the DLQ).
  void Handle(const RawRecord& record, absl::StatusOr<ParseResult> result);
  void SendToDlq(const RawRecord& record, absl::string_view stage, absl::string_view reason);
  // Queues `message`, or keeps it for the next RunOnce when the queue is full.
  void Send(std::shared_ptr<Outgoing> message);
  // Requeues waiting messages and serves deliveries for up to `timeout`.
  void Pump(absl::Duration timeout);
  void OnDelivery(const std::shared_ptr<Outgoing>& message, const absl::Status& status);
  void StoreCommittable(const OffsetTracker::Partition& partition, std::optional<int64_t> next);

  IngestOptions options_;
  RawSource* source_;
  MessageSink* sink_;
  const StoryPipeline* pipeline_;
  ServiceMetrics* metrics_;
  OffsetTracker tracker_;
  ParallelFor normalize_pool_;
  // The batch being read. A revoke drops its records of the revoked
  // partitions: nothing of them was begun, and their next owner reads them
  // from the committed offset.
  std::vector<RawRecord> batch_;
  // Messages waiting to be (re)queued: queue-full and failed deliveries.
  std::deque<std::shared_ptr<Outgoing>> retry_;
  // A fatal producer error: nothing more is produced or stored.
  absl::Status fatal_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_
