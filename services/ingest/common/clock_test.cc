#include "services/ingest/common/clock.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/ingest/common/fake_clock.h"
#include "services/ingest/common/wait_for.h"

namespace newswire {
namespace {

TEST(ClockTest, RealClockIsASingletonThatTracksAbslNow) {
  const Clock* clock = Clock::Real();
  ASSERT_NE(clock, nullptr);
  EXPECT_EQ(clock, Clock::Real());

  const absl::Time before = absl::Now();
  const absl::Time now = clock->Now();
  const absl::Time after = absl::Now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(ClockTest, RealClockWaitEndsAtItsDeadlineOrASignal) {
  const Clock* clock = Clock::Real();
  absl::Mutex mu;
  absl::CondVar cv;
  absl::MutexLock lock(&mu);
  EXPECT_TRUE(clock->WaitWithDeadline(&cv, &mu, absl::Now() - absl::Seconds(1)));
  EXPECT_TRUE(clock->WaitWithDeadline(&cv, &mu, absl::Now() + absl::Milliseconds(1)));
  bool ready = false;
  std::thread signaller([&] {
    absl::MutexLock signal_lock(&mu);
    ready = true;
    cv.Signal();
  });
  const absl::Time deadline = absl::Now() + kTestPatience;
  while (!ready && !clock->WaitWithDeadline(&cv, &mu, deadline)) {
  }
  EXPECT_TRUE(ready);
  mu.Unlock();
  signaller.join();
  mu.Lock();
}

TEST(FakeClockTest, StartsAtTheGivenTimeAndMovesOnlyWhenTold) {
  const absl::Time start = absl::FromUnixSeconds(1700000000);
  FakeClock clock(start);
  EXPECT_EQ(clock.Now(), start);
  EXPECT_EQ(clock.Now(), start);

  clock.Advance(absl::Seconds(5));
  EXPECT_EQ(clock.Now(), start + absl::Seconds(5));

  clock.Set(start - absl::Hours(1));
  EXPECT_EQ(clock.Now(), start - absl::Hours(1));
}

TEST(FakeClockTest, DefaultsToUnixEpoch) {
  FakeClock clock;
  EXPECT_EQ(clock.Now(), absl::UnixEpoch());
}

TEST(FakeClockTest, AWaitWhoseDeadlineHasPassedReturnsAtOnce) {
  FakeClock clock(absl::FromUnixSeconds(100));
  absl::Mutex mu;
  absl::CondVar cv;
  absl::MutexLock lock(&mu);
  EXPECT_TRUE(clock.WaitWithDeadline(&cv, &mu, absl::FromUnixSeconds(100)));
  EXPECT_TRUE(clock.WaitWithDeadline(&cv, &mu, absl::FromUnixSeconds(99)));
}

// Advance wakes exactly the waits whose deadline it reached: a wait due at
// t+10s still waits after t+9s and ends, timed out, at t+10s.
TEST(FakeClockTest, AdvanceWakesTheWaitsItsDeadlinePassed) {
  FakeClock clock;
  absl::Mutex mu;
  absl::CondVar cv;
  std::atomic<bool> returned{false};
  std::atomic<bool> timed_out{false};
  std::thread waiter([&] {
    absl::MutexLock lock(&mu);
    bool result = false;
    // A spurious wake-up returns false early; the loop stands in for the
    // caller's own condition.
    while (!(result = clock.WaitWithDeadline(&cv, &mu, absl::UnixEpoch() + absl::Seconds(10)))) {
    }
    timed_out = result;
    returned = true;
  });
  ASSERT_TRUE(clock.AwaitWaiters(1, kTestPatience));
  clock.Advance(absl::Seconds(9));
  ASSERT_TRUE(clock.AwaitWaiters(1, kTestPatience));
  EXPECT_FALSE(returned.load()) << "woken before its deadline";
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(WaitFor([&] { return returned.load(); }))
      << "Advance did not wake the waiter at its deadline";
  while (!returned.load()) {  // frees the waiter when the clock failed to
    absl::MutexLock lock(&mu);
    cv.SignalAll();
  }
  waiter.join();
  EXPECT_TRUE(timed_out.load());
}

TEST(FakeClockTest, SleepUntilReturnsOnceTheClockGetsThere) {
  // Leaked: should the sleeper never wake, it is left behind, not hung on.
  FakeClock* clock = new FakeClock();
  std::atomic<bool> slept{false};
  std::thread sleeper([clock, &slept] {
    clock->SleepFor(absl::Minutes(5));
    slept = true;
  });
  for (int minute = 0; minute < 4; ++minute) {
    ASSERT_TRUE(clock->AwaitWaiters(1, kTestPatience));
    clock->Advance(absl::Minutes(1));
  }
  ASSERT_TRUE(clock->AwaitWaiters(1, kTestPatience));
  EXPECT_FALSE(slept.load());
  clock->Advance(absl::Minutes(1));
  EXPECT_TRUE(WaitFor([&] { return slept.load(); })) << "still asleep at its deadline";
  if (slept.load()) {
    sleeper.join();
    delete clock;
  } else {
    sleeper.detach();
  }
}

TEST(FakeClockTest, AwaitWaitersGivesUpAfterItsTimeout) {
  FakeClock clock;
  EXPECT_FALSE(clock.AwaitWaiters(1, absl::Milliseconds(1)));
  EXPECT_TRUE(clock.AwaitWaiters(0, absl::ZeroDuration()));
}

}  // namespace
}  // namespace newswire
