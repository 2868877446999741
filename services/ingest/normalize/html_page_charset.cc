#include "services/ingest/normalize/html_page_charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "simdjson.h"
#include "services/ingest/normalize/text.h"

namespace newswire::html {
namespace {

// Browsers look for <meta charset> in the first 1024 bytes; pages with long
// inline styles put it later, so look a little further.
constexpr size_t kPrescanBytes = 4096;

// Length of the valid UTF-8 sequence at p[0..left), or 0 if invalid.
size_t Utf8SequenceLength(const unsigned char* p, size_t left) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (left < len) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool HasMultiByte(absl::string_view bytes) {
  for (unsigned char c : bytes) {
    if (c >= 0x80) return true;
  }
  return false;
}

// The value after "charset=" in `s` (quotes and spaces trimmed), lower case.
std::string CharsetParameter(absl::string_view text) {
  const std::string s = absl::AsciiStrToLower(text);
  size_t pos = 0;
  while (true) {
    size_t at = s.find("charset", pos);
    if (at == std::string::npos) return "";
    size_t p = at + 7;
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
    if (p < s.size() && s[p] == '=') {
      ++p;
      while (p < s.size() && (s[p] == ' ' || s[p] == '"' || s[p] == '\'')) ++p;
      size_t e = p;
      while (e < s.size() && (absl::ascii_isalnum(static_cast<unsigned char>(s[e])) ||
                              s[e] == '-' || s[e] == '_' || s[e] == ':' || s[e] == '.')) {
        ++e;
      }
      return s.substr(p, e - p);
    }
    pos = at + 7;
  }
}

bool IsLatin1Family(absl::string_view label) {
  return label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" ||
         label == "latin-1" || label == "windows-1252" || label == "cp1252" ||
         label == "us-ascii" || label == "ascii" || label == "iso-8859-15" ||
         label == "x-cp1252" || label == "l1";
}

bool IsUtf8Label(absl::string_view label) {
  return label.empty() || label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8";
}

// Valid UTF-8 kept, every invalid byte read as Windows-1252.
std::string RepairUtf8(absl::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0;
  while (i < bytes.size()) {
    size_t len = Utf8SequenceLength(p + i, bytes.size() - i);
    if (len == 0) {
      out += text::Windows1252ToUtf8(bytes.substr(i, 1));
      ++i;
    } else {
      out.append(bytes.data() + i, len);
      i += len;
    }
  }
  return out;
}

std::string Iconv(absl::string_view bytes, const std::string& label) {
  iconv_t cd = iconv_open("UTF-8", label.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return text::ToUtf8(bytes);
  std::string out;
  out.resize(bytes.size() * 4 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* dst = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) break;  // cannot happen with 4x room; stop safely
    // EILSEQ or EINVAL: replace one byte with U+FFFD and go on.
    if (out_left < 3) break;
    std::memcpy(dst, "\xEF\xBF\xBD", 3);
    dst += 3;
    out_left -= 3;
    ++in;
    --in_left;
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return IsUtf8(out) ? out : RepairUtf8(out);
}

}  // namespace

bool IsUtf8(absl::string_view bytes) {
  return simdjson::validate_utf8(bytes.data(), bytes.size());
}

std::string DeclaredCharset(absl::string_view bytes, absl::string_view content_type) {
  absl::string_view head = bytes.substr(0, kPrescanBytes);
  size_t pos = 0;
  while (true) {
    size_t at = head.find("<meta", pos);
    if (at == absl::string_view::npos) at = head.find("<META", pos);
    if (at == absl::string_view::npos) break;
    size_t end = head.find('>', at);
    if (end == absl::string_view::npos) break;
    std::string label = CharsetParameter(head.substr(at, end - at));
    if (!label.empty()) return label;
    pos = end;
  }
  return CharsetParameter(content_type);
}

std::string HtmlPageToUtf8(absl::string_view bytes, absl::string_view content_type) {
  if (absl::StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (absl::StartsWith(bytes, "\xFF\xFE")) return Iconv(bytes.substr(2), "UTF-16LE");
  if (absl::StartsWith(bytes, "\xFE\xFF")) return Iconv(bytes.substr(2), "UTF-16BE");
  std::string label = DeclaredCharset(bytes, content_type);
  if (IsUtf8Label(label)) {
    if (IsUtf8(bytes)) return std::string(bytes);
    return label.empty() ? text::Windows1252ToUtf8(bytes) : RepairUtf8(bytes);
  }
  if (IsLatin1Family(label)) {
    if (IsUtf8(bytes)) return std::string(bytes);  // ASCII, or mislabelled UTF-8
    return text::Windows1252ToUtf8(bytes);
  }
  if (!HasMultiByte(bytes)) return std::string(bytes);
  if (label == "utf-16" || label == "utf-16le" || label == "utf-16be") {
    // A page that reached us as ASCII-compatible bytes is not UTF-16.
    return IsUtf8(bytes) ? std::string(bytes) : text::Windows1252ToUtf8(bytes);
  }
  return Iconv(bytes, label);
}

}  // namespace newswire::html
