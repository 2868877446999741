#include "services/ingest/normalize/rules/times.h"

#include "gtest/gtest.h"
#include "services/ingest/common/proto_time.h"

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
  auto ts = ToProtoTime(absl::FromUnixMillis(-1500));
  EXPECT_EQ(ts.seconds(), -2);
  EXPECT_EQ(ts.nanos(), 500000000);
}

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name << ": is tzdata installed?";
  return zone;
}

absl::Time Utc(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

TEST(LocalTimeLogTest, NotesWhichTimesHadNoOffset) {
  ScopedLocalTimeLog log;
  std::optional<absl::Time> local = ParseNewsTime("2019-04-15T11:12:24");
  std::optional<absl::Time> offset = ParseNewsTime("2019-04-15T13:49:15+03:00");
  std::optional<absl::Time> rfc822 = ParseNewsTime("Mon, 15 Apr 2019 09:00:00 GMT");
  std::optional<absl::Time> compact = ParseNewsTime("20141126T152703");
  ASSERT_TRUE(local && offset && rfc822 && compact);
  EXPECT_TRUE(log.ReadAsLocal(*local));
  EXPECT_TRUE(log.ReadAsLocal(ToProtoTime(*local)));
  EXPECT_TRUE(log.ReadAsLocal(*compact));
  EXPECT_FALSE(log.ReadAsLocal(*offset));
  EXPECT_FALSE(log.ReadAsLocal(*rfc822));
  // Never read here at all.
  EXPECT_FALSE(log.ReadAsLocal(Utc(2000, 1, 1, 0, 0)));
}

TEST(LocalTimeLogTest, AnInstantAlsoReadWithAnOffsetIsLeftAlone) {
  ScopedLocalTimeLog log;
  ASSERT_TRUE(ParseNewsTime("2019-04-15T11:12:24").has_value());
  ASSERT_TRUE(ParseNewsTime("2019-04-15T11:12:24Z").has_value());
  EXPECT_FALSE(log.ReadAsLocal(Utc(2019, 4, 15, 11, 12, 24)));
}

TEST(LocalTimeLogTest, ScopesNestAndNothingIsNotedWithoutOne) {
  ASSERT_TRUE(ParseNewsTime("2001-01-01T00:00:00").has_value());  // no log open: fine
  ScopedLocalTimeLog outer;
  {
    ScopedLocalTimeLog inner;
    ASSERT_TRUE(ParseNewsTime("2002-02-02T00:00:00").has_value());
    EXPECT_TRUE(inner.ReadAsLocal(Utc(2002, 2, 2, 0, 0)));
  }
  EXPECT_FALSE(outer.ReadAsLocal(Utc(2002, 2, 2, 0, 0)));
  ScopedLocalTimeLog::Note(Utc(2003, 3, 3, 0, 0), /*had_offset=*/false);
  EXPECT_TRUE(outer.ReadAsLocal(Utc(2003, 3, 3, 0, 0)));
  EXPECT_FALSE(outer.ReadAsLocal(Utc(2001, 1, 1, 0, 0)));
}

TEST(LocalTimeInZoneTest, WinterAndSummerOffsets) {
  const absl::TimeZone helsinki = Zone("Europe/Helsinki");
  // 10:00 in Helsinki: EET (+2) in March, EEST (+3) in July.
  EXPECT_EQ(LocalTimeInZone(Utc(2016, 3, 4, 10, 0), helsinki), Utc(2016, 3, 4, 8, 0));
  EXPECT_EQ(LocalTimeInZone(Utc(2016, 7, 4, 10, 0), helsinki), Utc(2016, 7, 4, 7, 0));
  // Southern hemisphere: Sydney is +11 in January (summer), +10 in July.
  const absl::TimeZone sydney = Zone("Australia/Sydney");
  EXPECT_EQ(LocalTimeInZone(Utc(2020, 1, 10, 9, 0), sydney), Utc(2020, 1, 9, 22, 0));
  EXPECT_EQ(LocalTimeInZone(Utc(2020, 7, 10, 9, 0), sydney), Utc(2020, 7, 9, 23, 0));
  // Sub-seconds stay.
  EXPECT_EQ(LocalTimeInZone(Utc(2018, 2, 1, 18, 44, 52) + absl::Milliseconds(973),
                            Zone("Europe/Copenhagen")),
            Utc(2018, 2, 1, 17, 44, 52) + absl::Milliseconds(973));
}

TEST(LocalTimeInZoneTest, DaylightSavingEdges) {
  const absl::TimeZone helsinki = Zone("Europe/Helsinki");
  // 2023-03-26: clocks go from 03:00 EET to 04:00 EEST (01:00Z).
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 3, 26, 2, 59, 59), helsinki), Utc(2023, 3, 26, 0, 59, 59));
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 3, 26, 4, 0), helsinki), Utc(2023, 3, 26, 1, 0));
  // 03:30 does not exist that night: read with the offset before the change.
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 3, 26, 3, 30), helsinki), Utc(2023, 3, 26, 1, 30));
  // 2023-10-29: clocks go from 04:00 EEST back to 03:00 EET (01:00Z); 03:30
  // happens twice: the first one (EEST, 00:30Z).
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 10, 29, 3, 30), helsinki), Utc(2023, 10, 29, 0, 30));
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 10, 29, 4, 0), helsinki), Utc(2023, 10, 29, 2, 0));
  EXPECT_EQ(LocalTimeInZone(Utc(2023, 10, 29, 2, 59), helsinki), Utc(2023, 10, 28, 23, 59));
}

}  // namespace
}  // namespace newswire
