#include "services/ingest/ingest_worker.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/error_policy.h"
#include "services/ingest/common/json_log.h"

namespace newswire {
namespace {

std::string Origin(const OffsetTracker::Partition& partition, int64_t offset) {
  return absl::StrCat(partition.topic, "/", partition.partition, "@", offset);
}

absl::string_view HeaderValue(const KafkaHeaders& headers, absl::string_view name) {
  for (const auto& [header_name, value] : headers) {
    if (header_name == name) return value;
  }
  return "";
}

}  // namespace

IngestWorker::IngestWorker(IngestOptions options, RawSource* source, MessageSink* sink,
                           const StoryPipeline* pipeline, ServiceMetrics* metrics)
    : options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : Clock::Real()),
      source_(source),
      sink_(sink),
      pipeline_(pipeline),
      metrics_(metrics),
      normalize_pool_(options_.normalize_threads) {}

absl::Status IngestWorker::RunOnce(absl::Duration poll_timeout) {
  if (!fatal_.ok()) return fatal_;
  sink_->Poll(absl::ZeroDuration());
  if (!fatal_.ok()) return fatal_;
  ResendDue();
  if (!fatal_.ok()) return fatal_;
  if (!retry_.empty() || tracker_.InFlight() >= options_.max_in_flight_records) {
    // Back-pressure: let deliveries (and retry backoffs) catch up before
    // reading more.
    sink_->Poll(poll_timeout);
    return fatal_;
  }
  // batch_ may still hold the tail of the last batch, cut short by
  // max_batch_time: those records come first, in the order they were read.
  const size_t room = static_cast<size_t>(std::max<int64_t>(
      1, std::min<int64_t>(options_.max_batch_records,
                           options_.max_in_flight_records - tracker_.InFlight())));
  for (absl::Duration wait = batch_.empty() ? poll_timeout : absl::ZeroDuration();
       batch_.size() < room; wait = absl::ZeroDuration()) {
    absl::StatusOr<std::optional<RawRecord>> record = source_->Poll(wait);
    if (!record.ok()) {
      fatal_ = record.status();  // ErrorSite::kConsume: every error stops
      return fatal_;
    }
    if (!record->has_value()) break;
    batch_.push_back(**std::move(record));
  }
  std::vector<RawRecord> batch = std::move(batch_);
  batch_.clear();
  std::vector<absl::StatusOr<ParseResult>> results(batch.size());
  std::vector<absl::Duration> took(batch.size());
  const absl::Time cut_off = clock_->Now() + options_.max_batch_time;
  const size_t ran = normalize_pool_.Run(
      batch.size(),
      [&](size_t i) {
        if (!batch[i].unreadable.empty()) return;  // nothing to normalize; Handle sends it on
        const absl::Time start = clock_->Now();
        results[i] = pipeline_->Process(batch[i]);
        took[i] = clock_->Now() - start;
      },
      [&] { return clock_->Now() < cut_off; });
  if (ran < batch.size()) {
    metrics_->batches_cut_short().Increment();
    batch_.assign(std::make_move_iterator(batch.begin() + static_cast<ptrdiff_t>(ran)),
                  std::make_move_iterator(batch.end()));
  }
  for (size_t i = 0; i < ran && fatal_.ok(); ++i) {
    metrics_->raw_records().Increment();
    if (batch[i].unreadable.empty()) {
      metrics_->normalize_seconds().Observe(absl::ToDoubleSeconds(took[i]));
    }
    Handle(std::move(batch[i]), std::move(results[i]));
  }
  metrics_->ingest_in_flight().Set(static_cast<double>(tracker_.InFlight()));
  return fatal_;
}

void IngestWorker::ResendDue() {
  const absl::Time now = clock_->Now();
  std::deque<std::shared_ptr<Outgoing>> waiting;
  waiting.swap(retry_);
  bool queue_full = false;
  for (std::shared_ptr<Outgoing>& message : waiting) {
    if (queue_full || message->not_before > now || !fatal_.ok()) {
      retry_.push_back(std::move(message));
    } else {
      queue_full = !Send(std::move(message));
    }
  }
}

