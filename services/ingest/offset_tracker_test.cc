#include "services/ingest/offset_tracker.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

const OffsetTracker::Partition kP0{"raw", 0};
const OffsetTracker::Partition kP1{"raw", 1};

TEST(OffsetTrackerTest, CommitsOnlyTheSettledPrefix) {
  OffsetTracker tracker;
  EXPECT_FALSE(tracker.Begin(kP0, 10, 1).has_value());
  EXPECT_FALSE(tracker.Begin(kP0, 11, 2).has_value());
  EXPECT_FALSE(tracker.Begin(kP0, 12, 1).has_value());
  EXPECT_EQ(tracker.InFlight(), 3);
  EXPECT_EQ(tracker.InFlight(kP0), 3);
  EXPECT_EQ(tracker.InFlight(kP1), 0);
  // 12 settles first: nothing may be stored while 10 and 11 are in flight.
  EXPECT_FALSE(tracker.Ack(kP0, 12).has_value());
  EXPECT_EQ(tracker.Ack(kP0, 10), 11);
  EXPECT_FALSE(tracker.Ack(kP0, 11).has_value());  // one of two stories
  EXPECT_EQ(tracker.Ack(kP0, 11), 13);
  EXPECT_EQ(tracker.InFlight(), 0);
}

TEST(OffsetTrackerTest, RecordsWithNothingToAwaitSettleAtOnce) {
  OffsetTracker tracker;
  EXPECT_EQ(tracker.Begin(kP0, 5, 0), 6);
  EXPECT_FALSE(tracker.Begin(kP0, 6, 1).has_value());
  EXPECT_FALSE(tracker.Begin(kP0, 7, 0).has_value());
  EXPECT_EQ(tracker.Ack(kP0, 6), 8);
}

TEST(OffsetTrackerTest, PartitionsAreIndependent) {
  OffsetTracker tracker;
  tracker.Begin(kP0, 1, 1);
  tracker.Begin(kP1, 1, 1);
  EXPECT_EQ(tracker.Ack(kP1, 1), 2);
  EXPECT_EQ(tracker.Ack(kP0, 1), 2);
}

TEST(OffsetTrackerTest, ForgottenPartitionIgnoresLateAcks) {
  OffsetTracker tracker;
  tracker.Begin(kP0, 1, 1);
  tracker.Forget(kP0);
  EXPECT_EQ(tracker.InFlight(), 0);
  EXPECT_FALSE(tracker.Ack(kP0, 1).has_value());
  EXPECT_FALSE(tracker.Ack(kP0, 99).has_value());  // unknown offsets too
}

}  // namespace
}  // namespace newswire
