#include "services/ingest/view/recent_events.h"

#include <algorithm>

namespace newswire {

const std::string& ServedEvent::wire(bool with_minhash) const {
  absl::call_once(once_[with_minhash], [&] {
    if (with_minhash || event.story().fingerprints().minhash().empty()) {
      wire_[with_minhash] = event.SerializeAsString();
      return;
    }
    v1::StoryEvent lean = event;
    lean.mutable_story()->mutable_fingerprints()->clear_minhash();
    wire_[with_minhash] = lean.SerializeAsString();
  });
  return wire_[with_minhash];
}

RecentEvents::RecentEvents(size_t capacity, int64_t applied)
    : capacity_(std::max<size_t>(capacity, 1)), floor_(applied) {}

void RecentEvents::Append(int64_t cursor, SharedEvent event) {
  if (event == nullptr) return;  // nothing to serve; the range stays covered
  absl::MutexLock lock(&mu_);
  events_.push_back(std::move(event));
  while (events_.size() > capacity_) {
    floor_ = events_.front()->cursor();
    events_.pop_front();
  }
}

std::optional<std::vector<SharedEvent>> RecentEvents::After(int64_t after_cursor,
                                                            size_t limit) const {
  absl::MutexLock lock(&mu_);
  if (after_cursor < floor_) return std::nullopt;
  // Events are in cursor order: find the first one past `after_cursor`.
  auto first = std::upper_bound(
      events_.begin(), events_.end(), after_cursor,
      [](int64_t cursor, const SharedEvent& event) { return cursor < event->cursor(); });
  std::vector<SharedEvent> out;
  for (auto it = first; it != events_.end() && out.size() < limit; ++it) out.push_back(*it);
  return out;
}

}  // namespace newswire
