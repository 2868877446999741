#include "services/ingest/kafka/kafka_client.h"

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "simdjson.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/json_log.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/kafka/unreadable_offsets.h"

namespace newswire {

// Deadlines here are on absl::Now(), not on an injected Clock
// (common/clock.h): they bound librdkafka's own waits (poll, flush, close,
// watermark queries), which run on real time whatever a test's clock says.

namespace {

int ToMillis(absl::Duration d) {
  return static_cast<int>(absl::ToInt64Milliseconds(d < absl::ZeroDuration() ? absl::ZeroDuration() : d));
}

absl::Status SetAll(rd_kafka_conf_t* conf, const std::map<std::string, std::string>& props) {
  char errstr[512];
  for (const auto& [name, value] : props) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof(errstr)) !=
        RD_KAFKA_CONF_OK) {
      return absl::InvalidArgumentError(absl::StrCat("kafka property ", name, "=", value, ": ", errstr));
    }
  }
  return absl::OkStatus();
}

// What librdkafka's callbacks reach through the client's opaque pointer.
struct ClientContext {
  std::function<void(const std::string&)> on_error;
  GroupConsumer::Hooks hooks;
  // The rebalance listener, cleared when a close is abandoned so a late
  // callback does not reach an owner that has moved on.
  std::atomic<RebalanceListener*> listener{nullptr};
  // Group consumers: offsets given up on (used on the poll thread only,
  // where the rebalance callback runs too).
  UnreadableOffsets unreadable;
};

// Base configuration: brokers, logging through our JSON lines, then extras.
// `context` (may be null) must outlive the client.
absl::StatusOr<rd_kafka_conf_t*> NewConf(const KafkaOptions& options,
                                         std::map<std::string, std::string> defaults,
                                         ClientContext* context = nullptr) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  defaults["bootstrap.servers"] = options.brokers;
  defaults.emplace("client.id", "newswire");
  defaults.emplace("log.connection.close", "false");
  for (const auto& [name, value] : options.properties) defaults[name] = value;
  absl::Status status = SetAll(conf, defaults);
  if (!status.ok()) {
    rd_kafka_conf_destroy(conf);
    return status;
  }
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int level, const char* fac, const char* buf) {
    LogLine(level <= 3 ? "error" : level <= 4 ? "warning" : "info", buf,
            {{"component", "librdkafka"}, {"facility", fac}});
  });
  rd_kafka_conf_set_opaque(conf, context);
  rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int err, const char* reason, void* opaque) {
    // Transient errors: librdkafka retries by itself. Fatal ones surface in Poll.
    const char* name = rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err));
    LogWarning("kafka client error", {{"error", name}, {"reason", reason}});
    auto* context = static_cast<ClientContext*>(opaque);
    if (context != nullptr && context->on_error) context->on_error(name);
  });
  return conf;
}

absl::StatusOr<rd_kafka_t*> NewClient(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, errstr, sizeof(errstr));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::InvalidArgumentError(absl::StrCat("kafka client: ", errstr));
  }
  return rk;
}

absl::Status FatalStatus(rd_kafka_t* rk) {
  char errstr[512];
  rd_kafka_resp_err_t err = rd_kafka_fatal_error(rk, errstr, sizeof(errstr));
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("fatal kafka error ", rd_kafka_err2name(err), ": ", errstr));
}

// A produce error as a status whose code says whether a retry can help
// (record_io.h). Codes that librdkafka 2.0.2 gives at produce time or in the
// delivery report; librdkafka itself does not retry the permanent ones.
absl::Status ProduceErrorStatus(rd_kafka_resp_err_t err, absl::string_view what) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return absl::OkStatus();
  const std::string message =
      absl::StrCat(what, ": ", rd_kafka_err2name(err), ": ", rd_kafka_err2str(err));
  switch (err) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:  // over message.max.bytes, here or at the broker
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
      return absl::OutOfRangeError(absl::StrCat("message too large: ", message));
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR__CONFLICT:
      return absl::InvalidArgumentError(message);
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
    case RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP:
    case RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS:
      return absl::FailedPreconditionError(message);
    default:
      // Timeouts, unknown topics or partitions, authorization, brokers down:
      // may succeed later.
      return absl::UnavailableError(message);
  }
}

