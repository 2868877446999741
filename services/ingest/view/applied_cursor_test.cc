#include "services/ingest/view/applied_cursor.h"

#include <thread>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(AppliedCursorTest, WaitReturnsWhenCursorPasses) {
  AppliedCursor cursor(4);
  std::thread publisher([&] { cursor.Publish(5); });
  EXPECT_EQ(cursor.WaitAbove(4, absl::Seconds(30)), 5);
  publisher.join();
}

TEST(AppliedCursorTest, WaitTimesOutWithoutProgressAndNeverGoesBack) {
  AppliedCursor cursor(7);
  cursor.Publish(3);
  EXPECT_EQ(cursor.Latest(), 7);
  EXPECT_EQ(cursor.WaitAbove(7, absl::Milliseconds(10)), 7);
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
