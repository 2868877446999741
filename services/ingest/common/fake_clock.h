// FakeClock: a Clock whose time only moves when a test says so.
//
//   FakeClock clock;                 // starts at the Unix epoch
//   Health health(&clock, absl::Seconds(30));
//   clock.Advance(absl::Seconds(31));
//
// Waits made through it (WaitWithDeadline, SleepUntil) end when a signal
// comes or when Advance() or Set() moves Now() to their deadline, never by
// themselves: real time does not pass for them. A test that must advance
// only once the code under test is waiting calls AwaitWaiters() first.
//
// Thread-safe: every method may be called from any thread. Lives longer than
// every wait made through it.

#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_FAKE_CLOCK_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_FAKE_CLOCK_H_

#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/common/clock.h"

namespace newswire {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::UnixEpoch()) : now_(start) {}

  absl::Time Now() const override ABSL_LOCKS_EXCLUDED(mu_);

  bool WaitWithDeadline(absl::CondVar* cv, absl::Mutex* mu, absl::Time deadline) const override
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) ABSL_LOCKS_EXCLUDED(mu_);

  void SleepUntil(absl::Time deadline) const override ABSL_LOCKS_EXCLUDED(mu_);

  // Moves Now() on (or to `now`) and wakes the waits whose deadline it
  // reached; returns once each of them has been signalled.
  void Advance(absl::Duration delta) ABSL_LOCKS_EXCLUDED(mu_);
  void Set(absl::Time now) ABSL_LOCKS_EXCLUDED(mu_);

  // Waits, up to `timeout` of real time, until at least `count` threads are
  // waiting on this clock. False: they did not come in time.
  bool AwaitWaiters(int count, absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // One thread inside WaitWithDeadline. Lives on that thread's stack, which
  // it leaves only once no Advance() is signalling it (`signalling` is 0).
  struct Waiter {
    absl::CondVar* cv;
    absl::Mutex* mu;
    absl::Time deadline;
    int signalling = 0;
  };

  void WakeDue() ABSL_LOCKS_EXCLUDED(mu_);

  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  mutable std::set<Waiter*> waiters_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_FAKE_CLOCK_H_
