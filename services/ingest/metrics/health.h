// Health: liveness heartbeats and readiness conditions for the ingest service.
//
// Long-running loops (the Kafka poll loop, the store writer, ...) register
// once and call Beat() every iteration; Liveness() fails when any of them has
// not beaten within `stall_after`, which is what /healthz reports so an
// orchestrator can restart a wedged process. Components flip readiness
// conditions ("store_open", "caught_up", "not_draining") with SetReady();
// Readiness() fails while any condition is false, which is what /readyz
// reports so traffic is held back until the service can do its job.
// Progress watches are conditions that fail by themselves when work waits
// but none gets done for a while (ingest: records wait, none settles), and
// hold again as soon as some is done or nothing waits any more.
//
//   Health health(Clock::Real(), absl::Seconds(30));
//   health.RegisterLoop("kafka_poll");
//   health.SetReady("store_open", false);
//   ...                                  // in the loop:
//   health.Beat("kafka_poll");
//   health.WatchProgress("ingest_progress", absl::Seconds(60), "record");
//   health.SetWaiting("ingest_progress", lag + in_flight);  // as it changes
//   health.Progress("ingest_progress");                     // one settled
//
// OpsEndpoint (ops_endpoint.h) serves the two reports over HTTP.

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/ingest/common/clock.h"

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

  // Registers progress watch `condition` (if new): it fails readiness once
  // work has waited for more than `stall_after` without any being done.
  // `unit` names one piece of work in the report ("record": "no record
  // settled for 75.0 s with 12 records waiting"). Registration counts as
  // progress.
  void WatchProgress(absl::string_view condition, absl::Duration stall_after,
                     absl::string_view unit);

  // Some work of watch `condition` was done now. Unknown watches: ignored.
  void Progress(absl::string_view condition);

  // How many pieces of work of watch `condition` wait now. While none wait
  // the watch holds and its stall clock does not run (an idle service is not
  // stalled). Unknown watches: ignored.
  void SetWaiting(absl::string_view condition, int64_t waiting);

  // The last time watch `condition` was not stalling: work was done, or none
  // waited. InfinitePast() for an unknown watch.
  absl::Time LastProgress(absl::string_view condition) const;

  // OK when every registered loop beat within `stall_after` (trivially OK
  // with no loops). The text has one line per loop with the seconds since
  // its last beat.
  Report Liveness() const;

  // OK when at least one condition (or progress watch) is registered and all
  // of them hold. The text has one line per condition, a failing progress
  // watch saying how long nothing was done and how much waits.
  Report Readiness() const;

 private:
  const Clock* const clock_;
  const absl::Duration stall_after_;

  mutable absl::Mutex mu_;
  std::map<std::string, absl::Time, std::less<>> last_beat_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, bool, std::less<>> conditions_ ABSL_GUARDED_BY(mu_);
  struct ProgressWatch {
    absl::Duration stall_after;
    std::string unit;
    absl::Time last_progress;  // work done, or nothing waiting
    int64_t waiting = 0;
  };
  std::map<std::string, ProgressWatch, std::less<>> watches_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire::ingest::metrics

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_HEALTH_H_