absl::Time MessageTime(const rd_kafka_message_t* m) {
  rd_kafka_timestamp_type_t type;
  int64_t ms = rd_kafka_message_timestamp(m, &type);
  return ms >= 0 ? absl::FromUnixMillis(ms) : absl::UnixEpoch();
}

std::vector<TopicPartition> ToVector(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  for (int i = 0; list != nullptr && i < list->cnt; ++i) {
    out.push_back({list->elems[i].topic, list->elems[i].partition});
  }
  return out;
}

void LogIfError(rd_kafka_error_t* error, const char* what) {
  if (error == nullptr) return;
  LogWarning(what, {{"error", rd_kafka_error_string(error)}});
  rd_kafka_error_destroy(error);
}

// Cooperative-sticky rebalancing: partitions are added and removed
// incrementally. On revoke the listener drains what is in flight for them
// and stores their offsets, which are committed before the partitions go;
// on loss nothing is stored (their new owner may have moved on).
void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                 void* opaque) {
  auto* context = static_cast<ClientContext*>(opaque);
  RebalanceListener* listener = context != nullptr ? context->listener.load() : nullptr;
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  std::vector<TopicPartition> partitions = ToVector(parts);
  // Assigned or revoked, a partition's position is not the one sought.
  for (const TopicPartition& partition : partitions) {
    if (context == nullptr) break;
    context->unreadable.Forget(partition);
  }
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (cooperative) {
      LogIfError(rd_kafka_incremental_assign(rk, parts), "kafka incremental assign");
    } else {
      rd_kafka_assign(rk, parts);
    }
    if (listener != nullptr) listener->OnAssigned(partitions);
    return;
  }
  const bool lost = rd_kafka_assignment_lost(rk) != 0;
  if (listener != nullptr) listener->OnRevoked(partitions, lost);
  if (!lost) {
    rd_kafka_resp_err_t commit = rd_kafka_commit(rk, nullptr, 0);
    if (commit != RD_KAFKA_RESP_ERR_NO_ERROR && commit != RD_KAFKA_RESP_ERR__NO_OFFSET) {
      LogWarning("kafka commit on revoke", {{"error", rd_kafka_err2name(commit)}});
    }
  }
  if (cooperative) {
    LogIfError(rd_kafka_incremental_unassign(rk, parts), "kafka incremental unassign");
  } else {
    rd_kafka_assign(rk, nullptr);
  }
}

int OnStatistics(rd_kafka_t*, char* json, size_t json_len, void* opaque) {
  auto* context = static_cast<ClientContext*>(opaque);
  if (context != nullptr && context->hooks.on_lag) {
    context->hooks.on_lag(ParseConsumerLag(std::string(json, json_len)));
  }
  return 0;  // librdkafka frees `json`
}

// A static member's close sends no LeaveGroup (KIP-345: it may come back
// under its id), so its partitions would wait for session.timeout.ms. A
// clean stop unsubscribes first, which does leave: the partitions are revoked
// through the rebalance callback (drained, committed) and move at once.
// Records polled meanwhile are dropped: their offsets were never stored.
void LeaveGroup(rd_kafka_t* rk, absl::Time deadline) {
  rd_kafka_resp_err_t err = rd_kafka_unsubscribe(rk);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    LogWarning("kafka unsubscribe", {{"error", rd_kafka_err2name(err)}});
    return;
  }
  while (absl::Now() < deadline) {
    if (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 50)) rd_kafka_message_destroy(m);
    char* member_id = rd_kafka_memberid(rk);
    const bool left = member_id == nullptr || member_id[0] == '\0';
    if (member_id != nullptr) rd_kafka_mem_free(rk, member_id);
    if (left) return;
  }
}

