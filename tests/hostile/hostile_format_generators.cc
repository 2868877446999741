#include "tests/hostile/hostile_format_generators.h"

#include "absl/strings/str_cat.h"
#include "tests/hostile/hostile_generators.h"

namespace newswire::hostile {
namespace {

constexpr char kG2Namespace[] = "http://iptc.org/std/nar/2006-10-01/";
constexpr char kParagraph[] =
    "The council said the harbour works would start after the winter season.";

// Lower-case letters spelling n in base 26 ("a", "b", ..., "ba", ...).
std::string Letters(size_t n) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return out;
}

}  // namespace

std::string DistinctWords(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&out, i == 0 ? "" : " ", Letters(i));
  return out;
}

// ---- NewsML-G2 -------------------------------------------------------------

namespace {

std::string G2ItemBody(const std::string& headline, const std::string& body, size_t subjects,
                       size_t id) {
  std::string subject_elements;
  for (size_t i = 0; i < subjects; ++i) {
    absl::StrAppend(&subject_elements, "<subject qcode=\"x:", i, "\"/>");
  }
  return absl::StrCat(
      "guid=\"urn:hostile:g2:", id,
      "\" version=\"1\" standard=\"NewsML-G2\" standardversion=\"2.9\">"
      "<itemMeta><itemClass qcode=\"ninat:text\"/><provider literal=\"hostile\"/>"
      "<versionCreated>2024-03-01T10:00:00Z</versionCreated></itemMeta>"
      "<contentMeta><headline>",
      headline, "</headline>", subject_elements,
      "</contentMeta><contentSet><inlineXML contenttype=\"application/xhtml+xml\">"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>",
      body, "</body></html></inlineXML></contentSet></newsItem>");
}

}  // namespace

std::string G2Item(const std::string& headline, const std::string& body, size_t subjects,
                   size_t id) {
  return absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem xmlns=\"",
                      kG2Namespace, "\" ", G2ItemBody(headline, body, subjects, id), "\n");
}

std::string G2Message(size_t items) {
  std::string out = absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsMessage xmlns=\"",
                                 kG2Namespace,
                                 "\"><header><sender>hostile</sender></header><itemSet>");
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(&out, "<newsItem ",
                    G2ItemBody(absl::StrCat("Item ", i), absl::StrCat("<p>Body ", i, ".</p>"), 0, i));
  }
  out += "</itemSet></newsMessage>\n";
  return out;
}

// ---- NewsML 1.2 ------------------------------------------------------------

std::string NewsMl1(size_t items, size_t paragraphs) {
  std::string body = Repeat(absl::StrCat("<p>", kParagraph, "</p>"), paragraphs);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NewsML Version=\"1.2\">";
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(
        &out, "<NewsItem><Identification><NewsIdentifier><ProviderId>hostile</ProviderId>",
        "<DateId>20240301</DateId><NewsItemId>", i,
        "</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>"
        "<NewsComponent><NewsLines><HeadLine>NewsML item ",
        i, "</HeadLine></NewsLines><ContentItem><MediaType FormalName=\"Text\"/>"
        "<DataContent><nitf><body><body.content>",
        body, "</body.content></body></nitf></DataContent></ContentItem></NewsComponent></NewsItem>");
  }
  out += "</NewsML>\n";
  return out;
}

// ---- Ritzau ----------------------------------------------------------------

std::string RitzauList(size_t items, const std::string& content) {
  std::string out = "<?xml version=\"1.0\"?>\n<NewsQueue><ListOfRBNews>";
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(&out, "<RBNews><NewsID>hostile-", i, "</NewsID><headline>Ritzau item ", i,
                    "</headline><content>", content, "</content></RBNews>");
  }
  out += "</ListOfRBNews></NewsQueue>\n";
  return out;
}

// ---- RSS / Atom -------------------------------------------------------------

std::string RssFeed(size_t items, const std::string& description) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
      "<title>Hostile feed</title><link>https://hostile.example/</link>";
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(&out, "<item><title>Item ", i, "</title><link>https://hostile.example/", i,
                    "</link><description>", description, "</description></item>");
  }
  out += "</channel></rss>\n";
  return out;
}

std::string AtomFeed(size_t entries) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<title>Hostile feed</title><id>urn:hostile:atom</id>";
  for (size_t i = 0; i < entries; ++i) {
    absl::StrAppend(&out, "<entry><id>urn:hostile:", i, "</id><title>Entry ", i,
                    "</title><summary>Summary ", i, ".</summary></entry>");
  }
  out += "</feed>\n";
  return out;
}

// ---- JSON ------------------------------------------------------------------

std::string NinjsArray(size_t items) {
  std::string out = "[";
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", "{\"uri\":\"urn:h:", i,
                    "\",\"type\":\"text\",\"headline\":\"Item ", i,
                    "\",\"body_text\":\"Body.\"}");
  }
  out += "]";
  return out;
}

std::string ApMediaFeed(size_t items) {
  std::string out = "{\"api_version\":\"1.1\",\"data\":{\"items\":[";
  for (size_t i = 0; i < items; ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",",
                    "{\"item\":{\"uri\":\"urn:ap:", i,
                    "\",\"type\":\"text\",\"headline\":\"AP item ", i, "\"}}");
  }
  out += "]}}";
  return out;
}

// ---- wire text -------------------------------------------------------------

std::string Anpa(const std::string& body, bool terminated) {
  return absl::StrCat("\x16\x16\x01" "a0001\x1f" "r w BC-Hostile-Story 03-01 0500\r\n\x02",
                      body, terminated ? "\r\n\x03\x04" : "");
}

std::string Iptc7901(const std::string& header, const std::string& body, bool terminated) {
  return absl::StrCat("\x01", header, "\r\n\x02", body, terminated ? "\r\n\x03" : "");
}

std::string AnpaTakes(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    absl::StrAppend(&out, Anpa(absl::StrCat("Take ", i, " headline\r\n   ", kParagraph)));
  }
  return out;
}

// ---- HTML pages ------------------------------------------------------------

std::string HtmlManyLinks(size_t count) {
  std::string links = "<nav><ul>";
  for (size_t i = 0; i < count; ++i) {
    absl::StrAppend(&links, "<li><a href=\"/s/", i, "\">Link ", i, "</a></li>");
  }
  links += "</ul></nav>";
  return HtmlPage("Many links", links);
}

std::string HtmlNestedLists(size_t depth) {
  return HtmlPage("Nested lists", absl::StrCat(Repeat("<ul><li>", depth), "item"));
}

std::string HtmlManyCharsets(size_t count) {
  const char* charsets[] = {"shift_jis", "utf-16", "utf-7", "iso-2022-jp", "x-bogus", "utf-8"};
  std::string metas;
  for (size_t i = 0; i < count; ++i) {
    absl::StrAppend(&metas, "<meta charset=\"", charsets[i % 6], "\">",
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=",
                    charsets[(i + 3) % 6], "\">");
  }
  return HtmlPage("Many charsets", "", metas);
}

}  // namespace newswire::hostile
