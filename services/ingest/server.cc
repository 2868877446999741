#include "services/ingest/server.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/json_log.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/serve/reflection_option.h"
#include "services/ingest/serve/server_credentials.h"
#include "services/ingest/serve/thread_budget.h"

namespace newswire {
namespace {

constexpr char kIngestLoop[] = "ingest_poll";
constexpr char kViewLoop[] = "view_fold";
constexpr char kIngestProgress[] = "ingest_progress";
constexpr char kGroupJoined[] = "group_joined";
constexpr absl::Duration kPollTimeout = absl::Milliseconds(100);

// Plaintext or TLS from the flags' files, with the token check when tokens
// are configured (`auth` non-null).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(
    const ServerOptions& options, std::shared_ptr<const TokenAuthenticator> auth) {
  if (options.tls_cert_path.empty() && options.tls_key_path.empty()) {
    if (!options.tls_client_ca_path.empty()) {
      return absl::InvalidArgumentError("--tls_client_ca needs --tls_cert and --tls_key");
    }
    return TokenCheckingCredentials(nullptr, std::move(auth));
  }
  if (options.tls_cert_path.empty() || options.tls_key_path.empty()) {
    return absl::InvalidArgumentError("TLS needs both --tls_cert and --tls_key");
  }
  TlsPems tls;
  NW_ASSIGN_OR_RETURN(tls.cert_chain, ReadFile(options.tls_cert_path));
  NW_ASSIGN_OR_RETURN(tls.private_key, ReadFile(options.tls_key_path));
  if (!options.tls_client_ca_path.empty()) {
    NW_ASSIGN_OR_RETURN(tls.client_ca, ReadFile(options.tls_client_ca_path));
  }
  return TokenCheckingCredentials(&tls, std::move(auth));
}

// The consumer as the ingest worker sees it: every offset stored is a raw
// record settled, which is the progress readiness watches.
class ProgressReportingSource final : public RawSource {
 public:
  ProgressReportingSource(RawSource* source, ingest::metrics::Health* health)
      : source_(source), health_(health) {}

  absl::StatusOr<std::optional<RawRecord>> Poll(absl::Duration timeout) override {
    return source_->Poll(timeout);
  }
  absl::Status StoreOffset(const std::string& topic, int32_t partition,
                           int64_t next_offset) override {
    absl::Status status = source_->StoreOffset(topic, partition, next_offset);
    if (status.ok()) health_->Progress(kIngestProgress);
    return status;
  }

 private:
  RawSource* source_;
  ingest::metrics::Health* health_;
};

// Hands rebalances to the worker. The first assignment, even an empty one,
// means the consumer has joined its group: before that the ingest role
// consumes nothing and is not ready.
class JoinReportingListener final : public RebalanceListener {
 public:
  JoinReportingListener(RebalanceListener* listener, ingest::metrics::Health* health)
      : listener_(listener), health_(health) {}

  void OnAssigned(const std::vector<TopicPartition>& partitions) override {
    listener_->OnAssigned(partitions);
    health_->SetReady(kGroupJoined, true);
  }
  void OnRevoked(const std::vector<TopicPartition>& partitions, bool lost) override {
    listener_->OnRevoked(partitions, lost);
  }

 private:
  RebalanceListener* listener_;
  ingest::metrics::Health* health_;
};

}  // namespace

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : Clock::Real()),
      health_(clock_, options_.stall_after) {}

Server::~Server() {
  Shutdown();
  Wait();
}

absl::StatusOr<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  std::unique_ptr<Server> server(new Server(std::move(options)));
  absl::Status status = server->Start();
  if (!status.ok()) {
    server->Shutdown();
    server->Wait();
    return status;
  }
  return server;
}