// Consume errors naming a record that reading again cannot cure: its batch
// does not decompress (_BAD_COMPRESSION: a bomb, or over
// receive.message.max.bytes; _NOT_IMPLEMENTED: a codec this build lacks), is
// corrupt (_BAD_MSG: CRC or framing; CORRUPT_MESSAGE from the broker), or
// cannot be fetched whole (MSG_SIZE_TOO_LARGE).
bool IsIncurable(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR__BAD_COMPRESSION:
    case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED:
    case RD_KAFKA_RESP_ERR__BAD_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG:  // CORRUPT_MESSAGE
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
      return true;
    default:
      return false;
  }
}

// Moves (topic, partition)'s position to `offset`, without waiting for the
// fetcher: librdkafka drops what it had fetched from the old position.
absl::Status SeekAsync(rd_kafka_t* rk, const std::string& topic, int32_t partition,
                       int64_t offset) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_t* position =
      rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
  position->offset = offset;
  rd_kafka_error_t* error = rd_kafka_seek_partitions(rk, list, /*timeout_ms=*/0);
  absl::Status status;
  if (error != nullptr) {
    // Unavailable, not Internal: the error policy's "retry" (Follow logs it,
    // and the partition's next consume error seeks again).
    status = absl::UnavailableError(absl::StrCat("seek: ", rd_kafka_error_string(error)));
    rd_kafka_error_destroy(error);
  } else if (position->err != RD_KAFKA_RESP_ERR_NO_ERROR &&
             position->err != RD_KAFKA_RESP_ERR__IN_PROGRESS) {
    status = absl::FailedPreconditionError(absl::StrCat("seek: ", rd_kafka_err2str(position->err)));
  }
  rd_kafka_topic_partition_list_destroy(list);
  return status;
}

// Moves the partition's position as `unreadable` says; forgets it when it is
// not ours any more (its next owner meets the same records).
void Follow(rd_kafka_t* rk, UnreadableOffsets& unreadable, const TopicPartition& partition,
            UnreadableOffsets::Step step) {
  if (step.seek < 0) return;
  absl::Status sought = SeekAsync(rk, partition.topic, partition.partition, step.seek);
  if (sought.ok()) return;
  LogWarning("cannot move past unreadable records",
             {{"at", absl::StrCat(partition.topic, "/", partition.partition, "@", step.seek)},
              {"error", std::string(sought.message())}});
  unreadable.Forget(partition);
}

// The partition's high watermark from the last fetch response, or -1.
int64_t HighWatermark(rd_kafka_t* rk, const TopicPartition& partition) {
  int64_t low = -1, high = -1;
  if (rd_kafka_get_watermark_offsets(rk, partition.topic.c_str(), partition.partition, &low,
                                     &high) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return -1;
  }
  return high;
}

// A consume error: logged and counted; if re-reading cannot cure it, told
// to `unreadable`, which may give up on offsets and move the position.
void ConsumeError(rd_kafka_t* rk, ClientContext& context, const rd_kafka_message_t* m) {
  const char* name = rd_kafka_err2name(m->err);
  const std::string reason = absl::StrCat(name, ": ", rd_kafka_message_errstr(m));
  const std::string topic = m->rkt != nullptr ? rd_kafka_topic_name(m->rkt) : "";
  const bool located = !topic.empty() && m->offset >= 0;
  const std::string where = located ? absl::StrCat(topic, "/", m->partition, "@", m->offset) : "";
  LogWarning("kafka consume error", {{"error", name}, {"reason", reason}, {"at", where}});
  if (context.on_error) context.on_error(name);
  if (!located || !IsIncurable(m->err)) return;
  const TopicPartition partition{topic, m->partition};
  const UnreadableOffsets::Step step = context.unreadable.OnError(
      partition, m->offset, name, reason, HighWatermark(rk, partition));
  Follow(rk, context.unreadable, partition, step);
}

// The next offset given up on, as an unreadable record.
std::optional<RawRecord> NextUnreadable(UnreadableOffsets& unreadable) {
  std::optional<UnreadableOffset> given_up = unreadable.NextGivenUp();
  if (!given_up.has_value()) return std::nullopt;
  RawRecord record;
  record.topic = std::move(given_up->partition.topic);
  record.partition = given_up->partition.partition;
  record.offset = given_up->offset;
  record.value_is_null = true;
  record.unreadable = std::move(given_up->reason);
  return record;
}

}  // namespace

