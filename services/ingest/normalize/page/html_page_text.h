// Text helpers of the HTML page parsers: character references, whitespace,
// ASCII case-insensitive matching. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::html {

// Whether `text` equals `lower` (a lower-case ASCII literal), ASCII case
// ignored in `text`.
inline bool EqualsLower(absl::string_view text, absl::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// Whether `haystack` contains `needle`, ASCII case ignored.
bool ContainsIgnoreCase(absl::string_view haystack, absl::string_view needle);

// Appends `raw` HTML text to `out` with character references decoded
// (&amp; &nbsp; &#8217; &#x2019;, legacy names without ';'), invalid code
// points as U+FFFD. Whitespace is kept as is.
void DecodeHtmlText(absl::string_view raw, std::string* out);

// `utf8` with every run of Unicode whitespace (and C0/C1 controls) made one
// space and the invisible format characters of text::IsInvisibleFormat
// (soft hyphen, U+200B, U+2060, U+FEFF, bidi embeddings, overrides and
// isolates) removed, ends trimmed: the same text as text::CollapseWhitespace,
// several times faster on mostly-ASCII text.
std::string CollapseSpaces(absl::string_view utf8);

// DecodeHtmlText of an attribute value, whitespace-collapsed.
std::string DecodeAttribute(absl::string_view raw);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_TEXT_H_
