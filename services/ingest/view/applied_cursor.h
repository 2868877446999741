// AppliedCursor: the view's latest applied log offset, for those who wait on
// it. The folder publishes after each store write; subscribers wait for the
// cursor to pass the point they have read up to.
//
// Thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace newswire {

class AppliedCursor {
 public:
  explicit AppliedCursor(int64_t initial = -1) : latest_(initial) {}

  // Everything at or below `cursor` is in the store.
  void Publish(int64_t cursor) ABSL_LOCKS_EXCLUDED(mu_);

  int64_t Latest() const ABSL_LOCKS_EXCLUDED(mu_);

  // Waits until Latest() > cursor, Close(), or `timeout`. Returns Latest().
  int64_t WaitAbove(int64_t cursor, absl::Duration timeout) ABSL_LOCKS_EXCLUDED(mu_);

  // Wakes every waiter and makes later waits return at once (draining).
  void Close() ABSL_LOCKS_EXCLUDED(mu_);
  bool closed() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  int64_t latest_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_APPLIED_CURSOR_H_
