// Plain string search over XML and HTML for the corpus oracle
// (wire_oracle.h): finding elements by local name, turning markup into
// plain text and paragraphs, decoding entities, comparing words.
//
// Deliberately simple and independent of the parsers under test (no
// libxml2, no DOM): it reads documents the way a person skimming the file
// would. Pure functions; thread-safe.
#ifndef NEWSWIRE_TESTS_CORPUS_MARKUP_TEXT_H_
#define NEWSWIRE_TESTS_CORPUS_MARKUP_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::markup {

struct Element {
  std::string attributes;  // the raw text between the tag name and '>'
  std::string inner;       // raw content between the start and end tags ("" when empty)
};

// Every element whose local name (namespace prefix ignored, case
// sensitive) is `name`, in document order. An element's content ends at
// the first matching end tag (same-name nesting is not followed). Comments
// are ignored; CDATA sections are kept in `inner` as written.
std::vector<Element> FindElements(absl::string_view xml, absl::string_view name);

// The first such element, if any.
std::optional<Element> FindElement(absl::string_view xml, absl::string_view name);

// The value of attribute `name` in an element's attribute text, entities
// decoded ("" when absent).
std::string Attribute(absl::string_view attributes, absl::string_view name);

// `xml` without its comments.
std::string StripComments(absl::string_view xml);

// Decodes character references (&#233; &#xE9;) and the XML and common HTML
// named entities; unknown names stay as written.
std::string DecodeEntities(absl::string_view text);

// Markup as one line of plain text: CDATA unwrapped, tags dropped, entities
// decoded, repeatedly while the text still holds escaped markup (HTML
// escaped inside XML), whitespace collapsed.
std::string PlainText(absl::string_view markup);

// Markup as paragraphs of plain text: block elements (p, div, pre, li, h1-h6,
// tr, blockquote, section, ...) separate paragraphs; head, header, title,
// script and style are dropped; escaped HTML is unescaped first. Empty
// paragraphs are left out.
std::vector<std::string> Paragraphs(absl::string_view markup);

// Collapses runs of whitespace (Unicode spaces and C0 controls included)
// to one space and trims.
std::string CollapseWhitespace(absl::string_view text);

// The first `count` words of `text` (split on whitespace as above), after
// decoding entities.
std::vector<std::string> FirstWords(absl::string_view text, size_t count);

// True when `text` contains `word` case-insensitively (ASCII) with no
// letter or digit right before or after it.
bool MentionsWord(absl::string_view text, absl::string_view word);

}  // namespace newswire::markup

#endif  // NEWSWIRE_TESTS_CORPUS_MARKUP_TEXT_H_
