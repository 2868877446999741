#include "services/ingest/normalize/rules/html_fragment.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

TEST(HtmlFragmentTest, BlocksBecomeParagraphsEntitiesDecoded) {
  EXPECT_THAT(HtmlFragmentToParagraphs("<p>One &amp; <b>two</b></p>\n<p>Caf&eacute;&nbsp;x</p>"),
              ElementsAre("One & two", "Caf\xC3\xA9 x"));
}

TEST(HtmlFragmentTest, BreaksSplitAndScriptsVanish) {
  EXPECT_THAT(HtmlFragmentToParagraphs("a<br>b<script>evil()</script><style>p{}</style>"),
              ElementsAre("a", "b"));
}

// An embedded picture's caption is not text of the story (ninjs4.json:
// "<p><figure><img ...><figcaption>Ob China ...?</figcaption></figure></p>").
TEST(HtmlFragmentTest, PictureCaptionsAreNotText) {
  EXPECT_THAT(HtmlFragmentToParagraphs(
                  "<p>First.</p><p><!-- EMBED --><figure><img src=\"a.jpg\" alt=\"A dog\">"
                  "<figcaption>A cloned police dog?</figcaption></figure></p><h2>Cross head</h2>"
                  "<p>Second.</p>"),
              ElementsAre("First.", "Cross head", "Second."));
}

// TT's body_html5: a label line (section vignette and source) above the
// lead, and a picture whose photographer's credit sits in the figure.
TEST(HtmlFragmentTest, LabelLinesAndPictureCreditsAreNotText) {
  EXPECT_THAT(HtmlFragmentToParagraphs(
                  "<h1>Title</h1><div class=\"dat\"><span class=\"vignette\">Fotboll</span>"
                  "<span class=\"source\">TT</span></div><p>Lead.</p>"
                  "<p><span class=\"kicker vignette\">Sport</span></p><p>Body.</p>"
                  "<figure><img src=\"a.jpg\"/><div class=\"byline\">Anna Berg/TT</div>"
                  "<figcaption>Fans.</figcaption></figure>"),
              ElementsAre("Title", "Lead.", "Body."));
  // Text set around a picture without paragraph markup (WordPress) stays
  // two paragraphs.
  EXPECT_THAT(HtmlFragmentToParagraphs("Before.\n\n<figure><img src=\"a.jpg\">"
                                       "<figcaption>Fans.</figcaption></figure>\n\nAfter."),
              ElementsAre("Before.", "After."));
  // A figure without a picture is text (a pull quote).
  EXPECT_THAT(HtmlFragmentToParagraphs("<figure><blockquote>We won.</blockquote></figure>"),
              ElementsAre("We won."));
}

TEST(HtmlFragmentTest, TextWithoutMarkupIsOneParagraph) {
  EXPECT_THAT(HtmlFragmentToParagraphs("  plain   text "), ElementsAre("plain text"));
  EXPECT_TRUE(HtmlFragmentToParagraphs("").empty());
}

// <pre> keeps its blocks and its rows rather than running into one
// paragraph; wrapped prose in it stays one paragraph.
TEST(HtmlFragmentTest, PreKeepsRowsAndBlocks) {
  EXPECT_THAT(HtmlFragmentToParagraphs("<pre>International Matches\n"
                                       "Mexico      2  Panama      1\n"
                                       "Costa Rica  0  Honduras    0\n\n"
                                       "The match was played in front of a crowd\n"
                                       "of forty thousand in the capital city on\n"
                                       "a cold evening.</pre>"),
              ElementsAre("International Matches", "Mexico 2 Panama 1", "Costa Rica 0 Honduras 0",
                          "The match was played in front of a crowd of forty thousand in the "
                          "capital city on a cold evening."));
}

TEST(HtmlFragmentTest, DeepNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<span>";
  html += "deep";
  EXPECT_LE(HtmlFragmentToParagraphs(html).size(), 1u);
}

TEST(HtmlFragmentTest, TextJoinsParagraphs) {
  EXPECT_EQ(HtmlFragmentToText("<p>a</p><p>b</p>"), "a b");
}

// Which reader took a fragment shows in its entities: gumbo decodes them,
// the plain reader past a limit leaves them as written.
bool ParsedByGumbo(const std::string& html) {
  return HtmlFragmentToText(html + "<p>Tom &amp; Jerry</p>").find("Tom & Jerry") !=
         std::string::npos;
}