std::vector<PartitionLag> ParseConsumerLag(const std::string& statistics_json) {
  std::vector<PartitionLag> lags;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(statistics_json).get(root) != simdjson::SUCCESS) return lags;
  simdjson::dom::object topics;
  if (root["topics"].get(topics) != simdjson::SUCCESS) return lags;
  for (auto [topic_name, topic] : topics) {
    simdjson::dom::object partitions;
    if (topic["partitions"].get(partitions) != simdjson::SUCCESS) continue;
    for (auto [partition_key, partition] : partitions) {
      if (partition_key == "-1") continue;  // the internal unassigned partition
      int64_t lag = -1;
      if (partition["consumer_lag"].get(lag) != simdjson::SUCCESS || lag < 0) continue;
      PartitionLag entry;
      entry.topic = std::string(topic_name);
      entry.partition = std::atoi(std::string(partition_key).c_str());
      entry.lag = lag;
      lags.push_back(std::move(entry));
    }
  }
  return lags;
}

// ---- GroupConsumer -------------------------------------------------------

struct GroupConsumer::Handle {
  rd_kafka_t* rk = nullptr;
  // group.instance.id set: a static member (KIP-345).
  bool static_member = false;
  bool closed = false;
  bool close_timed_out = false;
  std::unique_ptr<ClientContext> context;
};

GroupConsumer::GroupConsumer(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}

GroupConsumer::~GroupConsumer() {
  Close();
  if (handle_->close_timed_out) {
    // The close thread still owns the handle; leave it (and its context) to
    // the exiting process rather than hang or free what it uses.
    (void)handle_.release();
    return;
  }
  if (handle_->rk != nullptr) rd_kafka_destroy(handle_->rk);
}

absl::StatusOr<std::unique_ptr<GroupConsumer>> GroupConsumer::Create(
    const KafkaOptions& options, const std::string& group_id,
    const std::vector<std::string>& topics, Hooks hooks) {
  auto handle = std::make_unique<Handle>();
  handle->context = std::make_unique<ClientContext>();
  handle->context->on_error = options.on_error;
  handle->context->hooks = std::move(hooks);
  handle->context->listener.store(handle->context->hooks.rebalance);
  const std::string statistics_ms =
      handle->context->hooks.on_lag
          ? std::to_string(absl::ToInt64Milliseconds(handle->context->hooks.statistics_interval))
          : "0";
  NW_ASSIGN_OR_RETURN(rd_kafka_conf_t * conf,
                      NewConf(options, {
                                           {"group.id", group_id},
                                           {"enable.auto.offset.store", "false"},
                                           {"enable.auto.commit", "true"},
                                           {"auto.commit.interval.ms", "1000"},
                                           {"auto.offset.reset", "earliest"},
                                           {"partition.assignment.strategy", "cooperative-sticky"},
                                           {"session.timeout.ms", "10000"},
                                           {"heartbeat.interval.ms", "2000"},
                                           {"enable.partition.eof", "false"},
                                           {"fetch.wait.max.ms", "20"},
                                           // Prefetch bounded by bytes (32 MiB), not by a
                                           // message count: once over either bound,
                                           // librdkafka 2.0 fetches again only at its 1 s
                                           // timer, which capped ingest at ~1,900 3 KB
                                           // records/s with a 1,000-message bound.
                                           {"queued.max.messages.kbytes", "32768"},
                                           {"queued.min.messages", "1000000"},
                                           // librdkafka 2.0.2 inflates a zstd batch of
                                           // unknown size into a buffer tripled from twice
                                           // the compressed size while under this bound:
                                           // 40 MiB of text (2.2 MB under zstd) needs 119 MB,
                                           // over the 100 MB default. Larger batches (bombs)
                                           // become unreadable records (UnreadableOffsets).
                                           {"receive.message.max.bytes", "268435456"},
                                           {"statistics.interval.ms", statistics_ms},
                                       },
                                       handle->context.get()));
  rd_kafka_conf_set_rebalance_cb(conf, &OnRebalance);
  rd_kafka_conf_set_stats_cb(conf, &OnStatistics);
  NW_ASSIGN_OR_RETURN(rd_kafka_t * rk, NewClient(RD_KAFKA_CONSUMER, conf));
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const std::string& topic : topics) {
    rd_kafka_topic_partition_list_add(list, topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_destroy(rk);
    return absl::InvalidArgumentError(absl::StrCat("subscribe: ", rd_kafka_err2str(err)));
  }
  handle->rk = rk;
  auto instance_id = options.properties.find("group.instance.id");
  handle->static_member = instance_id != options.properties.end() && !instance_id->second.empty();
  return std::unique_ptr<GroupConsumer>(new GroupConsumer(std::move(handle)));
}

