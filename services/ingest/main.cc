// ingestd: wire stories from Kafka to subscribers. See README.md.
//
// Flags fill ServerOptions; Server does the rest. SIGTERM or SIGINT starts
// an orderly stop; the exit status is 0 after one, 1 after a fatal error.
#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/common/json_log.h"
#include "services/ingest/normalize/provider_profiles.h"
#include "services/ingest/serve/thread_budget.h"
#include "services/ingest/server.h"

ABSL_FLAG(std::string, role, "all",
          "What this replica does: 'ingest' (raw -> stories log), 'view' (fold the log "
          "into the store and serve gRPC), or 'all' (both).");
ABSL_FLAG(std::string, brokers, "127.0.0.1:9092", "Kafka bootstrap servers, host:port[,...].");
ABSL_FLAG(std::string, raw_topic, "newswire.raw", "Topic raw records are read from.");
ABSL_FLAG(std::string, stories_topic, "newswire.stories",
          "Single-partition topic: the ordered log of normalized stories.");
ABSL_FLAG(std::string, dlq_topic, "newswire.dlq", "Topic for records that cannot be parsed.");
ABSL_FLAG(std::string, group, "newswire-ingest", "Consumer group of the ingest role.");
ABSL_FLAG(std::string, store, "./newswire-data",
          "RocksDB folder of the view (created when missing; rebuilt from the log when lost).");
ABSL_FLAG(std::string, grpc_address, "127.0.0.1:7070",
          "host:port the NewsService listens on (port 0 picks a free one).");
ABSL_FLAG(std::string, ops_host, "127.0.0.1", "Address of the /metrics, /healthz, /readyz server.");
ABSL_FLAG(int, ops_port, 9464, "Port of the /metrics, /healthz, /readyz server (0 picks one).");
ABSL_FLAG(bool, grpc_reflection, false,
          "Serve gRPC server reflection (off unless set; needs a token when tokens are set).");
ABSL_FLAG(int64_t, max_record_bytes, 2 << 20, "Raw records larger than this go to the DLQ.");
ABSL_FLAG(absl::Duration, record_cpu_budget, absl::Seconds(1),
          "CPU time one raw record may take (normalize, tag, fingerprint) before it goes to the "
          "DLQ as 'too costly'; 0 = no budget.");
ABSL_FLAG(int, max_in_flight, 5000,
          "Raw records awaiting broker acknowledgement before ingest stops reading.");
ABSL_FLAG(int, normalize_threads, 2,
          "Threads normalizing raw records (parsing is most of ingest's CPU); 1 = the ingest "
          "loop alone.");
ABSL_FLAG(int, heartbeat_seconds, 15, "Default heartbeat interval of idle Subscribe streams.");
ABSL_FLAG(int, drain_seconds, 10, "Deadline for draining streams and in-flight records on SIGTERM.");
ABSL_FLAG(std::vector<std::string>, kafka_property, {},
          "Extra librdkafka properties, name=value, comma-separated.");
ABSL_FLAG(std::string, version, "dev", "Service version written into DLQ headers.");
ABSL_FLAG(std::string, tagger_model, "",
          "Section classifier model (wirectl train --out); empty: the built-in English model.");
ABSL_FLAG(std::string, tagger_mapping, "",
          "Mapping rows (codes and labels to IPTC Media Topics) added over the built-in tables.");
ABSL_FLAG(std::string, provider_profiles, "",
          "Provider profiles (tab-separated: name, match names, time zone, agency, id scheme, "
          "source format) over the built-in table; see services/ingest/normalize/README.md.");
ABSL_FLAG(int64_t, recent_events, 16384,
          "Newest events kept in memory for subscribers at the tail (older ones come from the store).");
ABSL_FLAG(int, dedup_window_hours, 7 * 24,
          "Near duplicates are looked for among stories this recent (story times, not the clock).");
ABSL_FLAG(int64_t, dedup_max_stories, 1000000,
          "Near-duplicate index size bound (about 700 bytes per story).");
ABSL_FLAG(double, dedup_min_resemblance, 0.25, "Near duplicate: least MinHash resemblance.");
ABSL_FLAG(double, dedup_min_containment, 0.8,
          "Near duplicate: least share of the copy's text found in the original.");
