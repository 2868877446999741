#include "services/ingest/common/proto_time.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

// timestamp.proto: seconds since 1970-01-01T00:00:00Z; nanos in
// 0..999,999,999, counting forward in time also when seconds is negative.

TEST(ProtoTimeTest, ReadsSecondsAndNanos) {
  google::protobuf::Timestamp t;
  t.set_seconds(86400 + 3600);  // one day and one hour after the epoch
  t.set_nanos(250000000);
  EXPECT_EQ(FromProtoTime(t), absl::FromCivil(absl::CivilSecond(1970, 1, 2, 1, 0, 0),
                                              absl::UTCTimeZone()) +
                                  absl::Milliseconds(250));
}

TEST(ProtoTimeTest, WritesSecondsAndNanos) {
  const absl::Time t = absl::FromCivil(absl::CivilSecond(1970, 1, 2, 1, 0, 0), absl::UTCTimeZone()) +
                       absl::Microseconds(123456);
  const google::protobuf::Timestamp proto = ToProtoTime(t);
  EXPECT_EQ(proto.seconds(), 86400 + 3600);
  EXPECT_EQ(proto.nanos(), 123456000);
}

TEST(ProtoTimeTest, BeforeTheEpochNanosCountForward) {
  // 1969-12-31T23:59:59.5Z: one half second before the epoch.
  const google::protobuf::Timestamp proto = ToProtoTime(absl::UnixEpoch() - absl::Milliseconds(500));
  EXPECT_EQ(proto.seconds(), -1);
  EXPECT_EQ(proto.nanos(), 500000000);
  EXPECT_EQ(FromProtoTime(proto), absl::UnixEpoch() - absl::Milliseconds(500));
}

TEST(ProtoTimeTest, BelowAMicrosecondIsDroppedTowardThePast) {
  const google::protobuf::Timestamp after = ToProtoTime(absl::UnixEpoch() + absl::Nanoseconds(1999));
  EXPECT_EQ(after.seconds(), 0);
  EXPECT_EQ(after.nanos(), 1000);
  const google::protobuf::Timestamp before = ToProtoTime(absl::UnixEpoch() - absl::Nanoseconds(1));
  EXPECT_EQ(before.seconds(), -1);
  EXPECT_EQ(before.nanos(), 999999000);
}

}  // namespace
}  // namespace newswire
