#include "tests/bench/hostile_records.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace newswire::hostile {
namespace {

using UnitFn = std::function<std::string(size_t i)>;

// head + unit(0) + unit(1) + ... + tail, as many units as fit in `bytes`.
std::string Fill(const std::string& head, const UnitFn& unit, const std::string& tail,
                 size_t bytes) {
  std::string out = head;
  for (size_t i = 0;; ++i) {
    std::string next = unit(i);
    if (i > 0 && out.size() + next.size() + tail.size() > bytes) break;
    out += next;
  }
  out += tail;
  return out;
}

RawRecord Record(std::string value, std::string content_type = "") {
  RawRecord record;
  record.topic = "newswire.raw";
  record.key = "hostile";
  record.value = std::move(value);
  if (!content_type.empty()) record.headers.emplace_back("content-type", content_type);
  return record;
}

// A NITF story whose body.content holds `head`, the units and `tail`.
HostileClass Nitf(std::string name, std::string head, UnitFn unit, std::string tail) {
  const std::string open =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf><head><title>Hostile</title></head>"
      "<body><body.head><hedline><hl1>A hostile record</hl1></hedline></body.head>"
      "<body.content><p>Opening paragraph of the story.</p>";
  const std::string close = "</body.content></body></nitf>\n";
  return {std::move(name), [=](size_t bytes) {
            return Record(Fill(open + head, unit, tail + close, bytes));
          }};
}

// A ninjs item whose body_html holds the units (gumbo parses it).
HostileClass NinjsHtml(std::string name, std::string head, UnitFn unit, std::string tail) {
  const std::string open =
      "{\"uri\":\"urn:hostile\",\"type\":\"text\",\"headline\":\"A hostile record\","
      "\"body_html\":\"<p>Opening paragraph of the story.</p>";
  const std::string close = "\"}";
  return {std::move(name), [=](size_t bytes) {
            return Record(Fill(open + head, unit, tail + close, bytes));
          }};
}

// A scraped HTML article page (HtmlPageDom and the body extractor).
HostileClass Page(std::string name, std::string head, UnitFn unit, std::string tail) {
  const std::string open =
      "<!DOCTYPE html><html><head><title>A hostile record</title></head><body><article>"
      "<h1>A hostile record</h1><p>Opening paragraph of the story, long enough to count as "
      "article text for the extractor.</p>";
  const std::string close = "</article></body></html>\n";
  return {std::move(name), [=](size_t bytes) {
            return Record(Fill(open + head, unit, tail + close, bytes), "text/html");
          }};
}

HostileClass Plain(std::string name, std::string head, UnitFn unit, std::string tail = "") {
  return {std::move(name), [=](size_t bytes) { return Record(Fill(head, unit, tail, bytes)); }};
}

// `unit(i)` while the units so far hold fewer than `tags` tags of
// `tags_per_unit` each, then plain words: a fragment just under gumbo's
// tag limit whatever its size.
UnitFn Tags(size_t tags, size_t tags_per_unit, UnitFn unit) {
  return [=](size_t i) { return (i + 1) * tags_per_unit <= tags ? unit(i) : std::string("x "); };
}

// Tags a fragment may hold and still be parsed by gumbo.
constexpr size_t kFragmentTags = 3990;

UnitFn Const(std::string unit) {
  return [unit](size_t) { return unit; };
}

const char kSentence[] =
    "The minister said on Tuesday that the talks would resume next week in Geneva. ";

std::vector<HostileClass> MakeClasses() {
  std::vector<HostileClass> classes;
  // libxml2 2.9.14 checks duplicate attributes pairwise.
  classes.push_back(Nitf("xml_attributes", "<p",
                         [](size_t i) { return absl::StrCat(" a", i, "=\"1\""); }, ">x</p>"));
  // Each attribute's namespace is looked up among those in scope.
  classes.push_back(Nitf("xml_namespaces", "<p",
                         [](size_t i) { return absl::StrCat(" xmlns:n", i, "=\"urn:", i, "\""); },
                         ">x</p>"));
  classes.push_back(Nitf("xml_prefixed_attributes",
                         "<p xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"",
                         [](size_t i) { return absl::StrCat(" a:x", i, "=\"1\" b:x", i, "=\"1\""); },
                         ">x</p>"));
  // Just under the limits of xml_limits.h, repeated to the record's size.
  classes.push_back(Nitf("xml_attributes_at_limit", "", [](size_t) {
                           return Fill("<p", [](size_t i) { return absl::StrCat(" a", i, "=\"1\""); },
                                       ">x</p>", 2202);  // 256 attributes
                         }, ""));
  classes.push_back(Nitf("xml_namespaces_at_limit",
                         Fill("<div", [](size_t i) {
                           return absl::StrCat(" xmlns:n", i, "=\"urn:", i, "\"");
                         }, ">", 250 * 18),
                         Tags(240'000, 1, Const("<n0:x/>")), "</div>"));
  classes.push_back(Nitf("xml_deep_nesting", "", Const("<span>"), "x"));
  classes.push_back(Nitf("xml_deep_nesting_255", Repeat("<span>", 6 * 250), Const("x "),
                         Repeat("</span>", 7 * 250)));
  classes.push_back(Nitf("xml_elements", "", Const("<p>x</p>"), ""));
  classes.push_back(Nitf("xml_empty_elements", "<p>", Const("<br/>"), "</p>"));
  classes.push_back(Nitf("xml_paragraphs", "", Const(absl::StrCat("<p>", kSentence, "</p>\n")), ""));
  classes.push_back(Nitf("xml_long_attribute_value", "<p title=\"", Const("abcdefgh"), "\">x</p>"));
  classes.push_back(Nitf("xml_long_text", "<p>", Const("abcdefg "), "</p>"));
  classes.push_back(Nitf("xml_char_references", "<p>", Const("&#233;&amp;"), "</p>"));
  classes.push_back(Nitf("xml_ampersands", "<p>", Const("&amp;"), "</p>"));
  // Every prefix is looked up among the namespaces in scope.
  classes.push_back(Nitf("xml_namespace_scope",
                         Fill("<div", [](size_t i) {
                           return absl::StrCat(" xmlns:n", i, "=\"urn:", i, "\"");
                         }, ">", 16 << 10),
                         Const("<n0:x/>"), "</div>"));
  classes.push_back(Nitf("xml_html_entities", "<p>", Const("&eacute;&nbsp;"), "</p>"));
  classes.push_back(Nitf("xml_comments", "<p>", Const("x<!--c-->"), "</p>"));
  classes.push_back(Nitf("xml_cdata", "<p>", Const("<![CDATA[x]]>y"), "</p>"));
  classes.push_back(Nitf("xml_long_name", "<p", Const("pppppppp"), "/>"));
  classes.push_back({"newsml_g2_items", [](size_t bytes) {
                       return Record(Fill(
                           "<?xml version=\"1.0\"?><newsMessage "
                           "xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet>",
                           [](size_t i) {
                             return absl::StrCat(
                                 "<newsItem guid=\"urn:i", i, "\"><contentMeta><headline>Item ", i,
                                 "</headline></contentMeta><contentSet><inlineXML><p>", kSentence,
                                 "</p></inlineXML></contentSet></newsItem>");
                           },
                           "</itemSet></newsMessage>", bytes));
                     }});
  classes.push_back({"rss_items", [](size_t bytes) {
                       return Record(Fill(
                           "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>",
                           [](size_t i) {
                             return absl::StrCat("<item><title>Item ", i,
                                                 "</title><description>", kSentence,
                                                 "</description></item>");
                           },
                           "</channel></rss>", bytes));
                     }});
  // gumbo: nesting, the adoption agency (mis-nested formatting elements,
  // each distinct so the Noah's Ark clause does not cap them), attributes.
  classes.push_back(NinjsHtml("html_fragment_deep_nesting", "",
                              Tags(kFragmentTags, 1, Const("<div>")), ""));
  classes.push_back(NinjsHtml("html_fragment_formatting", "",
                              Tags(kFragmentTags, 2, [](size_t i) {
                                return absl::StrCat("<b id=", i, "><i>");
                              }),
                              ""));
  // Open formatting elements are reconstructed for every new paragraph.
  classes.push_back(NinjsHtml("html_fragment_reconstruct",
                              Fill("", [](size_t i) { return absl::StrCat("<b id=", i, ">"); },
                                   "", 1000 * 9),
                              Tags(kFragmentTags - 1000, 2, Const("<p>x</p>")), ""));
  // An <a> inside an open <a> runs the adoption agency algorithm.
  classes.push_back(NinjsHtml("html_fragment_adoption", "",
                              Tags(kFragmentTags, 2, Const("<a><div>")), ""));
  classes.push_back(NinjsHtml("html_fragment_misnested", "",
                              Tags(kFragmentTags, 3, Const("<b><p>x</b>")), ""));
  classes.push_back(NinjsHtml("html_fragment_attributes", "<p",
                              [](size_t i) { return absl::StrCat(" a", i, "=1"); }, ">x</p>"));
  classes.push_back(NinjsHtml("html_fragment_attributes_at_limit", "",
                              Tags(kFragmentTags, 1, [](size_t) {
                                return Fill("<p", [](size_t i) { return absl::StrCat(" a", i); },
                                            ">", 1143);  // 250 attributes
                              }),
                              ""));
  classes.push_back(NinjsHtml("html_fragment_formatting_at_limit",
                              Fill("", [](size_t i) { return absl::StrCat("<b id=", i, ">"); },
                                   "", 60 * 9),
                              Const("x "), ""));
  classes.push_back(NinjsHtml("html_fragment_table", "<table>",
                              Tags(kFragmentTags, 1, Const("x<td>")), "</table>"));
  classes.push_back(NinjsHtml("html_fragment_paragraphs", "",
                              Const(absl::StrCat("<p>", kSentence, "</p>")), ""));
  classes.push_back(NinjsHtml("html_fragment_long_text", "<p>", Const("abcdefg "), "</p>"));
  // The HTML page path (HtmlPageDom, extraction).
  classes.push_back(Page("html_page_deep_nesting", "", Const("<div>"), "x"));
  classes.push_back(Page("html_page_formatting", "",
                         [](size_t i) { return absl::StrCat("<b id=", i, "><i>"); }, "</b>x"));
  classes.push_back(Page("html_page_attributes", "<p",
                         [](size_t i) { return absl::StrCat(" a", i, "=1"); }, ">x</p>"));
  classes.push_back(Page("html_page_paragraphs", "", Const(absl::StrCat("<p>", kSentence, "</p>")),
                         ""));
  classes.push_back(Page("html_page_unclosed_tags", "", Const("<p><a href=x>y"), ""));
  classes.push_back(Page("html_page_end_tags", "<div>", Const("</q>"), "</div>"));
  // JSON (simdjson) and the text formats.
  classes.push_back(Plain("json_deep_nesting", "{\"uri\":\"u\",\"x\":",
                          [](size_t i) { return std::string(i < 900 ? "[" : " "); },
                          std::string(900, ']') + "}"));
  classes.push_back(Plain("json_many_keys", "{\"uri\":\"u\",\"type\":\"text\",\"body_text\":\"x\"",
                          [](size_t i) { return absl::StrCat(",\"k", i, "\":1"); }, "}"));
  classes.push_back(Plain("json_many_bodies",
                          "{\"uri\":\"u\",\"type\":\"text\",\"bodies\":[{\"value\":\"x\"}",
                          Const(",{\"role\":\"r\",\"value\":\"x\"}"), "]}"));
  classes.push_back(Plain("text_one_line", "Headline\n\n", Const(kSentence)));
  classes.push_back(Plain("text_one_word", "Headline\n\n", Const("abcdefgh")));
  classes.push_back(Plain("text_paragraphs", "Headline\n\n", Const(absl::StrCat(kSentence, "\n\n"))));
  classes.push_back(Plain("text_short_lines", "Headline\n\n", Const("x\n")));
  classes.push_back(Plain("text_blank_lines", "Headline\n\nx", Const("\n")));
  classes.push_back(Plain("text_combining_marks", "Headline\n\na", Const("\xCC\x81")));
  classes.push_back(Plain("text_dateline_like", "Headline\n\n", Const("LONDON, ")));
  classes.push_back({"anpa_lines", [](size_t bytes) {
                       const std::string head =
                           "\x16\x16\x01" "a1234\x1F" "sel\r\nu i\x13\x11 BC-Hostile     11-07 "
                           "0321\r\n\x02^BC-Hostile<\r\n^A hostile record<\r\n";
                       const std::string tail =
                           "\r\n\t   \x03" "AP-WF-11-07-22 1230GMT<\r\n\x0C\r\n\x04";
                       return Record(Fill(head, Const(absl::StrCat("\t   ", kSentence, "\r\n")),
                                          tail, bytes));
                     }});
  return classes;
}

}  // namespace

std::string Repeat(const std::string& unit, size_t bytes) {
  return Fill("", Const(unit), "", bytes);
}

const std::vector<HostileClass>& HostileClasses() {
  static const auto* classes = new std::vector<HostileClass>(MakeClasses());
  return *classes;
}

}  // namespace newswire::hostile
