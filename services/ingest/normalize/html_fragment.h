// HTML fragments (ninjs body_html, NITF/NewsML-G2 body markup serialized as
// text, Atom content) to paragraphs of plain text.
//
// Block elements (p, div, h1-h6, li, blockquote, pre, tr, br, ...) end a
// paragraph; entities are decoded; script, style and other non-text elements
// are dropped; whitespace is collapsed. Pure and thread-safe; never fails
// (HTML5 parsing recovers from any input).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_FRAGMENT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_FRAGMENT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

std::vector<std::string> HtmlFragmentToParagraphs(absl::string_view html);

// The fragment's text on one line (for headlines and captions given as HTML).
std::string HtmlFragmentToText(absl::string_view html);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_HTML_FRAGMENT_H_