absl::Status Server::Start() {
  using Role = ServerOptions::Role;
  const bool ingest = options_.role != Role::kView;
  const bool view = options_.role != Role::kIngest;
  health_.SetReady("not_draining", true);
  // Every condition is registered before the endpoint answers: /readyz must
  // not say ready while a part is still being built.
  if (view) {
    health_.SetReady("store_open", false);
    health_.SetReady("caught_up", false);
  }
  if (ingest) {
    health_.SetReady(kGroupJoined, false);
    health_.WatchProgress(kIngestProgress, options_.ingest_stall_after, "record");
    metrics_.ingest_stall_after().Set(absl::ToDoubleSeconds(options_.ingest_stall_after));
  }

  ingest::metrics::HttpServer::Options ops_options;
  ops_options.host = options_.ops_host;
  ops_options.port = options_.ops_port;
  NW_ASSIGN_OR_RETURN(ops_, ingest::metrics::OpsEndpoint::Create(ops_options, metrics_.exposition(),
                                                                 &health_));

  // Ingest first: it needs nothing of the view, and the view's start (the
  // near-duplicate index rebuild, 1-2 s) would otherwise delay the first
  // record after a restart.
  if (ingest) NW_RETURN_IF_ERROR(StartIngest(/*with_view=*/view));
  if (view) NW_RETURN_IF_ERROR(StartView());

  LogInfo("ingestd started", {{"brokers", options_.kafka.brokers},
                              {"grpc_port", absl::StrCat(grpc_port_)},
                              {"ops_port", absl::StrCat(ops_->port())},
                              {"store", view ? options_.store_path : ""}});
  return absl::OkStatus();
}

// The consumer, the producer and the ingest loop. `with_view`: this replica
// also folds the log, so it is caught up only once the view says so.
absl::Status Server::StartIngest(bool with_view) {
  NW_ASSIGN_OR_RETURN(pipeline_, StoryPipeline::Create({.normalizer = options_.normalizer,
                                                            .tagger = options_.tagger}));
  KafkaOptions kafka = options_.kafka;
  kafka.on_error = [this](const std::string& error) { metrics_.KafkaErrors(error).Increment(); };
  GroupConsumerHooks hooks;
  hooks.on_lag = [this](const std::vector<PartitionLag>& lags) {
    int64_t total = 0;
    for (const PartitionLag& lag : lags) {
      metrics_.ConsumerLag(lag.topic, lag.partition).Set(static_cast<double>(lag.lag));
      total += lag.lag;
    }
    consumer_lag_.store(total);
  };
  KafkaOptions consumer_kafka = kafka;
  if (!options_.group_instance_id.empty()) {
    consumer_kafka.properties["group.instance.id"] = options_.group_instance_id;
  }
  NW_ASSIGN_OR_RETURN(consumer_, GroupConsumer::Create(consumer_kafka, options_.group_id,
                                                       {options_.raw_topic}, std::move(hooks)));
  NW_ASSIGN_OR_RETURN(producer_, Producer::Create(kafka));
  IngestOptions ingest_options = options_.ingest;
  if (ingest_options.clock == nullptr) ingest_options.clock = clock_;
  ingest_options.stories_topic = options_.stories_topic;
  ingest_options.dlq_topic = options_.dlq_topic;
  ingest_options.max_message_bytes = static_cast<size_t>(producer_->MaxMessageBytes());
  progress_source_ = std::make_unique<ProgressReportingSource>(consumer_.get(), &health_);
  worker_ = std::make_unique<IngestWorker>(ingest_options, progress_source_.get(), producer_.get(),
                                           pipeline_.get(), &metrics_);
  join_listener_ = std::make_unique<JoinReportingListener>(worker_.get(), &health_);
  consumer_->SetRebalanceListener(join_listener_.get());
  health_.RegisterLoop(kIngestLoop);
  // The stall clock starts with the loop, not with building the pipeline.
  health_.Progress(kIngestProgress);
  if (!with_view) health_.SetReady("caught_up", true);
  ingest_thread_ = std::thread([this] { IngestLoop(); });
  return absl::OkStatus();
}

