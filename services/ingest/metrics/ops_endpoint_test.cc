#include "services/ingest/metrics/ops_endpoint.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/ingest/metrics/fake_clock.h"
#include "services/ingest/metrics/health.h"
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