absl::StatusOr<std::optional<RawRecord>> GroupConsumer::Poll(absl::Duration timeout) {
  UnreadableOffsets& unreadable = handle_->context->unreadable;
  if (std::optional<RawRecord> given_up = NextUnreadable(unreadable)) return given_up;
  rd_kafka_message_t* m = rd_kafka_consumer_poll(handle_->rk, ToMillis(timeout));
  if (m == nullptr) return std::nullopt;
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_resp_err_t err = m->err;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
      rd_kafka_message_destroy(m);
      return FatalStatus(handle_->rk);
    }
    ConsumeError(handle_->rk, *handle_->context, m);
    rd_kafka_message_destroy(m);
    return NextUnreadable(unreadable);
  }
  const UnreadableOffsets::Step step =
      unreadable.OnRecord(rd_kafka_topic_name(m->rkt), m->partition, m->offset);
  if (step.seek >= 0) {
    Follow(handle_->rk, unreadable, {rd_kafka_topic_name(m->rkt), m->partition}, step);
  }
  if (step.drop) {  // read while searching for the end of an unreadable batch
    rd_kafka_message_destroy(m);
    return std::nullopt;
  }
  RawRecord record;
  record.topic = rd_kafka_topic_name(m->rkt);
  record.partition = m->partition;
  record.offset = m->offset;
  record.timestamp = MessageTime(m);
  if (m->key != nullptr) record.key.assign(static_cast<const char*>(m->key), m->key_len);
  if (m->payload != nullptr) record.value.assign(static_cast<const char*>(m->payload), m->len);
  record.value_is_null = m->payload == nullptr;
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) ==
                       RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      record.headers.emplace_back(name, value != nullptr
                                            ? std::string(static_cast<const char*>(value), size)
                                            : std::string());
    }
  }
  rd_kafka_message_destroy(m);
  return record;
}

absl::Status GroupConsumer::StoreOffset(const std::string& topic, int32_t partition,
                                        int64_t next_offset) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = next_offset;
  rd_kafka_resp_err_t err = rd_kafka_offsets_store(handle_->rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err == RD_KAFKA_RESP_ERR__STATE || err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
    // The partition is no longer ours (revoked, or gone from the client);
    // its new owner re-reads it and the fold drops what was already applied.
    return absl::FailedPreconditionError(absl::StrCat("partition ", topic, "/", partition, " not assigned"));
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::InternalError(absl::StrCat("store offset: ", rd_kafka_err2str(err)));
  }
  return absl::OkStatus();
}

void GroupConsumer::Close(absl::Duration timeout) {
  if (handle_->closed || handle_->rk == nullptr) return;
  handle_->closed = true;
  // rd_kafka_consumer_close can wait on an unreachable coordinator: run it
  // on its own thread and give up waiting after `timeout`.
  auto done = std::make_shared<absl::Notification>();
  rd_kafka_t* rk = handle_->rk;
  const bool leave_first = handle_->static_member;
  const absl::Time deadline = absl::Now() + timeout;
  std::thread closer([rk, done, leave_first, deadline] {
    if (leave_first) LeaveGroup(rk, deadline);
    rd_kafka_resp_err_t err = rd_kafka_consumer_close(rk);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      LogWarning("kafka consumer close", {{"error", rd_kafka_err2str(err)}});
    }
    done->Notify();
  });
  if (done->WaitForNotificationWithTimeout(timeout)) {
    closer.join();
  } else {
    LogWarning("kafka consumer close timed out; leaving the group by session timeout",
               {{"timeout_ms", std::to_string(absl::ToInt64Milliseconds(timeout))}});
    handle_->close_timed_out = true;
    handle_->context->listener.store(nullptr);
    closer.detach();
  }
}

