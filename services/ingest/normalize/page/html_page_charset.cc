#include "services/ingest/normalize/page/html_page_charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/common/text/utf8.h"
#include "services/ingest/common/text/text.h"
#include "simdjson.h"

namespace newswire::html {
namespace {

// Browsers look for <meta charset> in the first 1024 bytes; pages with long
// inline styles put it later, so look a little further.
constexpr size_t kPrescanBytes = 4096;

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
  return text::RepairUtf8(out);
}

}  // namespace

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
  // ASCII, or valid UTF-8 with non-ASCII bytes: UTF-8 whatever the label
  // says. Text in a legacy charset (single- or multi-byte: Shift_JIS, GBK,
  // EUC-KR, windows-1251) is almost never valid UTF-8 past a few characters,
  // while pages re-encoded to UTF-8 that keep their old label are common.
  if (utf8::IsValid(bytes)) return std::string(bytes);
  std::string label = DeclaredCharset(bytes, content_type);
  // The invalid UTF-8 policy of every format (text::RepairUtf8).
  if (IsUtf8Label(label)) return text::RepairUtf8(bytes);
  if (IsLatin1Family(label)) return text::Windows1252ToUtf8(bytes);
  if (label == "utf-16" || label == "utf-16le" || label == "utf-16be") {
    // A page that reached us as ASCII-compatible bytes is not UTF-16.
    return text::RepairUtf8(bytes);
  }
  return Iconv(bytes, label);
}

}  // namespace newswire::html
