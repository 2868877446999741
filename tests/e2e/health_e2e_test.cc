// Health tells the truth about ingest, with the real broker and the real
// ingestd: when raw records wait but none can settle (the stories and DLQ
// topics are gone and the broker creates no topics), /readyz turns 503 with
// the ingest_progress condition, /metrics satisfies the NewswireIngestStalled
// alert's expression, and readiness comes back by itself once the topics are
// there again.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/ingest/common/wait_for.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

// The series NewswireIngestStalled reads (deploy/prometheus/newswire.rules.yml),
// from one /metrics scrape: lag summed over partitions.
struct StallSeries {
  double lag = 0, in_flight = 0, last_progress = 0, stall_after = 0;
};

StallSeries ParseStallSeries(const std::string& metrics) {
  StallSeries series;
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.rfind(' ');
    double value = 0;
    if (space == absl::string_view::npos || !absl::SimpleAtod(line.substr(space + 1), &value)) {
      continue;
    }
    const absl::string_view name = line.substr(0, line.find_first_of("{ "));
    if (name == "newswire_consumer_lag") series.lag += value;
    if (name == "newswire_ingest_in_flight_records") series.in_flight = value;
    if (name == "newswire_ingest_last_progress_timestamp_seconds") series.last_progress = value;
    if (name == "newswire_ingest_stall_after_seconds") series.stall_after = value;
  }
  return series;
}

// The alert's expression for one instance, evaluated at `now`:
//   (lag > 0 or in_flight > 0) and time() - last_progress > stall_after
bool AlertExpressionHolds(const StallSeries& s, absl::Time now) {
  const double waiting = s.lag > 0 ? s.lag : s.in_flight;
  return waiting > 0 && absl::ToDoubleSeconds(now - absl::UnixEpoch()) - s.last_progress >
                            s.stall_after;
}

// Polls GET `path` until its status is `want` (or `timeout`); returns the
// last body.
std::string WaitForStatus(int port, const std::string& path, int want, absl::Duration timeout,
                          int* status) {
  std::string body;
  WaitFor(
      [&] {
        *status = HttpGet(port, path, &body);
        return *status == want;
      },
      timeout, absl::Milliseconds(200));
  return body;
}

using HealthE2eTest = E2eFixture;

TEST_F(HealthE2eTest, StalledIngestFailsReadinessAndMeetsTheAlertThenRecovers) {
  const char* script = std::getenv("NEWSWIRE_KAFKA_SCRIPT");
  if (script == nullptr) {
    if (BrokerRequired()) FAIL() << "NEWSWIRE_KAFKA_SCRIPT is not set";
    GTEST_SKIP() << "NEWSWIRE_KAFKA_SCRIPT not set: cannot delete topics";
  }
  // Ingest alone: the view would read the recreated stories log from its
  // start. The short metadata refresh lets the producer see the topics come
  // back within seconds.
  StartIngestd(0, {"--role=ingest", "--ingest_stall_after=3s",
                   "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000,"
                   "topic.metadata.refresh.interval.ms=1000"});
  const int port = instance().ops_port;
  PublishSynthetic("before", 5);
  int status = 0;
  std::string body;
  WaitFor(
      [&] {
        return Metrics().find("newswire_raw_records_total 5") != std::string::npos &&
               ParseStallSeries(Metrics()).in_flight == 0;
      },
      absl::Seconds(60), absl::Milliseconds(200));
  ASSERT_EQ(ParseStallSeries(Metrics()).in_flight, 0) << "the first records never settled";
  EXPECT_EQ(HttpGet(port, "/readyz", &body), 200) << body;

  // Both topics ingest writes to are deleted; the broker does not create
  // topics, so nothing raw can settle any more.
  const std::string remove =
      absl::StrCat(script, " run-class org.apache.kafka.tools.TopicCommand --bootstrap-server ",
                   kafka_.brokers, " --delete --topic '", stories_topic_, "|", dlq_topic_,
                   "' >", work_dir_, "/delete-topics.log 2>&1");
  ASSERT_EQ(std::system(remove.c_str()), 0) << "see " << work_dir_ << "/delete-topics.log";
  const absl::Time stall_started = absl::Now();
  PublishSynthetic("during", 5);

  body = WaitForStatus(port, "/readyz", 503, absl::Seconds(90), &status);
  ASSERT_EQ(status, 503) << body;
  std::printf("stalled: /readyz %d after %.1f s:\n%s", status,
              absl::ToDoubleSeconds(absl::Now() - stall_started), body.c_str());
  EXPECT_NE(body.find("condition ingest_progress: NOT READY: no record settled for"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("records waiting"), std::string::npos) << body;
  EXPECT_NE(body.find("condition group_joined: ok"), std::string::npos) << body;
  EXPECT_EQ(HttpGet(port, "/healthz", &body), 200) << "the loop is alive, only stuck: " << body;

  StallSeries stalled = ParseStallSeries(Metrics());
  std::printf("stalled series: lag %.0f, in flight %.0f, last progress %.0f s ago, stall after %.0f s\n",
              stalled.lag, stalled.in_flight,
              absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()) - stalled.last_progress,
              stalled.stall_after);
  EXPECT_EQ(stalled.stall_after, 3);
  EXPECT_TRUE(AlertExpressionHolds(stalled, absl::Now()));

  // The topics come back: the waiting records settle and readiness returns
  // by itself.
  ASSERT_TRUE(CreateTopics(kafka_, {{stories_topic_, 1}, {dlq_topic_, 1}}, absl::Seconds(30)).ok());
  const absl::Time recreated = absl::Now();
  body = WaitForStatus(port, "/readyz", 200, absl::Seconds(120), &status);
  ASSERT_EQ(status, 200) << body;
  std::printf("recovered: /readyz 200 %.1f s after the topics came back\n",
              absl::ToDoubleSeconds(absl::Now() - recreated));
  WaitFor([&] { return ParseStallSeries(Metrics()).in_flight == 0; }, absl::Seconds(60),
          absl::Milliseconds(200));
  const StallSeries recovered = ParseStallSeries(Metrics());
  EXPECT_EQ(recovered.in_flight, 0);
  EXPECT_FALSE(AlertExpressionHolds(recovered, absl::Now()));
  EXPECT_NE(Metrics().find("newswire_raw_records_total 10"), std::string::npos);
}

// Readiness of the ingest role means the consumer joined its group: an
// assignment, even an empty one for a replica beyond the partition count
// (which must not be held unready, and restarted, for ever).
TEST_F(HealthE2eTest, IngestIsReadyOnceInTheGroupEvenWithNoPartition) {
  const std::string one_partition = UniqueName("e2e.raw1");
  ASSERT_TRUE(CreateTopics(kafka_, {{one_partition, 1}}, absl::Seconds(30)).ok());
  const std::vector<std::string> flags = {"--role=ingest",
                                          absl::StrCat("--raw_topic=", one_partition)};
  StartIngestd(0, flags);
  std::string body;
  ASSERT_EQ(HttpGet(instance(0).ops_port, "/readyz", &body), 200) << body;
  EXPECT_NE(body.find("condition group_joined: ok"), std::string::npos) << body;
  StartIngestd(1, flags);
  ASSERT_EQ(HttpGet(instance(1).ops_port, "/readyz", &body), 200) << body;
  EXPECT_NE(body.find("condition group_joined: ok"), std::string::npos) << body;
}

}  // namespace
}  // namespace newswire::e2e
