#include "services/ingest/common/work_budget.h"

#include <time.h>

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/dlq_reason.h"

namespace newswire {
namespace {

class ThreadCpuClock final : public CpuClock {
 public:
  absl::Duration Now() const override {
    timespec now;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0) return absl::ZeroDuration();
    return absl::DurationFromTimespec(now);
  }
};

thread_local ScopedWorkBudget::State current;

}  // namespace

absl::Status TooCostlyError(absl::string_view what) {
  return WithDlqReason(absl::ResourceExhaustedError(absl::StrCat(kTooCostlyPrefix, what)),
                       DlqReason::kTooCostly);
}

bool IsTooCostly(const absl::Status& status) {
  return absl::IsResourceExhausted(status) && absl::StartsWith(status.message(), kTooCostlyPrefix);
}

const CpuClock* CpuClock::Thread() {
  static const ThreadCpuClock* clock = new ThreadCpuClock();
  return clock;
}

ScopedWorkBudget::ScopedWorkBudget(absl::Duration budget, const CpuClock* clock)
    : saved_(current) {
  const absl::Duration end = clock->Now() + budget;
  if (current.clock != nullptr && (current.spent || current.end <= end)) return;
  current = State{clock, budget, end, false};
}

ScopedWorkBudget::~ScopedWorkBudget() {
  // A spent inner budget leaves the outer one spent too when they share the end.
  const bool spent = current.spent && current.end == saved_.end;
  current = saved_;
  current.spent = current.spent || spent;
}

absl::Status CheckWorkBudget() {
  if (current.clock == nullptr) return absl::OkStatus();
  if (!current.spent && current.clock->Now() < current.end) return absl::OkStatus();
  current.spent = true;
  return TooCostlyError(
      absl::StrCat("CPU budget of ", absl::FormatDuration(current.budget), " per record spent"));
}

bool BudgetCheckpoint::Spent() {
  if (++calls_ < stride_) return false;
  calls_ = 0;
  return !CheckWorkBudget().ok();
}

}  // namespace newswire
