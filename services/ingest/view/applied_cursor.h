// AppliedCursor: the view's latest applied log offset, for those who wait on
// it. The folder publishes after each store write; subscribers wait for the
// cursor to pass the point they have read up to.
//
// Reads are lock-free and a publish wakes every waiter once: with a hundred
// subscribers, a mutex with per-waiter conditions re-evaluated every
// waiter's condition on every unlock.
//
// Waits are measured on `clock` (a FakeClock in tests).
//
// Thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_

#include <atomic>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/common/clock.h"

namespace newswire {

class AppliedCursor {
 public:
  explicit AppliedCursor(int64_t initial = -1, const Clock* clock = Clock::Real())
      : clock_(clock), latest_(initial) {}

  // Everything at or below `cursor` is in the store.
  void Publish(int64_t cursor) ABSL_LOCKS_EXCLUDED(mu_);

  int64_t Latest() const { return latest_.load(std::memory_order_acquire); }

  // Waits until Latest() > cursor, Close(), or `timeout`. Returns Latest().
  int64_t WaitAbove(int64_t cursor, absl::Duration timeout) ABSL_LOCKS_EXCLUDED(mu_);

  // Wakes every waiter and makes later waits return at once (draining).
  void Close() ABSL_LOCKS_EXCLUDED(mu_);
  bool closed() const { return closed_.load(std::memory_order_acquire); }

 private:
  const Clock* const clock_;
  // Writes happen under `mu_` (so a waiter cannot miss the signal); reads
  // need no lock.
  absl::Mutex mu_;
  absl::CondVar changed_;
  std::atomic<int64_t> latest_;
  std::atomic<bool> closed_{false};
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_
