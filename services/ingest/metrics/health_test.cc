#include "services/ingest/metrics/health.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/fake_clock.h"

namespace newswire::ingest::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::Duration kStallAfter = absl::Seconds(30);

TEST(HealthLivenessTest, OkWithNoLoops) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  EXPECT_TRUE(health.Liveness().ok);
}

TEST(HealthLivenessTest, RegisteredLoopThatNeverBeatsStallsAfterDeadline) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.RegisterLoop("kafka_poll");

  clock.Advance(kStallAfter);
  EXPECT_TRUE(health.Liveness().ok) << "exactly stall_after is still alive";

  clock.Advance(absl::Seconds(1));
  const Health::Report report = health.Liveness();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.text, HasSubstr("kafka_poll"));
  EXPECT_THAT(report.text, HasSubstr("STALLED"));
  EXPECT_THAT(report.text, HasSubstr("31.000s"));
}

TEST(HealthLivenessTest, BeatKeepsLoopAliveAndRecovery) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.RegisterLoop("writer");

  for (int i = 0; i < 5; ++i) {
    clock.Advance(absl::Seconds(20));
    health.Beat("writer");
    EXPECT_TRUE(health.Liveness().ok) << "iteration " << i;
  }

  clock.Advance(absl::Minutes(5));
  EXPECT_FALSE(health.Liveness().ok);

  health.Beat("writer");
  const Health::Report report = health.Liveness();
  EXPECT_TRUE(report.ok);
  EXPECT_THAT(report.text, HasSubstr("loop writer: ok, last beat 0.000s ago"));
}

TEST(HealthLivenessTest, OneStalledLoopFailsAllAndTextListsEveryLoop) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.RegisterLoop("a_fast");
  health.RegisterLoop("b_slow");

  clock.Advance(absl::Seconds(40));
  health.Beat("a_fast");

  const Health::Report report = health.Liveness();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.text,
            "loop a_fast: ok, last beat 0.000s ago\n"
            "loop b_slow: STALLED, last beat 40.000s ago (stall_after "
            "30.000s)\n");
}

TEST(HealthLivenessTest, ReRegisteringDoesNotResetTheBeat) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.RegisterLoop("poll");
  clock.Advance(absl::Seconds(31));
  health.RegisterLoop("poll");
  EXPECT_FALSE(health.Liveness().ok);
}

TEST(HealthLivenessTest, BeatRegistersUnknownLoop) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.Beat("late_starter");
  EXPECT_THAT(health.Liveness().text, HasSubstr("late_starter"));
  clock.Advance(absl::Seconds(31));
  EXPECT_FALSE(health.Liveness().ok);
}

TEST(HealthLivenessTest, ClockSteppingBackwardsDoesNotStall) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  Health health(&clock, kStallAfter);
  health.RegisterLoop("poll");
  clock.Set(absl::FromUnixSeconds(10));
  const Health::Report report = health.Liveness();
  EXPECT_TRUE(report.ok);
  EXPECT_THAT(report.text, HasSubstr("0.000s ago"));
}

TEST(HealthReadinessTest, NotReadyUntilAConditionIsRegistered) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  const Health::Report report = health.Readiness();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.text, HasSubstr("no readiness conditions"));
}

TEST(HealthReadinessTest, ReadyOnlyWhileEveryConditionHolds) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.SetReady("store_open", true);
  EXPECT_TRUE(health.Readiness().ok);

  health.SetReady("caught_up", false);
  Health::Report report = health.Readiness();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.text,
            "condition caught_up: NOT READY\n"
            "condition store_open: ok\n");

  health.SetReady("caught_up", true);
  report = health.Readiness();
  EXPECT_TRUE(report.ok);
  EXPECT_THAT(report.text, Not(HasSubstr("NOT READY")));

  health.SetReady("store_open", false);
  EXPECT_FALSE(health.Readiness().ok);
}

TEST(HealthReadinessTest, ReadinessIgnoresLivenessAndViceVersa) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  health.RegisterLoop("poll");
  health.SetReady("not_draining", false);
  EXPECT_TRUE(health.Liveness().ok);
  EXPECT_FALSE(health.Readiness().ok);

  health.SetReady("not_draining", true);
  clock.Advance(absl::Minutes(1));
  EXPECT_FALSE(health.Liveness().ok);
  EXPECT_TRUE(health.Readiness().ok);
}

