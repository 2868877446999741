#include "services/ingest/metrics/clock.h"

#include "absl/time/clock.h"

namespace newswire::ingest::metrics {
namespace {

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace

Clock* Clock::Real() {
  // Leaked on purpose: a function-local static with a trivial lifetime avoids
  // destruction-order problems for threads still running at exit.
  static Clock* const clock = new RealClock();
  return clock;
}

}  // namespace newswire::ingest::metrics
