#include "services/ingest/normalize/wire/wire_keyword.h"

#include "gtest/gtest.h"

namespace newswire::wire {
namespace {

TEST(WireKeywordTest, KeywordsAndHeadlines) {
  EXPECT_TRUE(LooksLikeAnpaKeyword("BC-WEA--Global Weather-Fahrenheit"));
  EXPECT_TRUE(LooksLikeAnpaKeyword("BC-BBN--Top Ten"));
  EXPECT_TRUE(LooksLikeAnpaKeyword("AM-US--Storm"));
  EXPECT_FALSE(LooksLikeAnpaKeyword("Global Weather"));
  EXPECT_FALSE(LooksLikeAnpaKeyword("PM-designate says -- no comment"));
  EXPECT_FALSE(LooksLikeAnpaKeyword("BC-US--"));
  EXPECT_FALSE(LooksLikeAnpaKeyword("AM---no desk code"));
}

TEST(WireKeywordTest, HeadlineFromTheSlugWords) {
  EXPECT_EQ(KeywordHeadline("BC-WEA--Global Weather-Fahrenheit"), "Global Weather - Fahrenheit");
  EXPECT_EQ(KeywordHeadline("BC-BBN--Top Ten"), "Top Ten");
  EXPECT_EQ(KeywordHeadline("BC-BKN--Heat-Hawks"), "Heat-Hawks");
  EXPECT_EQ(KeywordHeadline("BC-10 Things to Know-Today"), "10 Things to Know - Today");
  EXPECT_EQ(KeywordHeadline("BC-US--APNewsAlert"), "");
  EXPECT_EQ(KeywordHeadline("BC-US--"), "");
}

TEST(WireKeywordTest, IdentityIsTheHeaderForm) {
  // The '^' line spells the keyword out; the ANPA header sends it without
  // spaces, cut to 24 characters. Both name one story.
  EXPECT_EQ(KeywordIdentity("BC-LT--Argentina-Cancer Beauty"), "lt--argentina-cancerb");
  EXPECT_EQ(KeywordIdentity("BC-LT--Argentina-CancerB"), "lt--argentina-cancerb");
  // A later lead may move to another cycle.
  EXPECT_EQ(KeywordIdentity("AM-US--Giant Lobster Death"),
            KeywordIdentity("PM-US--GiantLobsterDeath"));
  EXPECT_NE(KeywordIdentity("BC-US--Giant Lobster Death"), KeywordIdentity("BC-US--Giant Squid"));
  // The cut never splits a UTF-8 sequence: "é" is bytes 24 and 25 here.
  EXPECT_EQ(KeywordIdentity("BC-US--Paris-Coffee-Caf\xC3\xA9s Open"), "us--paris-coffee-caf");
  EXPECT_TRUE(IsAlertKeyword("BC-US--APNewsAlert"));
  EXPECT_EQ(KeywordIdentity("BC-US--APNewsAlert"), "");
}

}  // namespace
}  // namespace newswire::wire
