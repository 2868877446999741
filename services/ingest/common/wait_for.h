// WaitFor: waits, in real time, for another thread or process to make a
// condition true, for tests. Not for letting time pass: code that measures
// time takes a Clock, and its tests advance a FakeClock instead.
//
//   ASSERT_TRUE(WaitFor([&] { return metrics.subscribers().Value() == 1; }));
//
// Polls `condition` every `interval` until it holds (true) or `timeout`
// passes (false); end-to-end tests that poll a broker or a process pass a
// longer interval. The default timeout is generous: a test that works never
// reaches it, and one that fails ends instead of hanging.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_WAIT_FOR_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_WAIT_FOR_H_

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace newswire {

inline constexpr absl::Duration kTestPatience = absl::Seconds(10);

inline bool WaitFor(const std::function<bool()>& condition,
                    absl::Duration timeout = kTestPatience,
                    absl::Duration interval = absl::Milliseconds(1)) {
  const absl::Time give_up = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() >= give_up) return false;
    absl::SleepFor(interval);  // the poll interval, not a wait for time to pass
  }
  return true;
}

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_WAIT_FOR_H_
