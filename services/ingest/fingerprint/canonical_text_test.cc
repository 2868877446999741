#include "services/ingest/fingerprint/canonical_text.h"

#include <initializer_list>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::Story StoryOf(std::string headline, std::initializer_list<std::string> paragraphs) {
  v1::Story story;
  story.set_headline(std::move(headline));
  for (const std::string& paragraph : paragraphs) story.add_paragraphs(paragraph);
  return story;
}

constexpr char kLead[] =
    "China on Monday expressed wariness about Japan's participation in a NATO cyber "
    "defense research institute.";
constexpr char kSecond[] =
    "Chinese Foreign Ministry spokesman Zhao Lijian urged Tokyo to draw historical lessons.";

TEST(NormalizeForFingerprintTest, CompatibilityFormsAndCaseFold) {
  EXPECT_EQ(NormalizeForFingerprint("\xEF\xAC\x81nance"), "finance");  // ﬁ ligature
  EXPECT_EQ(NormalizeForFingerprint("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91"), "ab1");  // ＡＢ１
  EXPECT_EQ(NormalizeForFingerprint("STRASSE"), NormalizeForFingerprint("stra\xC3\x9F" "e"));
  EXPECT_EQ(NormalizeForFingerprint("\xC4\xB0stanbul"), "istanbul");  // İ
  EXPECT_EQ(NormalizeForFingerprint("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91"),
            NormalizeForFingerprint("\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1"));  // σοφια
}

TEST(NormalizeForFingerprintTest, LatinDiacriticsGoOtherMarksStay) {
  EXPECT_EQ(NormalizeForFingerprint("Pel\xC3\xA9 in Z\xC3\xBCrich"), "pele in zurich");
  EXPECT_EQ(NormalizeForFingerprint("Pele\xCC\x81"), "pele");  // combining acute
  // Devanagari vowel signs and virama are letters' parts: kept.
  EXPECT_EQ(NormalizeForFingerprint("\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D"
                                    "\xE0\xA4\xA6\xE0\xA5\x80"),
            "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80");
}

TEST(NormalizeForFingerprintTest, PunctuationAndSymbolsBecomeSpaces) {
  EXPECT_EQ(NormalizeForFingerprint("Hello, world! It's 5.2% -- \"up\" (again)."),
            "hello world it s 5 2 up again");
  // Typographic quotes, dashes, ellipsis and the ASCII forms agree.
  EXPECT_EQ(NormalizeForFingerprint("\xE2\x80\x9CWe won\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 "
                                    "he said\xE2\x80\xA6"),
            NormalizeForFingerprint("\"We won't\" - he said..."));
  EXPECT_EQ(NormalizeForFingerprint("\xC2\xA3" "35bn \xE2\x82\xAC" "2"), "35bn 2");
}

TEST(NormalizeForFingerprintTest, WhitespaceCollapsesAndIgnorablesVanish) {
  EXPECT_EQ(NormalizeForFingerprint("  a\t\tb\xC2\xA0\xC2\xA0" "c\n\nd  "), "a b c d");
  EXPECT_EQ(NormalizeForFingerprint("co\xC2\xADoperate"), "cooperate");  // soft hyphen
  EXPECT_EQ(NormalizeForFingerprint("zero\xE2\x80\x8Bwidth"), "zerowidth");
  EXPECT_EQ(NormalizeForFingerprint(" \t.,;"), "");
}

TEST(NormalizeForFingerprintTest, InvalidUtf8BecomesSpaces) {
  EXPECT_EQ(NormalizeForFingerprint("caf\xE9 ol\xC3\xA9"), "caf ole");
}

TEST(CanonicalParagraphsTest, LeadingDatelinesAreCut) {
  for (const char* dateline : {"WASHINGTON (AP) -- ", "TOKYO, Nov 7 (Reuters) - ",
                               "BEIJING - ", "BEIJING \xE2\x80\x94 "}) {
    SCOPED_TRACE(dateline);
    EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {std::string(dateline) + kLead, kSecond})),
                ElementsAre(kLead, kSecond));
  }
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {"BEIJING", kLead})), ElementsAre(kLead));
}

TEST(CanonicalParagraphsTest, SentencesThatLookLikeNoDatelineStay) {
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {kLead})), ElementsAre(kLead));
}

TEST(CanonicalParagraphsTest, CreditLinesAreSetAside) {
  for (const char* credit :
       {"(c) KYODO", "\xC2\xA9 KYODO", "\xC2\xA9 2022 Reuters", "(AP)", "-- AFP",
        "Copyright 2005 The Associated Press. All rights reserved.",
        "\xC2\xA9" "2022 GPlusMedia Inc.",
        "(Reporting by Elaine Lies in Tokyo; Additional reporting by Kiyoshi Takenaka; "
        "Editing by Kim Coghill and Lincoln Feast.)"}) {
    SCOPED_TRACE(credit);
    EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {kLead, kSecond, credit})),
                ElementsAre(kLead, kSecond));
  }
}

TEST(CanonicalParagraphsTest, ShortLinesThatAreNoSentencesAreSetAsideInProse) {
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {"Home | News | World | Business", "Share this",
                                                kLead, "Advertisement", kSecond,
                                                "Related stories",
                                                "Japan joins NATO cyber centre"})),
              ElementsAre(kLead, kSecond));
  // A quotation ends with its closing mark after the full stop.
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {kLead, "\xE2\x80\x9CWe are ready.\xE2\x80\x9D"})),
              ElementsAre(kLead, "\xE2\x80\x9CWe are ready.\xE2\x80\x9D"));
}

