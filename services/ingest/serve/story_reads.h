// StoryReads: the plain logic behind every NewsService call: Subscribe
// (Stream), GetStory and ListStories, all read from the view.
//
// A subscription reads the events after its cursor, in cursor order: from
// the in-memory ring of recent events (RecentEvents) while its cursor is in
// the ring, from the store when it has fallen behind the ring. Either way a
// slow subscriber holds no queue, costs no memory beyond one batch, and
// cannot miss an event. At the tail it waits on the AppliedCursor, then
// gathers for `tail_gather` so that a batch, not each event, wakes it. Events
// carry their wire bytes, serialized once for every subscriber. Idle streams
// get heartbeats carrying the latest cursor.
//
//   StoryReads reads(&store, &cursor, &metrics, {});
//   absl::Status end = reads.Stream(request, emit, is_cancelled);
//   absl::StatusOr<v1::Story> story = reads.GetStory(get_request);
//
// Thread-safe: one instance serves every stream concurrently.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_STORY_READS_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_STORY_READS_H_

#include <atomic>
#include <functional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "newswire/v1/news_service.pb.h"
#include "services/ingest/common/clock.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/serve/event_filter.h"
#include "services/ingest/serve/fullest_per_family.h"
#include "services/ingest/view/applied_cursor.h"
#include "services/ingest/view/recent_events.h"
#include "services/ingest/view/story_store.h"

namespace newswire {

class StoryReads {
 public:
  struct Options {
    absl::Duration default_heartbeat = absl::Seconds(15);
    absl::Duration min_heartbeat = absl::Seconds(1);
    size_t batch_size = 256;
    // At the tail, a woken stream waits this long for more events before
    // sending, so many subscribers at a high rate wake once per batch rather
    // than once per event. Bounds the latency it adds.
    absl::Duration tail_gather = absl::Milliseconds(15);
    int32_t default_page_size = 50;
    int32_t max_page_size = 500;
    // Subscribe calls beyond this many open streams get RESOURCE_EXHAUSTED.
    int max_subscribers = 1000;
    // Heartbeats, waits and the tail gather are measured on it; null: the
    // real clock.
    const Clock* clock = nullptr;
  };

  // `recent` (may be null): the in-memory tail, read before the store.
  StoryReads(const StoryStore* store, AppliedCursor* cursor, ServiceMetrics* metrics,
                     Options options, const RecentEvents* recent = nullptr);

  // Called with each run of events ready to go (never empty: a catch-up
  // batch, or what gathered at the tail, or one heartbeat), in cursor order,
  // each with its wire bytes ready. False: the client is gone.
  using Emit = std::function<bool(absl::Span<const SharedEvent> events)>;

  // The cursor the stream starts after, from the request's start choice.
  absl::StatusOr<int64_t> StartCursor(const v1::SubscribeRequest& request) const;

  // One of the max_subscribers places, held while it lives. Move-only.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    friend class StoryReads;
    explicit Slot(const StoryReads* owner) : owner_(owner) {}
    const StoryReads* owner_;
  };

  // A place for one more stream, or ResourceExhausted at max_subscribers.
  // The gRPC adapter takes it before it reads the request, so a stream that
  // holds a server thread without ever sending its request still counts.
  absl::StatusOr<Slot> Admit() const;

  // Streams until `emit` returns false (client gone: OkStatus), `cancelled`
  // returns true (Cancelled), or the service drains (Unavailable: reconnect
  // with the last cursor). Store errors end the stream with their status.
  // The first form admits the stream itself.
  absl::Status Stream(const v1::SubscribeRequest& request, const Emit& emit,
                      const std::function<bool()>& cancelled) const;
  absl::Status Stream(const v1::SubscribeRequest& request, const Emit& emit,
                      const std::function<bool()>& cancelled, const Slot& slot) const;

  absl::StatusOr<v1::Story> GetStory(const v1::GetStoryRequest& request) const;

  absl::StatusOr<v1::ListStoriesResponse> ListStories(const v1::ListStoriesRequest& request) const;

 private:
  // One read after a stream's cursor: the events that pass its filters, how
  // many were read in all, the cursor of the last one read, and whether they
  // came from the in-memory ring while the stream was following the tail.
  struct Batch {
    std::vector<SharedEvent> matching;
    size_t read = 0;
    int64_t last_read = -1;
    bool at_tail = false;
  };

  // Up to batch_size events after `after`: from the ring of recent events
  // when it still holds them, else from the store.
  absl::StatusOr<Batch> ReadBatch(int64_t after, bool behind, const EventFilter& filter,
                                  FullestPerFamily& fullest) const;

  // Counts a batch sent at `sent_at` in the metrics.
  void RecordSent(const Batch& batch, absl::Time sent_at) const;

  const StoryStore* store_;
  AppliedCursor* cursor_;
  ServiceMetrics* metrics_;
  Options options_;
  const Clock* clock_;
  const RecentEvents* recent_;
  mutable std::atomic<int> open_streams_{0};
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_STORY_READS_H_
