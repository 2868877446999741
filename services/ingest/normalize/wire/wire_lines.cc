#include "services/ingest/normalize/wire/wire_lines.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/common/text/text.h"

namespace newswire::wire {

std::string CleanLine(absl::string_view line) { return text::CollapseWhitespace(line); }

bool IsBlankLine(absl::string_view line) { return text::IsBlank(line); }

bool IsIndented(absl::string_view line) {
  return absl::StartsWith(line, "\t") || absl::StartsWith(line, "  ");
}

bool IsAsciiDigits(absl::string_view s) {
  return !s.empty() && absl::c_all_of(s, absl::ascii_isdigit);
}

namespace {

// IsRuleLine of a line already cleaned: every line is cleaned once.
bool IsRule(absl::string_view clean) {
  if (clean.empty()) return false;
  for (char c : clean) {
    if (c != '_' && c != '-' && c != '*' && c != '=' && c != ' ') return false;
  }
  return true;
}

}  // namespace

bool IsRuleLine(absl::string_view line) { return IsRule(CleanLine(line)); }

void ParagraphBuilder::AddLine(absl::string_view line) {
  std::string clean = CleanLine(line);
  if (clean.empty() || IsRule(clean)) {
    Break();
    return;
  }
  if (IsIndented(line)) Break();
  if (!current_.empty()) current_.push_back(' ');
  current_.append(clean);
}

void ParagraphBuilder::AddParagraph(absl::string_view line) {
  Break();
  std::string clean = CleanLine(line);
  if (IsRule(clean)) return;
  current_ = std::move(clean);
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
