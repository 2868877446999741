// IngestWorker: the ingest loop. Raw record in -> stories (or one DLQ record)
// out, with the raw offset stored only once everything the record produced
// is acknowledged by the broker.
//
//   IngestWorker worker(options, &consumer, &producer, &normalizer, &metrics);
//   while (running) NW_RETURN_IF_ERROR(worker.RunOnce(absl::Milliseconds(100)));
//   worker.Drain(absl::Seconds(10));
//
// A record that cannot be parsed goes to the DLQ unchanged (key, value,
// timestamp, headers; dead_letter.h) plus `x-newswire-*` headers saying where
// it came from and why; the next record is processed. A record the source
// could not read at all (RawRecord::unreadable) is not normalized: its DLQ
// record (kind "unreadable", stage "consume") holds where it was and why.
//
// Errors mean what the error policy says (common/error_policy.h; the table
// is in docs/delivery.md): a consumer error stops ingest, a normalize error
// dead-letters its record with the DlqReason the error carries, an offset
// store error stops ingest unless the partition was revoked meanwhile.
//
// Produce errors (classified by the sink, record_io.h):
//   - retriable ones (Unavailable, timeouts): produced again after a backoff
//     (retry_backoff, doubling up to max_retry_backoff), never dropped; the
//     raw offset waits, and no new record is read meanwhile;
//   - permanent ones (too large, invalid), or a message over
//     max_message_bytes before it is even tried: a story's raw record goes
//     to the DLQ (stage "produce"); a DLQ copy becomes a reference record
//     (the first 64 KiB, size and SHA-256); a reference (or the record of an
//     unreadable one) that still cannot be produced is a fatal error naming
//     the record (RunOnce returns it; the process stops, its offset is not
//     stored): the DLQ topic itself refuses small records, which an operator
//     must fix; looping would hide it.
//
// Not thread-safe: one thread drives RunOnce and Drain; delivery callbacks
// run inside them.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/ingest/common/error_policy.h"
#include "services/ingest/common/parallel_for.h"
#include "services/ingest/dead_letter.h"
#include "services/ingest/common/clock.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/offset_tracker.h"
#include "services/ingest/kafka/record_io.h"

namespace newswire {

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
  // A batch's records are started only while it has been normalizing for
  // less than this (on `clock`); the rest wait, in order, for the next
  // RunOnce. Each record is bounded by its CPU budget, so a run of costly
  // records cannot hold the loop (and its health beat) for 64 budgets.
  absl::Duration max_batch_time = absl::Seconds(5);
  // The producer's message.max.bytes (Producer::MaxMessageBytes): a message
  // over it (RecordWireBytes) is not tried; a DLQ copy over it is sent as a
  // reference at once.
  size_t max_message_bytes = 16 << 20;
  // A retriable produce error is retried after retry_backoff, doubled at
  // each failure of the same message up to max_retry_backoff.
  absl::Duration retry_backoff = absl::Milliseconds(100);
  absl::Duration max_retry_backoff = absl::Seconds(30);
  // The clock retry backoffs, batch and record timings and the drain and
  // revoke deadlines are measured on; null: the real clock. (The consumer
  // and producer wait on real time, inside librdkafka.)
  const Clock* clock = nullptr;
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
  enum class Kind { kStory, kDlqCopy, kDlqReference, kDlqUnreadable };
  // The DLQ kind (x-newswire-dlq-kind, the metrics' kind label).
  static const char* KindLabel(Kind kind);
  struct Outgoing {
    Kind kind = Kind::kStory;
    std::string topic, key, value;
    bool value_is_null = false;
    KafkaHeaders headers;
    absl::Time timestamp;
    OffsetTracker::Partition partition;
    int64_t raw_offset;
    // Stories and DLQ copies: the raw record, dead-lettered or referenced if
    // this message can never be produced.
    std::shared_ptr<const RawRecord> raw;
    DeadLetterInfo dead_letter;  // DLQ records: why
    int failed_attempts = 0;
    absl::Time not_before = absl::InfinitePast();  // retry backoff
  };

  // Sends what normalizing `record` gave (stories, or the record to the DLQ).
  void Handle(RawRecord record, absl::StatusOr<ParseResult> result);
  // Sends `raw` to the DLQ, as a copy or, when that cannot fit, a reference.
  // The DLQ record takes over one acknowledgement the raw record awaits.
  void SendToDlq(std::shared_ptr<const RawRecord> raw, DeadLetterInfo info);
  std::shared_ptr<Outgoing> DlqMessage(std::shared_ptr<const RawRecord> raw, DeadLetterInfo info,
                                       bool reference) const;
  // Queues `message`. False when the local queue is full (it is kept for the
  // next RunOnce); errors are handled here and in OnDelivery alike.
  bool Send(std::shared_ptr<Outgoing> message);
  // Where producing a message of this kind sits in the error policy: a
  // reference or an unreadable's record is the DLQ's last resort.
  static ErrorSite SiteOf(Kind kind);
  // What the error policy says for a failed send or delivery of `message`.
  void OnProduceError(std::shared_ptr<Outgoing> message, const absl::Status& status);
  // A story or DLQ copy that can never be produced as it is: the story's raw
  // record goes to the DLQ, a copy is sent as a reference.
  void Reject(const std::shared_ptr<Outgoing>& message, const absl::Status& status);
  // The fatal error for a last-resort DLQ record refused for good.
  absl::Status Unproducible(const Outgoing& message, const absl::Status& status);
  // A retriable failure: produced again after a backoff.
  void RetryLater(std::shared_ptr<Outgoing> message, const absl::Status& status);
  // Produces again the waiting messages that are due, until the queue is full.
  void ResendDue();
  // Resends what is due and serves deliveries for up to `timeout`.
  void Pump(absl::Duration timeout);
  void OnDelivery(const std::shared_ptr<Outgoing>& message, const absl::Status& status);
  void StoreCommittable(const OffsetTracker::Partition& partition, std::optional<int64_t> next);

  IngestOptions options_;
  const Clock* clock_;
  RawSource* source_;
  MessageSink* sink_;
  const StoryPipeline* pipeline_;
  ServiceMetrics* metrics_;
  OffsetTracker tracker_;
  ParallelFor normalize_pool_;
  // The batch being read, or between passes the records a batch cut short
  // (max_batch_time) left for the next one. A revoke drops its records of the
  // revoked partitions: nothing of them was begun, and their next owner reads
  // them from the committed offset.
  std::vector<RawRecord> batch_;
  // Messages waiting to be (re)queued: queue-full and failed deliveries.
  std::deque<std::shared_ptr<Outgoing>> retry_;
  // Raw records sent to the DLQ because a story of theirs could not be
  // produced, until their offset is stored: one DLQ record per raw record.
  std::map<OffsetTracker::Partition, std::set<int64_t>> dead_lettered_;
  // A fatal producer error: nothing more is produced or stored.
  absl::Status fatal_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_WORKER_H_
