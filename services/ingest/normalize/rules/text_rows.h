// Rows of text laid out line by line: results tables, standings, listings
// and other copy whose line breaks are the author's, not a wrap.
//
//   for (std::string& row : SplitRows(block)) ...
//
// A block of greedily wrapped prose breaks a line only where the next word
// would not fit: every line plus the next line's first word is wider than
// the widest line (the last line, which some feeds leave unwrapped, and the
// first, often indented and then trimmed, say nothing; indentation that all
// lines after the first share is the markup's pretty-printing). A break
// where the word would have fit with two columns to spare was made on
// purpose ("Monday, January 30" above "Adanaspor  2 Kasimpasa  0"); so is
// one between two lines set in columns (two or more spaces not after a
// full stop). When such breaks are at least half of a block's breaks,
// every line is a row; when fewer, the block is prose with a few hard
// breaks and is split only there. Rule lines ("-------", "_____", "=====")
// are no row. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TEXT_ROWS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TEXT_ROWS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

// Blocks of fewer non-blank lines are left whole: two lines say too little.
inline constexpr int kMinRowLines = 3;

// A line of three or more rule characters (_ - = ~ * and the Unicode
// dashes and box line) and nothing else but spaces: a table rule or the
// separator agencies print between a story and its tag lines ("___").
bool IsSeparatorLine(absl::string_view line);

// The rows of `block` (lines as written, neither trimmed nor cleaned), or
// the block itself as its only element when it is not laid out in rows.
std::vector<std::string> SplitRows(absl::string_view block);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TEXT_ROWS_H_
