#include "services/ingest/serve/story_reads.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/serve/event_filter.h"
#include "services/ingest/serve/fullest_per_family.h"

namespace newswire {
namespace {

// Longest single wait, so cancellation and draining are noticed promptly.
constexpr absl::Duration kWaitSlice = absl::Milliseconds(500);

// GetStory's family list stops here (a story copied by every site for a
// week is still one answer of bounded size).
constexpr size_t kMaxFamilyMembers = 1000;

// The subscribers_reading_store gauge for one stream: counted while the
// stream catches up from the store rather than following the tail.
class ReadingStoreGauge {
 public:
  explicit ReadingStoreGauge(ServiceMetrics* metrics) : metrics_(metrics) {}
  ReadingStoreGauge(const ReadingStoreGauge&) = delete;
  ReadingStoreGauge& operator=(const ReadingStoreGauge&) = delete;
  ~ReadingStoreGauge() { Set(false); }

  bool behind() const { return behind_; }

  void Set(bool behind) {
    if (behind == behind_) return;
    behind_ = behind;
    if (behind_) {
      metrics_->subscribers_reading_store().Increment();
    } else {
      metrics_->subscribers_reading_store().Decrement();
    }
  }

 private:
  ServiceMetrics* metrics_;
  bool behind_ = false;
};

}  // namespace

StoryReads::StoryReads(const StoryStore* store, AppliedCursor* cursor, ServiceMetrics* metrics,
                       Options options, const RecentEvents* recent)
    : store_(store), cursor_(cursor), metrics_(metrics), options_(options),
      clock_(options.clock != nullptr ? options.clock : Clock::Real()),
      recent_(recent) {}

absl::StatusOr<int64_t> StoryReads::StartCursor(const v1::SubscribeRequest& request) const {
  switch (request.start_case()) {
    case v1::SubscribeRequest::kAfterCursor:
      if (request.after_cursor() < -1) {
        return absl::InvalidArgumentError("after_cursor must be >= -1");
      }
      return request.after_cursor();
    case v1::SubscribeRequest::kFromTime:
      return store_->CursorBefore(FromProtoTime(request.from_time()));
    case v1::SubscribeRequest::kFromBeginning:
      return -1;
    case v1::SubscribeRequest::kFromNow:
    case v1::SubscribeRequest::START_NOT_SET:
    default:
      return cursor_->Latest();
  }
}

StoryReads::Slot::~Slot() {
  if (owner_ == nullptr) return;
  owner_->metrics_->subscribers().Decrement();
  owner_->open_streams_.fetch_sub(1);
}

absl::StatusOr<StoryReads::Slot> StoryReads::Admit() const {
  if (open_streams_.fetch_add(1) >= options_.max_subscribers) {
    open_streams_.fetch_sub(1);
    metrics_->subscribers_refused().Increment();
    return absl::ResourceExhaustedError(
        absl::StrCat("subscriber limit reached (", options_.max_subscribers, "); retry later"));
  }
  metrics_->subscribers().Increment();
  return Slot(this);
}

absl::Status StoryReads::Stream(const v1::SubscribeRequest& request, const Emit& emit,
                                const std::function<bool()>& cancelled) const {
  NW_ASSIGN_OR_RETURN(const Slot slot, Admit());
  return Stream(request, emit, cancelled, slot);
}

absl::Status StoryReads::Stream(const v1::SubscribeRequest& request, const Emit& emit,
                                const std::function<bool()>& cancelled,
                                const Slot& /*slot*/) const {
  if (request.heartbeat_seconds() < 0) {
    return absl::InvalidArgumentError("heartbeat_seconds must be >= 0");
  }
  NW_ASSIGN_OR_RETURN(int64_t read_up_to, StartCursor(request));
  const EventFilter filter(request.filter(), request.include_duplicates());
  FullestPerFamily fullest(request.newest_fullest_per_family());
  const absl::Duration heartbeat =
      request.heartbeat_seconds() > 0
          ? std::max(absl::Seconds(request.heartbeat_seconds()), options_.min_heartbeat)
          : options_.default_heartbeat;
  ReadingStoreGauge reading_store(metrics_);

  absl::Time last_sent = clock_->Now();
  while (true) {
    if (cancelled()) return absl::CancelledError("subscriber cancelled");
    if (cursor_->closed()) {
      return absl::UnavailableError(
          absl::StrCat("server draining; reconnect with after_cursor=", read_up_to));
    }
    // Everything at or below `applied` is in the store (and the ring)
    // before we read.
    const int64_t applied = cursor_->Latest();
    NW_ASSIGN_OR_RETURN(Batch batch,
                        ReadBatch(read_up_to, reading_store.behind(), filter, fullest));
    if (!batch.matching.empty()) {
      if (!emit(batch.matching)) return absl::OkStatus();
      last_sent = clock_->Now();
      RecordSent(batch, last_sent);
    }
    read_up_to = batch.last_read;
    if (batch.read == options_.batch_size) {  // more to catch up on
      reading_store.Set(true);
      continue;
    }
    reading_store.Set(false);
    read_up_to = std::max(read_up_to, applied);

    // Caught up: wait for the view to apply more, or for a heartbeat.
    const absl::Time heartbeat_due = last_sent + heartbeat;
    const absl::Duration wait = std::min(kWaitSlice, heartbeat_due - clock_->Now());
    if (wait > absl::ZeroDuration() && cursor_->WaitAbove(read_up_to, wait) > read_up_to) {
      if (options_.tail_gather > absl::ZeroDuration()) clock_->SleepFor(options_.tail_gather);
      continue;
    }
    if (clock_->Now() >= heartbeat_due) {
      v1::StoryEvent beat;
      beat.set_cursor(read_up_to);
      beat.set_kind(v1::EVENT_KIND_HEARTBEAT);
      const SharedEvent served = std::make_shared<const ServedEvent>(std::move(beat));
      if (!emit({&served, 1})) return absl::OkStatus();
      last_sent = clock_->Now();
    }
  }
}

absl::StatusOr<StoryReads::Batch> StoryReads::ReadBatch(int64_t after, bool behind,
                                                        const EventFilter& filter,
                                                        FullestPerFamily& fullest) const {
  Batch batch;
  batch.last_read = after;
  std::optional<std::vector<SharedEvent>> from_memory;
  if (recent_ != nullptr) from_memory = recent_->After(after, options_.batch_size);
  batch.at_tail = from_memory.has_value() && !behind;
  if (from_memory.has_value()) {
    batch.read = from_memory->size();
    if (batch.read > 0) batch.last_read = from_memory->back()->cursor();
    batch.matching.reserve(from_memory->size());
    for (SharedEvent& served : *from_memory) {
      if (filter.Matches(served->event) && fullest.Take(served->event)) {
        batch.matching.push_back(std::move(served));
      }
    }
    return batch;
  }
  NW_ASSIGN_OR_RETURN(std::vector<v1::StoryEvent> stored,
                      store_->ReadEvents(after, options_.batch_size));
  batch.read = stored.size();
  if (batch.read > 0) batch.last_read = stored.back().cursor();
  for (v1::StoryEvent& event : stored) {
    // Serialized only when sent.
    if (!filter.Matches(event) || !fullest.Take(event)) continue;
    batch.matching.push_back(std::make_shared<const ServedEvent>(std::move(event)));
  }
  return batch;
}

void StoryReads::RecordSent(const Batch& batch, absl::Time sent_at) const {
  // Metrics once per batch, not per event: every stream shares them.
  metrics_->events_sent().Increment(static_cast<double>(batch.matching.size()));
  // Latency only at the live tail: an event read while catching up from an
  // old cursor says how old the cursor was, not how fast we are.
  if (!batch.at_tail) return;
  std::vector<double> latencies;
  latencies.reserve(batch.matching.size());
  for (const SharedEvent& served : batch.matching) {
    latencies.push_back(
        absl::ToDoubleSeconds(sent_at - FromProtoTime(served->event.story().origin().timestamp())));
  }
  metrics_->ObserveEndToEnd(latencies);
}

absl::StatusOr<v1::ListStoriesResponse> StoryReads::ListStories(
    const v1::ListStoriesRequest& request) const {
  if (request.page_size() < 0) return absl::InvalidArgumentError("page_size must be >= 0");
  const size_t page_size = static_cast<size_t>(std::min(
      request.page_size() > 0 ? request.page_size() : options_.default_page_size,
      options_.max_page_size));
  const absl::Time start =
      request.has_start_time() ? FromProtoTime(request.start_time()) : absl::InfinitePast();
  const absl::Time end =
      request.has_end_time() ? FromProtoTime(request.end_time()) : absl::InfiniteFuture();
  if (end <= start) return absl::InvalidArgumentError("end_time must be after start_time");
  const EventFilter filter(request.filter(), false);
  const bool include_killed = request.include_killed();
  NW_ASSIGN_OR_RETURN(
      StoryStore::Page page,
      store_->ListCurrent(start, end, request.page_token(), page_size, [&](const v1::Story& story) {
        const bool killed = story.signal() == v1::SIGNAL_KILL ||
                            story.pub_status() == v1::PUB_STATUS_CANCELED;
        return (include_killed || !killed) && filter.MatchesStory(story);
      }));
  v1::ListStoriesResponse response;
  for (v1::Story& story : page.stories) *response.add_stories() = std::move(story);
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Story> StoryReads::GetStory(const v1::GetStoryRequest& request) const {
  if (request.id().empty()) return absl::InvalidArgumentError("id is required");
  if (request.version() < 0) return absl::InvalidArgumentError("version must be >= 0");
  NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, store_->GetStory(request.id(), request.version()));
  if (!story.has_value()) {
    return absl::NotFoundError(request.version() == 0
                                   ? absl::StrCat("no story ", request.id())
                                   : absl::StrCat("no version ", request.version(), " of story ",
                                                  request.id()));
  }
  if (request.include_family()) {
    const std::string& family = story->family_id().empty() ? story->id() : story->family_id();
    NW_ASSIGN_OR_RETURN(std::vector<v1::FamilyMember> members,
                        store_->FamilyMembers(family, kMaxFamilyMembers));
    for (v1::FamilyMember& member : members) {
      *story->mutable_dedup()->add_family_members() = std::move(member);
    }
  }
  return *std::move(story);
}

}  // namespace newswire
