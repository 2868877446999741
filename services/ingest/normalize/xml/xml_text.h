// Plain text out of XML news markup: one-line fields, body paragraphs of
// mixed content (NITF body.content, XHTML, NewsML DataContent), wire text
// carried as plain text, and HTML carried as escaped text.
//
// Every function returns valid UTF-8 with entities decoded (also those
// escaped twice, "&amp;#39;"), control characters and markup removed and
// whitespace collapsed; paragraph lists have no empty entries. Pure and
// thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/xml/xml_doc.h"

namespace newswire::xml {

// `text` on one line: entities decoded, whitespace collapsed, valid UTF-8.
std::string CleanLine(absl::string_view text);

// All text below `node` on one line (CleanLine of Node::Text()).
std::string InlineText(Node node);

// Paragraphs of a mixed-content element. Block elements (p, hl1/hl2, h1-h6,
// div, block, li, blockquote/bq, table rows, ...) end a paragraph; inline
// markup (a, span, person, org, Company, ...) is dropped and its text kept;
// a <br> is a line break inside the paragraph (two make a new paragraph);
// table cells of one row are one paragraph; <pre> is read as plain text;
// media, figures, scripts, styles, <head> and XHTML <header> are skipped.
// Inside one block, text laid out as wire copy (continuation lines flush
// left, paragraphs indented or separated by blank lines) is split into its
// paragraphs, and text laid out in rows (a results table, standings; see
// text_rows.h) into its rows, unless the block holds inline markup, <br>
// or table cells, whose line breaks are the markup's. Escaped HTML in a
// block ("&lt;div ...&gt;&lt;script ...&gt;") is read as HTML: embed code
// without text leaves the body with a short label above it ending in ':'.
// Pseudo-markup elements <endash>/<emdash> become U+2013/U+2014.
std::vector<std::string> BodyParagraphs(Node body);

// Paragraphs of plain text: wire-copy layout as above, else blocks separated
// by blank lines, else one per line. Stray <p>/<br>/<div> tags count as
// paragraph breaks.
std::vector<std::string> PlainTextParagraphs(absl::string_view text);

// Paragraphs of HTML carried as text (Atom type="html", RSS description,
// agency content fields).
std::vector<std::string> HtmlTextParagraphs(absl::string_view html);

// Undoes UTF-8 read as Latin-1 ("Â£" -> "£", "Ã©" -> "é"): each pair of
// U+00C2/U+00C3 and U+0080..U+00BF becomes the character it encoded.
std::string RepairMojibake(absl::string_view utf8);

}  // namespace newswire::xml

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_TEXT_H_
