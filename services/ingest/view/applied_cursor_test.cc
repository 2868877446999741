#include "services/ingest/view/applied_cursor.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"
#include "services/ingest/common/fake_clock.h"
#include "services/ingest/common/wait_for.h"

namespace newswire {
namespace {

TEST(AppliedCursorTest, WaitReturnsWhenCursorPasses) {
  AppliedCursor cursor(4);
  std::thread publisher([&] { cursor.Publish(5); });
  EXPECT_EQ(cursor.WaitAbove(4, absl::Seconds(30)), 5);
  publisher.join();
}

TEST(AppliedCursorTest, NeverGoesBack) {
  AppliedCursor cursor(7);
  cursor.Publish(3);
  EXPECT_EQ(cursor.Latest(), 7);
}

// The wait's timeout is on the cursor's clock: it ends when that clock has
// moved `timeout` on, not before.
TEST(AppliedCursorTest, WaitTimesOutOnItsClockWithoutProgress) {
  FakeClock clock;
  AppliedCursor cursor(7, &clock);
  std::atomic<bool> returned{false};
  int64_t latest = 0;
  std::thread waiter([&] {
    latest = cursor.WaitAbove(7, absl::Seconds(10));
    returned = true;
  });
  ASSERT_TRUE(clock.AwaitWaiters(1, kTestPatience));
  clock.Advance(absl::Seconds(9));
  ASSERT_TRUE(clock.AwaitWaiters(1, kTestPatience));
  EXPECT_FALSE(returned.load()) << "timed out early";
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(WaitFor([&] { return returned.load(); })) << "no time-out at the deadline";
  if (!returned.load()) cursor.Close();  // frees the waiter the clock did not
  waiter.join();
  EXPECT_EQ(latest, 7);
}

TEST(AppliedCursorTest, CloseWakesWaiters) {
  AppliedCursor cursor;
  std::thread closer([&] { cursor.Close(); });
  EXPECT_EQ(cursor.WaitAbove(-1, absl::Seconds(30)), -1);
  closer.join();
  EXPECT_TRUE(cursor.closed());
}

}  // namespace
}  // namespace newswire
