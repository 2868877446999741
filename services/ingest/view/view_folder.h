// ViewFolder: the view loop. Reads the stories log in order, folds each
// record (fold.h), applies the step to the ViewState (one store batch, then
// the in-memory indexes) and publishes the new applied cursor.
//
//   ViewFolder folder(&state, &log, &cursor, &metrics);
//   while (running) NW_RETURN_IF_ERROR(folder.RunOnce(absl::Milliseconds(100)));
//
// Errors (error_policy.h, ErrorSite::kFold): RunOnce returns every error of
// the log, the fold or the store, and the caller stops the view; a log record
// that cannot be decoded is no error: it is skipped and counted.
//
// Not thread-safe: one thread drives it. The store and cursor it writes are
// read concurrently by subscribers.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_FOLDER_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_FOLDER_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/ingest/metrics/service_metrics.h"
#include "services/ingest/kafka/record_io.h"
#include "services/ingest/view/applied_cursor.h"
#include "services/ingest/common/clock.h"
#include "services/ingest/view/recent_events.h"
#include "services/ingest/view/view_state.h"

namespace newswire {

class ViewFolder {
 public:
  // `recent` (may be null) gets every applied event for tail subscribers.
  // Fold timings are measured on `clock`.
  ViewFolder(ViewState* state, LogSource* log, AppliedCursor* cursor, ServiceMetrics* metrics,
             RecentEvents* recent = nullptr, const Clock* clock = Clock::Real());

  // Folds at most one log record, waiting up to `timeout` for it. Errors
  // (store writes failing) are fatal.
  absl::Status RunOnce(absl::Duration timeout);

  // True when every record written to the log so far has been applied.
  bool CaughtUp() const;

 private:
  ViewState* state_;
  LogSource* log_;
  AppliedCursor* cursor_;
  ServiceMetrics* metrics_;
  RecentEvents* recent_;
  const Clock* clock_;
  // Records applied since the index gauges were last set.
  int since_index_gauges_ = 0;
  NearDuplicateIndex::LookupCounts counted_;  // what the counters hold

  // Sets the near-duplicate index's size and memory gauges.
  void SetIndexGauges();
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_FOLDER_H_
