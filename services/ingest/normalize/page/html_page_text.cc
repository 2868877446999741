#include "services/ingest/normalize/page/html_page_text.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/xml/xml_entities.h"

namespace newswire::html {

bool ContainsIgnoreCase(absl::string_view haystack, absl::string_view needle) {
  if (needle.empty()) return true;
  if (haystack.size() < needle.size()) return false;
  const char first_lower = absl::ascii_tolower(static_cast<unsigned char>(needle[0]));
  const char first_upper = absl::ascii_toupper(static_cast<unsigned char>(needle[0]));
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    char c = haystack[i];
    if ((c == first_lower || c == first_upper) &&
        absl::EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) {
      return true;
    }
  }
  return false;
}

namespace {

// Decodes the reference after '&' at raw[i]; returns the position after it,
// or `i` when there is none (the '&' is literal).
size_t DecodeReference(absl::string_view raw, size_t i, std::string* out) {
  const size_t n = raw.size();
  if (i < n && raw[i] == '#') {
    size_t j = i + 1;
    bool hex = j < n && (raw[j] == 'x' || raw[j] == 'X');
    if (hex) ++j;
    uint32_t cp = 0;
    size_t digits = 0;
    while (j < n && digits < 8) {
      char c = raw[j];
      int v = absl::ascii_isdigit(static_cast<unsigned char>(c)) ? c - '0'
              : hex && absl::ascii_isxdigit(static_cast<unsigned char>(c))
                  ? absl::ascii_tolower(static_cast<unsigned char>(c)) - 'a' + 10
                  : -1;
      if (v < 0) break;
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      ++j;
      ++digits;
    }
    if (digits == 0) return i;
    if (j < n && raw[j] == ';') ++j;
    if (cp >= 0x80 && cp < 0xA0) {
      // HTML5 reads "&#128;" .. "&#159;" as Windows-1252 bytes (the five
      // bytes Windows-1252 leaves undefined stay C1 controls).
      out->append(text::Windows1252ToUtf8(std::string(1, static_cast<char>(cp))));
      return j;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    xml::AppendUtf8(cp, out);
    return j;
  }
  size_t j = i;
  while (j < n && j - i < 32 && absl::ascii_isalnum(static_cast<unsigned char>(raw[j]))) ++j;
  if (j == i) return i;
  absl::string_view name = raw.substr(i, j - i);
  if (j < n && raw[j] == ';') {
    std::optional<char32_t> cp = xml::HtmlEntityCodePoint(name);
    if (cp) {
      xml::AppendUtf8(*cp, out);
      return j + 1;
    }
    return i;
  }
  // Legacy references browsers still read without ';'.
  static constexpr std::pair<const char*, char32_t> kLegacy[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"nbsp", 0xA0},
      {"copy", 0xA9}, {"reg", 0xAE}};
  for (const auto& [legacy, cp] : kLegacy) {
    if (name == legacy) {
      xml::AppendUtf8(cp, out);
      return j;
    }
  }
  return i;
}

}  // namespace

void DecodeHtmlText(absl::string_view raw, std::string* out) {
  size_t pos = 0;
  while (pos < raw.size()) {
    const void* found = std::memchr(raw.data() + pos, '&', raw.size() - pos);
    size_t amp = found ? static_cast<size_t>(static_cast<const char*>(found) - raw.data())
                       : raw.size();
    out->append(raw.data() + pos, amp - pos);
    if (amp >= raw.size()) return;
    size_t next = DecodeReference(raw, amp + 1, out);
    if (next == amp + 1) {
      out->push_back('&');
    }
    pos = next;
  }
}

namespace {

void AppendCollapsed(absl::string_view utf8, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  bool space = out->empty() || out->back() == ' ';
  bool pending = false;
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    size_t len = 1;
    bool is_space = false, is_nothing = false;
    if (c < 0x80) {
      is_space = c <= 0x20 || c == 0x7F;
    } else if (c == 0xC2 && i + 1 < n) {
      len = 2;
      is_space = p[i + 1] <= 0xA0;  // C1 controls and NBSP
      is_nothing = p[i + 1] == 0xAD;  // soft hyphen
    } else if (c == 0xE1 && i + 2 < n && p[i + 1] == 0x9A && p[i + 2] == 0x80) {
      len = 3;
      is_space = true;  // U+1680
    } else if (c == 0xE2 && i + 2 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
      len = 3;
      unsigned char d = p[i + 2];
      if (p[i + 1] == 0x80) {
        is_space = d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF;
        is_nothing = d == 0x8B || (d >= 0xAA && d <= 0xAE);  // ZWSP, bidi embeddings/overrides
      } else {
        is_space = d == 0x9F;
        is_nothing = d == 0xA0 || (d >= 0xA6 && d <= 0xA9);  // word joiner, bidi isolates
      }
    } else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
      len = 3;
      is_space = true;  // U+3000
    } else if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF) {
      len = 3;
      is_nothing = true;  // BOM
    } else {
      len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + len > n) len = n - i;
    }
    if (is_nothing) {
      i += len;
      continue;
    }
    if (is_space) {
      pending = true;
      i += len;
      continue;
    }
    if (pending && !space) out->push_back(' ');
    pending = false;
    space = false;
    // copy a run of ordinary ASCII at once
    size_t j = i + len;
    if (c < 0x80) {
      while (j < n && p[j] > 0x20 && p[j] < 0x7F) ++j;
    }
    out->append(utf8.data() + i, j - i);
    i = j;
  }
}

}  // namespace

std::string CollapseSpaces(absl::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  AppendCollapsed(utf8, &out);
  return out;
}

std::string DecodeAttribute(absl::string_view raw) {
  std::string decoded;
  decoded.reserve(raw.size());
  DecodeHtmlText(raw, &decoded);
  return CollapseSpaces(decoded);
}

}  // namespace newswire::html
