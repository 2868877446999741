// FakeClock: a Clock whose time only moves when a test says so.
//
//   FakeClock clock;                 // starts at the Unix epoch
//   Health health(&clock, absl::Seconds(30));
//   clock.Advance(absl::Seconds(31));
//
// Thread-safe: Now(), Advance() and Set() may be called from any thread.

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_FAKE_CLOCK_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_FAKE_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/metrics/clock.h"

namespace newswire::ingest::metrics {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::UnixEpoch()) : now_(start) {}

  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }

  void Advance(absl::Duration delta) {
    absl::MutexLock lock(&mu_);
    now_ += delta;
  }

  void Set(absl::Time now) {
    absl::MutexLock lock(&mu_);
    now_ = now;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire::ingest::metrics

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_FAKE_CLOCK_H_