// The store, the fold of the stories log and the gRPC service over them.
absl::Status Server::StartView() {
  health_.SetReady("store_open", false);
  health_.SetReady("caught_up", false);
  NW_ASSIGN_OR_RETURN(store_, StoryStore::Open({.path = options_.store_path}));
  health_.SetReady("store_open", true);
  NW_ASSIGN_OR_RETURN(std::optional<int64_t> applied, store_->AppliedOffset());
  cursor_ = std::make_unique<AppliedCursor>(applied.value_or(-1), clock_);
  metrics_.applied_offset().Set(static_cast<double>(applied.value_or(-1)));
  NW_ASSIGN_OR_RETURN(log_, LogConsumer::Create(options_.kafka, options_.stories_topic, 0,
                                                applied.has_value() ? *applied + 1 : -1));
  const absl::Time rebuild_start = clock_->Now();
  NW_ASSIGN_OR_RETURN(view_state_, ViewState::Open(store_.get(), options_.dedup));
  LogInfo("near-duplicate index rebuilt",
          {{"stories", absl::StrCat(view_state_->index().size())},
           {"bytes_per_story", absl::StrCat(static_cast<int64_t>(view_state_->index().BytesPerEntry()))},
           {"seconds", absl::StrCat(absl::ToDoubleSeconds(clock_->Now() - rebuild_start))}});
  recent_ = std::make_unique<RecentEvents>(options_.recent_events, applied.value_or(-1));
  folder_ = std::make_unique<ViewFolder>(view_state_.get(), log_.get(), cursor_.get(), &metrics_,
                                         recent_.get(), clock_);
  StoryReads::Options read_options = options_.subscriptions;
  if (read_options.clock == nullptr) read_options.clock = clock_;
  reads_ = std::make_unique<StoryReads>(store_.get(), cursor_.get(), &metrics_, read_options,
                                        recent_.get());
  NW_RETURN_IF_ERROR(StartGrpc());
  health_.RegisterLoop(kViewLoop);
  view_thread_ = std::thread([this] { ViewLoop(); });
  return absl::OkStatus();
}

// The gRPC server: credentials, limits, keepalive, the thread budget.
absl::Status Server::StartGrpc() {
  std::shared_ptr<const TokenAuthenticator> auth;
  if (!options_.auth_tokens_path.empty()) {
    NW_ASSIGN_OR_RETURN(auth, TokenAuthenticator::FromFile(options_.auth_tokens_path));
  }
  service_ = std::make_unique<NewsServiceImpl>(reads_.get());
  NW_ASSIGN_OR_RETURN(const int grpc_threads,
                      GrpcThreadBudget(options_.subscriptions.max_subscribers,
                                       options_.grpc_max_threads));
  grpc::EnableDefaultHealthCheckService(true);
  NW_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                      Credentials(options_, std::move(auth)));
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.grpc_address, credentials, &grpc_port_);
  builder.SetOption(ReflectionOption(options_.grpc_reflection));
  builder.RegisterService(service_.get());
  builder.SetMaxReceiveMessageSize(options_.grpc_max_request_bytes);
  auto millis = [](absl::Duration d) { return static_cast<int>(absl::ToInt64Milliseconds(d)); };
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options_.grpc_max_concurrent_streams);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, millis(options_.grpc_keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, millis(options_.grpc_keepalive_timeout));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             millis(options_.grpc_min_client_ping_interval));
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  if (options_.grpc_max_connection_age > absl::ZeroDuration()) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, millis(options_.grpc_max_connection_age));
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                               millis(options_.grpc_max_connection_age_grace));
  }
  grpc::ResourceQuota quota("newswire");
  quota.SetMaxThreads(grpc_threads);
  builder.SetResourceQuota(quota);
  grpc_server_ = builder.BuildAndStart();
  if (grpc_server_ == nullptr || grpc_port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.grpc_address));
  }
  grpc_server_->GetHealthCheckService()->SetServingStatus(false);
  return absl::OkStatus();
}

