#include "services/ingest/common/fake_clock.h"

#include <vector>

namespace newswire {

absl::Time FakeClock::Now() const {
  absl::MutexLock lock(&mu_);
  return now_;
}

bool FakeClock::WaitWithDeadline(absl::CondVar* cv, absl::Mutex* mu, absl::Time deadline) const
    ABSL_NO_THREAD_SAFETY_ANALYSIS {
  Waiter waiter{cv, mu, deadline};
  {
    absl::MutexLock lock(&mu_);
    if (now_ >= deadline) return true;
    // Registered while the caller holds `mu`: an Advance() that sees this
    // waiter signals under `mu`, so after cv->Wait has released it, and the
    // signal cannot be lost.
    waiters_.insert(&waiter);
  }
  cv->Wait(mu);
  // An Advance() signalling this waiter needs `mu`: let go of it while the
  // waiter is taken off the list, then take it back as the caller expects.
  mu->Unlock();
  bool timed_out;
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](Waiter* w) { return w->signalling == 0; }, &waiter));
    waiters_.erase(&waiter);
    timed_out = now_ >= deadline;
  }
  mu->Lock();
  return timed_out;
}

void FakeClock::SleepUntil(absl::Time deadline) const {
  absl::Mutex mu;
  absl::CondVar never_signalled;
  absl::MutexLock lock(&mu);
  while (!WaitWithDeadline(&never_signalled, &mu, deadline)) {
  }
}

void FakeClock::Advance(absl::Duration delta) {
  {
    absl::MutexLock lock(&mu_);
    now_ += delta;
  }
  WakeDue();
}

void FakeClock::Set(absl::Time now) {
  {
    absl::MutexLock lock(&mu_);
    now_ = now;
  }
  WakeDue();
}

void FakeClock::WakeDue() {
  std::vector<Waiter*> due;
  {
    absl::MutexLock lock(&mu_);
    for (Waiter* waiter : waiters_) {
      if (waiter->deadline > now_) continue;
      ++waiter->signalling;
      due.push_back(waiter);
    }
  }
  for (Waiter* waiter : due) {
    absl::MutexLock lock(waiter->mu);
    waiter->cv->SignalAll();
  }
  absl::MutexLock lock(&mu_);
  for (Waiter* waiter : due) --waiter->signalling;
}

bool FakeClock::AwaitWaiters(int count, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto enough = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return static_cast<int>(waiters_.size()) >= count;
  };
  return mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

}  // namespace newswire
