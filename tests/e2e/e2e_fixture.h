// E2eFixture: what every end-to-end test does with the real broker and the
// real ingestd: topics of its own, ingestd processes it starts, stops and
// kills, a publisher, and a subscriber that reads story events back.
#ifndef NEWSWIRE_TESTS_E2E_E2E_FIXTURE_H_
#define NEWSWIRE_TESTS_E2E_E2E_FIXTURE_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/kafka/kafka_client.h"
#include "tests/e2e/broker_env.h"
#include "tests/e2e/ingestd_process.h"

namespace newswire::e2e {

struct Published {
  std::string id;        // the story id ingest gives it ("url:" + source url)
  std::string headline;  // first line
};

// One ingestd process with its own store and ports.
struct Instance {
  std::unique_ptr<IngestdProcess> process;
  std::string store;
  int grpc_port = 0;
  int ops_port = 0;
};

// The value of metric `name` in a /metrics page, summed over its labelled
// series ("name{...} v") or the one unlabelled line ("name v"); -1 when the
// page has no series of it.
double MetricValue(const std::string& metrics, const std::string& name);

class E2eFixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts (or restarts) ingestd instance `n` and waits until it is ready.
  // Extra flags are appended to the defaults.
  void StartIngestd(int n = 0, const std::vector<std::string>& extra_flags = {});
  // --group_instance_id for instance `n` (static group membership): distinct
  // per instance, the same across its restarts. Empty (no flag) when
  // NEWSWIRE_DYNAMIC_MEMBERSHIP=1, to compare with dynamic membership.
  std::vector<std::string> StaticMembershipFlags(int n = 0) const;
  Instance& instance(int n = 0) { return instances_[n]; }

  // Sends records (source url, body) and waits for every acknowledgement.
  void Publish(const std::vector<std::pair<std::string, std::string>>& url_and_text,
               const std::vector<std::pair<std::string, std::string>>& extra_headers = {});
  // Test stories from testdata/stories, [first, last) in name order.
  std::vector<Published> PublishTestStories(size_t first, size_t last);
  // `count` generated stories tagged `tag`.
  std::vector<Published> PublishSynthetic(const std::string& tag, int count);

  // Subscribes to instance `n` and reads story events until `want` arrived
  // and nothing more for `quiet`, or `timeout` passed. `batches`: with
  // SubscribeBatches rather than Subscribe.
  std::vector<v1::StoryEvent> Collect(v1::SubscribeRequest request, size_t want,
                                      absl::Duration quiet = absl::Seconds(3),
                                      absl::Duration timeout = absl::Seconds(90), int n = 0,
                                      bool batches = false);
  // Reads story events for `duration` exactly (or until the server goes).
  std::vector<v1::StoryEvent> CollectFor(v1::SubscribeRequest request, absl::Duration duration,
                                         int n = 0);

  // Each published story arrived exactly once, with its headline; nothing
  // else arrived; cursors grow.
  void ExpectExactlyOnce(const std::vector<v1::StoryEvent>& events,
                         const std::vector<Published>& published);

  // GET on instance n's ops port.
  std::string Metrics(int n = 0);

  KafkaOptions kafka_;
  std::string raw_topic_, stories_topic_, dlq_topic_, group_, work_dir_;
  std::unique_ptr<Producer> producer_;
  std::map<int, Instance> instances_;
};

}  // namespace newswire::e2e

#endif  // NEWSWIRE_TESTS_E2E_E2E_FIXTURE_H_
