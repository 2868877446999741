#include "tests/corpus/markup_text.h"

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newswire::markup {
namespace {

constexpr absl::string_view kCdataOpen = "<![CDATA[";
constexpr absl::string_view kCdataClose = "]]>";

// Elements that end a paragraph (and, for br, a line inside one).
bool IsBlockTag(absl::string_view local_name) {
  static const auto* const kBlocks = new absl::flat_hash_set<std::string>{
      "p",     "div",   "pre",   "li",   "ul",     "ol",         "h1",      "h2",
      "h3",    "h4",    "h5",    "h6",   "tr",     "table",      "blockquote", "section",
      "article", "body", "block", "hl1", "hl2",    "body.content", "body.head", "dd",
      "dt",    "dl",    "br",    "hr",   "figure", "figcaption", "footer",  "aside",
      "nav",   "main",  "td",    "th",   "tbody",  "thead"};
  return kBlocks->contains(absl::AsciiStrToLower(local_name));
}

// Elements whose content is not body text.
bool IsDroppedElement(absl::string_view local_name) {
  static const auto* const kDropped = new absl::flat_hash_set<std::string>{
      "head", "header", "title", "script", "style"};
  return kDropped->contains(absl::AsciiStrToLower(local_name));
}

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == '.' ||
         c == '_';
}

absl::string_view LocalName(absl::string_view qualified) {
  size_t colon = qualified.rfind(':');
  return colon == absl::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// The end of the tag that starts at `open` ('<'): the index after its '>',
// quotes respected; npos when it never ends.
size_t TagEnd(absl::string_view text, size_t open) {
  char quote = 0;
  for (size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return absl::string_view::npos;
}

// True when `text` at `at` starts a tag: '<' then a letter, '/', '!' or '?'.
bool StartsTag(absl::string_view text, size_t at) {
  if (at + 1 >= text.size() || text[at] != '<') return false;
  char next = text[at + 1];
  return absl::ascii_isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' ||
         next == '?';
}

bool HasTag(absl::string_view text) {
  for (size_t at = text.find('<'); at != absl::string_view::npos; at = text.find('<', at + 1)) {
    if (StartsTag(text, at)) return true;
  }
  return false;
}

std::string UnwrapCdata(absl::string_view text) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = text.find(kCdataOpen, at);
    if (open == absl::string_view::npos) break;
    size_t close = text.find(kCdataClose, open + kCdataOpen.size());
    if (close == absl::string_view::npos) close = text.size();
    absl::StrAppend(&out, text.substr(at, open - at),
                    text.substr(open + kCdataOpen.size(), close - open - kCdataOpen.size()));
    at = std::min(text.size(), close + kCdataClose.size());
  }
  absl::StrAppend(&out, text.substr(at));
  return out;
}

// The tag name at `open` ('<'), without '/', and whether it is an end tag.
absl::string_view TagName(absl::string_view text, size_t open, bool* closing) {
  size_t start = open + 1;
  *closing = start < text.size() && text[start] == '/';
  if (*closing) ++start;
  size_t end = start;
  while (end < text.size() && IsNameChar(text[end])) ++end;
  return text.substr(start, end - start);
}

// Drops tags; block tags become line breaks, inline tags nothing.
std::string StripTags(absl::string_view text) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('<', at);
    if (open == absl::string_view::npos) break;
    if (!StartsTag(text, open)) {
      absl::StrAppend(&out, text.substr(at, open + 1 - at));
      at = open + 1;
      continue;
    }
    size_t end = TagEnd(text, open);
    if (end == absl::string_view::npos) end = text.size();
    bool closing = false;
    absl::StrAppend(&out, text.substr(at, open - at));
    if (IsBlockTag(LocalName(TagName(text, open, &closing)))) out += '\n';
    at = end;
  }
  if (at < text.size()) absl::StrAppend(&out, text.substr(at));
  return out;
}

