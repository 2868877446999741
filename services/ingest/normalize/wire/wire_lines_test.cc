#include "services/ingest/normalize/wire/wire_lines.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::wire {
namespace {

using ::testing::ElementsAre;

TEST(LineTest, Classification) {
  EXPECT_TRUE(IsBlankLine(" \t\x03 "));
  EXPECT_FALSE(IsBlankLine(" x "));
  EXPECT_TRUE(IsIndented("\tText"));
  EXPECT_TRUE(IsIndented("   Text"));
  EXPECT_FALSE(IsIndented(" Text"));
  EXPECT_TRUE(IsRuleLine("   ___"));
  EXPECT_TRUE(IsRuleLine("* * * *"));
  EXPECT_FALSE(IsRuleLine("Rams 54, Chiefs 51."));
  EXPECT_FALSE(IsRuleLine(""));
  EXPECT_EQ(CleanLine("\x02 Head\x10line \x7F"), "Head line");
}

TEST(ParagraphBuilderTest, BlankLinesIndentsAndWrappedLines) {
  ParagraphBuilder builder;
  for (absl::string_view line : {"   Berlin (dpa) - Talks", "could fail.", "", "   Second",
                                 "\tThird starts here", "and wraps.", "___", "Fourth."}) {
    builder.AddLine(line);
  }
  builder.AddParagraph("Row;1;2");
  builder.AddLine("After the row.");
  EXPECT_THAT(std::move(builder).Finish(),
              ElementsAre("Berlin (dpa) - Talks could fail.", "Second", "Third starts here and wraps.",
                          "Fourth.", "Row;1;2", "After the row."));
}

TEST(ParagraphBuilderTest, EmptyInputGivesNothing) {
  ParagraphBuilder builder;
  EXPECT_TRUE(builder.empty());
  builder.AddLine("  ");
  builder.AddParagraph("___");
  EXPECT_THAT(std::move(builder).Finish(), ElementsAre());
}

}  // namespace
}  // namespace newswire::wire
