// ServiceMetrics: every Prometheus metric newswire exports, in one registry.
//
// Created once by the server and handed (as a pointer) to each stage; the
// prometheus-cpp metric objects are thread-safe. Names carry the `newswire_`
// prefix; label values are bounded (reasons, kinds, formats, sections).
#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_SERVICE_METRICS_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_SERVICE_METRICS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/ingest/common/dlq_reason.h"

namespace newswire {

class ServiceMetrics {
 public:
  ServiceMetrics();

  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  // What /metrics serves: the registry plus process_* metrics.
  std::shared_ptr<prometheus::Collectable> exposition() const;

  // ---- ingest ----
  prometheus::Counter& raw_records() { return raw_records_; }
  prometheus::Counter& StoriesProduced(absl::string_view format);
  // DLQ records the broker acknowledged, by reason (DlqReasonLabel) and, in
  // a family of its own, by kind ("copy", "reference" or "unreadable").
  prometheus::Counter& DlqRecords(DlqReason reason);
  prometheus::Counter& DlqRecordsByKind(absl::string_view kind);
  // Messages that can never be produced as they are (too large, invalid):
  // dead-lettered or sent as references instead.
  prometheus::Counter& produce_rejected() { return produce_rejected_; }
  // Reference records the DLQ refused: ingest stops (a fatal error).
  prometheus::Counter& dlq_unproducible() { return dlq_unproducible_; }
  prometheus::Counter& produce_retries() { return produce_retries_; }
  prometheus::Counter& produce_failures() { return produce_failures_; }
  prometheus::Counter& records_without_story() { return records_without_story_; }
  // Batches whose later records waited for the next pass (max_batch_time).
  prometheus::Counter& batches_cut_short() { return batches_cut_short_; }
  prometheus::Gauge& ingest_in_flight() { return ingest_in_flight_; }
  // What the stalled-ingest alert compares: the last progress and the
  // configured stall time (both in seconds).
  prometheus::Gauge& ingest_last_progress() { return ingest_last_progress_; }
  prometheus::Gauge& ingest_stall_after() { return ingest_stall_after_; }
  prometheus::Histogram& normalize_seconds() { return normalize_seconds_; }
  prometheus::Counter& Rebalances(absl::string_view event);
  prometheus::Gauge& ConsumerLag(const std::string& topic, int32_t partition);
  prometheus::Counter& KafkaErrors(absl::string_view error);

  // ---- view ----
  prometheus::Counter& ViewRecords(absl::string_view decision);
  prometheus::Counter& EventsByKind(absl::string_view kind);
  prometheus::Counter& view_errors() { return view_errors_; }
  prometheus::Gauge& applied_offset() { return applied_offset_; }
  prometheus::Gauge& log_end_offset() { return log_end_offset_; }
  // The near-duplicate index: stories in its window, and its memory.
  prometheus::Gauge& dedup_index_stories() { return dedup_index_stories_; }
  prometheus::Gauge& dedup_index_bytes() { return dedup_index_bytes_; }
  prometheus::Counter& dedup_lookups() { return dedup_lookups_; }
  prometheus::Counter& dedup_candidates() { return dedup_candidates_; }
  prometheus::Histogram& fold_seconds() { return fold_seconds_; }

  prometheus::Counter& StoriesByAgency(absl::string_view agency);
  prometheus::Counter& StoriesBySection(absl::string_view section);

  // ---- serve ----
  prometheus::Gauge& subscribers() { return subscribers_; }
  prometheus::Gauge& subscribers_reading_store() { return subscribers_reading_store_; }
  prometheus::Counter& subscribers_refused() { return subscribers_refused_; }
  prometheus::Counter& events_sent() { return events_sent_; }
  prometheus::Histogram& end_to_end_seconds() { return end_to_end_seconds_; }
  // Records the end-to-end latencies of one written batch in one step: a
  // hundred subscribers observing event by event contend on the histogram's
  // lock.
  void ObserveEndToEnd(const std::vector<double>& seconds);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& stories_produced_family_;
  prometheus::Family<prometheus::Counter>& dlq_family_;
  prometheus::Family<prometheus::Counter>& dlq_kind_family_;
  prometheus::Family<prometheus::Counter>& view_records_family_;
  prometheus::Family<prometheus::Counter>& events_family_;
  prometheus::Family<prometheus::Counter>& rebalances_family_;
  prometheus::Family<prometheus::Gauge>& lag_family_;
  prometheus::Family<prometheus::Counter>& kafka_errors_family_;
  prometheus::Family<prometheus::Counter>& agency_family_;
  prometheus::Family<prometheus::Counter>& section_family_;
  prometheus::Counter& raw_records_;
  prometheus::Counter& produce_retries_;
  prometheus::Counter& produce_failures_;
  prometheus::Counter& produce_rejected_;
  prometheus::Counter& dlq_unproducible_;
  prometheus::Counter& records_without_story_;
  prometheus::Counter& batches_cut_short_;
  prometheus::Gauge& ingest_in_flight_;
  prometheus::Gauge& ingest_last_progress_;
  prometheus::Gauge& ingest_stall_after_;
  prometheus::Histogram& normalize_seconds_;
  prometheus::Counter& view_errors_;
  prometheus::Gauge& applied_offset_;
  prometheus::Gauge& log_end_offset_;
  prometheus::Gauge& dedup_index_stories_;
  prometheus::Gauge& dedup_index_bytes_;
  prometheus::Counter& dedup_lookups_;
  prometheus::Counter& dedup_candidates_;
  prometheus::Histogram& fold_seconds_;
  prometheus::Gauge& subscribers_;
  prometheus::Gauge& subscribers_reading_store_;
  prometheus::Counter& subscribers_refused_;
  prometheus::Counter& events_sent_;
  prometheus::Histogram& end_to_end_seconds_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_SERVICE_METRICS_H_