void IngestWorker::Pump(absl::Duration timeout) {
  ResendDue();
  sink_->Poll(timeout);
}

int64_t IngestWorker::Drain(absl::Duration timeout) {
  const absl::Time deadline = clock_->Now() + timeout;
  while (fatal_.ok() && (tracker_.InFlight() > 0 || !retry_.empty()) && clock_->Now() < deadline) {
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
    const absl::Time deadline = clock_->Now() + options_.revoke_drain_timeout;
    auto in_flight = [&] {
      int64_t count = 0;
      for (const TopicPartition& p : partitions) count += tracker_.InFlight({p.topic, p.partition});
      return count;
    };
    while (fatal_.ok() && in_flight() > 0 && clock_->Now() < deadline) Pump(absl::Milliseconds(20));
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
    dead_lettered_.erase({p.topic, p.partition});
    // Its lag is its new owner's to report now.
    metrics_->ConsumerLag(p.topic, p.partition).Set(0);
  }
}

void IngestWorker::Handle(RawRecord record, absl::StatusOr<ParseResult> result) {
  auto raw = std::make_shared<const RawRecord>(std::move(record));
  OffsetTracker::Partition partition{raw->topic, raw->partition};
  if (!raw->unreadable.empty()) {
    tracker_.Begin(partition, raw->offset, 1);
    DeadLetterInfo info{"consume", raw->unreadable, options_.service_version,
                        DlqReason::kUnreadable};
    SendToDlq(std::move(raw), std::move(info));
    return;
  }
  if (!result.ok()) {
    // ErrorSite::kNormalize: every error dead-letters its record, with the
    // reason the error carries (kOther when it names none).
    tracker_.Begin(partition, raw->offset, 1);
    SendToDlq(std::move(raw), {"normalize", std::string(result.status().message()),
                               options_.service_version, DlqReasonOf(result.status())});
    return;
  }
  const std::vector<v1::Story>* stories = &result->stories;
  if (stories->empty()) {
    metrics_->records_without_story().Increment();
    LogInfo("record holds no text story", {{"topic", raw->topic},
                                           {"partition", absl::StrCat(raw->partition)},
                                           {"offset", absl::StrCat(raw->offset)},
                                           {"reason", result->no_story_reason}});
    StoreCommittable(partition, tracker_.Begin(partition, raw->offset, 0));
    return;
  }
  tracker_.Begin(partition, raw->offset, static_cast<int>(stories->size()));
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
    message->raw_offset = raw->offset;
    message->raw = raw;
    Send(std::move(message));
  }
}

std::shared_ptr<IngestWorker::Outgoing> IngestWorker::DlqMessage(
    std::shared_ptr<const RawRecord> raw, DeadLetterInfo info, bool reference) const {
  const bool unreadable = !raw->unreadable.empty();
  DeadLetter letter = unreadable  ? DlqUnreadable(*raw, info)
                      : reference ? DlqReference(*raw, info, options_.max_message_bytes)
                                  : DlqCopy(*raw, info);
  auto message = std::make_shared<Outgoing>();
  message->kind = unreadable  ? Kind::kDlqUnreadable
                  : reference ? Kind::kDlqReference
                              : Kind::kDlqCopy;
  message->topic = options_.dlq_topic;
  message->key = std::move(letter.key);
  message->value = std::move(letter.value);
  message->value_is_null = letter.value_is_null;
  message->headers = std::move(letter.headers);
  message->timestamp = letter.timestamp;
  message->partition = {raw->topic, raw->partition};
  message->raw_offset = raw->offset;
  message->dead_letter = std::move(info);
  // A reference is the last resort: nothing is made of the raw record after
  // it. An unreadable record has nothing more to give.
  if (message->kind == Kind::kDlqCopy) message->raw = std::move(raw);
  return message;
}