void Server::IngestLoop() {
  while (!stopping_.load()) {
    absl::Status status = worker_->RunOnce(kPollTimeout);
    health_.Beat(kIngestLoop);
    ReportIngestProgress();
    if (!status.ok()) {
      Fail(status, "ingest");
      return;
    }
  }
}

void Server::ReportIngestProgress() {
  const int64_t in_flight = worker_->InFlight();
  metrics_.ingest_in_flight().Set(static_cast<double>(in_flight));
  // The lag counts records not yet committed, in-flight ones included.
  health_.SetWaiting(kIngestProgress, std::max(consumer_lag_.load(), in_flight));
  metrics_.ingest_last_progress().Set(
      absl::ToDoubleSeconds(health_.LastProgress(kIngestProgress) - absl::UnixEpoch()));
}

void Server::ViewLoop() {
  bool was_ready = false;
  while (!stopping_.load()) {
    absl::Status status = folder_->RunOnce(kPollTimeout);
    health_.Beat(kViewLoop);
    if (!status.ok()) {
      Fail(status, "view");
      return;
    }
    bool ready = folder_->CaughtUp();
    if (ready != was_ready) {
      health_.SetReady("caught_up", ready);
      grpc_server_->GetHealthCheckService()->SetServingStatus(ready);
      was_ready = ready;
    }
  }
}

void Server::Fail(const absl::Status& status, const std::string& where) {
  LogError("fatal error; stopping", {{"loop", where}, {"error", status.ToString()}});
  exit_code_.store(1);
  Shutdown();
}

void Server::Shutdown() {
  absl::MutexLock lock(&mu_);
  if (shutdown_started_) return;
  shutdown_started_ = true;
  // Stopping runs on its own thread so that a loop calling Fail() can return.
  shutdown_thread_ = std::thread([this] { Stop(); });
}

void Server::Stop() {
  LogInfo("draining");
  health_.SetReady("not_draining", false);
  if (grpc_server_) grpc_server_->GetHealthCheckService()->SetServingStatus(false);
  if (cursor_) cursor_->Close();  // streams end with UNAVAILABLE
  // gRPC waits for its calls on real time: its deadline is on absl::Now(),
  // not on clock_.
  if (grpc_server_) grpc_server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.drain_deadline));
  stopping_.store(true);
  if (ingest_thread_.joinable()) ingest_thread_.join();
  if (view_thread_.joinable()) view_thread_.join();
  if (worker_) {
    int64_t left = worker_->Drain(options_.drain_deadline);
    if (left > 0) {
      LogWarning("records left in flight at shutdown; the next owner re-reads them",
                 {{"records", absl::StrCat(left)}});
    }
  }
  // The close revokes partitions through the worker, which may wait up to
  // its revoke drain timeout: give the close a little more than that.
  if (consumer_) consumer_->Close(options_.ingest.revoke_drain_timeout + absl::Seconds(5));
  if (producer_) {
    // ErrorSite::kShutdownFlush: logged; offsets of what was not flushed are
    // not stored, so the next owner re-reads those records.
    absl::Status flushed = producer_->Flush(absl::Seconds(5));
    if (!flushed.ok()) LogWarning("producer flush", {{"error", flushed.ToString()}});
  }
  // The producer first: its destructor reports undelivered messages to the
  // worker's callbacks, so the worker must still exist.
  producer_.reset();
  worker_.reset();
  consumer_.reset();
  folder_.reset();
  log_.reset();
  if (grpc_server_) grpc_server_->Wait();
  view_state_.reset();
  store_.reset();
  if (ops_) ops_->Shutdown();
  LogInfo("stopped", {{"exit_code", absl::StrCat(exit_code_.load())}});
}

void Server::Wait() {
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&shutdown_started_));
  }
  std::call_once(join_once_, [this] { shutdown_thread_.join(); });
}

}  // namespace newswire
