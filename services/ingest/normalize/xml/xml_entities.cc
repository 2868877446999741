#include "services/ingest/normalize/xml/xml_entities.h"

#include <cstdint>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace newswire::xml {
namespace {

// ISO-8859-1 names, U+00A0 to U+00FF, in code point order.
constexpr const char* kLatin1Names[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

struct NamedCodePoint {
  const char* name;
  char32_t cp;
};

// The XML names and the punctuation and symbols news text uses.
constexpr NamedCodePoint kOtherNames[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},          {"quot", '"'},
    {"apos", '\''},     {"OElig", 0x152},    {"oelig", 0x153},     {"Scaron", 0x160},
    {"scaron", 0x161},  {"Yuml", 0x178},     {"fnof", 0x192},      {"circ", 0x2C6},
    {"tilde", 0x2DC},   {"ensp", 0x2002},    {"emsp", 0x2003},     {"thinsp", 0x2009},
    {"zwnj", 0x200C},   {"zwj", 0x200D},     {"lrm", 0x200E},      {"rlm", 0x200F},
    {"ndash", 0x2013},  {"mdash", 0x2014},   {"lsquo", 0x2018},    {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"ldquo", 0x201C},   {"rdquo", 0x201D},    {"bdquo", 0x201E},
    {"dagger", 0x2020}, {"Dagger", 0x2021},  {"bull", 0x2022},     {"hellip", 0x2026},
    {"permil", 0x2030}, {"prime", 0x2032},   {"Prime", 0x2033},    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A}, {"euro", 0x20AC},    {"trade", 0x2122},    {"larr", 0x2190},
    {"rarr", 0x2192},   {"minus", 0x2212},
};

}  // namespace

std::optional<char32_t> HtmlEntityCodePoint(absl::string_view name) {
  for (size_t i = 0; i < std::size(kLatin1Names); ++i) {
    if (name == kLatin1Names[i]) return static_cast<char32_t>(0xA0 + i);
  }
  for (const NamedCodePoint& entry : kOtherNames) {
    if (name == entry.name) return entry.cp;
  }
  return std::nullopt;
}

namespace {

bool IsAllowedCodePoint(uint32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return cp <= 0x10FFFF;
}

// The code point of a character reference body ("#233", "#xE9"), if valid.
std::optional<char32_t> CharacterReference(absl::string_view body) {
  if (body.size() < 2 || body[0] != '#') return std::nullopt;
  uint32_t cp = 0;
  bool ok = false;
  if (body[1] == 'x' || body[1] == 'X') {
    absl::string_view hex = body.substr(2);
    if (hex.empty() || hex.size() > 6) return std::nullopt;
    for (char c : hex) {
      if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    ok = absl::SimpleHexAtoi(hex, &cp);
  } else {
    absl::string_view digits = body.substr(1);
    if (digits.size() > 7) return std::nullopt;
    for (char c : digits) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    ok = absl::SimpleAtoi(digits, &cp);
  }
  if (!ok || !IsAllowedCodePoint(cp)) return std::nullopt;
  return static_cast<char32_t>(cp);
}

}  // namespace

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) return;
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<std::string> HtmlEntityText(absl::string_view name) {
  std::optional<char32_t> cp = HtmlEntityCodePoint(name);
  if (!cp.has_value()) return std::nullopt;
  std::string text;
  AppendUtf8(*cp, &text);
  return text;
}

std::string DecodeEntityReferences(absl::string_view text) {
  if (text.find('&') == absl::string_view::npos) return std::string(text);
  constexpr size_t kLongestReference = 10;  // "&#x10FFFF;", "&thinsp;"
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out.push_back(text[i++]);
      continue;
    }
    // Looked for only as far as the longest reference: a search to the end
    // for every '&' is quadratic on text full of ampersands.
    size_t semi = text.substr(0, i + kLongestReference + 1).find(';', i + 1);
    if (semi == absl::string_view::npos) {
      out.push_back(text[i++]);
      continue;
    }
    absl::string_view body = text.substr(i + 1, semi - i - 1);
    std::optional<char32_t> cp =
        body.empty() ? std::nullopt
                     : (body[0] == '#' ? CharacterReference(body) : HtmlEntityCodePoint(body));
    if (!cp.has_value()) {
      out.push_back(text[i++]);
      continue;
    }
    AppendUtf8(*cp, &out);
    i = semi + 1;
  }
  return out;
}

}  // namespace newswire::xml
