// Text helpers shared by every parser: encodings, whitespace, paragraphs.
//
// All functions are pure and thread-safe. Input is untrusted bytes; output is
// always valid UTF-8.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::text {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(absl::string_view bytes);

// Decodes Windows-1252 (a superset of ISO-8859-1's printable range, and what
// "ISO-8859-1" feeds really carry) into UTF-8.
std::string Windows1252ToUtf8(absl::string_view bytes);

// The one policy of every format for bytes that should be UTF-8 and are
// not: valid UTF-8 sequences kept, every other byte read as Windows-1252, the
// usual cause on agency feeds (legacy "\x93quotes\x94" pasted into UTF-8
// text, or a whole story in Windows-1252). Valid input is returned as is.
std::string RepairUtf8(absl::string_view bytes);

// `bytes` as UTF-8 without a leading BOM, by RepairUtf8.
std::string ToUtf8(absl::string_view bytes);

// Lines of `text`, split at LF, CR LF or a lone CR (old Mac and some wire
// systems end lines with CR only); line ends removed. A final line end
// gives no empty last line. Views point into `text`.
std::vector<absl::string_view> SplitLines(absl::string_view text);

// True for the invisible characters story text drops: soft hyphen U+00AD
// (a hyphenation hint: "in\u00ADformation" is "information"), zero-width
// space U+200B, word joiner U+2060, U+FEFF, and the bidi embeddings,
// overrides and isolates U+202A..U+202E, U+2066..U+2069 (they reorder how a
// headline displays). Kept: ZWJ/ZWNJ U+200C/U+200D (spelling in Indic and
// Persian scripts, emoji sequences) and the marks U+200E, U+200F, U+061C
// (they only place neutral characters, and RTL text with numbers needs them).
bool IsInvisibleFormat(char32_t cp);

// True when `utf8` holds a character IsInvisibleFormat drops.
bool HasInvisibleFormat(absl::string_view utf8);

// Collapses every run of Unicode whitespace (including NBSP and the C0/C1
// control characters) to one space, removes the IsInvisibleFormat characters
// and trims both ends. Input must be UTF-8.
std::string CollapseWhitespace(absl::string_view utf8);

// True when CollapseWhitespace(utf8) would be empty, without building it.
bool IsBlank(absl::string_view utf8);

// Splits plain text into paragraphs (lines as SplitLines): blocks separated
// by blank lines; when the text has no blank line at all, every non-empty
// line is a paragraph.
// Each paragraph is whitespace-collapsed; empty ones are dropped.
std::vector<std::string> SplitParagraphs(absl::string_view utf8);

// Whether `text` has more than `max` words when split at spaces (runs of
// bytes other than ' ', as absl::StrSplit(text, ' ', absl::SkipEmpty())
// gives them), counting no further: the cheap test before a text that is
// most often a whole sentence is split into words.
bool MoreWordsThan(absl::string_view text, size_t max);

// Number of words: maximal runs of letters, digits and marks (Unicode),
// except that Han ideographs and Kana, written without spaces, count one
// word per character (the usual word count of Chinese and Japanese text).
// Hangul is written with spaces and counts by runs like other scripts.
int CountWords(absl::string_view utf8);

}  // namespace newswire::text

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_TEXT_H_
