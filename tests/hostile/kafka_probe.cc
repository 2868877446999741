#include "tests/hostile/kafka_probe.h"

#include <librdkafka/rdkafka.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace newswire::hostile {
namespace {

// Large enough for a 40 MiB value plus 20,000 headers, uncompressed.
constexpr char kMaxBytes[] = "200000000";

absl::StatusOr<rd_kafka_t*> NewClient(rd_kafka_type_t type,
                                      const std::map<std::string, std::string>& properties,
                                      void (*on_delivery)(rd_kafka_t*, const rd_kafka_message_t*,
                                                          void*) = nullptr) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  for (const auto& [name, value] : properties) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof(error)) !=
        RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return absl::InvalidArgumentError(absl::StrCat(name, "=", value, ": ", error));
    }
  }
  if (on_delivery != nullptr) rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rd_kafka_t* rk = rd_kafka_new(type, conf, error, sizeof(error));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::InternalError(absl::StrCat("rd_kafka_new: ", error));
  }
  return rk;
}

// Where a delivery report leaves its result (the message's opaque).
struct Delivery {
  bool done = false;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
  int64_t offset = -1;
};

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* delivery = static_cast<Delivery*>(m->_private);
  delivery->done = true;
  delivery->error = m->err;
  delivery->offset = m->offset;
}

std::optional<std::string> Bytes(const void* data, size_t size) {
  if (data == nullptr) return std::nullopt;
  return std::string(static_cast<const char*>(data), size);
}

}  // namespace

std::optional<std::string> ProbeRecord::FirstHeader(absl::string_view name) const {
  for (const auto& [header, value] : headers) {
    if (absl::EqualsIgnoreCase(header, name)) return value;
  }
  return std::nullopt;
}

struct ProbeProducer::Handle {
  rd_kafka_t* rk = nullptr;
};

ProbeProducer::ProbeProducer(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}

ProbeProducer::~ProbeProducer() {
  rd_kafka_flush(handle_->rk, 5000);
  rd_kafka_destroy(handle_->rk);
}

absl::StatusOr<std::unique_ptr<ProbeProducer>> ProbeProducer::Create(
    const std::string& brokers, const std::string& compression) {
  absl::StatusOr<rd_kafka_t*> rk = NewClient(RD_KAFKA_PRODUCER,
                                             {{"bootstrap.servers", brokers},
                                              {"acks", "all"},
                                              {"linger.ms", "0"},
                                              {"compression.type", compression},
                                              {"message.max.bytes", kMaxBytes},
                                              {"receive.message.max.bytes", "400000000"},
                                              {"message.timeout.ms", "60000"}},
                                             &OnDelivery);
  if (!rk.ok()) return rk.status();
  auto handle = std::make_unique<Handle>();
  handle->rk = *rk;
  return std::unique_ptr<ProbeProducer>(new ProbeProducer(std::move(handle)));
}

absl::StatusOr<int64_t> ProbeProducer::Send(const std::string& topic, int32_t partition,
                                            const ProbeRecord& record, absl::Duration timeout) {
  rd_kafka_headers_t* headers = rd_kafka_headers_new(record.headers.size());
  for (const auto& [name, value] : record.headers) {
    rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  Delivery delivery;
  // A null pointer is Kafka's null; an empty string's data() is not null.
  void* key = record.key ? const_cast<char*>(record.key->data()) : nullptr;
  const size_t key_size = record.key ? record.key->size() : 0;
  void* value = record.value ? const_cast<char*>(record.value->data()) : nullptr;
  const size_t value_size = record.value ? record.value->size() : 0;
  rd_kafka_resp_err_t err = rd_kafka_producev(
      handle_->rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
      RD_KAFKA_V_KEY(key, key_size), RD_KAFKA_V_VALUE(value, value_size),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
      RD_KAFKA_V_OPAQUE(&delivery), RD_KAFKA_V_END);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_headers_destroy(headers);
    return absl::InvalidArgumentError(absl::StrCat("produce: ", rd_kafka_err2str(err)));
  }
  const absl::Time deadline = absl::Now() + timeout;
  while (!delivery.done && absl::Now() < deadline) rd_kafka_poll(handle_->rk, 50);
  if (!delivery.done) {
    // The report must not outlive `delivery`: drop the message and wait.
    rd_kafka_purge(handle_->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    while (!delivery.done) rd_kafka_poll(handle_->rk, 50);
    return absl::DeadlineExceededError("no acknowledgement in time");
  }
  if (delivery.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("delivery: ", rd_kafka_err2name(delivery.error),
                                               ": ", rd_kafka_err2str(delivery.error)));
  }
  return delivery.offset;
}

absl::StatusOr<std::vector<ProbeRecord>> ReadPartition(const std::string& brokers,
                                                       const std::string& topic, int32_t partition,
                                                       absl::Duration timeout) {
  absl::StatusOr<rd_kafka_t*> rk =
      NewClient(RD_KAFKA_CONSUMER, {{"bootstrap.servers", brokers},
                                    {"group.id", "hostile-probe"},
                                    {"enable.auto.commit", "false"},
                                    {"enable.partition.eof", "true"},
                                    {"fetch.max.bytes", "100000000"},
                                    {"max.partition.fetch.bytes", "100000000"},
                                    {"receive.message.max.bytes", "400000000"}});
  if (!rk.ok()) return rk.status();
  std::vector<ProbeRecord> records;
  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
      *rk, topic.c_str(), partition, &low, &high, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
  absl::Status status = absl::OkStatus();
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    status = absl::UnavailableError(absl::StrCat("watermarks: ", rd_kafka_err2str(err)));
  } else if (high > low) {
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = low;
    rd_kafka_assign(*rk, list);
    rd_kafka_topic_partition_list_destroy(list);
    const absl::Time deadline = absl::Now() + timeout;
    int64_t next = low;
    while (next < high && status.ok()) {
      if (absl::Now() > deadline) {
        status = absl::DeadlineExceededError(
            absl::StrCat(topic, "/", partition, ": read up to ", next, " of ", high));
        break;
      }
      rd_kafka_message_t* m = rd_kafka_consumer_poll(*rk, 200);
      if (m == nullptr) continue;
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ProbeRecord record;
        record.partition = m->partition;
        record.offset = m->offset;
        record.key = Bytes(m->key, m->key_len);
        record.value = Bytes(m->payload, m->len);
        rd_kafka_headers_t* headers = nullptr;
        if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
          const char* name;
          const void* value;
          size_t size;
          for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) ==
                             RD_KAFKA_RESP_ERR_NO_ERROR;
               ++i) {
            record.headers.emplace_back(name, Bytes(value, size).value_or(""));
          }
        }
        next = m->offset + 1;
        records.push_back(std::move(record));
      } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        status = absl::UnavailableError(absl::StrCat("consume: ", rd_kafka_message_errstr(m)));
      }
      rd_kafka_message_destroy(m);
    }
  }
  rd_kafka_consumer_close(*rk);
  rd_kafka_destroy(*rk);
  if (!status.ok()) return status;
  return records;
}

}  // namespace newswire::hostile
