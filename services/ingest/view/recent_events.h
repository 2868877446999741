// RecentEvents: the newest events the view applied, in memory, so that
// subscribers at the live tail are served without touching RocksDB. A
// bounded ring: when full the oldest event is dropped, and a subscriber whose
// cursor has fallen behind the ring reads the store instead (it loses
// nothing, it only costs a store read).
//
// Thread-safe: one writer (the folder, after each store write), many readers.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_RECENT_EVENTS_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_RECENT_EVENTS_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "newswire/v1/news_service.pb.h"

namespace newswire {

// An event as subscribers get it: the message (for filtering) and its wire
// bytes, serialized on first use and then once however many subscribers it
// goes to; never, when nobody subscribes. Two forms: with the story's MinHash
// signature, or without it (what subscribers get unless they ask: 128
// numbers, about a fifth of a typical event, of use only to near-duplicate
// detection). Thread-safe.
class ServedEvent {
 public:
  explicit ServedEvent(v1::StoryEvent served) : event(std::move(served)) {}
  int64_t cursor() const { return event.cursor(); }

  // The serialized event; without `story.fingerprints.minhash` unless
  // `with_minhash`.
  const std::string& wire(bool with_minhash) const;

  const v1::StoryEvent event;

 private:
  mutable absl::once_flag once_[2];  // [with_minhash]
  mutable std::string wire_[2];
};

using SharedEvent = std::shared_ptr<const ServedEvent>;

class RecentEvents {
 public:
  // Holds up to `capacity` events; `applied` is the store's applied offset at
  // start (everything at or below it is in the store, not here).
  RecentEvents(size_t capacity, int64_t applied);

  // The folder applied log offset `cursor`, with `event` (null for records
  // that made no event, such as replays). Cursors must grow.
  void Append(int64_t cursor, SharedEvent event) ABSL_LOCKS_EXCLUDED(mu_);

  // Events with cursor > after_cursor, up to `limit`, when the ring covers
  // that range without a gap; nullopt when the reader must use the store.
  std::optional<std::vector<SharedEvent>> After(int64_t after_cursor, size_t limit) const
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  std::deque<SharedEvent> events_ ABSL_GUARDED_BY(mu_);
  // Everything at or below `floor_` is only in the store.
  int64_t floor_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_RECENT_EVENTS_H_
