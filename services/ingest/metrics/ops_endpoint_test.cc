#include "services/ingest/metrics/ops_endpoint.h"

#include <memory>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/ingest/common/fake_clock.h"
#include "services/ingest/metrics/health.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/metrics/test_http_client.h"

namespace newswire::ingest::metrics {
namespace {

using ::newswire::ingest::metrics::http_test::Fetch;
using ::newswire::ingest::metrics::http_test::TestResponse;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class OpsEndpointTest : public ::testing::Test {
 protected:
  OpsEndpointTest()
      : registry_(std::make_shared<prometheus::Registry>()),
        health_(&clock_, absl::Seconds(30)) {}

  void SetUp() override {
    absl::StatusOr<std::unique_ptr<OpsEndpoint>> ops =
        OpsEndpoint::Create(HttpServer::Options(), registry_, &health_);
    ASSERT_TRUE(ops.ok()) << ops.status();
    ops_ = *std::move(ops);
  }

  TestResponse Get(const std::string& target) {
    absl::StatusOr<TestResponse> response = Fetch(ops_->port(), target);
    EXPECT_TRUE(response.ok()) << target << ": " << response.status();
    return response.ok() ? *std::move(response) : TestResponse{};
  }

  FakeClock clock_;
  std::shared_ptr<prometheus::Registry> registry_;
  Health health_;
  std::unique_ptr<OpsEndpoint> ops_;
};

TEST_F(OpsEndpointTest, MetricsExposeRegisteredCounters) {
  prometheus::Counter& consumed =
      prometheus::BuildCounter()
          .Name("newswire_ingest_records_total")
          .Help("Records consumed from Kafka.")
          .Register(*registry_)
          .Add({{"topic", "wire"}});
  consumed.Increment(3);

  TestResponse response = Get("/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(response.body,
              HasSubstr("# TYPE newswire_ingest_records_total counter"));
  EXPECT_THAT(response.body,
              HasSubstr("newswire_ingest_records_total{topic=\"wire\"} 3"));

  // Scrapes see live values, not a snapshot taken at Create().
  consumed.Increment();
  prometheus::BuildGauge()
      .Name("newswire_ingest_lag")
      .Help("Consumer lag.")
      .Register(*registry_)
      .Add({})
      .Set(7);
  response = Get("/metrics");
  EXPECT_THAT(response.body,
              HasSubstr("newswire_ingest_records_total{topic=\"wire\"} 4"));
  EXPECT_THAT(response.body, HasSubstr("newswire_ingest_lag 7"));
}

TEST_F(OpsEndpointTest, HealthzFailsWhenALoopStalls) {
  health_.RegisterLoop("kafka_poll");
  TestResponse response = Get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, StartsWith("ok\n"));
  EXPECT_THAT(response.body, HasSubstr("kafka_poll"));

  clock_.Advance(absl::Seconds(31));
  response = Get("/healthz");
  EXPECT_EQ(response.status, 503);
  EXPECT_THAT(response.body, StartsWith("unhealthy\n"));
  EXPECT_THAT(response.body, HasSubstr("kafka_poll: STALLED"));