void GroupConsumer::SetRebalanceListener(RebalanceListener* listener) {
  handle_->context->listener.store(listener);
}

void GroupConsumer::InjectFatalErrorForTest() {
  rd_kafka_test_fatal_error(handle_->rk, RD_KAFKA_RESP_ERR_FENCED_INSTANCE_ID, "injected by a test");
}

// ---- Producer --------------------------------------------------------------

struct Producer::Handle {
  rd_kafka_t* rk = nullptr;
  std::unique_ptr<ClientContext> context;
};

Producer::Producer(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}

Producer::~Producer() {
  if (handle_->rk == nullptr) return;
  // Undelivered messages' callbacks must still run (and free their closures).
  rd_kafka_purge(handle_->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(handle_->rk, 1000);
  rd_kafka_destroy(handle_->rk);
}

absl::StatusOr<std::unique_ptr<Producer>> Producer::Create(const KafkaOptions& options) {
  auto handle = std::make_unique<Handle>();
  handle->context = std::make_unique<ClientContext>();
  handle->context->on_error = options.on_error;
  NW_ASSIGN_OR_RETURN(rd_kafka_conf_t * conf,
                      NewConf(options, {
                                           {"enable.idempotence", "true"},
                                           {"acks", "all"},
                                           {"linger.ms", "5"},
                                           {"message.timeout.ms", "120000"},
                                           {"queue.buffering.max.messages", "100000"},
                                           {"compression.type", "lz4"},
                                           // As large as the broker accepts (tools/kafka.sh).
                                           {"message.max.bytes",
                                            std::to_string(kProducerMessageMaxBytes)},
                                       },
                                       handle->context.get()));
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void*) {
    auto* callback = static_cast<DeliveryCallback*>(m->_private);
    if (callback == nullptr) return;
    if (m->err == RD_KAFKA_RESP_ERR__FATAL) {
      // The idempotent producer can no longer guarantee order: stop.
      (*callback)(absl::InternalError("delivery failed: fatal producer error"));
    } else {
      (*callback)(ProduceErrorStatus(m->err, "delivery failed"));
    }
    delete callback;
  });
  NW_ASSIGN_OR_RETURN(rd_kafka_t * rk, NewClient(RD_KAFKA_PRODUCER, conf));
  handle->rk = rk;
  return std::unique_ptr<Producer>(new Producer(std::move(handle)));
}

namespace {

// Produce and ProduceTombstone: `value` null means a null value.
absl::Status ProduceValue(rd_kafka_t* rk, const std::string& topic, const std::string& key,
                          const std::string* value, const KafkaHeaders& headers,
                          absl::Time timestamp, MessageSink::DeliveryCallback on_delivery) {
  NW_RETURN_IF_ERROR(FatalStatus(rk));
  rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
  for (const auto& [name, header_value] : headers) {
    rd_kafka_header_add(hdrs, name.data(), static_cast<ssize_t>(name.size()), header_value.data(),
                        static_cast<ssize_t>(header_value.size()));
  }
  auto* callback = new MessageSink::DeliveryCallback(std::move(on_delivery));
  const int64_t timestamp_ms = timestamp == absl::UnixEpoch() ? 0 : absl::ToUnixMillis(timestamp);
  // A null payload pointer is a null value (a tombstone), not an empty one.
  char* payload = value != nullptr ? const_cast<char*>(value->data()) : nullptr;
  const size_t payload_size = value != nullptr ? value->size() : 0;
  rd_kafka_resp_err_t err = rd_kafka_producev(
      rk, RD_KAFKA_V_TOPIC(topic.c_str()),
      // An empty key is sent null: RawRecord does not tell them apart.
      RD_KAFKA_V_KEY(key.empty() ? nullptr : const_cast<char*>(key.data()), key.size()),
      RD_KAFKA_V_VALUE(payload, payload_size),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(hdrs),
      RD_KAFKA_V_TIMESTAMP(timestamp_ms),
      RD_KAFKA_V_OPAQUE(callback), RD_KAFKA_V_END);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return absl::OkStatus();
  rd_kafka_headers_destroy(hdrs);
  delete callback;
  if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
    return absl::ResourceExhaustedError("producer queue full");
  }
  if (err == RD_KAFKA_RESP_ERR__FATAL) return FatalStatus(rk);
  return ProduceErrorStatus(err, absl::StrCat("produce to ", topic));
}

}  // namespace

