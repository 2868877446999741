#include "services/ingest/normalize/page/html_page.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/utf8.h"
#include "services/ingest/normalize/page/html_page_charset.h"
#include "services/ingest/normalize/page/html_page_text.h"
#include "services/ingest/normalize/page/page_text.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

ParseInput Input(absl::string_view bytes, absl::string_view content_type = "") {
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = bytes;
  input.content_type = content_type;
  return input;
}

TEST(HtmlPageSniffTest, RecognisesDocuments) {
  EXPECT_TRUE(LooksLikeHtmlPage(Input("<!DOCTYPE html>\n<html>")));
  EXPECT_TRUE(LooksLikeHtmlPage(Input("\xEF\xBB\xBF  <!-- x --><HTML lang=en>")));
  EXPECT_TRUE(LooksLikeHtmlPage(Input("<?xml version='1.0'?><html xmlns='x'>")));
  EXPECT_TRUE(LooksLikeHtmlPage(Input("<head><title>x</title>")));
  EXPECT_TRUE(LooksLikeHtmlPage(Input("<div>fragment</div>", "text/html; charset=utf-8")));
  EXPECT_FALSE(LooksLikeHtmlPage(Input("<div>fragment</div>")));
  EXPECT_FALSE(LooksLikeHtmlPage(Input("Headline\n\nA story about <html> tags.")));
  EXPECT_FALSE(LooksLikeHtmlPage(Input("<nitf><head>")));
  EXPECT_FALSE(LooksLikeHtmlPage(Input("<htmlx>")));
}

TEST(HtmlPageTest, MetadataAndBody) {
  v1::Story story = ExtractHtmlStory(
      "<html lang=de><head><title>Zug f\xC3\xA4llt aus - Beispielblatt</title>"
      "<meta property='og:site_name' content='Beispielblatt'>"
      "<meta property='article:published_time' content='2022-11-07T10:00:00+01:00'>"
      "</head><body><nav><a href=/>Start</a> <a href=/x>Politik</a></nav>"
      "<article><h1>Zug f\xC3\xA4llt aus</h1><p>Der Regionalzug zwischen A und B f\xC3\xA4llt am "
      "Montag wegen Bauarbeiten aus, teilte die Bahn mit.</p><p>Ein Ersatzverkehr mit Bussen "
      "ist eingerichtet, die Fahrzeit verl\xC3\xA4ngert sich um zwanzig Minuten.</p></article>"
      "<footer>Impressum</footer></body></html>",
      "text/html", "https://www.beispielblatt.example/region/zug-faellt-aus");
  EXPECT_EQ(story.headline(), "Zug f\xC3\xA4llt aus");
  EXPECT_EQ(story.provider(), "Beispielblatt");
  EXPECT_EQ(story.language(), "de");
  EXPECT_EQ(story.source_section(), "region");
  EXPECT_EQ(story.first_created().seconds(), 1667811600);
  ASSERT_EQ(story.paragraphs_size(), 2);
  EXPECT_EQ(story.paragraphs(1),
            "Ein Ersatzverkehr mit Bussen ist eingerichtet, die Fahrzeit verl\xC3\xA4ngert sich "
            "um zwanzig Minuten.");
}

TEST(HtmlPageTest, JsonLdBodyWhenTheMarkupHasNone) {
  // A page that renders its story with script: only the structured data has it.
  v1::Story story = ExtractHtmlStory(
      "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Example Wire\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Port reopens\",\"articleBody\":"
      "\"The port reopened on Monday after a week of repairs, the harbour master said.\\n"
      "Ships queued overnight to enter &amp; unload.\"}]}</script></head>"
      "<body><div id=app></div><nav><a href=/>Home</a></nav></body></html>",
      "text/html", "");
  EXPECT_EQ(story.headline(), "Port reopens");
  EXPECT_EQ(story.provider(), "Example Wire");
  ASSERT_EQ(story.paragraphs_size(), 2);
  EXPECT_EQ(story.paragraphs(1), "Ships queued overnight to enter & unload.");
}

