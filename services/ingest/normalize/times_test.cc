#include "services/ingest/normalize/times.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

int64_t Seconds(absl::string_view text) {
  std::optional<absl::Time> t = ParseNewsTime(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t ? absl::ToUnixSeconds(*t) : -1;
}

// 2022-11-07T03:30:00Z
constexpr int64_t kT = 1667791800;

TEST(TimesTest, Iso8601Variants) {
  EXPECT_EQ(Seconds("2022-11-07T03:30:00Z"), kT);
  EXPECT_EQ(Seconds("2022-11-07T12:30:00+09:00"), kT);
  EXPECT_EQ(Seconds("2022-11-07T12:30:00+0900"), kT);
  EXPECT_EQ(Seconds("2022-11-07T03:30:00.250Z"), kT);
  EXPECT_EQ(Seconds("2022-11-07T03:30:00"), kT);
  EXPECT_EQ(Seconds(" 2022-11-07 03:30:00 "), kT);
  EXPECT_EQ(Seconds("2022-11-07"), kT - 3 * 3600 - 1800);
}

TEST(TimesTest, CompactNitfForm) {
  EXPECT_EQ(Seconds("20221107T123000+0900"), kT);
  EXPECT_EQ(Seconds("20221107T033000Z"), kT);
  EXPECT_EQ(Seconds("20221107T0330Z"), kT);
}

TEST(TimesTest, Rfc822) {
  EXPECT_EQ(Seconds("Mon, 07 Nov 2022 03:30:00 GMT"), kT);
  EXPECT_EQ(Seconds("Mon, 07 Nov 2022 12:30:00 +0900"), kT);
  EXPECT_EQ(Seconds("Sun, 06 Nov 2022 22:30:00 EST"), kT);
}

TEST(TimesTest, GarbageIsNotATime) {
  EXPECT_FALSE(ParseNewsTime("yesterday").has_value());
  EXPECT_FALSE(ParseNewsTime("").has_value());
  google::protobuf::Timestamp ts;
  ts.set_seconds(5);
  EXPECT_FALSE(ParseNewsTimestamp("nope", &ts));
  EXPECT_EQ(ts.seconds(), 5);
}

TEST(TimesTest, ToTimestampKeepsSubseconds) {
  auto ts = ToTimestamp(absl::FromUnixMillis(-1500));
  EXPECT_EQ(ts.seconds(), -2);
  EXPECT_EQ(ts.nanos(), 500000000);
}

}  // namespace
}  // namespace newswire
