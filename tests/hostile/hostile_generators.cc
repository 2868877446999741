#include "tests/hostile/hostile_generators.h"

#include <zlib.h>

#include <random>
#include <vector>

#include "absl/strings/str_cat.h"

namespace newswire::hostile {
namespace {

constexpr const char* kWords[] = {
    "council", "minister", "harbour",  "election", "river",   "market",   "police",  "storm",
    "budget",  "village",  "railway",  "court",    "season",  "factory",  "school",  "bridge",
    "report",  "company",  "festival", "weather",  "airport", "hospital", "league",  "farmers",
    "talks",   "museum",   "shares",   "energy",   "coast",   "winter",   "vote",    "union",
    "the",     "a",        "of",       "and",      "in",      "to",       "on",      "after",
    "said",    "new",      "first",    "local",    "late",    "early",    "north",   "south",
};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// Base-36 spelling of n: short distinct names for attributes and prefixes.
std::string Base36(size_t n) {
  std::string out;
  do {
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

const char kNitfParagraph[] =
    "<p>The council said the harbour works would start after the winter season.</p>";

}  // namespace

std::string Repeat(const std::string& piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

std::string FillerWords(size_t count, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out.push_back(' ');
    out += kWords[engine() % kWordCount];
  }
  return out;
}

std::string CompressibleText(size_t bytes, uint64_t seed) {
  std::vector<std::string> pool;
  for (uint64_t i = 0; i < 64; ++i) pool.push_back(FillerWords(60, seed + i) + ".\n\n");
  std::mt19937_64 engine(seed);
  std::string out = "Oversized record of filler text\n\n";
  out.reserve(bytes + 1024);
  while (out.size() < bytes) out += pool[engine() % pool.size()];
  out.resize(bytes);
  return out;
}

std::string RandomBytes(size_t bytes, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::string out(bytes, '\0');
  for (char& c : out) c = static_cast<char>(engine() & 0xFF);
  return out;
}

std::string Gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string PlainStory(const std::string& headline, uint64_t seed) {
  return absl::StrCat(headline, "\n\n", FillerWords(40, seed), ".\n\n", FillerWords(30, seed + 1),
                      ".\n");
}

// ---- XML -------------------------------------------------------------------

std::string Nitf(const std::string& headline, const std::string& content,
                 const std::string& prolog) {
  return absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", prolog,
                      "<nitf><head><title>", headline,
                      "</title></head><body><body.head><hedline><hl1>", headline,
                      "</hl1></hedline></body.head><body.content>", content,
                      "</body.content></body></nitf>\n");
}

std::string XmlManyAttributes(size_t count) {
  std::string attributes;
  attributes.reserve(count * 10);
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&attributes, " a", Base36(i), "=\"\"");
  return Nitf("Many attributes", absl::StrCat("<p", attributes, ">text</p>", kNitfParagraph));
}

std::string XmlDeepNesting(size_t depth) {
  return Nitf("Deep nesting",
              absl::StrCat(Repeat("<div>", depth), "deep", Repeat("</div>", depth), kNitfParagraph));
}

std::string XmlTinyElements(size_t count) {
  return Nitf("Tiny elements", absl::StrCat("<p>", Repeat("<b/>", count), "</p>", kNitfParagraph));
}

std::string XmlHugeAttributeValue(size_t bytes) {
  return Nitf("Huge attribute value",
              absl::StrCat("<p class=\"", std::string(bytes, 'v'), "\">text</p>", kNitfParagraph));
}

std::string XmlManyNamespaces(size_t count) {
  std::string declarations;
  for (size_t i = 0; i < count; ++i) {
    absl::StrAppend(&declarations, " xmlns:p", Base36(i), "=\"urn:x:", Base36(i), "\"");
  }
  std::string doc = Nitf("Many namespaces", kNitfParagraph);
  doc.insert(doc.find("<nitf") + 5, declarations);
  return doc;
}

std::string XmlBillionLaughs(int levels) {
  std::string prolog = "<!DOCTYPE nitf [<!ENTITY lol0 \"lol\">";
  for (int level = 1; level <= levels; ++level) {
    absl::StrAppend(&prolog, "<!ENTITY lol", level, " \"");
    for (int i = 0; i < 10; ++i) absl::StrAppend(&prolog, "&lol", level - 1, ";");
    prolog += "\">";
  }
  prolog += "]>\n";
  return Nitf("Billion laughs", absl::StrCat("<p>&lol", levels, ";</p>", kNitfParagraph), prolog);
}

std::string XmlQuadraticBlowup(size_t bytes, size_t references) {
  std::string prolog = absl::StrCat("<!DOCTYPE nitf [<!ENTITY big \"", std::string(bytes, 'q'),
                                    "\">]>\n");
  return Nitf("Quadratic blowup",
              absl::StrCat("<p>", Repeat("&big;", references), "</p>", kNitfParagraph), prolog);
}

std::string XmlExternalEntity() {
  return Nitf("External &xxe; entity", absl::StrCat("<p>&xxe;</p>", kNitfParagraph),
              "<!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n");
}

std::string XmlExternalDtd() {
  return Nitf("External DTD", kNitfParagraph,
              "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.6//EN\" "
              "\"http://127.0.0.1:9/nitf-3-6.dtd\">\n");
}

std::string XmlXInclude() {
  std::string doc = Nitf(
      "XInclude",
      absl::StrCat("<p><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></p>", kNitfParagraph));
  doc.insert(doc.find("<nitf") + 5, " xmlns:xi=\"http://www.w3.org/2001/XInclude\"");
  return doc;
}

std::string XmlLongElementName(size_t bytes) {
  std::string name = "n" + std::string(bytes, 'x');
  return Nitf("Long element name",
              absl::StrCat("<", name, ">text</", name, ">", kNitfParagraph));
}

std::string XmlExternalParameterEntity() {
  return Nitf("External parameter entity", kNitfParagraph,
              "<!DOCTYPE nitf [<!ENTITY % ext SYSTEM \"http://127.0.0.1:9/ext.dtd\"> %ext;]>\n");
}

std::string XmlHugeCdata(size_t bytes) {
  return Nitf("Huge CDATA",
              absl::StrCat("<p><![CDATA[", CompressibleText(bytes, 9), "]]></p>", kNitfParagraph));
}

std::string Utf16Le(const std::string& ascii_text) {
  std::string out = "\xFF\xFE";
  for (char c : ascii_text) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// ---- HTML ------------------------------------------------------------------

std::string HtmlPage(const std::string& headline, const std::string& body,
                     const std::string& head_extra) {
  return absl::StrCat("<!DOCTYPE html>\n<html><head>", head_extra, "<title>", headline,
                      "</title></head><body><article><h1>", headline, "</h1>", body,
                      "<p>The council said the harbour works would start after the winter "
                      "season, and the minister agreed.</p></article></body></html>\n");
}

std::string HtmlDeepNesting(size_t depth) {
  return HtmlPage("Deep nesting", absl::StrCat(Repeat("<div>", depth), "deep"));
}

std::string HtmlUnclosedFormatting(size_t count) {
  const char* tags[] = {"<b>", "<i>", "<u>", "<s>", "<em>", "<strong>", "<font>", "<small>"};
  std::string body = "<p>";
  for (size_t i = 0; i < count; ++i) body += tags[i % 8];
  body += "text</p><p>after</p>";
  return HtmlPage("Unclosed formatting", body);
}

std::string HtmlManyAttributes(size_t count) {
  std::string attributes;
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&attributes, " a", Base36(i), "=\"\"");
  return HtmlPage("Many attributes", absl::StrCat("<p", attributes, ">text</p>"));
}

std::string HtmlHugeTextNode(size_t bytes) {
  return HtmlPage("Huge text node", absl::StrCat("<p>", CompressibleText(bytes, 7), "</p>"));
}

std::string HtmlScriptBomb(size_t bytes, const std::string& tag) {
  std::string filler = tag == "script" ? "var x = \"</p><p>\" + 1;\n" : "p { color: red; }\n";
  return HtmlPage(absl::StrCat("A ", tag, " bomb"), "",
                  absl::StrCat("<", tag, ">", Repeat(filler, bytes / filler.size()), "</", tag, ">"));
}

std::string HtmlNestedTables(size_t depth) {
  return HtmlPage("Nested tables", absl::StrCat(Repeat("<table><tr><td>", depth), "cell"));
}

std::string HtmlUnterminatedComment(size_t bytes) {
  return HtmlPage("Unterminated comment", absl::StrCat("<!-- ", std::string(bytes, '-'), " x"));
}

// ---- JSON ------------------------------------------------------------------

std::string NinjsItem(const std::string& fields) {
  return absl::StrCat("{\"uri\": \"urn:hostile:ninjs\", \"type\": \"text\", ", fields, "}");
}

std::string JsonDeepNesting(size_t depth) {
  return NinjsItem(absl::StrCat("\"headline\": \"Deep nesting\", \"body_text\": \"Body.\", ",
                                "\"extra\": ", Repeat("[", depth), Repeat("]", depth)));
}

std::string JsonHugeArray(size_t count) {
  std::string array = "[";
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&array, i == 0 ? "" : ",", i % 10);
  array += "]";
  return NinjsItem(absl::StrCat("\"headline\": \"Huge array\", ",
                                "\"body_text\": \"The council met after the storm.\", ",
                                "\"keywords\": ", array));
}

// ---- text ------------------------------------------------------------------

std::string TextSingleLine(size_t bytes) {
  std::string line = "Single line ";
  line.reserve(bytes + 16);
  for (uint64_t seed = 1; line.size() < bytes; ++seed) absl::StrAppend(&line, FillerWords(100, seed), " ");
  line.resize(bytes);
  return line;
}

std::string TextManyParagraphs(size_t count) {
  return absl::StrCat("Many paragraphs\n\n", Repeat("a\n\n", count));
}

std::string TextOneHugeWord(size_t bytes) {
  return absl::StrCat("One huge word\n\n", std::string(bytes, 'w'), "\n");
}

std::string TextCombiningMarks(size_t count) {
  return absl::StrCat("Combining Z", Repeat("\xCC\x81", count), " headline\n\n",
                      FillerWords(40, 99), ".\n");
}

}  // namespace newswire::hostile