  health_.Beat("kafka_poll");
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(OpsEndpointTest, ReadyzFollowsConditions) {
  TestResponse response = Get("/readyz");
  EXPECT_EQ(response.status, 503) << "no conditions registered yet";

  health_.SetReady("store_open", true);
  health_.SetReady("caught_up", true);
  response = Get("/readyz");
  EXPECT_EQ(response.status, 200);
  EXPECT_THAT(response.body, StartsWith("ok\n"));

  health_.SetReady("caught_up", false);
  response = Get("/readyz");
  EXPECT_EQ(response.status, 503);
  EXPECT_THAT(response.body, StartsWith("not ready\n"));
  EXPECT_THAT(response.body, HasSubstr("caught_up: NOT READY"));
}

TEST_F(OpsEndpointTest, UnknownPathsAre404AndHeadHasNoBody) {
  EXPECT_EQ(Get("/").status, 404);
  EXPECT_EQ(Get("/metrics/extra").status, 404);
  EXPECT_EQ(Get("/healthz?verbose=1").status, 200);

  absl::StatusOr<TestResponse> head = Fetch(ops_->port(), "/metrics", "HEAD");
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->status, 200);
  EXPECT_THAT(head->body, IsEmpty());
}

TEST_F(OpsEndpointTest, ShutdownIsIdempotentAndStopsServing) {
  const int port = ops_->port();
  ops_->Shutdown();
  ops_->Shutdown();
  EXPECT_FALSE(Fetch(port, "/healthz").ok());
}

// Fills a ServiceMetrics with label values of the size a busy deployment
// reaches, so /metrics costs what it would in production.
void PopulateLikeProduction(ServiceMetrics& metrics) {
  for (const char* format : {"ninjs", "nitf", "newsml_g2", "rss", "atom",
                             "plain_text"}) {
    metrics.StoriesProduced(format).Increment(1000);
  }
  for (DlqReason reason : kAllDlqReasons) metrics.DlqRecords(reason).Increment();
  for (int partition = 0; partition < 32; ++partition) {
    metrics.ConsumerLag("wire.raw", partition).Set(partition);
  }
  for (int agency = 0; agency < 200; ++agency) {
    metrics.StoriesByAgency(absl::StrCat("agency-", agency)).Increment();
  }
  for (int section = 0; section < 40; ++section) {
    metrics.StoriesBySection(absl::StrCat("section-", section)).Increment();
  }
  for (int i = 0; i < 1000; ++i) {
    metrics.normalize_seconds().Observe(i * 1e-5);
    metrics.fold_seconds().Observe(i * 1e-5);
    metrics.end_to_end_seconds().Observe(i * 1e-3);
  }
}

// Not a benchmark: prints what scrapes and probes cost, unloaded and while
// 500 idle and 8 slow-loris clients are held open, and asserts only that
// each is answered well within the liveness probe's 5 s.
TEST(OpsEndpointLoadTest, ScrapesAndProbesWhileIdleAndSlowClientsHold) {
  constexpr int kIdle = 500;
  constexpr int kSlow = 8;
  constexpr int kRequests = 8;
  ServiceMetrics metrics;
  PopulateLikeProduction(metrics);
  FakeClock clock;
  Health health(&clock, absl::Seconds(30));
  health.RegisterLoop("kafka_poll");
  // The server holds every connection for the whole test (by default idle
  // ones would be closed after 2 s and the others at the cap): the most
  // connections its poll loop ever has to walk.
  HttpServer::Options options;
  options.max_connections = 1000;
  options.idle_timeout = absl::Minutes(10);
  options.read_timeout = absl::Minutes(10);
  absl::StatusOr<std::unique_ptr<OpsEndpoint>> ops =
      OpsEndpoint::Create(options, metrics.exposition(), &health);
  ASSERT_TRUE(ops.ok()) << ops.status();
  const int port = (*ops)->port();

  std::vector<http_test::FetchSeries> series;
  series.push_back(http_test::FetchRepeatedly(
      port, "/metrics", kRequests, absl::Milliseconds(50), "unloaded"));

  absl::StatusOr<http_test::HeldLoad> load =
      http_test::HoldLoad(port, kIdle, kSlow, options.max_connections);
  if (absl::IsFailedPrecondition(load.status())) GTEST_SKIP() << load.status();
  ASSERT_TRUE(load.ok()) << load.status();
  // What holding the load costs when nobody scrapes: the slow clients wake
  // the server once a second each.
  const absl::Duration cpu_before = http_test::ProcessCpuTime();
  absl::SleepFor(absl::Seconds(2));
  std::cerr << "loaded, no requests: CPU "
            << absl::ToDoubleMilliseconds(http_test::ProcessCpuTime() -
                                          cpu_before)
            << " ms over 2 s\n";

  const std::string label =
      absl::StrCat(kIdle, " idle + ", kSlow, " slow-loris clients");
  series.push_back(http_test::FetchRepeatedly(
      port, "/metrics", kRequests, absl::Milliseconds(250), label));
  series.push_back(http_test::FetchRepeatedly(
      port, "/healthz", kRequests, absl::Milliseconds(250), label));
  for (const http_test::FetchSeries& one : series) {
    for (const http_test::TimedResponse& fetch : one.fetches) {
      ASSERT_TRUE(fetch.response.ok()) << fetch.response.status();
      EXPECT_EQ(fetch.response->status, 200);
      EXPECT_LT(fetch.latency, absl::Seconds(5));
    }
  }
  EXPECT_THAT(series[1].fetches.back().response->body,
              HasSubstr("newswire_stories_produced_by_agency_total{agency=\"agency-199\"} 1"));
}

TEST(OpsEndpointCreateTest, RejectsNullArguments) {
  FakeClock clock;
  Health health(&clock, absl::Seconds(1));
  EXPECT_EQ(OpsEndpoint::Create({}, nullptr, &health).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OpsEndpoint::Create({}, std::make_shared<prometheus::Registry>(),
                                nullptr)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newswire::ingest::metrics