// `text` without the elements IsDroppedElement names (their content too).
std::string DropElements(absl::string_view text) {
  std::string out;
  size_t at = 0;
  size_t scan = 0;
  while (true) {
    size_t open = text.find('<', scan);
    if (open == absl::string_view::npos) break;
    bool closing = false;
    absl::string_view name = TagName(text, open, &closing);
    size_t end = TagEnd(text, open);
    if (end == absl::string_view::npos) break;
    if (closing || name.empty() || !IsDroppedElement(LocalName(name)) || text[end - 2] == '/') {
      scan = end;
      continue;
    }
    std::string end_tag = absl::StrCat("</", name);
    size_t close = text.find(end_tag, end);
    size_t resume = close == absl::string_view::npos ? end : TagEnd(text, close);
    if (resume == absl::string_view::npos) resume = text.size();
    absl::StrAppend(&out, text.substr(at, open - at), "\n");
    at = scan = resume;
  }
  absl::StrAppend(&out, text.substr(at));
  return out;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the UTF-8 sequence at `at`; returns its length (1 for a stray byte,
// whose code point is then the byte itself).
size_t DecodeUtf8(absl::string_view text, size_t at, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(text[at]);
  size_t length = 0;
  uint32_t value = 0;
  if (c < 0x80) {
    length = 1;
    value = c;
  } else if ((c >> 5) == 0x6) {
    length = 2;
    value = c & 0x1F;
  } else if ((c >> 4) == 0xE) {
    length = 3;
    value = c & 0x0F;
  } else if ((c >> 3) == 0x1E) {
    length = 4;
    value = c & 0x07;
  }
  if (length == 0 || at + length > text.size()) {
    *cp = c;
    return 1;
  }
  for (size_t i = 1; i < length; ++i) {
    unsigned char next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) {
      *cp = c;
      return 1;
    }
    value = (value << 6) | (next & 0x3F);
  }
  *cp = value;
  return length;
}

bool IsSpace(uint32_t cp) {
  return cp <= 0x20 || cp == 0x7F || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

}  // namespace

std::string StripComments(absl::string_view xml) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = xml.find("<!--", at);
    if (open == absl::string_view::npos) break;
    size_t close = xml.find("-->", open + 4);
    absl::StrAppend(&out, xml.substr(at, open - at));
    at = close == absl::string_view::npos ? xml.size() : close + 3;
  }
  absl::StrAppend(&out, xml.substr(at));
  return out;
}

std::vector<Element> FindElements(absl::string_view raw, absl::string_view name) {
  const std::string stripped = StripComments(raw);
  const absl::string_view xml = stripped;
  std::vector<Element> found;
  size_t at = 0;
  while (true) {
    size_t open = xml.find('<', at);
    if (open == std::string::npos || open + 1 >= xml.size()) break;
    if (xml.substr(open, kCdataOpen.size()) == kCdataOpen) {
      size_t close = xml.find(kCdataClose, open);
      if (close == std::string::npos) break;
      at = close + kCdataClose.size();
      continue;
    }
    size_t end = TagEnd(xml, open);
    if (end == std::string::npos) break;
    bool closing = false;
    absl::string_view qualified = TagName(xml, open, &closing);
    if (closing || qualified.empty() || LocalName(qualified) != name) {
      at = end;
      continue;
    }
    Element element;
    size_t attributes_start = open + 1 + qualified.size();
    size_t attributes_end = end - 1;
    bool empty = xml[end - 2] == '/';
    if (empty) --attributes_end;
    element.attributes = std::string(xml.substr(attributes_start, attributes_end - attributes_start));
    at = end;
    if (!empty) {
      std::string end_tag = absl::StrCat("</", qualified);
      size_t close = xml.find(end_tag, end);
      while (close != std::string::npos && close + end_tag.size() < xml.size() &&
             IsNameChar(xml[close + end_tag.size()])) {
        close = xml.find(end_tag, close + 1);  // "</p" must not match "</pre"
      }
      size_t inner_end = close == std::string::npos ? xml.size() : close;
      element.inner = std::string(xml.substr(end, inner_end - end));
      if (close != std::string::npos) {
        size_t after = TagEnd(xml, close);
        at = after == std::string::npos ? xml.size() : after;
      } else {
        at = xml.size();
      }
    }
    found.push_back(std::move(element));
  }
  return found;
}

std::optional<Element> FindElement(absl::string_view xml, absl::string_view name) {
  std::vector<Element> elements = FindElements(xml, name);
  if (elements.empty()) return std::nullopt;
  return std::move(elements.front());
}

std::string Attribute(absl::string_view attributes, absl::string_view name) {
  size_t at = 0;
  while (true) {
    size_t found = attributes.find(name, at);
    if (found == absl::string_view::npos) return "";
    at = found + name.size();
    bool starts_word = found == 0 || absl::ascii_isspace(static_cast<unsigned char>(attributes[found - 1]));
    size_t eq = at;
    while (eq < attributes.size() && absl::ascii_isspace(static_cast<unsigned char>(attributes[eq]))) ++eq;
    if (!starts_word || eq >= attributes.size() || attributes[eq] != '=') continue;
    size_t quote = eq + 1;
    while (quote < attributes.size() && absl::ascii_isspace(static_cast<unsigned char>(attributes[quote]))) ++quote;
    if (quote >= attributes.size() || (attributes[quote] != '"' && attributes[quote] != '\'')) continue;
    size_t close = attributes.find(attributes[quote], quote + 1);
    if (close == absl::string_view::npos) return "";
    return DecodeEntities(attributes.substr(quote + 1, close - quote - 1));
  }
}

