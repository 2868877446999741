// WorkBudget: a cooperative CPU budget for the work on one record.
//
// The stage that takes a record on a thread opens a budget; the costly loops
// below it (text passes, parsers' walks, tagging) check it at their loop
// points and give up with the "too costly" error once the thread has spent
// it, so one hostile record holds its thread for about the budget, not for
// minutes. Library calls that cannot be interrupted (libxml2, gumbo,
// simdjson) are kept within it by structural limits checked before them.
//
//   ScopedWorkBudget budget(absl::Seconds(1));   // this thread, this scope
//   for (...) {
//     NW_RETURN_IF_ERROR(CheckWorkBudget());      // OK, or "too costly: ..."
//     ...
//   }
//
// Time is the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): a record
// is not charged for the time its thread waited for a core. Each check reads
// the clock (a system call, ~0.3 us): check where a loop step does at least
// microseconds of work, or use BudgetCheckpoint in tighter loops. Without an
// open budget every check is OK. Budgets are per thread; nothing is shared.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_WORK_BUDGET_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_WORK_BUDGET_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire {

// What every "too costly" refusal's message starts with.
inline constexpr absl::string_view kTooCostlyPrefix = "too costly: ";

// ResourceExhausted "too costly: <what>", e.g. what = "20001 attributes on
// one element (limit 10000)", with DlqReason::kTooCostly (dlq_reason.h).
absl::Status TooCostlyError(absl::string_view what);

// True for an error TooCostlyError made.
bool IsTooCostly(const absl::Status& status);

// A source of a thread's CPU time. Thread-safe; Now() is the calling
// thread's time.
class CpuClock {
 public:
  virtual ~CpuClock() = default;
  virtual absl::Duration Now() const = 0;

  // CLOCK_THREAD_CPUTIME_ID. Never null; lives for the whole process.
  static const CpuClock* Thread();
};

// Opens a budget of `budget` CPU time on the calling thread from now until
// the scope closes (then the enclosing budget, if any, applies again). A
// scope inside another never extends it: the earlier end wins. Must be
// destroyed on the thread that made it.
class ScopedWorkBudget {
 public:
  explicit ScopedWorkBudget(absl::Duration budget, const CpuClock* clock = CpuClock::Thread());
  ~ScopedWorkBudget();
  ScopedWorkBudget(const ScopedWorkBudget&) = delete;
  ScopedWorkBudget& operator=(const ScopedWorkBudget&) = delete;

  struct State {
    const CpuClock* clock = nullptr;  // null: no budget open
    absl::Duration budget;            // as asked for, for the message
    absl::Duration end;               // the clock's time at which it is spent
    bool spent = false;               // once spent, stays spent
  };

 private:
  State saved_;
};

// OK while the calling thread's budget lasts (or when none is open); the
// "too costly: ... CPU budget ... spent" error after.
absl::Status CheckWorkBudget();

// For tight loops: Spent() reads the clock only every `stride` calls.
class BudgetCheckpoint {
 public:
  explicit BudgetCheckpoint(uint32_t stride = 256) : stride_(stride) {}
  bool Spent();

 private:
  uint32_t stride_;
  uint32_t calls_ = 0;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_WORK_BUDGET_H_