constexpr char kProgress[] = "ingest_progress";

// A Health with the ingest progress watch (stall after 60 s) registered at
// the epoch.
class HealthProgressTest : public ::testing::Test {
 protected:
  HealthProgressTest() { health_.WatchProgress(kProgress, absl::Seconds(60), "record"); }

  FakeClock clock_;
  Health health_{&clock_, kStallAfter};
};

TEST_F(HealthProgressTest, WaitingWorkWithNoProgressFailsAfterStallAfter) {
  health_.SetReady("not_draining", true);
  health_.SetWaiting(kProgress, 12);

  clock_.Advance(absl::Seconds(60));
  EXPECT_TRUE(health_.Readiness().ok) << "exactly stall_after is not a stall";

  clock_.Advance(absl::Seconds(15));
  const Health::Report report = health_.Readiness();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.text,
            "condition not_draining: ok\n"
            "condition ingest_progress: NOT READY: no record settled for 75.0 s with "
            "12 records waiting (stall after 60 s)\n");
  EXPECT_EQ(health_.LastProgress(kProgress), absl::UnixEpoch());
}

TEST_F(HealthProgressTest, RecoversByItselfWhenProgressResumes) {
  health_.SetWaiting(kProgress, 1);
  clock_.Advance(absl::Minutes(10));
  EXPECT_THAT(health_.Readiness().text, HasSubstr("with 1 record waiting"));

  health_.Progress(kProgress);
  EXPECT_TRUE(health_.Readiness().ok);
  EXPECT_EQ(health_.LastProgress(kProgress), absl::UnixEpoch() + absl::Minutes(10));
  clock_.Advance(absl::Seconds(61));
  EXPECT_FALSE(health_.Readiness().ok) << "still waiting, no progress since";
}

TEST_F(HealthProgressTest, AnIdleServiceIsNotStalledAndItsClockStartsWhenWorkWaits) {
  health_.SetWaiting(kProgress, 0);
  clock_.Advance(absl::Hours(5));
  EXPECT_TRUE(health_.Readiness().ok) << "nothing waits: idle, not stalled";

  // Work arrives after hours of idleness: the stall clock starts now.
  health_.SetWaiting(kProgress, 0);
  health_.SetWaiting(kProgress, 3);
  clock_.Advance(absl::Seconds(59));
  EXPECT_TRUE(health_.Readiness().ok);
  clock_.Advance(absl::Seconds(2));
  EXPECT_FALSE(health_.Readiness().ok);

  health_.SetWaiting(kProgress, 0);  // drained some other way (revoked)
  EXPECT_TRUE(health_.Readiness().ok);
}

TEST_F(HealthProgressTest, ReRegisteringKeepsTheClockAndUnknownWatchesAreIgnored) {
  clock_.Advance(absl::Seconds(30));
  health_.WatchProgress(kProgress, absl::Seconds(1), "record");  // no reset
  EXPECT_EQ(health_.LastProgress(kProgress), absl::UnixEpoch());
  EXPECT_TRUE(health_.Readiness().ok) << "a watch alone makes readiness";

  health_.Progress("nothing");
  health_.SetWaiting("nothing", 5);
  EXPECT_EQ(health_.LastProgress("nothing"), absl::InfinitePast());
  EXPECT_EQ(health_.Readiness().text, "condition ingest_progress: ok\n");
}

TEST(HealthTest, ConcurrentUseIsSafe) {
  FakeClock clock;
  Health health(&clock, kStallAfter);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&health, &clock, t] {
      const std::string loop = "loop" + std::to_string(t);
      health.RegisterLoop(loop);
      for (int i = 0; i < 1000; ++i) {
        health.Beat(loop);
        health.SetReady("cond" + std::to_string(i % 3), i % 2 == 0);
        clock.Advance(absl::Milliseconds(1));
        (void)health.Liveness();
        (void)health.Readiness();
      }
      health.Beat(loop);
    });
  }
  for (std::thread& thread : threads) thread.join();
  // 4000 ms have passed in total; every loop beat at most 4 s ago.
  EXPECT_TRUE(health.Liveness().ok);
  const std::string text = health.Liveness().text;
  for (int t = 0; t < 4; ++t) {
    EXPECT_THAT(text, HasSubstr("loop" + std::to_string(t)));
  }
}

}  // namespace
}  // namespace newswire::ingest::metrics
