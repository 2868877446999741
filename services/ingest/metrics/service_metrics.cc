#include "services/ingest/metrics/service_metrics.h"

#include <algorithm>

#include "services/ingest/metrics/process_collector.h"

namespace newswire {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;
using prometheus::Histogram;

// Stage latencies: 10 us .. 10 s.
Histogram::BucketBoundaries StageBuckets() {
  return {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10};
}

// End-to-end latency: 1 ms .. 10 min.
Histogram::BucketBoundaries EndToEndBuckets() {
  return {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600};
}

prometheus::Counter& Counter(prometheus::Registry& registry, const std::string& name,
                             const std::string& help) {
  return BuildCounter().Name(name).Help(help).Register(registry).Add({});
}

prometheus::Gauge& Gauge(prometheus::Registry& registry, const std::string& name,
                         const std::string& help) {
  return BuildGauge().Name(name).Help(help).Register(registry).Add({});
}

}  // namespace

ServiceMetrics::ServiceMetrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      stories_produced_family_(BuildCounter()
                                   .Name("newswire_stories_produced_total")
                                   .Help("Stories written to the stories log, by source format")
                                   .Register(*registry_)),
      dlq_family_(BuildCounter()
                      .Name("newswire_dlq_records_total")
                      .Help("Raw records the dead-letter topic acknowledged, by reason")
                      .Register(*registry_)),
      dlq_kind_family_(BuildCounter()
                           .Name("newswire_dlq_records_by_kind_total")
                           .Help("Raw records the dead-letter topic acknowledged, by kind (copy: "
                                 "the whole record; reference: its first 64 KiB, size and sha256; "
                                 "unreadable: where a record the consumer could not read was, "
                                 "and why)")
                           .Register(*registry_)),
      view_records_family_(BuildCounter()
                               .Name("newswire_view_records_total")
                               .Help("Stories-log records folded by the view, by decision")
                               .Register(*registry_)),
      events_family_(BuildCounter()
                         .Name("newswire_stories_out_total")
                         .Help("Events the view made servable, by kind")
                         .Register(*registry_)),
      rebalances_family_(BuildCounter()
                             .Name("newswire_rebalances_total")
                             .Help("Consumer-group partition changes, by event (assigned, revoked, lost)")
                             .Register(*registry_)),
      lag_family_(BuildGauge()
                      .Name("newswire_consumer_lag")
                      .Help("Raw records not yet consumed, per partition (librdkafka statistics)")
                      .Register(*registry_)),
      kafka_errors_family_(BuildCounter()
                               .Name("newswire_kafka_errors_total")
                               .Help("Kafka client errors (broker down, transport), by error name")
                               .Register(*registry_)),
      agency_family_(BuildCounter()
                         .Name("newswire_stories_produced_by_agency_total")
                         .Help("Stories written to the stories log, by agency (\"none\" when uncredited)")
                         .Register(*registry_)),
      section_family_(BuildCounter()
                          .Name("newswire_stories_by_section_total")
                          .Help("Stories written to the stories log, by IPTC Media Topic section")
                          .Register(*registry_)),
      raw_records_(Counter(*registry_, "newswire_raw_records_total", "Raw records consumed")),
      produce_retries_(Counter(*registry_, "newswire_produce_retries_total",
                               "Messages produced again after a failed delivery")),
      produce_failures_(Counter(*registry_, "newswire_produce_failures_total",
                                "Failed deliveries (each is retried)")),
      produce_rejected_(Counter(*registry_, "newswire_produce_rejected_total",
                                "Messages refused for good (too large, invalid): dead-lettered or "
                                "sent as a DLQ reference instead")),
      dlq_unproducible_(Counter(*registry_, "newswire_dlq_unproducible_total",
                                "DLQ reference records refused for good (ingest stops)")),
      records_without_story_(Counter(*registry_, "newswire_records_without_story_total",
                                     "Raw records that hold no text story")),
      batches_cut_short_(Counter(*registry_, "newswire_ingest_batches_cut_short_total",
                                 "Batches whose later records waited for the next pass "
                                 "(normalizing took past max_batch_time)")),
      ingest_in_flight_(Gauge(*registry_, "newswire_ingest_in_flight_records",
                              "Raw records awaiting their broker acknowledgement")),
      ingest_last_progress_(Gauge(*registry_, "newswire_ingest_last_progress_timestamp_seconds",
                                  "Unix time ingest last made progress: a raw record settled "
                                  "(its offset stored) or none was waiting")),
      ingest_stall_after_(Gauge(*registry_, "newswire_ingest_stall_after_seconds",
                                "Ingest counts as stalled (not ready) when records wait and "
                                "it made no progress for this long (--ingest_stall_after)")),
      normalize_seconds_(BuildHistogram()
                             .Name("newswire_stage_seconds")
                             .Help("Time spent per record in each stage")
                             .Register(*registry_)
                             .Add({{"stage", "normalize"}}, StageBuckets())),
      view_errors_(Counter(*registry_, "newswire_view_undecodable_records_total",
                           "Stories-log records the view could not decode (skipped)")),
      applied_offset_(Gauge(*registry_, "newswire_view_applied_offset",
                            "Last stories-log offset applied to the view")),
      log_end_offset_(Gauge(*registry_, "newswire_view_log_end_offset",
                            "Stories-log high watermark seen by the view")),
      dedup_index_stories_(Gauge(*registry_, "newswire_dedup_index_stories",
                                 "Stories in the near-duplicate index's window")),
      dedup_index_bytes_(Gauge(*registry_, "newswire_dedup_index_bytes",
                               "Memory held by the near-duplicate index")),
      dedup_lookups_(Counter(*registry_, "newswire_dedup_lookups_total",
                             "Near-duplicate searches (stories long enough to be candidates)")),
      dedup_candidates_(Counter(*registry_, "newswire_dedup_candidates_total",
                                "Index entries the near-duplicate searches met (sharing an LSH band)")),
      fold_seconds_(BuildHistogram()
                        .Name("newswire_fold_seconds")
                        .Help("Time to fold and store one stories-log record")
                        .Register(*registry_)
                        .Add({}, StageBuckets())),
      subscribers_(Gauge(*registry_, "newswire_subscribers", "Subscribe streams open")),
      subscribers_reading_store_(Gauge(*registry_, "newswire_subscribers_reading_store",
                                       "Subscribe streams behind the tail, catching up from the store")),
      subscribers_refused_(Counter(*registry_, "newswire_subscribers_refused_total",
                                   "Subscribe calls refused at the subscriber limit")),
      events_sent_(Counter(*registry_, "newswire_events_sent_total",
                           "Story events sent to subscribers")),
      end_to_end_seconds_(BuildHistogram()
                              .Name("newswire_end_to_end_seconds")
                              .Help("Raw record Kafka timestamp to event sent to a subscriber")
                              .Register(*registry_)
                              .Add({}, EndToEndBuckets())) {}

