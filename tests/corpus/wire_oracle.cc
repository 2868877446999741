#include "tests/corpus/wire_oracle.h"

#include <array>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/text/text.h"
#include "simdjson.h"
#include "tests/corpus/markup_text.h"

namespace newswire::wire_oracle {
namespace {

using markup::Element;
using markup::FindElement;
using markup::FindElements;

// ---- shared helpers ----------------------------------------------------------

std::string FirstParagraph(absl::string_view markup_text) {
  std::vector<std::string> paragraphs = markup::Paragraphs(markup_text);
  return paragraphs.empty() ? "" : paragraphs.front();
}

// Sets the body opening from the body's markup. A first block that only
// repeats the headline (an NITF hl2, an XHTML h1) is not body text of its
// own: the paragraph after it is an accepted opening too.
void SetBody(ExpectedStory& story, absl::string_view body_markup) {
  std::vector<std::string> paragraphs = markup::Paragraphs(body_markup);
  if (paragraphs.empty()) return;
  story.first_paragraph = paragraphs[0];
  if (paragraphs.size() > 1 && !story.headline.empty() &&
      markup::CollapseWhitespace(markup::DecodeEntities(paragraphs[0])) ==
          markup::CollapseWhitespace(markup::DecodeEntities(story.headline))) {
    story.other_first_paragraphs.push_back(paragraphs[1]);
  }
}

std::string ElementText(absl::string_view xml, absl::string_view name) {
  std::optional<Element> element = FindElement(xml, name);
  return element ? markup::PlainText(element->inner) : "";
}

void SetTime(ExpectedStory& story, absl::string_view field, absl::string_view value) {
  if (story.version_created) return;
  if (std::optional<absl::Time> time = ParseTimestamp(value)) {
    story.version_created = time;
    story.version_created_field = std::string(field);
    story.version_created_local = WrittenWithoutZone(value);
  }
}

// A story needs something to read: a headline or a body.
void AddIfText(FileExpectation& file, ExpectedStory story, absl::string_view why_not) {
  if (story.headline.empty() && story.first_paragraph.empty() &&
      story.other_first_paragraphs.empty()) {
    if (file.no_story_why.empty()) file.no_story_why = std::string(why_not);
    return;
  }
  file.stories.push_back(std::move(story));
}

// ---- encodings and roots --------------------------------------------------

std::string XmlDeclaredEncoding(absl::string_view bytes) {
  if (!absl::StartsWith(bytes, "<?xml")) return "";
  size_t end = bytes.find("?>");
  return absl::AsciiStrToLower(
      markup::Attribute(bytes.substr(5, end == absl::string_view::npos ? 0 : end - 5), "encoding"));
}

// The file as UTF-8. Bytes that are valid UTF-8 with multi-byte sequences
// are UTF-8 whatever the XML declaration says (Latin-1 text essentially
// never forms such sequences; mislabelled UTF-8 is common); otherwise a
// declared Latin-1 / Windows-1252 is honoured, and undeclared legacy bytes
// are read as Windows-1252.
std::string ToUtf8(absl::string_view bytes) {
  bool has_multibyte = false;
  for (char c : bytes) has_multibyte |= (static_cast<unsigned char>(c) & 0x80) != 0;
  if (has_multibyte && text::IsValidUtf8(bytes)) return text::ToUtf8(bytes);
  std::string encoding = XmlDeclaredEncoding(bytes);
  if (absl::StrContains(encoding, "8859") || absl::StrContains(encoding, "latin") ||
      absl::StrContains(encoding, "1252")) {
    return text::Windows1252ToUtf8(bytes);
  }
  return text::ToUtf8(bytes);
}

// The local name of the root element, or "" when `text` is not XML.
std::string XmlRoot(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  while (true) {
    text = absl::StripLeadingAsciiWhitespace(text);
    if (!absl::StartsWith(text, "<")) return "";
    absl::string_view end_marker = absl::StartsWith(text, "<?")     ? "?>"
                                   : absl::StartsWith(text, "<!--") ? "-->"
                                   : absl::StartsWith(text, "<!")   ? ">"
                                                                    : "";
    if (end_marker.empty()) break;
    size_t end = text.find(end_marker);
    if (end == absl::string_view::npos) return "";
    text.remove_prefix(end + end_marker.size());
  }
  size_t end = 1;
  while (end < text.size() && !absl::ascii_isspace(static_cast<unsigned char>(text[end])) &&
         text[end] != '>' && text[end] != '/') {
    ++end;
  }
  absl::string_view name = text.substr(1, end - 1);
  size_t colon = name.rfind(':');
  return std::string(colon == absl::string_view::npos ? name : name.substr(colon + 1));
}

// ---- XML formats -----------------------------------------------------------

// NITF 3.x: hedline/hl1 (else head/title), body.content, docdata/date.issue.
void ReadNitf(absl::string_view xml, FileExpectation& file) {
  file.format = "NITF";
  ExpectedStory story;
  story.headline = ElementText(xml, "hl1");
  if (story.headline.empty()) {
    if (std::optional<Element> head = FindElement(xml, "head")) {
      story.headline = ElementText(head->inner, "title");
    }
  }
  if (std::optional<Element> body = FindElement(xml, "body.content")) {
    SetBody(story, body->inner);
  }
  if (std::optional<Element> issue = FindElement(xml, "date.issue")) {
    SetTime(story, "date.issue", markup::Attribute(issue->attributes, "norm"));
  }
  AddIfText(file, std::move(story), "NITF document with neither headline nor body");
}

// The body markup of a NewsML-G2 item's contentSet: the first inline
// rendition with text, narrowed to its NITF body.content or XHTML body.
std::string G2BodyMarkup(absl::string_view content_set) {
  for (absl::string_view kind : {"inlineXML", "inlineData"}) {
    for (const Element& inline_content : FindElements(content_set, kind)) {
      std::string type = markup::Attribute(inline_content.attributes, "contenttype");
      if (absl::StartsWith(type, "image/") || absl::StartsWith(type, "video/") ||
          absl::StartsWith(type, "audio/")) {
        continue;
      }
      if (std::optional<Element> nitf_body = FindElement(inline_content.inner, "body.content")) {
        return nitf_body->inner;
      }
      if (std::optional<Element> body = FindElement(inline_content.inner, "body")) {
        return body->inner;
      }
      return inline_content.inner;
    }
  }
  return "";
}

// NewsML-G2: text newsItems (itemClass ...:text); contentMeta/headline
// (the main one, not a subheadline); the contentSet's inline body;
// itemMeta/versionCreated, else contentMeta/contentModified.
void ReadNewsMlG2(absl::string_view xml, const std::string& root, FileExpectation& file) {
  file.format = "NewsML-G2";
  std::vector<Element> items = FindElements(xml, "newsItem");
  if (items.empty()) {
    file.no_story_why = root == "packageItem" || !FindElements(xml, "packageItem").empty()
                            ? "package item: links to other items"
                            : "no newsItem";
    return;
  }
  for (const Element& item : items) {
    std::optional<Element> item_meta = FindElement(item.inner, "itemMeta");
    std::optional<Element> item_class =
        item_meta ? FindElement(item_meta->inner, "itemClass") : std::nullopt;
    std::string qcode = item_class ? markup::Attribute(item_class->attributes, "qcode") : "";
    absl::string_view kind = absl::string_view(qcode).substr(qcode.find(':') + 1);
    if (kind != "text") {
      if (file.no_story_why.empty()) file.no_story_why = absl::StrCat(kind, " item");
      continue;
    }
    ExpectedStory story;
    std::optional<Element> content_meta = FindElement(item.inner, "contentMeta");
    if (content_meta) {
      for (const Element& headline : FindElements(content_meta->inner, "headline")) {
        std::string role = absl::AsciiStrToLower(markup::Attribute(headline.attributes, "role"));
        if (role.empty() || absl::StrContains(role, "main")) {
          story.headline = markup::PlainText(headline.inner);
          break;
        }
      }
    }
    if (std::optional<Element> content_set = FindElement(item.inner, "contentSet")) {
      SetBody(story, G2BodyMarkup(content_set->inner));
    }
    if (item_meta) SetTime(story, "versionCreated", ElementText(item_meta->inner, "versionCreated"));
    if (content_meta) {
      SetTime(story, "contentModified", ElementText(content_meta->inner, "contentModified"));
    }
    AddIfText(file, std::move(story), "text item with neither headline nor body");
  }
}

// NewsML 1.2: each NewsItem with a text component; NewsLines/HeadLine, the
// DataContent (NITF body.content or text), ThisRevisionCreated.
void ReadNewsMl1(absl::string_view xml, FileExpectation& file) {
  file.format = "NewsML 1.2";
  for (const Element& item : FindElements(xml, "NewsItem")) {
    bool has_text = false;
    for (const Element& media_type : FindElements(item.inner, "MediaType")) {
      has_text |= markup::Attribute(media_type.attributes, "FormalName") == "Text";
    }
    std::optional<Element> data = FindElement(item.inner, "DataContent");
    if (!has_text || !data) {
      if (file.no_story_why.empty()) file.no_story_why = "NewsItem without a text component";
      continue;
    }
    ExpectedStory story;
    story.headline = ElementText(item.inner, "HeadLine");
    std::optional<Element> body = FindElement(data->inner, "body.content");
    SetBody(story, body ? body->inner : data->inner);
    SetTime(story, "ThisRevisionCreated", ElementText(item.inner, "ThisRevisionCreated"));
    SetTime(story, "FirstCreated", ElementText(item.inner, "FirstCreated"));
    AddIfText(file, std::move(story), "NewsItem with neither headline nor text");
  }
}

// Atom: one story per entry; title, content (else summary), a vendor
// NewsManagement's updated, else updated, else published. A vendor extension of the entry that carries the body
// (<x:first_line>, <x:body>) is an accepted opening too.
void ReadAtom(absl::string_view xml, FileExpectation& file) {
  file.format = "Atom";
  for (const Element& entry : FindElements(xml, "entry")) {
    ExpectedStory story;
    story.headline = ElementText(entry.inner, "title");
    std::optional<Element> content = FindElement(entry.inner, "content");
    if (!content) content = FindElement(entry.inner, "summary");
    if (content) story.first_paragraph = FirstParagraph(content->inner);
    for (absl::string_view extension : {"first_line", "body"}) {
      if (std::optional<Element> element = FindElement(entry.inner, extension)) {
        std::string opening = FirstParagraph(element->inner);
        if (!opening.empty()) story.other_first_paragraphs.push_back(std::move(opening));
      }
    }
    // A vendor's news management block gives the entry's own update time
    // (WENN: the Atom <updated> repeats the publication).
    if (std::optional<Element> management = FindElement(entry.inner, "NewsManagement")) {
      SetTime(story, "NewsManagement updated", ElementText(management->inner, "updated"));
    }
    SetTime(story, "updated", ElementText(entry.inner, "updated"));
    SetTime(story, "published", ElementText(entry.inner, "published"));
    AddIfText(file, std::move(story), "entry with neither title nor content");
  }
  if (file.stories.empty() && file.no_story_why.empty()) file.no_story_why = "feed without entries";
}

// RSS 2.0 / 1.0: one story per item; title, content:encoded or description,
// pubDate (else dc:date).
void ReadRss(absl::string_view xml, FileExpectation& file) {
  file.format = "RSS";
  for (const Element& item : FindElements(xml, "item")) {
    ExpectedStory story;
    story.headline = ElementText(item.inner, "title");
    std::string encoded;
    if (std::optional<Element> element = FindElement(item.inner, "encoded")) {
      encoded = FirstParagraph(element->inner);
    }
    std::string description;
    if (std::optional<Element> element = FindElement(item.inner, "description")) {
      description = FirstParagraph(element->inner);
    }
    story.first_paragraph = encoded.empty() ? description : encoded;
    if (!encoded.empty() && !description.empty()) story.other_first_paragraphs.push_back(description);
    SetTime(story, "pubDate", ElementText(item.inner, "pubDate"));
    SetTime(story, "dc:date", ElementText(item.inner, "date"));
    AddIfText(file, std::move(story), "item with neither title nor description");
  }
  if (file.stories.empty() && file.no_story_why.empty()) file.no_story_why = "feed without items";
}

// Ritzau XML: one story per RBNews; headline, content (escaped HTML),
// PublishDate.
void ReadRitzau(absl::string_view xml, FileExpectation& file) {
  file.format = "Ritzau";
  for (const Element& news : FindElements(xml, "RBNews")) {
    ExpectedStory story;
    story.headline = ElementText(news.inner, "headline");
    if (std::optional<Element> content = FindElement(news.inner, "content")) {
      story.first_paragraph = FirstParagraph(content->inner);
    }
    SetTime(story, "PublishDate", ElementText(news.inner, "PublishDate"));
    AddIfText(file, std::move(story), "RBNews with neither headline nor content");
  }
}

// ---- JSON formats ----------------------------------------------------------

using simdjson::dom::element;

std::string JsonString(const element& object, const char* key) {
  std::string_view value;
  if (object[key].get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

void CollectJsonStrings(const element& value, std::string& out) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING: {
      std::string_view text;
      if (value.get(text) == simdjson::SUCCESS) {
        absl::StrAppend(&out, absl::string_view(text.data(), text.size()), "\n");
      }
      break;
    }
    case simdjson::dom::element_type::ARRAY: {
      simdjson::dom::array array;
      if (value.get(array) != simdjson::SUCCESS) break;
      for (element child : array) CollectJsonStrings(child, out);
      break;
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      if (value.get(object) != simdjson::SUCCESS) break;
      for (auto field : object) CollectJsonStrings(field.value, out);
      break;
    }
    default:
      break;
  }
}

bool IsMediaType(absl::string_view type) {
  return type == "picture" || type == "graphic" || type == "video" || type == "audio" ||
         type == "image" || type == "photo";
}

// ninjs 1.x-3.x: headline (or headlines[main].value); body_xhtml, body_html,
// bodies[] (main, HTML first), body_text; versioncreated.
ExpectedStory NinjsStory(const element& item) {
  ExpectedStory story;
  story.headline = markup::PlainText(JsonString(item, "headline"));
  simdjson::dom::array headlines;
  if (story.headline.empty() && item["headlines"].get(headlines) == simdjson::SUCCESS) {
    for (element headline : headlines) {
      std::string role = JsonString(headline, "role");
      if (role.empty() || role == "main" || story.headline.empty()) {
        story.headline = markup::PlainText(JsonString(headline, "value"));
        if (role.empty() || role == "main") break;
      }
    }
  }
  for (const char* key : {"body_xhtml", "body_html"}) {
    if (story.first_paragraph.empty()) story.first_paragraph = FirstParagraph(JsonString(item, key));
  }
  simdjson::dom::array bodies;
  if (story.first_paragraph.empty() && item["bodies"].get(bodies) == simdjson::SUCCESS) {
    for (element body : bodies) {
      std::string value = JsonString(body, "value");
      std::string type = JsonString(body, "contenttype");
      std::string opening = absl::StrContains(type, "html") || absl::StrContains(type, "xml")
                                ? FirstParagraph(value)
                                : markup::CollapseWhitespace(
                                      std::vector<std::string>(absl::StrSplit(value, "\n\n")).front());
      if (story.first_paragraph.empty()) {
        story.first_paragraph = opening;
      } else if (!opening.empty()) {
        story.other_first_paragraphs.push_back(opening);
      }
    }
  }
  if (story.first_paragraph.empty()) {
    std::string body_text = JsonString(item, "body_text");
    std::vector<std::string> blocks = absl::StrSplit(body_text, "\n\n", absl::SkipWhitespace());
    if (!blocks.empty()) story.first_paragraph = markup::CollapseWhitespace(blocks.front());
  }
  SetTime(story, "versioncreated", JsonString(item, "versioncreated"));
  return story;
}

void ReadNinjs(const element& root, FileExpectation& file) {
  file.format = "ninjs";
  std::vector<element> items;
  simdjson::dom::array list;
  // A list response wrapping ninjs items ({"total": .., "item": [..]}).
  if (root["item"].get(list) == simdjson::SUCCESS || root["items"].get(list) == simdjson::SUCCESS) {
    for (element item : list) items.push_back(item);
  } else {
    items.push_back(root);
  }
  for (const element& item : items) {
    std::string type = JsonString(item, "type");
    if (IsMediaType(type)) {
      if (file.no_story_why.empty()) file.no_story_why = absl::StrCat(type, " item");
      continue;
    }
    AddIfText(file, NinjsStory(item), "item with neither headline nor body");
  }
}

// AP Media API: data.item, or data.items[].item. Text comes only as a
// downloadable rendition unless the item carries a body field inline.
void ReadApMedia(const element& root, FileExpectation& file) {
  file.format = "AP Media API";
  std::vector<element> items;
  element single;
  simdjson::dom::array list;
  if (root["data"]["item"].get(single) == simdjson::SUCCESS) {
    items.push_back(single);
  } else if (root["data"]["items"].get(list) == simdjson::SUCCESS) {
    for (element entry : list) {
      element item;
      if (entry["item"].get(item) == simdjson::SUCCESS) items.push_back(item);
    }
  }
  for (const element& item : items) {
    std::string type = JsonString(item, "type");
    if (type != "text") {
      if (file.no_story_why.empty()) file.no_story_why = absl::StrCat(type, " item");
      continue;
    }
    simdjson::dom::object fields;
    bool inline_body = false;
    if (item.get(fields) == simdjson::SUCCESS) {
      for (auto field : fields) {
        inline_body |= absl::StartsWith(absl::string_view(field.key.data(), field.key.size()), "body");
      }
    }
    if (!inline_body) {
      if (file.no_story_why.empty()) file.no_story_why = "text item whose text is only a link";
      continue;
    }
    ExpectedStory story = NinjsStory(item);
    AddIfText(file, std::move(story), "text item with neither headline nor body");
  }
  if (file.stories.empty() && file.no_story_why.empty()) file.no_story_why = "no items";
}

// ---- wire text -------------------------------------------------------------

std::vector<std::string> Lines(absl::string_view text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::ConsumeSuffix(&line, "\r");
    lines.emplace_back(line);
  }
  return lines;
}

absl::string_view TrimLine(absl::string_view line) {
  return absl::StripAsciiWhitespace(line);
}

std::optional<int> MonthNumber(absl::string_view name) {
  static constexpr std::array<absl::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lower = absl::AsciiStrToLower(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// Reads `count` decimal digits at `at`.
std::optional<int> Digits(absl::string_view text, size_t at, size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// ANPA-1312 (AP): after STX the keyword line ("^BC-...<"), then '^' header
// lines: the headline (ending '<' or '='), photo and editor's notes
// ('<'), the byline ("^By ...=") and its title line ('='); the body is
// what follows (tab-indented paragraphs, or '^' lines of a table story)
// up to ETX. The trailer after ETX gives the time: "AP-WF-MM-DD-YY HHMMGMT".
void ReadAnpa(const std::string& utf8, FileExpectation& file) {
  file.format = "ANPA-1312";
  ExpectedStory story;
  size_t stx = utf8.find('\x02');
  size_t etx = utf8.find('\x03', stx == std::string::npos ? 0 : stx);
  absl::string_view body_part = absl::string_view(utf8).substr(
      stx == std::string::npos ? 0 : stx + 1,
      etx == std::string::npos ? std::string::npos : etx - (stx == std::string::npos ? 0 : stx + 1));
  std::vector<std::string> lines = Lines(body_part);
  size_t at = 1;  // lines[0] is the keyword line
  auto header_text = [](absl::string_view line) {
    line = TrimLine(line);
    absl::ConsumePrefix(&line, "^");
    return line;
  };
  if (at < lines.size() && absl::StartsWith(lines[at], "^")) {
    absl::string_view line = header_text(lines[at]);
    bool terminated = absl::EndsWith(line, "<") || absl::EndsWith(line, "=");
    if (terminated && !absl::StartsWith(line, "By ") && !absl::StartsWith(line, "AP Photo") &&
        !absl::StartsWith(line, "Eds:")) {
      line.remove_suffix(1);
      story.headline = markup::CollapseWhitespace(line);
      ++at;
    }
  }
  bool after_byline = false;
  for (; at < lines.size(); ++at) {
    absl::string_view raw = lines[at];
    if (TrimLine(raw).empty()) continue;
    if (absl::StartsWith(raw, "^")) {
      absl::string_view line = header_text(raw);
      if (absl::EndsWith(line, "<")) continue;  // photo, editor's note, summary
      if (absl::StartsWith(line, "By ") && absl::EndsWith(line, "=")) {
        after_byline = true;
        continue;
      }
      if (after_byline && absl::EndsWith(line, "=")) {  // the byline's title line
        after_byline = false;
        continue;
      }
      absl::ConsumeSuffix(&line, "=");
      story.first_paragraph = markup::CollapseWhitespace(line);
    } else {
      std::string line(TrimLine(raw));
      if (absl::EndsWith(line, "<")) line.pop_back();
      story.first_paragraph = markup::CollapseWhitespace(line);
    }
    if (!story.first_paragraph.empty()) break;
  }
  if (etx != std::string::npos) {
    absl::string_view trailer = absl::string_view(utf8).substr(etx + 1);
    size_t gmt = trailer.find("GMT");
    // "MM-DD-YY HHMMGMT"
    if (gmt != absl::string_view::npos && gmt >= 13) {
      absl::string_view stamp = trailer.substr(gmt - 13, 13);
      std::optional<int> month = Digits(stamp, 0, 2), day = Digits(stamp, 3, 2),
                         year = Digits(stamp, 6, 2), hour = Digits(stamp, 9, 2),
                         minute = Digits(stamp, 11, 2);
      if (month && day && year && hour && minute && stamp[2] == '-' && stamp[5] == '-') {
        story.version_created = absl::FromCivil(
            absl::CivilSecond(2000 + *year, *month, *day, *hour, *minute, 0), absl::UTCTimeZone());
        story.version_created_field = "trailer";
      }
    }
  }
  AddIfText(file, std::move(story), "ANPA record with neither headline nor body");
}

// IPTC 7901: after STX the heading, which ends on the line ending " =";
// its last line that is not a byline ("By ...") is the headline (notes
// such as "EXTRA" come first). The body follows, paragraphs separated by
// blank lines, up to ETX; the trailer gives "DDHHMM GMT Mon YY" (GMT
// sometimes left out).
void ReadIptc7901(const std::string& utf8, FileExpectation& file) {
  file.format = "IPTC 7901";
  ExpectedStory story;
  size_t stx = utf8.find('\x02');
  size_t etx = utf8.find('\x03', stx == std::string::npos ? 0 : stx);
  size_t start = stx == std::string::npos ? 0 : stx + 1;
  std::vector<std::string> lines =
      Lines(absl::string_view(utf8).substr(start, etx == std::string::npos ? std::string::npos : etx - start));
  size_t at = 0;
  std::vector<std::string> heading;
  for (; at < lines.size(); ++at) {
    absl::string_view line = TrimLine(lines[at]);
    bool last = absl::EndsWith(line, "=");
    if (last) line = absl::StripTrailingAsciiWhitespace(line.substr(0, line.size() - 1));
    if (!line.empty() && !absl::StartsWith(line, "By ")) heading.emplace_back(line);
    if (last) {
      ++at;
      break;
    }
  }
  if (!heading.empty()) story.headline = markup::CollapseWhitespace(heading.back());
  std::string paragraph;
  for (; at < lines.size(); ++at) {
    absl::string_view line = TrimLine(lines[at]);
    if (line.empty()) {
      if (!paragraph.empty()) break;
      continue;
    }
    absl::StrAppend(&paragraph, paragraph.empty() ? "" : " ", line);
  }
  story.first_paragraph = markup::CollapseWhitespace(paragraph);
  if (etx != std::string::npos) {
    absl::string_view trailer = TrimLine(absl::string_view(utf8).substr(etx + 1));
    std::vector<absl::string_view> parts = absl::StrSplit(trailer, ' ', absl::SkipWhitespace());
    // "GMT" marks UTC; a trailer without it is the sender's local time
    // ("211259 Nov 18" in dpa_two_by_line.txt; normalize/README.md).
    const bool gmt = parts.size() >= 2 && parts[1] == "GMT";
    if (gmt) parts.erase(parts.begin() + 1);
    story.version_created_local = !gmt;
    if (parts.size() >= 3 && parts[0].size() == 6) {
      std::optional<int> day = Digits(parts[0], 0, 2), hour = Digits(parts[0], 2, 2),
                         minute = Digits(parts[0], 4, 2), year = Digits(parts[2], 0, 2);
      std::optional<int> month = MonthNumber(parts[1]);
      if (day && hour && minute && month && year) {
        story.version_created = absl::FromCivil(
            absl::CivilSecond(2000 + *year, *month, *day, *hour, *minute, 0), absl::UTCTimeZone());
        story.version_created_field = "trailer";
      }
    }
  }
  AddIfText(file, std::move(story), "7901 record with neither heading nor body");
}

}  // namespace

// ---- timestamps ---------------------------------------------------------------

std::optional<absl::Time> ParseTimestamp(absl::string_view raw) {
  absl::string_view text = absl::StripAsciiWhitespace(raw);
  if (text.empty()) return std::nullopt;
  // RFC 822 (RSS): "Mon, 07 Nov 2022 12:00:00 GMT".
  if (!absl::ascii_isdigit(static_cast<unsigned char>(text[0])) || absl::StrContains(text, ',')) {
    std::string normalized(text);
    for (absl::string_view zone : {" GMT", " UTC", " UT", " Z"}) {
      if (absl::EndsWith(normalized, zone)) {
        normalized.replace(normalized.size() - zone.size(), zone.size(), " +0000");
      }
    }
    for (const char* format : {"%a, %d %b %Y %H:%M:%S %z", "%d %b %Y %H:%M:%S %z",
                               "%a, %d %b %Y %H:%M %z"}) {
      absl::Time time;
      std::string error;
      if (absl::ParseTime(format, normalized, &time, &error)) return time;
    }
    return std::nullopt;
  }
  // ISO 8601, extended or basic.
  std::string digits;
  size_t at = 0;
  auto take = [&](size_t count) -> std::optional<int> {
    std::optional<int> value = Digits(text, at, count);
    if (value) at += count;
    return value;
  };
  std::optional<int> year = take(4);
  if (at < text.size() && text[at] == '-') ++at;
  std::optional<int> month = take(2);
  if (at < text.size() && text[at] == '-') ++at;
  std::optional<int> day = take(2);
  if (!year || !month || !day) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  absl::Duration fraction;
  if (at < text.size() && (text[at] == 'T' || text[at] == ' ')) {
    ++at;
    std::optional<int> h = take(2);
    if (at < text.size() && text[at] == ':') ++at;
    std::optional<int> m = take(2);
    if (!h || !m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (at < text.size() && text[at] == ':') ++at;
    if (std::optional<int> s = take(2)) second = *s;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      int64_t nanos = 0;
      int places = 0;
      while (at < text.size() && absl::ascii_isdigit(static_cast<unsigned char>(text[at]))) {
        if (places < 9) {
          nanos = nanos * 10 + (text[at] - '0');
          ++places;
        }
        ++at;
      }
      for (; places < 9; ++places) nanos *= 10;
      fraction = absl::Nanoseconds(nanos);
    }
  }
  absl::Duration offset;
  absl::string_view zone = absl::StripAsciiWhitespace(text.substr(at));
  if (!zone.empty() && zone != "Z" && zone != "UTC" && zone != "GMT") {
    int sign = zone[0] == '-' ? -1 : zone[0] == '+' ? 1 : 0;
    if (sign == 0) return std::nullopt;
    std::string hhmm;
    for (char c : zone.substr(1)) {
      if (c != ':') hhmm += c;
    }
    std::optional<int> zone_hours = Digits(hhmm, 0, 2);
    std::optional<int> zone_minutes = hhmm.size() >= 4 ? Digits(hhmm, 2, 2) : std::optional<int>(0);
    if (!zone_hours || !zone_minutes) return std::nullopt;
    offset = sign * (absl::Hours(*zone_hours) + absl::Minutes(*zone_minutes));
  }
  absl::CivilSecond civil(*year, *month, *day, hour, minute, second);
  if (civil.year() != *year || civil.month() != *month || civil.day() != *day ||
      civil.hour() != hour || civil.minute() != minute || civil.second() != second) {
    return std::nullopt;  // out of range fields, which CivilSecond would normalize
  }
  return absl::FromCivil(civil, absl::UTCTimeZone()) - offset + fraction;
}

bool WrittenWithoutZone(absl::string_view raw) {
  absl::string_view text = absl::StripAsciiWhitespace(raw);
  if (text.empty() || !absl::ascii_isdigit(static_cast<unsigned char>(text[0])) ||
      absl::StrContains(text, ',')) {
    return false;  // RFC 822 always names its zone
  }
  size_t clock = text.find_first_of("T ");
  if (clock == absl::string_view::npos) return true;  // a date alone
  return text.substr(clock + 1).find_first_of("Z+-UG") == absl::string_view::npos;
}

// ---- entry point -------------------------------------------------------------

std::optional<FileExpectation> Read(absl::string_view bytes) {
  FileExpectation file;
  absl::string_view start = absl::StripLeadingAsciiWhitespace(bytes);
  absl::ConsumePrefix(&start, "\xEF\xBB\xBF");
  if (start.empty()) return std::nullopt;
  std::string utf8 = ToUtf8(bytes);
  if (start[0] == '\x16' || start[0] == '\x01') {
    file.text = markup::CollapseWhitespace(utf8);
    if (start[0] == '\x16') {
      ReadAnpa(utf8, file);
    } else {
      ReadIptc7901(utf8, file);
    }
    return file;
  }
  if (start[0] == '{' || start[0] == '[') {
    simdjson::dom::parser parser;
    element root;
    if (parser.parse(utf8).get(root) != simdjson::SUCCESS) return std::nullopt;
    std::string strings;
    CollectJsonStrings(root, strings);
    file.text = markup::PlainText(strings);
    std::string_view api_version;
    if (root["api_version"].get(api_version) == simdjson::SUCCESS) {
      ReadApMedia(root, file);
    } else {
      ReadNinjs(root, file);
    }
    return file;
  }
  std::string root = XmlRoot(utf8);
  if (root.empty()) return std::nullopt;
  std::string xml = markup::StripComments(utf8);
  // The text as read, and the markup with its attribute values: a place or
  // an agency may be named in either.
  file.text = absl::StrCat(markup::PlainText(xml), "\n",
                           markup::CollapseWhitespace(markup::DecodeEntities(xml)));
  if (root == "nitf") {
    ReadNitf(xml, file);
  } else if (root == "newsItem" || root == "newsMessage" || root == "packageItem") {
    ReadNewsMlG2(xml, root, file);
  } else if (root == "NewsML") {
    ReadNewsMl1(xml, file);
  } else if (root == "feed") {
    ReadAtom(xml, file);
  } else if (root == "rss" || root == "RDF") {
    ReadRss(xml, file);
  } else if (root == "RBNews" || !FindElements(xml, "RBNews").empty()) {
    ReadRitzau(xml, file);
  } else {
    return std::nullopt;
  }
  return file;
}

}  // namespace newswire::wire_oracle