TEST(HtmlPageTest, NoArticleIsAnError) {
  absl::StatusOr<ParseResult> result =
      ParseHtmlPage(Input("<html><body><nav><a href=/>Home</a></nav></body></html>"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "html page: no article text");
}

TEST(HtmlPageCharsetTest, DeclarationsAndFallbacks) {
  EXPECT_EQ(html::DeclaredCharset("<meta charset=\"Shift_JIS\">", ""), "shift_jis");
  EXPECT_EQ(html::DeclaredCharset("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; "
                                  "charset=windows-1251'>", ""),
            "windows-1251");
  EXPECT_EQ(html::DeclaredCharset("<p>x</p>", "text/html; charset=ISO-8859-1"), "iso-8859-1");
  // Latin-1 label, Latin-1 bytes
  EXPECT_EQ(html::HtmlPageToUtf8("<meta charset=iso-8859-1>caf\xE9", ""),
            "<meta charset=iso-8859-1>caf\xC3\xA9");
  // Latin-1 label, but the bytes are UTF-8
  EXPECT_EQ(html::HtmlPageToUtf8("<meta charset=iso-8859-1>caf\xC3\xA9", ""),
            "<meta charset=iso-8859-1>caf\xC3\xA9");
  // no label, invalid UTF-8: Windows-1252
  EXPECT_EQ(html::HtmlPageToUtf8("\x93quoted\x94", ""), "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  // other charsets through iconv
  EXPECT_EQ(html::HtmlPageToUtf8("<meta charset=windows-1251>\xCC\xE8\xF0", ""),
            "<meta charset=windows-1251>\xD0\x9C\xD0\xB8\xD1\x80");
  EXPECT_TRUE(utf8::IsValid(html::HtmlPageToUtf8("<meta charset=shift_jis>\x82\xA0\xFF\xFF", "")));
}

// A page re-encoded to UTF-8 that kept its legacy label: the bytes win.
TEST(HtmlPageCharsetTest, ValidUtf8WinsOverALegacyLabel) {
  // 東京 in UTF-8 under Shift_JIS, GBK and windows-1251 labels.
  const std::string tokyo = "\xE6\x9D\xB1\xE4\xBA\xAC";
  for (const char* label : {"shift_jis", "gbk", "euc-kr", "windows-1251", "iso-8859-1"}) {
    const std::string page = absl::StrCat("<meta charset=", label, "><p>", tokyo, "</p>");
    EXPECT_EQ(html::HtmlPageToUtf8(page, ""), page) << label;
    const std::string body = absl::StrCat("<p>", tokyo, "</p>");
    EXPECT_EQ(html::HtmlPageToUtf8(body, absl::StrCat("text/html; charset=", label)), body)
        << label;
  }
  // Real Shift_JIS bytes (東京 is 93 8C 8B 9E) are still converted.
  EXPECT_EQ(html::HtmlPageToUtf8("<meta charset=shift_jis>\x93\x8C\x8B\x9E", ""),
            "<meta charset=shift_jis>" + tokyo);
}

// Invalid UTF-8 under a UTF-8 label or none: the one policy of every format.
TEST(HtmlPageCharsetTest, InvalidUtf8IsRepaired) {
  EXPECT_EQ(html::HtmlPageToUtf8("<p>caf\xC3\xA9 \x93q\x94</p>", ""),
            "<p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D</p>");
  EXPECT_EQ(html::HtmlPageToUtf8("<meta charset=utf-8>caf\xC3\xA9 \xA3", ""),
            "<meta charset=utf-8>caf\xC3\xA9 \xC2\xA3");
}

// The HTML fast path removes and collapses exactly what text::CollapseWhitespace
// does, for every code point of the planes news text uses.
TEST(HtmlPageTextTest, CollapseSpacesAgreesWithCollapseWhitespace) {
  for (char32_t cp = 1; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string encoded;
    if (cp < 0x80) {
      encoded.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      encoded = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    } else {
      encoded = {static_cast<char>(0xE0 | (cp >> 12)),
                 static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    }
    const std::string input = "a" + encoded + "b " + encoded;
    ASSERT_EQ(html::CollapseSpaces(input), text::CollapseWhitespace(input))
        << "U+" << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(PageTextSniffTest, PlainStoriesAreNotPages) {
  const char* story =
      "Harbour authority opens third terminal\n\n"
      "ROTTERDAM (newswire) -- The port authority opened a third terminal on Tuesday, raising "
      "capacity by a fifth.\n\nOfficials said the terminal would handle its first ship next "
      "month.\n\nShipping lines welcomed the expansion. Share prices rose.\n";
  EXPECT_FALSE(LooksLikePageText(Input(story)));
  EXPECT_FALSE(LooksLikePageText(Input("<html><body>x</body></html>")));
}

}  // namespace
}  // namespace newswire
