// Server: builds and runs everything one `ingestd` process does, from one
// options struct. Roles:
//   ingest  consume newswire.raw, normalize, produce newswire.stories / dlq
//   view    fold newswire.stories into RocksDB and serve NewsService
//   all     both (the default, single-node case)
// Always: Prometheus /metrics, /healthz, /readyz on the ops port, and
// grpc.health.v1 on the gRPC port (view role).
//
//   auto server = Server::Create(options);   // starts the loops
//   server->Wait();                           // until Shutdown() or a fatal error
//   return server->exit_code();
//
// Shutdown() (from a signal thread): not ready at once, streams end with
// UNAVAILABLE, in-flight records drained, consumer closed, store closed.
// Thread-safe: Shutdown() and Wait() may be called from any thread.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVER_H_
#define NEWSWIRE_SERVICES_INGEST_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/common/clock.h"
#include "services/ingest/ingest_worker.h"
#include "services/ingest/metrics/health.h"
#include "services/ingest/metrics/ops_endpoint.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/serve/news_service.h"
#include "services/ingest/serve/story_reads.h"
#include "services/ingest/kafka/kafka_client.h"
#include "services/ingest/view/applied_cursor.h"
#include "services/ingest/view/recent_events.h"
#include "services/ingest/view/story_store.h"
#include "services/ingest/view/view_folder.h"
#include "services/ingest/view/view_state.h"

namespace grpc {
class Server;
}  // namespace grpc

namespace newswire {

struct ServerOptions {
  enum class Role { kAll, kIngest, kView };
  Role role = Role::kAll;

  KafkaOptions kafka;
  std::string raw_topic = "newswire.raw";
  std::string stories_topic = "newswire.stories";
  std::string dlq_topic = "newswire.dlq";
  std::string group_id = "newswire-ingest";
  // Static group membership (KIP-345): unique per replica and stable across
  // its restarts (in Kubernetes the pod name). A member restarted after a
  // crash takes its partitions back at once instead of after the dead one's
  // session timeout; a clean stop still leaves the group. Empty: dynamic.
  std::string group_instance_id;

  std::string store_path = "./newswire-data";
  std::string grpc_address = "127.0.0.1:7070";
  std::string ops_host = "127.0.0.1";
  int ops_port = 9464;
  bool grpc_reflection = false;

  // gRPC limits and security. Empty TLS paths: plaintext. With a client CA,
  // clients must present a certificate it signed.
  std::string tls_cert_path, tls_key_path, tls_client_ca_path;
  // Bearer tokens, one per line; empty = none. With tokens, every call but
  // grpc.health.v1 is checked as its headers arrive, before it gets a thread.
  std::string auth_tokens_path;
  int grpc_max_request_bytes = 64 << 10;
  int grpc_max_concurrent_streams = 200;  // per connection
  // Server threads; each open Subscribe stream holds one. 0: derived,
  // subscriptions.max_subscribers + kGrpcThreadHeadroom; a value leaving less
  // headroom is refused at start (serve/thread_budget.h).
  int grpc_max_threads = 0;
  absl::Duration grpc_keepalive_time = absl::Seconds(30);
  absl::Duration grpc_keepalive_timeout = absl::Seconds(10);
  absl::Duration grpc_min_client_ping_interval = absl::Seconds(10);
  // 0 = unlimited. Streams past it end with UNAVAILABLE; clients resume.
  absl::Duration grpc_max_connection_age = absl::ZeroDuration();
  absl::Duration grpc_max_connection_age_grace = absl::Seconds(30);

  NormalizerOptions normalizer;
  tag::TaggerOptions tagger;
  IngestOptions ingest;
  StoryReads::Options subscriptions;
  // Near-duplicate detection: window (story times), memory bound, thresholds.
  NearDuplicateIndex::Options dedup;
  // Newest events kept in memory for subscribers at the tail.
  size_t recent_events = 16384;

  // A loop that has not beaten for this long makes /healthz fail.
  absl::Duration stall_after = absl::Seconds(30);
  // Raw records waiting (consumer lag or in flight) and none settled for
  // this long: /readyz fails with condition ingest_progress.
  absl::Duration ingest_stall_after = absl::Seconds(60);
  // How long draining may take before streams are cut and records left for
  // the next owner of their partition.
  absl::Duration drain_deadline = absl::Seconds(10);

  // What every part reads the time from and waits on (health, the ingest
  // worker, the view, subscriptions), unless its own options name one.
  // Null: the real clock.
  const Clock* clock = nullptr;
};

class Server {
 public:
  static absl::StatusOr<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();

  // Blocks until the server has stopped.
  void Wait();

  // Starts an orderly stop. Idempotent.
  void Shutdown();

  // 0 after a requested stop, 1 after a fatal error.
  int exit_code() const { return exit_code_.load(); }

  int grpc_port() const { return grpc_port_; }
  int ops_port() const { return ops_ ? ops_->port() : 0; }

 private:
  explicit Server(ServerOptions options);
  absl::Status Start();
  absl::Status StartIngest(bool with_view);
  absl::Status StartView();
  absl::Status StartGrpc();  // part of StartView
  void IngestLoop();
  // Tells health how many raw records wait and exports the progress gauges.
  void ReportIngestProgress();
  void ViewLoop();
  void Fail(const absl::Status& status, const std::string& where);
  void Stop();

  ServerOptions options_;
  const Clock* const clock_;
  ServiceMetrics metrics_;
  ingest::metrics::Health health_;
  std::unique_ptr<ingest::metrics::OpsEndpoint> ops_;

  // ingest role
  std::unique_ptr<StoryPipeline> pipeline_;
  std::unique_ptr<GroupConsumer> consumer_;
  std::unique_ptr<Producer> producer_;
  std::unique_ptr<IngestWorker> worker_;
  // Between the worker and the consumer: a stored offset is progress, an
  // assignment (even an empty one) means the consumer joined its group.
  std::unique_ptr<RawSource> progress_source_;
  std::unique_ptr<RebalanceListener> join_listener_;
  // Sum of the last consumer lag report over the raw partitions.
  std::atomic<int64_t> consumer_lag_{0};

  // view role
  std::unique_ptr<StoryStore> store_;
  std::unique_ptr<ViewState> view_state_;
  std::unique_ptr<AppliedCursor> cursor_;
  std::unique_ptr<RecentEvents> recent_;
  std::unique_ptr<LogConsumer> log_;
  std::unique_ptr<ViewFolder> folder_;
  std::unique_ptr<StoryReads> reads_;
  std::unique_ptr<NewsServiceImpl> service_;
  std::unique_ptr<grpc::Server> grpc_server_;
  int grpc_port_ = 0;

  std::thread ingest_thread_;
  std::thread view_thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> exit_code_{0};

  absl::Mutex mu_;
  bool shutdown_started_ ABSL_GUARDED_BY(mu_) = false;
  std::thread shutdown_thread_;  // set once, under mu_, when shutdown starts
  std::once_flag join_once_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVER_H_
