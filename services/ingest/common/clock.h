// Clock: the one source of time for everything in ingestd that reads the
// time for behaviour (heartbeats, stall detection, deadlines, waits, stage
// timings), and the one thing such code waits on.
//
// Code takes a `const Clock*` (an option defaulting to Clock::Real()) instead
// of calling absl::Now() or absl::SleepFor(), and waits through the clock, so
// a test drives time with FakeClock (fake_clock.h): Advance() moves Now() and
// wakes every waiter whose deadline it passed, and no test sleeps.
//
//   absl::MutexLock lock(&mu_);
//   while (!ready_) {
//     if (clock_->WaitWithDeadline(&changed_, &mu_, deadline)) break;  // timed out
//   }
//
// Not on the clock: the Kafka client's deadlines (they bound librdkafka's own
// real-time waits) and the HTTP server's socket timeouts (poll(2)).
//
// Thread-safe: every method may be called concurrently from any thread.

#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_CLOCK_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace newswire {

class Clock {
 public:
  virtual ~Clock() = default;

  virtual absl::Time Now() const = 0;

  // Waits on `cv` (`mu` held, released while waiting, held again on return)
  // until `cv` is signalled or Now() reaches `deadline`. True: the deadline
  // passed. May return early (a spurious wake-up), so callers wait in a loop
  // on their own condition, as with absl::CondVar::WaitWithDeadline.
  virtual bool WaitWithDeadline(absl::CondVar* cv, absl::Mutex* mu, absl::Time deadline) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) = 0;

  // Returns once Now() >= deadline.
  virtual void SleepUntil(absl::Time deadline) const = 0;

  void SleepFor(absl::Duration duration) const { SleepUntil(Now() + duration); }

  // The process-wide clock backed by absl::Now(). Never null; lives for the
  // whole process and must not be deleted.
  static const Clock* Real();
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_CLOCK_H_