absl::Status Producer::Produce(const std::string& topic, const std::string& key,
                               const std::string& value, const KafkaHeaders& headers,
                               absl::Time timestamp, DeliveryCallback on_delivery) {
  return ProduceValue(handle_->rk, topic, key, &value, headers, timestamp, std::move(on_delivery));
}

absl::Status Producer::ProduceTombstone(const std::string& topic, const std::string& key,
                                        const KafkaHeaders& headers, absl::Time timestamp,
                                        DeliveryCallback on_delivery) {
  return ProduceValue(handle_->rk, topic, key, nullptr, headers, timestamp, std::move(on_delivery));
}

int64_t Producer::MaxMessageBytes() const {
  char value[32];
  size_t size = sizeof(value);
  if (rd_kafka_conf_get(rd_kafka_conf(handle_->rk), "message.max.bytes", value, &size) !=
      RD_KAFKA_CONF_OK) {
    return kProducerMessageMaxBytes;
  }
  return std::atoll(value);
}

void Producer::Poll(absl::Duration timeout) { rd_kafka_poll(handle_->rk, ToMillis(timeout)); }

absl::Status Producer::Flush(absl::Duration timeout) {
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_->rk, ToMillis(timeout));
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
    return absl::DeadlineExceededError(absl::StrCat("flush: ", rd_kafka_outq_len(handle_->rk),
                                                    " messages still outstanding"));
  }
  return absl::OkStatus();
}

int Producer::OutstandingMessages() const { return rd_kafka_outq_len(handle_->rk); }

void Producer::InjectFatalErrorForTest() {
  rd_kafka_test_fatal_error(handle_->rk, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
                            "injected by a test");
}

// ---- LogConsumer -----------------------------------------------------------

struct LogConsumer::Handle {
  rd_kafka_t* rk = nullptr;
  std::string topic;
  int32_t partition = 0;
  std::atomic<int64_t> high_watermark{-1};
};

LogConsumer::LogConsumer(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}

LogConsumer::~LogConsumer() {
  if (handle_->rk == nullptr) return;
  rd_kafka_resp_err_t err = rd_kafka_consumer_close(handle_->rk);
  (void)err;
  rd_kafka_destroy(handle_->rk);
}

absl::StatusOr<std::unique_ptr<LogConsumer>> LogConsumer::Create(const KafkaOptions& options,
                                                                 const std::string& topic,
                                                                 int32_t partition,
                                                                 int64_t start_offset) {
  // A group.id is required by the consumer API but no offsets are committed:
  // the view keeps its own position in its store.
  NW_ASSIGN_OR_RETURN(rd_kafka_conf_t * conf,
                      NewConf(options, {
                                           {"group.id", "newswire-view-unused"},
                                           {"enable.auto.commit", "false"},
                                           {"enable.auto.offset.store", "false"},
                                           {"enable.partition.eof", "false"},
                                           {"fetch.wait.max.ms", "20"},
                                           {"queued.max.messages.kbytes", "65536"},
                                       }));
  NW_ASSIGN_OR_RETURN(rd_kafka_t * rk, NewClient(RD_KAFKA_CONSUMER, conf));
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset =
      start_offset < 0 ? RD_KAFKA_OFFSET_BEGINNING : start_offset;
  rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_destroy(rk);
    return absl::InvalidArgumentError(absl::StrCat("assign ", topic, ": ", rd_kafka_err2str(err)));
  }
  auto handle = std::make_unique<Handle>();
  handle->rk = rk;
  handle->topic = topic;
  handle->partition = partition;
  int64_t low = 0, high = 0;
  if (rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, 5000) ==
      RD_KAFKA_RESP_ERR_NO_ERROR) {
    handle->high_watermark.store(high);
  }
  return std::unique_ptr<LogConsumer>(new LogConsumer(std::move(handle)));
}