void IngestWorker::SendToDlq(std::shared_ptr<const RawRecord> raw, DeadLetterInfo info) {
  std::shared_ptr<Outgoing> message = DlqMessage(raw, info, /*reference=*/false);
  const bool fits = RecordWireBytes(message->key, message->value, message->headers) <=
                    options_.max_message_bytes;
  if (!fits) message = DlqMessage(std::move(raw), std::move(info), /*reference=*/true);
  LogWarning("record sent to DLQ",
             {{"origin", Origin(message->partition, message->raw_offset)},
              {"stage", message->dead_letter.stage},
              {"error", message->dead_letter.error},
              {"reason", std::string(DlqReasonLabel(message->dead_letter.reason))},
              {"kind", KindLabel(message->kind)}});
  Send(std::move(message));
}

const char* IngestWorker::KindLabel(Kind kind) {
  switch (kind) {
    case Kind::kDlqCopy:
      return kDlqKindCopy;
    case Kind::kDlqReference:
      return kDlqKindReference;
    case Kind::kDlqUnreadable:
      return kDlqKindUnreadable;
    case Kind::kStory:
      break;
  }
  return "story";
}

bool IngestWorker::Send(std::shared_ptr<Outgoing> message) {
  if (!fatal_.ok()) return true;
  const size_t bytes = RecordWireBytes(message->key, message->value, message->headers);
  if (bytes > options_.max_message_bytes) {
    OnProduceError(std::move(message),
                   absl::OutOfRangeError(absl::StrCat("message too large: ", bytes, " bytes (limit ",
                                                      options_.max_message_bytes, ")")));
    return true;
  }
  auto on_delivery = [this, message](absl::Status delivered) { OnDelivery(message, delivered); };
  absl::Status status =
      message->value_is_null
          ? sink_->ProduceTombstone(message->topic, message->key, message->headers,
                                    message->timestamp, std::move(on_delivery))
          : sink_->Produce(message->topic, message->key, message->value, message->headers,
                           message->timestamp, std::move(on_delivery));
  if (status.ok()) return true;
  if (absl::IsResourceExhausted(status) &&
      ErrorDisposition(SiteOf(message->kind), status) == Disposition::kRetry) {
    retry_.push_back(std::move(message));  // the queue is full: as soon as it has room
    return false;
  }
  OnProduceError(std::move(message), status);
  return true;
}

ErrorSite IngestWorker::SiteOf(Kind kind) {
  return kind == Kind::kDlqReference || kind == Kind::kDlqUnreadable ? ErrorSite::kProduceLastResort
                                                                     : ErrorSite::kProduce;
}

void IngestWorker::OnProduceError(std::shared_ptr<Outgoing> message, const absl::Status& status) {
  switch (ErrorDisposition(SiteOf(message->kind), status)) {
    case Disposition::kStop:
      fatal_ = absl::IsInternal(status) ? status : Unproducible(*message, status);
      return;
    case Disposition::kDeadLetter:
      Reject(message, status);
      return;
    case Disposition::kRetry:
    case Disposition::kLogAndContinue:  // not given for produce errors: never drop a message
      RetryLater(std::move(message), status);
      return;
  }
}