std::string Repeated(absl::string_view unit, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out.append(unit.data(), unit.size());
  return out;
}

std::string WithAttributes(size_t count) {
  std::string tag = "<p";
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&tag, " a", i, "='x y'");
  return tag + ">text</p>";
}

// Distinct formatting elements (the Noah's Ark clause caps identical ones).
std::string OpenFormatting(size_t count) {
  std::string html;
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&html, "<b id=", i, ">");
  return html;
}

TEST(HtmlFragmentLimitsTest, Tags) {
  // The check's own "<p>...</p>" adds 2 tags.
  EXPECT_TRUE(ParsedByGumbo(Repeated("<br>", kMaxHtmlFragmentTags - 2)));
  EXPECT_FALSE(ParsedByGumbo(Repeated("<br>", kMaxHtmlFragmentTags - 1)));
}

TEST(HtmlFragmentLimitsTest, AttributesOnOneTag) {
  EXPECT_TRUE(ParsedByGumbo(WithAttributes(kMaxHtmlFragmentAttributes)));
  EXPECT_FALSE(ParsedByGumbo(WithAttributes(kMaxHtmlFragmentAttributes + 1)));
  // Many tags, each under the limit, are fine.
  EXPECT_TRUE(ParsedByGumbo(Repeated(WithAttributes(kMaxHtmlFragmentAttributes), 10)));
}

TEST(HtmlFragmentLimitsTest, OpenFormattingElements) {
  EXPECT_TRUE(ParsedByGumbo(OpenFormatting(kMaxHtmlFragmentOpenFormatting)));
  EXPECT_FALSE(ParsedByGumbo(OpenFormatting(kMaxHtmlFragmentOpenFormatting + 1)));
  // Closed ones do not add up.
  EXPECT_TRUE(ParsedByGumbo(Repeated("<b>x</b><i>y</i>", 500)));
}

// Text is kept past a limit, as paragraphs split at line breaks.
TEST(HtmlFragmentLimitsTest, PastALimitTheTextStays) {
  const std::string html = WithAttributes(kMaxHtmlFragmentAttributes + 1) + "\n<p>second</p>";
  EXPECT_THAT(HtmlFragmentToParagraphs(html), ElementsAre("text", "second"));
}

// Markup the tokenizer reads as text or comment is not counted, as gumbo
// does not parse it as tags either...
TEST(HtmlFragmentLimitsTest, CommentsAndRawTextAreNotCounted) {
  const std::string hidden = WithAttributes(kMaxHtmlFragmentAttributes + 1);
  EXPECT_TRUE(ParsedByGumbo("<!--" + hidden + "-->"));
  EXPECT_TRUE(ParsedByGumbo("<script>" + hidden + "</script>"));
  EXPECT_TRUE(ParsedByGumbo("<title>" + hidden + "</title >"));
}

// ... but where gumbo ends a comment or a raw-text element, so does the scan:
// a tag after it is counted.
TEST(HtmlFragmentLimitsTest, TagsAfterCommentsAndRawTextAreCounted) {
  const std::string hidden = WithAttributes(kMaxHtmlFragmentAttributes + 1);
  for (const std::string& before :
       {std::string("<!-->"), std::string("<!--->"), std::string("<!-- a --!>"),
        std::string("<?pi>"), std::string("<![CDATA[ x >"), std::string("<script></script>"),
        std::string("<svg><style></svg>"), std::string("<noscript>")}) {
    EXPECT_FALSE(ParsedByGumbo(before + hidden)) << before;
  }
}

// A '<' in a quoted attribute value could start a tag gumbo sees and the
// scan does not (or the reverse): such a fragment is not given to gumbo.
TEST(HtmlFragmentLimitsTest, LessThanInAQuotedValueIsNotGuessed) {
  EXPECT_FALSE(ParsedByGumbo("<p title=\"a<b\">x</p>"));
  EXPECT_TRUE(ParsedByGumbo("<p title=\"a>b\">x</p>"));
}

TEST(HtmlFragmentLimitsTest, SpentBudgetSkipsGumbo) {
  EXPECT_TRUE(ParsedByGumbo(""));
  ScopedWorkBudget budget(absl::ZeroDuration());
  EXPECT_FALSE(ParsedByGumbo(""));
}

}  // namespace
}  // namespace newswire
