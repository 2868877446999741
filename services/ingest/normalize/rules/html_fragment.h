// HTML fragments (ninjs body_html, NITF/NewsML-G2 body markup serialized as
// text, Atom content) to paragraphs of plain text.
//
// Block elements (p, div, h1-h6, li, blockquote, pre, tr, br, ...) end a
// paragraph; entities are decoded; script, style and other non-text elements
// and the captions of embedded pictures (figcaption) are dropped; whitespace
// is collapsed. Pure and thread-safe; never fails
// (HTML5 parsing recovers from any input).
//
// gumbo 0.10 is superlinear in some shapes of markup and cannot be
// interrupted, so a fragment past one of the limits below (found by one
// linear scan that reads tags, comments and raw-text elements as gumbo's
// tokenizer does), a fragment with '<' inside a quoted attribute value (where
// the scan could misjudge where tags are), and any fragment once the
// record's CPU budget is spent (common/work_budget.h) are read without it:
// tags dropped, paragraphs at line breaks, entities left as written. The
// text is kept; the markup's finer points are lost.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HTML_FRAGMENT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HTML_FRAGMENT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

// Tags (every '<'): gumbo's time grows with the square of the nesting depth.
inline constexpr size_t kMaxHtmlFragmentTags = 4000;
// Attributes of one tag: gumbo checks them for duplicates pairwise.
inline constexpr size_t kMaxHtmlFragmentAttributes = 256;
// Formatting elements (b, i, a, font, ...) open at once: every later text
// run and element reconstructs them all (2,000 open and 2 MB of text: 2 s).
inline constexpr size_t kMaxHtmlFragmentOpenFormatting = 64;

std::vector<std::string> HtmlFragmentToParagraphs(absl::string_view html);

// The fragment's text on one line (for headlines and captions given as HTML).
std::string HtmlFragmentToText(absl::string_view html);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HTML_FRAGMENT_H_