ABSL_FLAG(std::string, tls_cert, "", "PEM server certificate for gRPC TLS (with --tls_key).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for gRPC TLS.");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle: when set, clients must present a certificate it signed (mutual TLS).");
ABSL_FLAG(std::string, auth_tokens_file, "",
          "File of bearer tokens, one per line: when set, every gRPC call but grpc.health.v1 "
          "needs 'authorization: Bearer <token>', checked before the call gets a thread.");
ABSL_FLAG(int, grpc_max_request_bytes, 64 << 10, "Largest gRPC request accepted.");
ABSL_FLAG(int, grpc_max_concurrent_streams, 200, "Concurrent streams per client connection.");
ABSL_FLAG(int, grpc_max_threads, 0,
          "gRPC server threads (each open Subscribe stream holds one). 0: --max_subscribers + 64; "
          "a value below that is refused at start.");
ABSL_FLAG(int, max_subscribers, 1000,
          "Open Subscribe streams beyond this are refused with RESOURCE_EXHAUSTED.");
ABSL_FLAG(int, subscriber_gather_ms, 15,
          "A stream at the live tail, woken by a new event, waits this long for more before "
          "sending: fewer wake-ups with many subscribers, at most this much added latency.");
ABSL_FLAG(int, grpc_keepalive_seconds, 30, "Server keepalive ping interval.");
ABSL_FLAG(int, grpc_min_client_ping_seconds, 10,
          "Clients pinging more often than this are disconnected (ping strikes).");
ABSL_FLAG(int, grpc_max_connection_age_seconds, 0,
          "Close connections older than this (0 = never); clients resume from their cursor.");
// Ingest health and restarts.
ABSL_FLAG(std::string, group_instance_id, "",
          "Static consumer-group membership (KIP-345) for the ingest role: must be unique per "
          "replica and stable across restarts of that replica (in Kubernetes the pod name, "
          "from the downward API). A replica restarted after a crash or kill -9 takes its "
          "partitions back at once instead of after session.timeout.ms; a clean stop "
          "(SIGTERM) still leaves the group. Empty: dynamic membership.");
ABSL_FLAG(absl::Duration, ingest_stall_after, absl::Seconds(60),
          "Raw records waiting (consumer lag or in flight) and none settled for this long: "
          "/readyz fails with condition ingest_progress until one settles or none waits.");