void IngestWorker::Reject(const std::shared_ptr<Outgoing>& message, const absl::Status& status) {
  metrics_->produce_rejected().Increment();
  const std::string origin = Origin(message->partition, message->raw_offset);
  if (message->kind == Kind::kDlqCopy) {
    LogWarning("DLQ copy cannot be produced; sending a reference",
               {{"origin", origin}, {"error", std::string(status.message())}});
    Send(DlqMessage(message->raw, message->dead_letter, /*reference=*/true));
    return;
  }
  LogError("story cannot be produced; its raw record goes to the DLQ",
           {{"origin", origin}, {"story", message->key}, {"error", std::string(status.message())}});
  // The DLQ record takes over this story's acknowledgement; a second story
  // of the same record that fails is settled by the first's.
  if (!dead_lettered_[message->partition].insert(message->raw_offset).second) {
    StoreCommittable(message->partition, tracker_.Ack(message->partition, message->raw_offset));
    return;
  }
  SendToDlq(message->raw, {"produce", absl::StrCat("story not producible: ", status.message()),
                           options_.service_version, DlqReason::kProduceRefused});
}

absl::Status IngestWorker::Unproducible(const Outgoing& message, const absl::Status& status) {
  metrics_->produce_rejected().Increment();
  metrics_->dlq_unproducible().Increment();
  const std::string origin = Origin(message.partition, message.raw_offset);
  if (message.kind == Kind::kDlqUnreadable) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the DLQ refuses the record standing for unreadable raw record ", origin, ": ",
        status.message(), "; its offset is not stored: check the DLQ topic (", options_.dlq_topic,
        ")"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the DLQ refuses the reference record of raw record ", origin, " (",
      HeaderValue(message.headers, kDlqOriginalSize), " bytes, sha256 ",
      HeaderValue(message.headers, kDlqOriginalSha256), "): ", status.message(),
      "; its offset is not stored: check the DLQ topic (", options_.dlq_topic, ")"));
}

void IngestWorker::RetryLater(std::shared_ptr<Outgoing> message, const absl::Status& status) {
  // Never dropped: the raw offset stays unstored until a retry lands.
  metrics_->produce_failures().Increment();
  metrics_->produce_retries().Increment();
  const int doublings = std::min(message->failed_attempts++, 20);
  const absl::Duration backoff =
      std::min(options_.retry_backoff * (int64_t{1} << doublings), options_.max_retry_backoff);
  message->not_before = clock_->Now() + backoff;
  LogWarning("produce failed; retrying",
             {{"topic", message->topic},
              {"origin", Origin(message->partition, message->raw_offset)},
              {"attempt", absl::StrCat(message->failed_attempts)},
              {"backoff_ms", absl::StrCat(absl::ToInt64Milliseconds(backoff))},
              {"error", std::string(status.message())}});
  retry_.push_back(std::move(message));
}

void IngestWorker::OnDelivery(const std::shared_ptr<Outgoing>& message, const absl::Status& status) {
  if (!fatal_.ok()) return;  // nothing is stored after a fatal error
  if (!status.ok()) {
    OnProduceError(message, status);
    return;
  }
  if (message->kind != Kind::kStory) {
    // Counted once the DLQ holds it.
    metrics_->DlqRecords(message->dead_letter.reason).Increment();
    metrics_->DlqRecordsByKind(KindLabel(message->kind)).Increment();
  }
  StoreCommittable(message->partition, tracker_.Ack(message->partition, message->raw_offset));
}

void IngestWorker::StoreCommittable(const OffsetTracker::Partition& partition,
                                    std::optional<int64_t> next) {
  if (!next.has_value()) return;
  auto dead = dead_lettered_.find(partition);
  if (dead != dead_lettered_.end()) {
    dead->second.erase(dead->second.begin(), dead->second.lower_bound(*next));
    if (dead->second.empty()) dead_lettered_.erase(dead);
  }
  absl::Status status = source_->StoreOffset(partition.topic, partition.partition, *next);
  if (status.ok()) return;
  if (ErrorDisposition(ErrorSite::kStoreOffset, status) == Disposition::kStop) {
    if (fatal_.ok()) fatal_ = status;
    return;
  }
  // The partition is no longer ours: its next owner re-reads the rest.
  LogInfo("offset not stored", {{"topic", partition.topic},
                                {"partition", absl::StrCat(partition.partition)},
                                {"error", status.ToString()}});
}

}  // namespace newswire
