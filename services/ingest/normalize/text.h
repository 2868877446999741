// Text helpers shared by every parser: encodings, whitespace, paragraphs.
//
// All functions are pure and thread-safe. Input is untrusted bytes; output is
// always valid UTF-8.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::text {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(absl::string_view bytes);

// Decodes Windows-1252 (a superset of ISO-8859-1's printable range, and what
// "ISO-8859-1" feeds really carry) into UTF-8.
std::string Windows1252ToUtf8(absl::string_view bytes);

// `bytes` as UTF-8: unchanged when valid (a leading BOM removed), else
// decoded as Windows-1252, the usual legacy encoding of news text.
std::string ToUtf8(absl::string_view bytes);

// Collapses every run of Unicode whitespace (including NBSP and the C0/C1
// control characters) to one space and trims both ends. Input must be UTF-8.
std::string CollapseWhitespace(absl::string_view utf8);

// True when CollapseWhitespace(utf8) would be empty, without building it.
bool IsBlank(absl::string_view utf8);

// Splits plain text into paragraphs: blocks separated by blank lines; when
// the text has no blank line at all, every non-empty line is a paragraph.
// Each paragraph is whitespace-collapsed; empty ones are dropped.
std::vector<std::string> SplitParagraphs(absl::string_view utf8);

// Number of words: maximal runs of letters, digits and marks (Unicode).
int CountWords(absl::string_view utf8);

}  // namespace newswire::text

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_TEXT_H_
