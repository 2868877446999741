#include "services/ingest/normalize/wire/wire_lines.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/common/text/text.h"

namespace newswire::wire {

std::string CleanLine(absl::string_view line) { return text::CollapseWhitespace(line); }

bool IsBlankLine(absl::string_view line) { return CleanLine(line).empty(); }

bool IsIndented(absl::string_view line) {
  return absl::StartsWith(line, "\t") || absl::StartsWith(line, "  ");
}

bool IsAsciiDigits(absl::string_view s) {
  return !s.empty() && absl::c_all_of(s, absl::ascii_isdigit);
}

bool IsRuleLine(absl::string_view line) {
  std::string clean = CleanLine(line);
  if (clean.empty()) return false;
  for (char c : clean) {
    if (c != '_' && c != '-' && c != '*' && c != '=' && c != ' ') return false;
  }
  return true;
}

void ParagraphBuilder::AddLine(absl::string_view line) {
  if (IsBlankLine(line)) {
    Break();
    return;
  }
  if (IsRuleLine(line)) {
    Break();
    return;
  }
  if (IsIndented(line)) Break();
  if (!current_.empty()) current_.push_back(' ');
  current_.append(CleanLine(line));
}

void ParagraphBuilder::AddParagraph(absl::string_view line) {
  Break();
  if (IsRuleLine(line)) return;
  current_ = CleanLine(line);
  Break();
}

void ParagraphBuilder::Break() {
  if (!current_.empty()) paragraphs_.push_back(std::move(current_));
  current_.clear();
}

std::vector<std::string> ParagraphBuilder::Finish() && {
  Break();
  return std::move(paragraphs_);
}

}  // namespace newswire::wire
