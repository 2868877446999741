// HTML entity names and references in text from XML feeds.
//
// XML knows five named entities; news XML often carries HTML names (&nbsp;,
// &mdash;) declared in a DTD that is never loaded, and text escaped twice
// ("o&amp;#39;clock" reads "o&#39;clock" after XML parsing). These helpers
// resolve both from a fixed table; nothing is ever looked up elsewhere.
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_ENTITIES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_ENTITIES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire::xml {

// The code point of an HTML/XML entity name ("nbsp" -> 0xA0), nullopt for
// names outside the table. Case-sensitive, as in HTML.
std::optional<char32_t> HtmlEntityCodePoint(absl::string_view name);

// The UTF-8 text of an HTML/XML entity name ("nbsp" -> U+00A0, "amp" -> "&"),
// nullopt for names outside the table. Case-sensitive, as in HTML.
std::optional<std::string> HtmlEntityText(absl::string_view name);

// Replaces, once and left to right, every "&name;" with a name from the table
// and every character reference "&#NNN;" / "&#xHH;" (of a valid, non-control
// code point) with its character. Anything else stays as it is, so text that
// merely contains "&" is unchanged.
std::string DecodeEntityReferences(absl::string_view text);

// Appends code point `cp` to `out` as UTF-8 (nothing for invalid ones).
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace newswire::xml

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_ENTITIES_H_
