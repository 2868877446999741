// Health: liveness heartbeats and readiness conditions for the ingest service.
//
// Long-running loops (the Kafka poll loop, the store writer, ...) register
// once and call Beat() every iteration; Liveness() fails when any of them has
// not beaten within `stall_after`, which is what /healthz reports so an
// orchestrator can restart a wedged process. Components flip readiness
// conditions ("store_open", "caught_up", "not_draining") with SetReady();
// Readiness() fails while any condition is false, which is what /readyz
// reports so traffic is held back until the service can do its job.
//
//   Health health(Clock::Real(), absl::Seconds(30));
//   health.RegisterLoop("kafka_poll");
//   health.SetReady("store_open", false);
//   ...                                  // in the loop:
//   health.Beat("kafka_poll");
//
// OpsEndpoint (ops_endpoint.h) serves the two reports over HTTP.

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_

#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/metrics/clock.h"

namespace newswire::ingest::metrics {

// Tracks named heartbeats and readiness conditions.
//
// Thread-safe: every method may be called concurrently from any thread.
// Beat() takes a short mutex-protected map update, cheap enough for a poll
// loop. The clock must outlive the Health object.
class Health {
 public:
  // The outcome of a check: `ok` is the verdict, `text` is a human-readable
  // line per loop or condition (sorted by name), for an operator reading
  // /healthz or /readyz.
  struct Report {
    bool ok;
    std::string text;
  };

  // `clock` is not owned and must not be null. A loop counts as stalled when
  // more than `stall_after` has passed since its last beat.
  explicit Health(const Clock* clock, absl::Duration stall_after);

  Health(const Health&) = delete;
  Health& operator=(const Health&) = delete;

  // Starts tracking loop `name`; registration counts as its first beat, so a
  // loop that never beats is reported stalled `stall_after` later.
  // Registering a loop that is already tracked does nothing.
  void RegisterLoop(absl::string_view name);

  // Records that loop `name` made progress now. A loop not yet registered is
  // registered by its first beat.
  void Beat(absl::string_view name);

  // Registers condition `condition` (if new) and sets whether it holds.
  void SetReady(absl::string_view condition, bool ok);

  // OK when every registered loop beat within `stall_after` (trivially OK
  // with no loops). The text has one line per loop with the seconds since
  // its last beat.
  Report Liveness() const;

  // OK when at least one condition is registered and all of them hold. The
  // text has one line per condition.
  Report Readiness() const;

 private:
  const Clock* const clock_;
  const absl::Duration stall_after_;

  mutable absl::Mutex mu_;
  std::map<std::string, absl::Time, std::less<>> last_beat_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, bool, std::less<>> conditions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire::ingest::metrics

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_
