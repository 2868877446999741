#include "services/ingest/view/applied_cursor.h"

namespace newswire {

void AppliedCursor::Publish(int64_t cursor) {
  absl::MutexLock lock(&mu_);
  if (cursor <= latest_.load(std::memory_order_relaxed)) return;
  latest_.store(cursor, std::memory_order_release);
  changed_.SignalAll();
}

int64_t AppliedCursor::WaitAbove(int64_t cursor, absl::Duration timeout) {
  const absl::Time deadline = clock_->Now() + timeout;
  absl::MutexLock lock(&mu_);
  while (latest_.load(std::memory_order_relaxed) <= cursor &&
         !closed_.load(std::memory_order_relaxed)) {
    if (clock_->WaitWithDeadline(&changed_, &mu_, deadline)) break;  // timed out
  }
  return latest_.load(std::memory_order_relaxed);
}

void AppliedCursor::Close() {
  absl::MutexLock lock(&mu_);
  closed_.store(true, std::memory_order_release);
  changed_.SignalAll();
}

}  // namespace newswire
