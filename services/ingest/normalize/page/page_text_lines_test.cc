#include "services/ingest/normalize/page/page_text_lines.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace newswire::page_text {
namespace {

std::string Day(std::optional<absl::Time> t) {
  return t ? absl::FormatTime("%Y-%m-%d", *t, absl::UTCTimeZone()) : "none";
}

TEST(PageTextLinesTest, FindsDates) {
  EXPECT_EQ(Day(FindDate(" date 2022-11-07 Newsletter Signup")), "2022-11-07");
  EXPECT_EQ(Day(FindDate("Nov 7, 2022 10:30 JST")), "2022-11-07");
  EXPECT_EQ(Day(FindDate("Published: 7 November 2022")), "2022-11-07");
  EXPECT_EQ(Day(FindDate("Mon 7th Nov 2022")), "2022-11-07");
  EXPECT_EQ(Day(FindDate("Publisert 07.11.2022")), "2022-11-07");
  EXPECT_EQ(Day(FindDate("2022-11-07T23:30:00-05:00")), "2022-11-08");
  EXPECT_EQ(Day(FindDate("He scored 7 goals in 2022")), "none");
  EXPECT_EQ(Day(FindDate("Nov 31, 2022")), "none");
  EXPECT_EQ(Day(FindDate("May the force be with you 2022")), "none");
}

TEST(PageTextLinesTest, Furniture) {
  EXPECT_TRUE(IsFurniture("Login to comment"));
  EXPECT_TRUE(IsFurniture("Share this article"));
  EXPECT_TRUE(IsFurniture("\xC2\xA9" "2022 GPlusMedia Inc."));
  EXPECT_TRUE(IsFurniture("Use your Facebook account to login or register with JapanToday. By "
                          "doing so, you will also receive an email inviting you to receive our "
                          "news alerts."));
  EXPECT_FALSE(IsFurniture("politics"));
  EXPECT_FALSE(IsFurniture("China on Monday expressed wariness about Japan's official "
                           "participation in a NATO cyber defense research institute."));
  EXPECT_TRUE(IsCommentCount("0 Comments"));
  EXPECT_TRUE(IsCommentCount("No Comment"));
  EXPECT_FALSE(IsCommentCount("10 Downing Street"));
  EXPECT_TRUE(IsByline("By Jane Doe, Kyodo News"));
  EXPECT_FALSE(IsByline("By the end of the year, prices had doubled."));
  EXPECT_TRUE(IsTimeLine("Updated 3 hours ago"));
  EXPECT_FALSE(IsTimeLine("Storm pushes cargo ship aground"));
}

TEST(PageTextLinesTest, FurniturePhrasesAnywhereInALine) {
  EXPECT_TRUE(IsFurniture("Photo \xC2\xA9"));  // a two-byte phrase closing the line
  EXPECT_TRUE(IsFurniture("TWEET"));
  EXPECT_TRUE(IsFurniture("Click here to read more"));
  EXPECT_FALSE(IsFurniture("Shares fell"));
}

// Kinds of furniture, counted once each; a line holding phrases of two
// kinds is of the first kind tried (login before share).
TEST(PageTextLinesTest, ShowsFurnitureKinds) {
  const std::string three_kinds =
      "Log in\nA line of the story, long enough to be no furniture.\nShare this\n"
      "\xC2\xA9 2022 Kyodo\n";
  EXPECT_TRUE(ShowsFurnitureKinds(three_kinds, 3));
  EXPECT_FALSE(ShowsFurnitureKinds(three_kinds, 4));
  EXPECT_FALSE(ShowsFurnitureKinds("Share this\nShare on Facebook\nTweet\n", 2));
  EXPECT_TRUE(ShowsFurnitureKinds("Log in to share this\nShare this\n", 2));
  EXPECT_FALSE(ShowsFurnitureKinds("Share on Facebook\nLog in to share this\n", 3));
  EXPECT_FALSE(ShowsFurnitureKinds("", 1));
}

TEST(PageTextLinesTest, SplitsAndClassifiesLines) {
  std::vector<Line> lines =
      SplitLines("Menu\n\nA long enough line of prose that reads like a story, with a verb and "
                 "an end.\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[0].furniture);
  EXPECT_TRUE(lines[1].text.empty());
  EXPECT_TRUE(lines[2].prose);
  EXPECT_GT(LineWeight(lines[2]), 0);
  EXPECT_LT(LineWeight(lines[0]), 0);
}

// Page text saved with CR or CR LF line ends splits into the same lines.
TEST(PageTextLinesTest, CrAndCrLfLineEnds) {
  for (const char* end : {"\r", "\r\n"}) {
    std::vector<Line> lines = SplitLines(absl::StrCat(
        "Menu", end, end, "A long enough line of prose that reads like a story, with a verb and "
        "an end.", end));
    ASSERT_EQ(lines.size(), 3u) << absl::CHexEscape(end);
    EXPECT_TRUE(lines[0].furniture);
    EXPECT_TRUE(lines[1].text.empty());
    EXPECT_TRUE(lines[2].prose);
  }
}

}  // namespace
}  // namespace newswire::page_text
