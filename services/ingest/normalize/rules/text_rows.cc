#include "services/ingest/normalize/rules/text_rows.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

// Columns a wrapper may have counted that the text no longer shows: some
// count bytes of UTF-8 or of the entities they wrote ("Mar&#237;timo").
constexpr size_t kWrapSlack = 2;

// Width in characters (UTF-8 lead bytes), as a wrapper counts columns.
size_t Width(absl::string_view line) {
  size_t width = 0;
  for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

absl::string_view FirstWord(absl::string_view line) {
  size_t end = line.find_first_of(" \t");
  return end == absl::string_view::npos ? line : line.substr(0, end);
}

// Columns set apart by two or more spaces ("Adanaspor           2"): a
// table row. Two spaces after a sentence's full stop are a typist's habit,
// not a column.
bool HasColumnGap(absl::string_view line) {
  for (size_t gap = line.find("  "); gap != absl::string_view::npos;
       gap = line.find("  ", gap + 1)) {
    if (gap == 0 || line[gap - 1] == ' ') continue;
    const char before = line[gap - 1];
    if (before != '.' && before != '!' && before != '?' && before != ':' && before != ';') {
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsSeparatorLine(absl::string_view line) {
  static constexpr absl::string_view kRuleMarks[] = {
      "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */, "\xE2\x80\x95" /* ― */,
      "\xE2\x94\x80" /* ─ */};
  line = absl::StripAsciiWhitespace(line);
  int marks = 0;
  while (!line.empty()) {
    char c = line.front();
    if (c == '_' || c == '-' || c == '=' || c == '~' || c == '*') {
      line.remove_prefix(1);
      ++marks;
      continue;
    }
    if (c == ' ' || c == '\t') {
      line.remove_prefix(1);
      continue;
    }
    bool consumed = false;
    for (absl::string_view mark : kRuleMarks) {
      if (absl::ConsumePrefix(&line, mark)) {
        ++marks;
        consumed = true;
        break;
      }
    }
    if (!consumed) return false;
  }
  return marks >= 3;
}

std::vector<std::string> SplitRows(absl::string_view block) {
  std::vector<absl::string_view> lines;
  std::vector<size_t> indents;
  for (absl::string_view line : text::SplitLines(block)) {
    absl::string_view stripped = absl::StripAsciiWhitespace(line);
    if (stripped.empty()) continue;
    lines.push_back(stripped);
    indents.push_back(static_cast<size_t>(stripped.data() - line.data()));
  }
  if (static_cast<int>(lines.size()) < kMinRowLines) return {std::string(block)};
  // Indentation every line after the first shares is the markup's pretty
  // printing (the first line follows the opening tag); the rest is the
  // copy's own ("   It marks ..." opening a wire paragraph) and takes room.
  const size_t shared_indent = *std::min_element(indents.begin() + 1, indents.end());
  std::vector<size_t> widths(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    widths[i] = Width(lines[i]) + (indents[i] > shared_indent ? indents[i] - shared_indent : 0);
  }
  // The wrap width: the widest line but the last, which some feeds leave
  // unwrapped.
  size_t widest = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!IsSeparatorLine(lines[i])) widest = std::max(widest, widths[i]);
  }
  // A break before a rule line, or after one, says nothing about wrapping.
  std::vector<bool> intended(lines.size(), false);
  int breaks = 0;
  int intended_breaks = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (IsSeparatorLine(lines[i]) || IsSeparatorLine(lines[i + 1]) ||
        (HasColumnGap(lines[i]) && HasColumnGap(lines[i + 1]))) {
      intended[i] = true;
      ++intended_breaks;
      ++breaks;
      continue;
    }
    // The first line of a wire paragraph was often indented, then trimmed:
    // its length says nothing.
    if (i == 0) continue;
    ++breaks;
    if (widths[i] + 1 + Width(FirstWord(lines[i + 1])) + kWrapSlack <= widest) {
      intended[i] = true;
      ++intended_breaks;
    }
  }
  if (intended_breaks == 0) return {std::string(block)};
  const bool every_line = 2 * intended_breaks >= breaks;
  std::vector<std::string> rows;
  std::string current;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsSeparatorLine(lines[i])) {
      if (!current.empty()) current.push_back(' ');
      current.append(lines[i].data(), lines[i].size());
    }
    if ((every_line || intended[i] || i + 1 == lines.size()) && !current.empty()) {
      rows.push_back(std::move(current));
      current.clear();
    }
  }
  return rows;
}

}  // namespace newswire