TEST(CanonicalParagraphsTest, SitePromptsAboutAccountsAreSetAside) {
  // Japan Today's blurb under the seed page's story (corpus seed/), and the
  // comment and newsletter prompts of real article pages (corpus
  // article-extraction/): full sentences, yet the site's, not the story's.
  EXPECT_THAT(CanonicalParagraphs(StoryOf(
                  "h", {kLead, kSecond,
                        "Use your Facebook account to login or register with JapanToday. By "
                        "doing so, you will also receive an email inviting you to receive our "
                        "news alerts.",
                        "You must be logged in to post a comment.",
                        "Sign up for free newsletters and get more CNBC delivered to your inbox"})),
              ElementsAre(kLead, kSecond));
  // News text about sign-ups stays: no reader addressed (BBC tech/), or a
  // quotation (BBC tech/: a podcaster on his audience).
  constexpr char kBt[] =
      "BT is offering customers free internet telephone calls if they sign up to broadband in "
      "December.";
  constexpr char kQuoted[] =
      "\"The audience is pre-selected. They have decided to subscribe to your program,\" "
      "explains Curry.";
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {kLead, kBt, kQuoted})),
              ElementsAre(kLead, kBt, kQuoted));
}

TEST(CanonicalParagraphsTest, ListsKeepTheirLines) {
  // Mostly short lines: results, not boilerplate.
  EXPECT_THAT(CanonicalParagraphs(StoryOf("h", {"Results:", "Arsenal 2 Chelsea 1",
                                                "Everton 0 Fulham 3", "Leeds 1 Wolves 1"})),
              ElementsAre("Results:", "Arsenal 2 Chelsea 1", "Everton 0 Fulham 3",
                          "Leeds 1 Wolves 1"));
}

TEST(CanonicalTextTest, HeadlineIsNotPartOfTheBody) {
  EXPECT_EQ(CanonicalText(StoryOf("China continues breakneck growth", {kLead, kSecond})),
            CanonicalText(StoryOf("China continues rapid growth", {kLead, kSecond})));
}

// Ingest keeps a staff credit in `credit_line` (story.proto), and the
// fields the head of the text moves out of the body (byline, note) are no
// part of it either: the canonical text is the body's.
TEST(CanonicalTextTest, CreditLineBylineAndNoteAreNotPartOfIt) {
  v1::Story story = StoryOf("h", {kLead, kSecond});
  const std::string plain = CanonicalText(story);
  story.set_credit_line("Reporting by Elaine Lies in Tokyo; Editing by Kim Coghill");
  story.set_byline("By Elaine Lies");
  story.set_editorial_note("Adds comments, detail");
  EXPECT_EQ(CanonicalText(story), plain);
}

TEST(CanonicalTextTest, ParagraphBreaksDoNotMatter) {
  EXPECT_EQ(CanonicalText(StoryOf("h", {std::string(kLead) + " " + kSecond})),
            CanonicalText(StoryOf("h", {kLead, kSecond})));
}

TEST(CanonicalTextTest, RepublishedFormMatchesTheWireForm) {
  const v1::Story wire =
      StoryOf("Japan joins NATO cyber centre",
              {std::string("BEIJING (Kyodo) -- ") + kLead, kSecond, "(c) KYODO"});
  const v1::Story page = StoryOf(
      "China wary about Japan joining NATO cyber defense center",
      {"Newsletter Signup Register / Login", "politics", "0 Comments", "BEIJING",
       "CHINA on Monday expressed wariness about Japan\xE2\x80\x99s participation in a NATO "
       "cyber\xC2\xA0" "defense research institute.",
       kSecond, "\xC2\xA9 KYODO", "\xC2\xA9" "2022 GPlusMedia Inc.", "Login to comment"});
  EXPECT_EQ(CanonicalText(wire), CanonicalText(page));
  EXPECT_EQ(CanonicalText(wire),
            "china on monday expressed wariness about japan s participation in a nato cyber "
            "defense research institute chinese foreign ministry spokesman zhao lijian urged "
            "tokyo to draw historical lessons");
}

TEST(CanonicalTextTest, HeadlineStandsInForAnEmptyBody) {
  EXPECT_EQ(CanonicalText(StoryOf("Quake Hits Tokyo!", {})), "quake hits tokyo");
  EXPECT_EQ(CanonicalText(StoryOf("Quake hits Tokyo", {"(c) KYODO"})), "quake hits tokyo");
  EXPECT_EQ(CanonicalText(StoryOf("", {})), "");
}

TEST(CanonicalWordsTest, SpacesSeparateWordsAndCjkCharactersStandAlone) {
  EXPECT_THAT(CanonicalWords("g7 summit opens"), ElementsAre("g7", "summit", "opens"));
  // 日本の首相 and g7サミット
  EXPECT_THAT(CanonicalWords("\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\xAE\xE9\xA6\x96\xE7\x9B\xB8"),
              ElementsAre("\xE6\x97\xA5", "\xE6\x9C\xAC", "\xE3\x81\xAE", "\xE9\xA6\x96",
                          "\xE7\x9B\xB8"));
  EXPECT_THAT(CanonicalWords("g7\xE3\x82\xB5\xE3\x83\x9F"),
              ElementsAre("g7", "\xE3\x82\xB5", "\xE3\x83\x9F"));
  EXPECT_THAT(CanonicalWords(""), IsEmpty());
}

}  // namespace
}  // namespace newswire
