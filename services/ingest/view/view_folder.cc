#include "services/ingest/view/view_folder.h"

#include "absl/strings/str_cat.h"
#include "services/ingest/common/json_log.h"
#include "services/ingest/common/status_macros.h"

namespace newswire {
namespace {

// Under load the index gauges are set every this many records.
constexpr int kIndexGaugesEvery = 1024;

}  // namespace

ViewFolder::ViewFolder(ViewState* state, LogSource* log, AppliedCursor* cursor,
                       ServiceMetrics* metrics, RecentEvents* recent, const Clock* clock)
    : state_(state), log_(log), cursor_(cursor), metrics_(metrics), recent_(recent), clock_(clock) {}

absl::Status ViewFolder::RunOnce(absl::Duration timeout) {
  NW_ASSIGN_OR_RETURN(std::optional<LogRecord> record, log_->Poll(timeout));
  if (log_->EndOffset() >= 0) metrics_->log_end_offset().Set(static_cast<double>(log_->EndOffset()));
  if (!record.has_value()) {
    SetIndexGauges();  // idle: cheap enough, and current when someone looks
    return absl::OkStatus();
  }
  if (record->offset <= cursor_->Latest()) return absl::OkStatus();  // already applied

  const absl::Time start = clock_->Now();
  NW_ASSIGN_OR_RETURN(FoldStep step, FoldRecord(*record, *state_));
  NW_RETURN_IF_ERROR(state_->Apply(step));
  metrics_->fold_seconds().Observe(absl::ToDoubleSeconds(clock_->Now() - start));

  if (!step.error.empty()) {
    metrics_->view_errors().Increment();
    LogError("stories log record skipped", {{"offset", absl::StrCat(record->offset)},
                                            {"error", step.error}});
  } else {
    metrics_->ViewRecords(v1::DedupKind_Name(step.decision)).Increment();
  }
  if (step.event.has_value()) {
    metrics_->EventsByKind(v1::EventKind_Name(step.event->kind())).Increment();
  }
  metrics_->applied_offset().Set(static_cast<double>(record->offset));
  if (recent_ != nullptr) {
    recent_->Append(record->offset, step.event.has_value()
                                        ? std::make_shared<const ServedEvent>(*std::move(step.event))
                                        : nullptr);
  }
  cursor_->Publish(record->offset);
  if (++since_index_gauges_ >= kIndexGaugesEvery) SetIndexGauges();
  return absl::OkStatus();
}

void ViewFolder::SetIndexGauges() {
  since_index_gauges_ = 0;
  const NearDuplicateIndex& index = state_->index();
  metrics_->dedup_index_stories().Set(static_cast<double>(index.size()));
  metrics_->dedup_index_bytes().Set(static_cast<double>(index.MemoryBytes()));
  // The index counts from its creation; the counters take what is new.
  const NearDuplicateIndex::LookupCounts counts = index.lookup_counts();
  metrics_->dedup_lookups().Increment(static_cast<double>(counts.lookups - counted_.lookups));
  metrics_->dedup_candidates().Increment(
      static_cast<double>(counts.candidates - counted_.candidates));
  counted_ = counts;
}

bool ViewFolder::CaughtUp() const {
  int64_t end = log_->EndOffset();
  return end >= 0 && cursor_->Latest() + 1 >= end;
}

}  // namespace newswire
