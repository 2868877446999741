#include "services/ingest/offset_tracker.h"

namespace newswire {

std::optional<int64_t> OffsetTracker::Begin(const Partition& partition, int64_t offset,
                                            int pending) {
  pending_[partition][offset] = pending;
  if (pending > 0) ++in_flight_;
  return Advance(partition);
}

std::optional<int64_t> OffsetTracker::Ack(const Partition& partition, int64_t offset) {
  auto records = pending_.find(partition);
  if (records == pending_.end()) return std::nullopt;  // forgotten (revoked)
  auto record = records->second.find(offset);
  if (record == records->second.end() || record->second == 0) return std::nullopt;
  if (--record->second == 0) --in_flight_;
  return Advance(partition);
}

int64_t OffsetTracker::InFlight(const Partition& partition) const {
  auto records = pending_.find(partition);
  if (records == pending_.end()) return 0;
  int64_t count = 0;
  for (const auto& [offset, pending] : records->second) {
    if (pending > 0) ++count;
  }
  return count;
}

void OffsetTracker::Forget(const Partition& partition) {
  auto records = pending_.find(partition);
  if (records == pending_.end()) return;
  for (const auto& [offset, pending] : records->second) {
    if (pending > 0) --in_flight_;
  }
  pending_.erase(records);
}

std::optional<int64_t> OffsetTracker::Advance(const Partition& partition) {
  std::map<int64_t, int>& records = pending_[partition];
  std::optional<int64_t> committable;
  while (!records.empty() && records.begin()->second == 0) {
    committable = records.begin()->first + 1;
    records.erase(records.begin());
  }
  return committable;
}

}  // namespace newswire
