#include "services/ingest/kafka/mock_cluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "absl/strings/str_cat.h"

namespace newswire {

struct MockCluster::Handle {
  rd_kafka_t* rk = nullptr;  // owns the mock cluster's threads
  rd_kafka_mock_cluster_t* cluster = nullptr;
};

MockCluster::MockCluster(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {
  bootstraps_ = rd_kafka_mock_cluster_bootstraps(handle_->cluster);
}

MockCluster::~MockCluster() {
  rd_kafka_mock_cluster_destroy(handle_->cluster);
  rd_kafka_destroy(handle_->rk);
}

absl::StatusOr<std::unique_ptr<MockCluster>> MockCluster::Create(int brokers) {
  char errstr[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof(errstr));
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (rk == nullptr) return absl::InternalError(absl::StrCat("mock cluster client: ", errstr));
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (cluster == nullptr) {
    rd_kafka_destroy(rk);
    return absl::InternalError("mock cluster: creation failed");
  }
  auto handle = std::make_unique<Handle>();
  handle->rk = rk;
  handle->cluster = cluster;
  return std::unique_ptr<MockCluster>(new MockCluster(std::move(handle)));
}

absl::Status MockCluster::CreateTopic(const std::string& topic, int partitions) {
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(handle_->cluster, topic.c_str(), partitions, 1);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::InternalError(absl::StrCat("mock topic ", topic, ": ", rd_kafka_err2str(err)));
  }
  return absl::OkStatus();
}

void MockCluster::PushRequestErrors(int16_t api_key, const std::vector<int>& errors) {
  std::vector<rd_kafka_resp_err_t> codes;
  for (int e : errors) codes.push_back(static_cast<rd_kafka_resp_err_t>(e));
  rd_kafka_mock_push_request_errors_array(handle_->cluster, api_key, codes.size(), codes.data());
}

void MockCluster::PushTransportErrors(int broker_id, int16_t api_key, int count, absl::Duration rtt) {
  const int rtt_ms = static_cast<int>(absl::ToInt64Milliseconds(rtt));
  for (int i = 0; i < count; ++i) {
    rd_kafka_mock_broker_push_request_error_rtts(handle_->cluster, broker_id, api_key, 1,
                                                 RD_KAFKA_RESP_ERR__TRANSPORT, rtt_ms);
  }
}

void MockCluster::SetBrokerDown(int broker_id, bool down) {
  if (down) {
    rd_kafka_mock_broker_set_down(handle_->cluster, broker_id);
  } else {
    rd_kafka_mock_broker_set_up(handle_->cluster, broker_id);
  }
}

void MockCluster::SetBrokerRtt(int broker_id, absl::Duration rtt) {
  rd_kafka_mock_broker_set_rtt(handle_->cluster, broker_id,
                               static_cast<int>(absl::ToInt64Milliseconds(rtt)));
}

void MockCluster::SetGroupCoordinator(const std::string& group, int broker_id) {
  rd_kafka_mock_coordinator_set(handle_->cluster, "group", group.c_str(), broker_id);
}

int MockCluster::ErrRequestTimedOut() { return RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT; }
int MockCluster::ErrNotCoordinator() { return RD_KAFKA_RESP_ERR_NOT_COORDINATOR; }
int MockCluster::ErrCoordinatorNotAvailable() { return RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE; }

}  // namespace newswire
