// Clock: the source of wall-clock time for the ingest metrics module.
//
// Code that reasons about elapsed time (heartbeats, stall detection) takes a
// `const Clock*` instead of calling absl::Now(), so tests can drive time with
// FakeClock (fake_clock.h) and never sleep. Production code passes
// Clock::Real().

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_CLOCK_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_CLOCK_H_

#include "absl/time/time.h"

namespace newswire::ingest::metrics {

// A source of the current time. Implementations must be thread-safe: Now()
// may be called concurrently from any thread.
class Clock {
 public:
  virtual ~Clock() = default;

  virtual absl::Time Now() const = 0;

  // The process-wide clock backed by absl::Now(). Never null; lives for the
  // whole process and must not be deleted.
  static Clock* Real();
};

}  // namespace newswire::ingest::metrics

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_CLOCK_H_