std::string DecodeEntities(absl::string_view text) {
  static const auto* const kNamed = new absl::flat_hash_map<std::string, uint32_t>{
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},    {"apos", '\''},
      {"nbsp", 0xA0},    {"mdash", 0x2014}, {"ndash", 0x2013},  {"hellip", 0x2026},
      {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"laquo", 0xAB},   {"raquo", 0xBB},   {"pound", 0xA3},    {"euro", 0x20AC},
      {"copy", 0xA9},    {"reg", 0xAE},     {"deg", 0xB0},      {"eacute", 0xE9},
      {"egrave", 0xE8},  {"aacute", 0xE1},  {"agrave", 0xE0},   {"oacute", 0xF3},
      {"iacute", 0xED},  {"uacute", 0xFA},  {"ntilde", 0xF1},   {"ccedil", 0xE7},
      {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},     {"Auml", 0xC4},
      {"Ouml", 0xD6},    {"Uuml", 0xDC},    {"szlig", 0xDF},    {"aring", 0xE5},
      {"oslash", 0xF8},  {"aelig", 0xE6},   {"thinsp", 0x2009}, {"ensp", 0x2002},
      {"emsp", 0x2003},  {"middot", 0xB7},  {"bull", 0x2022},   {"frac12", 0xBD}};
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    size_t amp = text.find('&', at);
    if (amp == absl::string_view::npos) break;
    absl::StrAppend(&out, text.substr(at, amp - at));
    size_t semi = text.find(';', amp);
    at = amp + 1;
    if (semi == absl::string_view::npos || semi - amp > 12) {
      out += '&';
      continue;
    }
    absl::string_view name = text.substr(amp + 1, semi - amp - 1);
    uint32_t cp = 0;
    bool ok = false;
    if (absl::StartsWith(name, "#x") || absl::StartsWith(name, "#X")) {
      ok = absl::SimpleHexAtoi(name.substr(2), &cp);
    } else if (absl::StartsWith(name, "#")) {
      ok = absl::SimpleAtoi(name.substr(1), &cp);
    } else if (auto it = kNamed->find(std::string(name)); it != kNamed->end()) {
      cp = it->second;
      ok = true;
    }
    if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out += '&';
      continue;
    }
    AppendUtf8(cp, out);
    at = semi + 1;
  }
  absl::StrAppend(&out, text.substr(at));
  return out;
}

std::string CollapseWhitespace(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t at = 0; at < text.size();) {
    uint32_t cp = 0;
    size_t length = DecodeUtf8(text, at, &cp);
    if (IsSpace(cp)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(text.data() + at, length);
    }
    at += length;
  }
  return out;
}

std::string PlainText(absl::string_view markup) {
  std::string text = UnwrapCdata(markup);
  // Escaped markup (HTML inside an XML text node) shows its tags only after
  // a round of decoding; a few rounds cover double escaping.
  for (int round = 0; round < 3; ++round) {
    text = DecodeEntities(StripTags(text));
    if (!HasTag(text)) break;
  }
  return CollapseWhitespace(text);
}

std::vector<std::string> Paragraphs(absl::string_view markup) {
  std::string text = UnwrapCdata(markup);
  if (!HasTag(text) && absl::StrContains(text, "&lt;")) text = DecodeEntities(text);
  text = DropElements(text);
  std::vector<std::string> paragraphs;
  size_t at = 0;
  std::string chunk;
  auto flush = [&paragraphs, &chunk] {
    std::string paragraph = PlainText(chunk);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    chunk.clear();
  };
  while (at < text.size()) {
    size_t open = text.find('<', at);
    if (open == std::string::npos) break;
    size_t end = StartsTag(text, open) ? TagEnd(text, open) : std::string::npos;
    if (end == std::string::npos) {
      chunk.append(text, at, open + 1 - at);
      at = open + 1;
      continue;
    }
    bool closing = false;
    absl::string_view name = LocalName(TagName(text, open, &closing));
    chunk.append(text, at, open - at);
    if (IsBlockTag(name) && absl::AsciiStrToLower(name) != "br") {
      flush();
    } else {
      chunk.append(text, open, end - open);
    }
    at = end;
  }
  chunk.append(text, std::min(at, text.size()));
  flush();
  return paragraphs;
}

std::vector<std::string> FirstWords(absl::string_view text, size_t count) {
  std::vector<std::string> words;
  for (absl::string_view word :
       absl::StrSplit(CollapseWhitespace(DecodeEntities(text)), ' ', absl::SkipEmpty())) {
    if (words.size() == count) break;
    words.emplace_back(word);
  }
  return words;
}

bool MentionsWord(absl::string_view text, absl::string_view word) {
  if (word.empty()) return false;
  std::string haystack = absl::AsciiStrToLower(text);
  std::string needle = absl::AsciiStrToLower(word);
  auto is_word_char = [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
  };
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    bool before = at > 0 && is_word_char(haystack[at - 1]);
    size_t after_at = at + needle.size();
    bool after = after_at < haystack.size() && is_word_char(haystack[after_at]);
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace newswire::markup
