#include "services/ingest/metrics/service_metrics.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire {
namespace {

// A batch recorded in one step reads exactly as the same values observed one
// by one, bound values included (buckets are "less or equal").
TEST(ServiceMetricsTest, EndToEndBatchEqualsOneByOne) {
  const std::vector<double> latencies = {0.0004, 0.001, 0.0011, 0.05, 0.07, 0.1,
                                         2.5,    9.0,   30.0,   599,  601,  1e6};
  ServiceMetrics batched, one_by_one;
  batched.ObserveEndToEnd(latencies);
  batched.ObserveEndToEnd({});
  for (double value : latencies) one_by_one.end_to_end_seconds().Observe(value);

  const prometheus::ClientMetric::Histogram a = batched.end_to_end_seconds().Collect().histogram;
  const prometheus::ClientMetric::Histogram b = one_by_one.end_to_end_seconds().Collect().histogram;
  EXPECT_EQ(a.sample_count, latencies.size());
  EXPECT_EQ(a.sample_count, b.sample_count);
  EXPECT_DOUBLE_EQ(a.sample_sum, b.sample_sum);
  ASSERT_EQ(a.bucket.size(), b.bucket.size());
  for (size_t i = 0; i < a.bucket.size(); ++i) {
    EXPECT_EQ(a.bucket[i].cumulative_count, b.bucket[i].cumulative_count)
        << "bucket le=" << a.bucket[i].upper_bound;
  }
  EXPECT_EQ(a.bucket[0].cumulative_count, 2u);  // 0.0004 and 0.001 (le 0.001)
}

// The DLQ is counted by reason and, in a family of its own, by kind; the
// reason family keeps its one label (the alert rules sum it by reason).
TEST(ServiceMetricsTest, DlqRecordsByReasonAndByKind) {
  ServiceMetrics metrics;
  metrics.DlqRecords(DlqReason::kTooCostly).Increment();
  metrics.DlqRecordsByKind("reference").Increment(2);
  metrics.produce_rejected().Increment();
  metrics.dlq_unproducible().Increment();
  std::map<std::string, std::vector<std::string>> labels;  // family -> "name=value:count"
  for (const prometheus::MetricFamily& family : metrics.registry()->Collect()) {
    for (const prometheus::ClientMetric& metric : family.metric) {
      std::string text;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        text += label.name + "=" + label.value;
      }
      labels[family.name].push_back(text + ":" + std::to_string(static_cast<int>(metric.counter.value)));
    }
  }
  EXPECT_EQ(labels["newswire_dlq_records_total"], std::vector<std::string>{"reason=too_costly:1"});
  EXPECT_EQ(labels["newswire_dlq_records_by_kind_total"], std::vector<std::string>{"kind=reference:2"});
  EXPECT_EQ(labels["newswire_produce_rejected_total"], std::vector<std::string>{":1"});
  EXPECT_EQ(labels["newswire_dlq_unproducible_total"], std::vector<std::string>{":1"});
}

}  // namespace
}  // namespace newswire
