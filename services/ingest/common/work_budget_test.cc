#include "services/ingest/common/work_budget.h"

#include <atomic>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::StartsWith;

// A CPU clock the test moves by hand.
class FakeCpuClock final : public CpuClock {
 public:
  absl::Duration Now() const override { return now_; }
  void Advance(absl::Duration d) { now_ += d; }

 private:
  absl::Duration now_ = absl::Seconds(100);
};

TEST(WorkBudgetTest, NoBudgetAlwaysOk) { EXPECT_TRUE(CheckWorkBudget().ok()); }

TEST(WorkBudgetTest, SpentAfterTheBudgetAndStaysSpent) {
  FakeCpuClock clock;
  {
    ScopedWorkBudget budget(absl::Milliseconds(1000), &clock);
    clock.Advance(absl::Milliseconds(999));
    EXPECT_TRUE(CheckWorkBudget().ok());
    clock.Advance(absl::Milliseconds(1));
    absl::Status spent = CheckWorkBudget();
    EXPECT_TRUE(IsTooCostly(spent)) << spent;
    EXPECT_EQ(spent.message(), "too costly: CPU budget of 1s per record spent");
    clock.Advance(-absl::Seconds(10));  // a clock read once spent does not revive it
    EXPECT_FALSE(CheckWorkBudget().ok());
  }
  EXPECT_TRUE(CheckWorkBudget().ok());  // closed with its scope
}

TEST(WorkBudgetTest, InnerScopeNeverExtendsTheOuter) {
  FakeCpuClock clock;
  ScopedWorkBudget outer(absl::Milliseconds(10), &clock);
  {
    ScopedWorkBudget inner(absl::Seconds(5), &clock);
    clock.Advance(absl::Milliseconds(10));
    EXPECT_FALSE(CheckWorkBudget().ok());
  }
  EXPECT_FALSE(CheckWorkBudget().ok());
}

TEST(WorkBudgetTest, TighterInnerScopeEndsFirstAndLeavesTheOuter) {
  FakeCpuClock clock;
  ScopedWorkBudget outer(absl::Seconds(1), &clock);
  {
    ScopedWorkBudget inner(absl::Milliseconds(1), &clock);
    clock.Advance(absl::Milliseconds(2));
    EXPECT_FALSE(CheckWorkBudget().ok());
  }
  EXPECT_TRUE(CheckWorkBudget().ok());
}

TEST(WorkBudgetTest, CheckpointReadsTheClockEveryStrideCalls) {
  FakeCpuClock clock;
  ScopedWorkBudget budget(absl::Milliseconds(1), &clock);
  clock.Advance(absl::Milliseconds(5));
  BudgetCheckpoint checkpoint(4);
  EXPECT_FALSE(checkpoint.Spent());
  EXPECT_FALSE(checkpoint.Spent());
  EXPECT_FALSE(checkpoint.Spent());
  EXPECT_TRUE(checkpoint.Spent());
}

// Budgets are per thread: another thread's spent budget is not this one's.
TEST(WorkBudgetTest, PerThread) {
  FakeCpuClock clock;
  ScopedWorkBudget budget(absl::Milliseconds(1), &clock);
  clock.Advance(absl::Milliseconds(5));
  std::atomic<bool> other_ok{false};
  std::thread([&] { other_ok = CheckWorkBudget().ok(); }).join();
  EXPECT_TRUE(other_ok);
  EXPECT_FALSE(CheckWorkBudget().ok());
}

// The real thread CPU clock advances with work, not with waiting.
TEST(WorkBudgetTest, ThreadClockCountsWork) {
  const absl::Duration start = CpuClock::Thread()->Now();
  volatile uint64_t sink = 0;
  while (CpuClock::Thread()->Now() - start < absl::Milliseconds(20)) {
    for (int i = 0; i < 100000; ++i) sink = sink + i;
  }
  ScopedWorkBudget budget(absl::Milliseconds(5));
  EXPECT_TRUE(CheckWorkBudget().ok());
  const absl::Duration begun = CpuClock::Thread()->Now();
  while (CpuClock::Thread()->Now() - begun < absl::Milliseconds(10)) {
    for (int i = 0; i < 100000; ++i) sink = sink + i;
  }
  EXPECT_THAT(std::string(CheckWorkBudget().message()), StartsWith("too costly: "));
}

}  // namespace
}  // namespace newswire