absl::StatusOr<std::optional<LogRecord>> LogConsumer::Poll(absl::Duration timeout) {
  rd_kafka_message_t* m = rd_kafka_consumer_poll(handle_->rk, ToMillis(timeout));
  int64_t low = 0, high = 0;
  if (rd_kafka_get_watermark_offsets(handle_->rk, handle_->topic.c_str(), handle_->partition, &low,
                                     &high) == RD_KAFKA_RESP_ERR_NO_ERROR &&
      high >= 0) {
    handle_->high_watermark.store(high);
  }
  if (m == nullptr) return std::nullopt;
  if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::string error = rd_kafka_message_errstr(m);
    rd_kafka_resp_err_t err = m->err;
    rd_kafka_message_destroy(m);
    if (err == RD_KAFKA_RESP_ERR__FATAL) return FatalStatus(handle_->rk);
    LogWarning("kafka log read error", {{"error", rd_kafka_err2name(err)}, {"reason", error}});
    return std::nullopt;
  }
  LogRecord record;
  record.offset = m->offset;
  record.timestamp = MessageTime(m);
  if (m->payload != nullptr) record.value.assign(static_cast<const char*>(m->payload), m->len);
  rd_kafka_message_destroy(m);
  return record;
}

int64_t LogConsumer::EndOffset() const { return handle_->high_watermark.load(); }

// ---- admin -------------------------------------------------------------------

absl::Status CreateTopics(const KafkaOptions& options, const std::map<std::string, int>& topics,
                          absl::Duration timeout) {
  NW_ASSIGN_OR_RETURN(rd_kafka_conf_t * conf, NewConf(options, {}));
  NW_ASSIGN_OR_RETURN(rd_kafka_t * rk, NewClient(RD_KAFKA_PRODUCER, conf));
  std::vector<rd_kafka_NewTopic_t*> new_topics;
  char errstr[512];
  for (const auto& [name, partitions] : topics) {
    new_topics.push_back(rd_kafka_NewTopic_new(name.c_str(), partitions, 1, errstr, sizeof(errstr)));
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_AdminOptions_t* admin = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(admin, ToMillis(timeout), errstr, sizeof(errstr));
  rd_kafka_CreateTopics(rk, new_topics.data(), new_topics.size(), admin, queue);
  absl::Status status = absl::OkStatus();
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, ToMillis(timeout) + 1000);
  if (event == nullptr) {
    status = absl::DeadlineExceededError("create topics: no answer from the broker");
  } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    status = absl::UnavailableError(absl::StrCat("create topics: ", rd_kafka_event_error_string(event)));
  } else {
    const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event);
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
    for (size_t i = 0; i < count; ++i) {
      rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        status = absl::UnavailableError(absl::StrCat("create topic ", rd_kafka_topic_result_name(results[i]),
                                                     ": ", rd_kafka_topic_result_error_string(results[i])));
      }
    }
  }
  // The controller answers before the broker has loaded the new partitions:
  // a record produced in between can be acknowledged without being stored
  // (the idempotent producer restarts its sequence when a partition it saw
  // as missing reappears). Return once every partition answers an offsets
  // query on its leader.
  const absl::Time deadline = absl::Now() + timeout;
  for (const auto& [name, partitions] : topics) {
    for (int p = 0; status.ok() && p < partitions; ++p) {
      int64_t low = 0, high = 0;
      while (rd_kafka_query_watermark_offsets(rk, name.c_str(), p, &low, &high, 1000) !=
             RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (absl::Now() >= deadline) {
          status = absl::DeadlineExceededError(
              absl::StrCat("create topics: partition ", name, "/", p, " not ready"));
          break;
        }
        absl::SleepFor(absl::Milliseconds(50));
      }
    }
  }
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_AdminOptions_destroy(admin);
  for (rd_kafka_NewTopic_t* t : new_topics) rd_kafka_NewTopic_destroy(t);
  rd_kafka_queue_destroy(queue);
  rd_kafka_destroy(rk);
  return status;
}

}  // namespace newswire
