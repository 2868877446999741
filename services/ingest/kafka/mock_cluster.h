// MockCluster: librdkafka's built-in mock cluster, for fault-injection tests
// only (the end-to-end suite uses a real broker). Lives beside
// kafka_client.cc because it includes librdkafka.
//
//   auto cluster = MockCluster::Create(3);
//   KafkaOptions kafka{.brokers = (*cluster)->bootstraps()};
//   (*cluster)->SetBrokerDown(1, true);
#ifndef NEWSWIRE_SERVICES_INGEST_KAFKA_MOCK_CLUSTER_H_
#define NEWSWIRE_SERVICES_INGEST_KAFKA_MOCK_CLUSTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace newswire {

class MockCluster {
 public:
  // Kafka protocol API keys used for error injection.
  static constexpr int16_t kProduce = 0;
  static constexpr int16_t kOffsetCommit = 8;
  static constexpr int16_t kFindCoordinator = 10;
  static constexpr int16_t kHeartbeat = 12;

  static absl::StatusOr<std::unique_ptr<MockCluster>> Create(int brokers);
  ~MockCluster();

  const std::string& bootstraps() const { return bootstraps_; }
  absl::Status CreateTopic(const std::string& topic, int partitions);

  // The next `errors.size()` requests of `api_key` (to any broker) fail with
  // these librdkafka error codes, in order.
  void PushRequestErrors(int16_t api_key, const std::vector<int>& errors);
  // Transport failures: the next `count` requests of `api_key` to broker
  // `broker_id` fail as if the connection dropped, each after `rtt`.
  void PushTransportErrors(int broker_id, int16_t api_key, int count, absl::Duration rtt);
  void SetBrokerDown(int broker_id, bool down);
  void SetBrokerRtt(int broker_id, absl::Duration rtt);
  // Makes `broker_id` the coordinator of consumer group `group`.
  void SetGroupCoordinator(const std::string& group, int broker_id);

  // Error codes for PushRequestErrors.
  static int ErrRequestTimedOut();
  static int ErrNotCoordinator();
  static int ErrCoordinatorNotAvailable();

 private:
  struct Handle;
  explicit MockCluster(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
  std::string bootstraps_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_KAFKA_MOCK_CLUSTER_H_