void ServiceMetrics::ObserveEndToEnd(const std::vector<double>& seconds) {
  if (seconds.empty()) return;
  static const Histogram::BucketBoundaries bounds = EndToEndBuckets();
  std::vector<double> increments(bounds.size() + 1, 0.0);  // the last: +Inf
  double sum = 0;
  for (double value : seconds) {
    // As Histogram::Observe: the first bucket whose bound is >= the value.
    increments[static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), value) -
                                   bounds.begin())] += 1;
    sum += value;
  }
  end_to_end_seconds_.ObserveMultiple(increments, sum);
}

namespace {

// The registry's families followed by the process_* ones.
class Exposition : public prometheus::Collectable {
 public:
  explicit Exposition(std::shared_ptr<prometheus::Registry> registry)
      : registry_(std::move(registry)) {}
  std::vector<prometheus::MetricFamily> Collect() const override {
    std::vector<prometheus::MetricFamily> families = registry_->Collect();
    for (prometheus::MetricFamily& family : ProcessCollector().Collect()) {
      families.push_back(std::move(family));
    }
    return families;
  }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> ServiceMetrics::exposition() const {
  return std::make_shared<Exposition>(registry_);
}

prometheus::Counter& ServiceMetrics::StoriesProduced(absl::string_view format) {
  return stories_produced_family_.Add({{"format", std::string(format)}});
}

prometheus::Counter& ServiceMetrics::DlqRecords(DlqReason reason) {
  return dlq_family_.Add({{"reason", std::string(DlqReasonLabel(reason))}});
}

prometheus::Counter& ServiceMetrics::DlqRecordsByKind(absl::string_view kind) {
  return dlq_kind_family_.Add({{"kind", std::string(kind)}});
}

prometheus::Counter& ServiceMetrics::ViewRecords(absl::string_view decision) {
  return view_records_family_.Add({{"decision", std::string(decision)}});
}

prometheus::Counter& ServiceMetrics::EventsByKind(absl::string_view kind) {
  return events_family_.Add({{"kind", std::string(kind)}});
}

prometheus::Counter& ServiceMetrics::StoriesByAgency(absl::string_view agency) {
  return agency_family_.Add({{"agency", agency.empty() ? "none" : std::string(agency.substr(0, 32))}});
}

prometheus::Counter& ServiceMetrics::StoriesBySection(absl::string_view section) {
  return section_family_.Add({{"section", section.empty() ? "none" : std::string(section)}});
}

prometheus::Counter& ServiceMetrics::Rebalances(absl::string_view event) {
  return rebalances_family_.Add({{"event", std::string(event)}});
}

prometheus::Gauge& ServiceMetrics::ConsumerLag(const std::string& topic, int32_t partition) {
  return lag_family_.Add({{"topic", topic}, {"partition", std::to_string(partition)}});
}

prometheus::Counter& ServiceMetrics::KafkaErrors(absl::string_view error) {
  return kafka_errors_family_.Add({{"error", std::string(error)}});
}

}  // namespace newswire
