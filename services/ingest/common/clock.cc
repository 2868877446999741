#include "services/ingest/common/clock.h"

#include "absl/time/clock.h"

namespace newswire {
namespace {

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }

  bool WaitWithDeadline(absl::CondVar* cv, absl::Mutex* mu, absl::Time deadline) const override
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    return cv->WaitWithDeadline(mu, deadline);
  }

  void SleepUntil(absl::Time deadline) const override { absl::SleepFor(deadline - absl::Now()); }
};

}  // namespace

const Clock* Clock::Real() {
  // Leaked on purpose: a function-local static with a trivial lifetime avoids
  // destruction-order problems for threads still running at exit.
  static const Clock* const clock = new RealClock();
  return clock;
}

}  // namespace newswire
