// The character encoding of a scraped HTML page, and the page as UTF-8.
//
//   std::string utf8 = HtmlPageToUtf8(bytes, "text/html; charset=iso-8859-1");
//
// The encoding is taken, in this order, from a byte order mark, a
// `<meta charset>` or `<meta http-equiv="Content-Type" content="...;
// charset=...">` in the first 4 KiB (as browsers prescan), then the
// content-type header; with none, UTF-8, and Windows-1252 when the bytes are
// not valid UTF-8. Labels of the Latin-1 family (iso-8859-1, latin1,
// windows-1252, us-ascii) are read as Windows-1252, as browsers do, except
// that bytes which are valid multi-byte UTF-8 are taken as UTF-8 (a common
// mislabelling). Other labels (shift_jis, gb2312, windows-1251, koi8-r, ...)
// are converted with the C library's iconv; invalid sequences become U+FFFD.
//
// Pure and thread-safe; output is always valid UTF-8 with no BOM.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_PAGE_CHARSET_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_PAGE_CHARSET_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::html {

// The charset label the page or header declares, lower case ("utf-8",
// "shift_jis"), or "" when neither says.
std::string DeclaredCharset(absl::string_view bytes, absl::string_view content_type);

// `bytes` decoded to UTF-8 as described above.
std::string HtmlPageToUtf8(absl::string_view bytes, absl::string_view content_type);

// Fast check that `bytes` is well-formed UTF-8 (SIMD, simdjson's validator).
bool IsUtf8(absl::string_view bytes);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_PAGE_CHARSET_H_
