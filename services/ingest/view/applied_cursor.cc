#include "services/ingest/view/applied_cursor.h"

namespace newswire {

void AppliedCursor::Publish(int64_t cursor) {
  absl::MutexLock lock(&mu_);
  if (cursor > latest_) latest_ = cursor;
}

int64_t AppliedCursor::Latest() const {
  absl::MutexLock lock(&mu_);
  return latest_;
}

int64_t AppliedCursor::WaitAbove(int64_t cursor, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto passed = [this, cursor]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return latest_ > cursor || closed_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&passed), timeout);
  return latest_;
}

void AppliedCursor::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

bool AppliedCursor::closed() const {
  absl::MutexLock lock(&mu_);
  return closed_;
}

}  // namespace newswire
