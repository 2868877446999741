// The character encoding of a scraped HTML page, and the page as UTF-8.
//
//   std::string utf8 = HtmlPageToUtf8(bytes, "text/html; charset=iso-8859-1");
//
// A byte order mark decides first. Bytes that are valid UTF-8 are UTF-8
// whatever the page declares: a legacy label on valid non-ASCII UTF-8 (a
// page re-encoded that kept its old `<meta charset=shift_jis>`) is a
// mislabelling, since legacy text is almost never valid UTF-8. Otherwise the
// label is taken from a `<meta charset>` or `<meta http-equiv="Content-Type"
// content="...; charset=...">` in the first 4 KiB (as browsers prescan), then
// the content-type header: none or UTF-8 gives text::RepairUtf8 (valid
// sequences kept, other bytes Windows-1252, the policy of every format);
// labels of the Latin-1 family (iso-8859-1, latin1, windows-1252, us-ascii)
// are read as Windows-1252, as browsers do; other labels (shift_jis, gb2312,
// windows-1251, koi8-r, ...) are converted with the C library's iconv, and
// invalid sequences become U+FFFD.
//
// Pure and thread-safe; output is always valid UTF-8 with no BOM.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_CHARSET_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_CHARSET_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::html {

// The charset label the page or header declares, lower case ("utf-8",
// "shift_jis"), or "" when neither says.
std::string DeclaredCharset(absl::string_view bytes, absl::string_view content_type);

// `bytes` decoded to UTF-8 as described above.
std::string HtmlPageToUtf8(absl::string_view bytes, absl::string_view content_type);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_CHARSET_H_
