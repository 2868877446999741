#include "services/ingest/ingest_worker.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/json_log.h"

namespace newswire {

IngestWorker::IngestWorker(IngestOptions options, RawSource* source, MessageSink* sink,
                           const StoryPipeline* pipeline, ServiceMetrics* metrics)
    : options_(std::move(options)),
      source_(source),
      sink_(sink),
      pipeline_(pipeline),
      metrics_(metrics),
      normalize_pool_(options_.normalize_threads) {}

absl::Status IngestWorker::RunOnce(absl::Duration poll_timeout) {
  if (!fatal_.ok()) return fatal_;
  sink_->Poll(absl::ZeroDuration());
  if (!fatal_.ok()) return fatal_;
  // Requeue what waits; stop at the first that still does not fit.
  while (!retry_.empty()) {
    std::shared_ptr<Outgoing> message = retry_.front();
    retry_.pop_front();
    size_t before = retry_.size();
    Send(message);
    if (retry_.size() > before) break;  // queue still full: it went back
  }
  if (!retry_.empty() || tracker_.InFlight() >= options_.max_in_flight_records) {
    // Back-pressure: let deliveries catch up before reading more.
    sink_->Poll(poll_timeout);
    return absl::OkStatus();
  }
  batch_.clear();
  const size_t room = static_cast<size_t>(std::max<int64_t>(
      1, std::min<int64_t>(options_.max_batch_records,
                           options_.max_in_flight_records - tracker_.InFlight())));
  for (absl::Duration wait = poll_timeout; batch_.size() < room; wait = absl::ZeroDuration()) {
    absl::StatusOr<std::optional<RawRecord>> record = source_->Poll(wait);
    if (!record.ok()) {
      fatal_ = record.status();
      return fatal_;
    }
    if (!record->has_value()) break;
    batch_.push_back(**std::move(record));
  }
  const std::vector<RawRecord> batch = std::move(batch_);
  batch_.clear();
  std::vector<absl::StatusOr<ParseResult>> results(batch.size());
  std::vector<absl::Duration> took(batch.size());
  normalize_pool_.Run(batch.size(), [&](size_t i) {
    const absl::Time start = absl::Now();
    results[i] = pipeline_->Process(batch[i]);
    took[i] = absl::Now() - start;
  });
  for (size_t i = 0; i < batch.size() && fatal_.ok(); ++i) {
    metrics_->raw_records().Increment();
    metrics_->normalize_seconds().Observe(absl::ToDoubleSeconds(took[i]));
    Handle(batch[i], std::move(results[i]));
  }
  metrics_->ingest_in_flight().Set(static_cast<double>(tracker_.InFlight()));
  return fatal_;
}

void IngestWorker::Pump(absl::Duration timeout) {
  size_t waiting = retry_.size();
  for (size_t i = 0; i < waiting && !retry_.empty(); ++i) {
    std::shared_ptr<Outgoing> message = retry_.front();
    retry_.pop_front();
    Send(message);
  }
  sink_->Poll(timeout);
}

int64_t IngestWorker::Drain(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (fatal_.ok() && (tracker_.InFlight() > 0 || !retry_.empty()) && absl::Now() < deadline) {
    Pump(absl::Milliseconds(50));
  }
  return tracker_.InFlight();
}

void IngestWorker::OnAssigned(const std::vector<TopicPartition>& partitions) {
  metrics_->Rebalances("assigned").Increment(static_cast<double>(partitions.size()));
  for (const TopicPartition& p : partitions) {
    LogInfo("partition assigned", {{"topic", p.topic}, {"partition", absl::StrCat(p.partition)}});
  }
}

void IngestWorker::OnRevoked(const std::vector<TopicPartition>& partitions, bool lost) {
  metrics_->Rebalances(lost ? "lost" : "revoked").Increment(static_cast<double>(partitions.size()));
  if (!lost) {
    absl::Time deadline = absl::Now() + options_.revoke_drain_timeout;
    auto in_flight = [&] {
      int64_t count = 0;
      for (const TopicPartition& p : partitions) count += tracker_.InFlight({p.topic, p.partition});
      return count;
    };
    while (fatal_.ok() && in_flight() > 0 && absl::Now() < deadline) Pump(absl::Milliseconds(20));
  }
  for (const TopicPartition& p : partitions) {
    batch_.erase(std::remove_if(batch_.begin(), batch_.end(),
                                [&](const RawRecord& r) {
                                  return r.topic == p.topic && r.partition == p.partition;
                                }),
                 batch_.end());
    int64_t left = tracker_.InFlight({p.topic, p.partition});
    LogInfo(lost ? "partition lost" : "partition revoked",
            {{"topic", p.topic}, {"partition", absl::StrCat(p.partition)},
             {"unsettled_records", absl::StrCat(left)}});
    tracker_.Forget({p.topic, p.partition});
    // Its lag is its new owner's to report now.
    metrics_->ConsumerLag(p.topic, p.partition).Set(0);
  }
}

void IngestWorker::Handle(const RawRecord& record, absl::StatusOr<ParseResult> result) {
  if (!result.ok()) {
    SendToDlq(record, "normalize", result.status().message());
    return;
  }
  const std::vector<v1::Story>* stories = &result->stories;
  OffsetTracker::Partition partition{record.topic, record.partition};
  if (stories->empty()) {
    metrics_->records_without_story().Increment();
    LogInfo("record holds no text story", {{"topic", record.topic},
                                           {"partition", absl::StrCat(record.partition)},
                                           {"offset", absl::StrCat(record.offset)},
                                           {"reason", result->no_story_reason}});
    StoreCommittable(partition, tracker_.Begin(partition, record.offset, 0));
    return;
  }
  tracker_.Begin(partition, record.offset, static_cast<int>(stories->size()));
  for (const v1::Story& story : *stories) {
    metrics_->StoriesProduced(v1::SourceFormat_Name(story.source_format())).Increment();
    metrics_->StoriesByAgency(story.agency()).Increment();
    metrics_->StoriesBySection(story.section().code()).Increment();
    auto message = std::make_shared<Outgoing>();
    message->topic = options_.stories_topic;
    message->key = story.id();
    message->value = story.SerializeAsString();
    message->timestamp = absl::UnixEpoch();  // the broker's clock: when it was logged
    message->partition = partition;
    message->raw_offset = record.offset;
    Send(std::move(message));
  }
}

void IngestWorker::SendToDlq(const RawRecord& record, absl::string_view stage,
                             absl::string_view reason) {
  LogWarning("record sent to DLQ", {{"topic", record.topic},
                                    {"partition", absl::StrCat(record.partition)},
                                    {"offset", absl::StrCat(record.offset)},
                                    {"stage", std::string(stage)},
                                    {"error", std::string(reason)}});
  metrics_->DlqRecords(ReasonLabel(reason)).Increment();
  auto message = std::make_shared<Outgoing>();
  message->topic = options_.dlq_topic;
  message->key = record.key;
  message->value = record.value;
  message->headers = record.headers;
  message->headers.emplace_back(kDlqOriginTopic, record.topic);
  message->headers.emplace_back(kDlqOriginPartition, absl::StrCat(record.partition));
  message->headers.emplace_back(kDlqOriginOffset, absl::StrCat(record.offset));
  message->headers.emplace_back(kDlqStage, std::string(stage));
  message->headers.emplace_back(kDlqReason, std::string(reason));
  message->headers.emplace_back(kDlqVersion, options_.service_version);
  message->timestamp = record.timestamp;
  message->partition = {record.topic, record.partition};
  message->raw_offset = record.offset;
  tracker_.Begin(message->partition, record.offset, 1);
  Send(std::move(message));
}

void IngestWorker::Send(std::shared_ptr<Outgoing> message) {
  if (!fatal_.ok()) return;
  absl::Status status = sink_->Produce(
      message->topic, message->key, message->value, message->headers, message->timestamp,
      [this, message](absl::Status delivered) { OnDelivery(message, delivered); });
  if (status.ok()) return;
  if (absl::IsInternal(status)) {
    fatal_ = status;
    return;
  }
  if (!absl::IsResourceExhausted(status)) {
    LogError("produce refused; will retry", {{"topic", message->topic}, {"error", status.ToString()}});
  }
  retry_.push_back(std::move(message));
}

void IngestWorker::OnDelivery(const std::shared_ptr<Outgoing>& message, const absl::Status& status) {
  if (!fatal_.ok()) return;  // nothing is stored after a fatal error
  if (absl::IsInternal(status)) {
    fatal_ = status;
    return;
  }
  if (!status.ok()) {
    // Never dropped: the raw offset stays unstored until a retry lands.
    metrics_->produce_failures().Increment();
    metrics_->produce_retries().Increment();
    LogWarning("delivery failed; retrying",
               {{"topic", message->topic},
                {"origin", absl::StrCat(message->partition.first, "/", message->partition.second,
                                        "@", message->raw_offset)},
                {"error", std::string(status.message())}});
    retry_.push_back(message);
    return;
  }
  StoreCommittable(message->partition, tracker_.Ack(message->partition, message->raw_offset));
}

void IngestWorker::StoreCommittable(const OffsetTracker::Partition& partition,
                                    std::optional<int64_t> next) {
  if (!next.has_value()) return;
  absl::Status status = source_->StoreOffset(partition.first, partition.second, *next);
  if (!status.ok() && !absl::IsFailedPrecondition(status)) {
    LogWarning("offset store failed", {{"topic", partition.first},
                                       {"partition", absl::StrCat(partition.second)},
                                       {"error", status.ToString()}});
  }
}

}  // namespace newswire