namespace newswire {
namespace {

absl::StatusOr<ServerOptions> OptionsFromFlags() {
  ServerOptions options;
  const std::string role = absl::GetFlag(FLAGS_role);
  if (role == "all") {
    options.role = ServerOptions::Role::kAll;
  } else if (role == "ingest") {
    options.role = ServerOptions::Role::kIngest;
  } else if (role == "view") {
    options.role = ServerOptions::Role::kView;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("--role must be all, ingest or view, not ", role));
  }
  options.kafka.brokers = absl::GetFlag(FLAGS_brokers);
  for (const std::string& property : absl::GetFlag(FLAGS_kafka_property)) {
    std::pair<std::string, std::string> kv = absl::StrSplit(property, absl::MaxSplits('=', 1));
    if (kv.first.empty()) return absl::InvalidArgumentError("--kafka_property wants name=value");
    options.kafka.properties[kv.first] = kv.second;
  }
  options.raw_topic = absl::GetFlag(FLAGS_raw_topic);
  options.stories_topic = absl::GetFlag(FLAGS_stories_topic);
  options.dlq_topic = absl::GetFlag(FLAGS_dlq_topic);
  options.group_id = absl::GetFlag(FLAGS_group);
  options.group_instance_id = absl::GetFlag(FLAGS_group_instance_id);
  // Kafka's rule for group.instance.id; an unexpanded "$(POD_NAME)" fails here
  // rather than as a consumer that never joins.
  if (options.group_instance_id.size() > 249 ||
      options.group_instance_id.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--group_instance_id must be at most 249 of [a-zA-Z0-9._-], not ",
                     options.group_instance_id));
  }
  options.ingest_stall_after = absl::GetFlag(FLAGS_ingest_stall_after);
  if (options.ingest_stall_after <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--ingest_stall_after must be positive");
  }
  options.store_path = absl::GetFlag(FLAGS_store);
  options.grpc_address = absl::GetFlag(FLAGS_grpc_address);
  options.ops_host = absl::GetFlag(FLAGS_ops_host);
  options.ops_port = absl::GetFlag(FLAGS_ops_port);
  options.grpc_reflection = absl::GetFlag(FLAGS_grpc_reflection);
  options.normalizer.max_record_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_record_bytes));
  options.normalizer.record_cpu_budget = absl::GetFlag(FLAGS_record_cpu_budget);
  if (const std::string path = absl::GetFlag(FLAGS_provider_profiles); !path.empty()) {
    absl::StatusOr<ProviderProfiles> profiles = ProviderProfiles::LoadFile(path);
    if (!profiles.ok()) return profiles.status();  // "provider profiles FILE line N: ..."
    options.normalizer.provider_profiles =
        std::make_shared<const ProviderProfiles>(*std::move(profiles));
  }
  options.ingest.max_in_flight_records = absl::GetFlag(FLAGS_max_in_flight);
  options.ingest.normalize_threads = absl::GetFlag(FLAGS_normalize_threads);
  options.ingest.service_version = absl::GetFlag(FLAGS_version);
  options.subscriptions.default_heartbeat = absl::Seconds(absl::GetFlag(FLAGS_heartbeat_seconds));
  options.drain_deadline = absl::Seconds(absl::GetFlag(FLAGS_drain_seconds));
  options.tagger.model_path = absl::GetFlag(FLAGS_tagger_model);
  options.tagger.mapping_path = absl::GetFlag(FLAGS_tagger_mapping);
  options.recent_events = static_cast<size_t>(absl::GetFlag(FLAGS_recent_events));
  options.dedup.window = absl::Hours(absl::GetFlag(FLAGS_dedup_window_hours));
  options.dedup.max_entries = static_cast<size_t>(absl::GetFlag(FLAGS_dedup_max_stories));
  options.dedup.min_resemblance = absl::GetFlag(FLAGS_dedup_min_resemblance);
  options.dedup.min_containment = absl::GetFlag(FLAGS_dedup_min_containment);
  options.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.tls_client_ca_path = absl::GetFlag(FLAGS_tls_client_ca);
  options.auth_tokens_path = absl::GetFlag(FLAGS_auth_tokens_file);
  options.grpc_max_request_bytes = absl::GetFlag(FLAGS_grpc_max_request_bytes);
  options.grpc_max_concurrent_streams = absl::GetFlag(FLAGS_grpc_max_concurrent_streams);
  options.subscriptions.max_subscribers = absl::GetFlag(FLAGS_max_subscribers);
  // Refused here, before anything starts, when inconsistent.
  absl::StatusOr<int> grpc_threads =
      GrpcThreadBudget(options.subscriptions.max_subscribers, absl::GetFlag(FLAGS_grpc_max_threads));
  if (!grpc_threads.ok()) return grpc_threads.status();
  options.grpc_max_threads = *grpc_threads;
  options.subscriptions.tail_gather = absl::Milliseconds(absl::GetFlag(FLAGS_subscriber_gather_ms));
  options.grpc_keepalive_time = absl::Seconds(absl::GetFlag(FLAGS_grpc_keepalive_seconds));
  options.grpc_min_client_ping_interval =
      absl::Seconds(absl::GetFlag(FLAGS_grpc_min_client_ping_seconds));
  options.grpc_max_connection_age =
      absl::Seconds(absl::GetFlag(FLAGS_grpc_max_connection_age_seconds));
  return options;
}

int Run() {
  absl::StatusOr<ServerOptions> options = OptionsFromFlags();
  if (!options.ok()) {
    std::cerr << "ingestd: " << options.status().message() << "\n";
    return 2;
  }
  // Signals are taken by one thread with sigwait; every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  absl::StatusOr<std::unique_ptr<Server>> server = Server::Create(*std::move(options));
  if (!server.ok()) {
    LogError("ingestd failed to start", {{"error", server.status().ToString()}});
    return 1;
  }
  Server* running = server->get();
  std::thread([running, signals] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    LogInfo("signal received", {{"signal", absl::StrCat(signal_number)}});
    running->Shutdown();
  }).detach();
  running->Wait();
  return running->exit_code();
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "ingestd: turns wire stories on Kafka into clean newswire.v1.Story records and serves "
      "them over gRPC.\nUsage: ingestd [--flags]; see --help for every setting.");
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil ships with mutex deadlock detection on, a debugging aid
  // that updates a lock graph on every lock (gRPC's included). Tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Exit without running static destructors: gRPC and librdkafka threads may
  // still be winding down, and everything durable is already closed.
  std::cout.flush();
  _exit(newswire::Run());
}
