#include "services/ingest/serve/subscription.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/serve/event_filter.h"

namespace newswire {
namespace {

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

// Longest single wait, so cancellation and draining are noticed promptly.
constexpr absl::Duration kWaitSlice = absl::Milliseconds(500);

}  // namespace

StorySubscriptions::StorySubscriptions(const StoryStore* store, AppliedCursor* cursor,
                                       ServiceMetrics* metrics, Options options)
    : store_(store), cursor_(cursor), metrics_(metrics), options_(options) {}

absl::StatusOr<int64_t> StorySubscriptions::StartCursor(const v1::SubscribeRequest& request) const {
  switch (request.start_case()) {
    case v1::SubscribeRequest::kAfterCursor:
      if (request.after_cursor() < -1) {
        return absl::InvalidArgumentError("after_cursor must be >= -1");
      }
      return request.after_cursor();
    case v1::SubscribeRequest::kFromTime:
      return store_->CursorBefore(FromProto(request.from_time()));
    case v1::SubscribeRequest::kFromBeginning:
      return -1;
    case v1::SubscribeRequest::kFromNow:
    case v1::SubscribeRequest::START_NOT_SET:
    default:
      return cursor_->Latest();
  }
}

absl::Status StorySubscriptions::Stream(const v1::SubscribeRequest& request,
                                        const std::function<bool(const v1::StoryEvent&)>& emit,
                                        const std::function<bool()>& cancelled) const {
  if (request.heartbeat_seconds() < 0) {
    return absl::InvalidArgumentError("heartbeat_seconds must be >= 0");
  }
  NW_ASSIGN_OR_RETURN(int64_t read_up_to, StartCursor(request));
  const EventFilter filter(request.filter(), request.include_duplicates());
  const absl::Duration heartbeat =
      request.heartbeat_seconds() > 0
          ? std::max(absl::Seconds(request.heartbeat_seconds()), options_.min_heartbeat)
          : options_.default_heartbeat;

  metrics_->subscribers().Increment();
  struct Leave {
    ServiceMetrics* metrics;
    ~Leave() { metrics->subscribers().Decrement(); }
  } leave{metrics_};

  absl::Time last_sent = absl::Now();
  while (true) {
    if (cancelled()) return absl::CancelledError("subscriber cancelled");
    if (cursor_->closed()) {
      return absl::UnavailableError(
          absl::StrCat("server draining; reconnect with after_cursor=", read_up_to));
    }
    // Everything at or below `applied` is in the store before we read.
    const int64_t applied = cursor_->Latest();
    NW_ASSIGN_OR_RETURN(std::vector<v1::StoryEvent> events,
                        store_->ReadEvents(read_up_to, options_.batch_size));
    for (const v1::StoryEvent& event : events) {
      read_up_to = event.cursor();
      if (!filter.Matches(event)) continue;
      if (!emit(event)) return absl::OkStatus();
      last_sent = absl::Now();
      metrics_->events_sent().Increment();
      metrics_->end_to_end_seconds().Observe(
          absl::ToDoubleSeconds(last_sent - FromProto(event.story().origin().timestamp())));
    }
    if (events.size() == options_.batch_size) continue;  // more to catch up on
    read_up_to = std::max(read_up_to, applied);

    // Caught up: wait for the view to apply more, or for a heartbeat.
    const absl::Time heartbeat_due = last_sent + heartbeat;
    const absl::Duration wait = std::min(kWaitSlice, heartbeat_due - absl::Now());
    if (wait > absl::ZeroDuration() && cursor_->WaitAbove(read_up_to, wait) > read_up_to) {
      continue;
    }
    if (absl::Now() >= heartbeat_due) {
      v1::StoryEvent beat;
      beat.set_cursor(read_up_to);
      beat.set_kind(v1::EVENT_KIND_HEARTBEAT);
      if (!emit(beat)) return absl::OkStatus();
      last_sent = absl::Now();
    }
  }
}

absl::StatusOr<v1::Story> StorySubscriptions::GetStory(const v1::GetStoryRequest& request) const {
  if (request.id().empty()) return absl::InvalidArgumentError("id is required");
  if (request.version() < 0) return absl::InvalidArgumentError("version must be >= 0");
  NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, store_->GetStory(request.id(), request.version()));
  if (!story.has_value()) {
    return absl::NotFoundError(request.version() == 0
                                   ? absl::StrCat("no story ", request.id())
                                   : absl::StrCat("no version ", request.version(), " of story ",
                                                  request.id()));
  }
  return *std::move(story);
}

}  // namespace newswire
