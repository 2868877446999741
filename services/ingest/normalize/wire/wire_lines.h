// Shared pieces of the wire-text parsers (ANPA-1312, IPTC 7901): the
// transmission control characters and joining wrapped lines into paragraphs
// (a message is split into lines by text::SplitLines: LF, CR LF or CR).
//
//   ParagraphBuilder body;
//   for (absl::string_view line : text::SplitLines(text)) body.AddLine(line);
//   std::vector<std::string> paragraphs = std::move(body).Finish();
//
// Pure; ParagraphBuilder is a value type for one message (not thread-safe).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_LINES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_LINES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::wire {

// ASCII transmission controls both formats use.
inline constexpr char kSoh = 0x01;  // start of header
inline constexpr char kStx = 0x02;  // start of text
inline constexpr char kEtx = 0x03;  // end of text
inline constexpr char kEot = 0x04;  // end of transmission
inline constexpr char kSyn = 0x16;  // synchronous idle, before SOH in ANPA

// `line` as plain text: control characters become spaces, whitespace is
// collapsed, both ends trimmed. Always valid UTF-8.
std::string CleanLine(absl::string_view line);

// True when `line` has no text, only whitespace and controls.
bool IsBlankLine(absl::string_view line);

// True when `line` starts with a tab or at least two spaces: the wire's mark
// of a new paragraph.
bool IsIndented(absl::string_view line);

// True when `s` is one or more ASCII digits.
bool IsAsciiDigits(absl::string_view s);

// True for a rule line: only '_', '-', '*', '=' and spaces ("___", "* * *").
bool IsRuleLine(absl::string_view line);

// Builds paragraphs from the lines of a wire body. A blank line ends the
// current paragraph; an indented line starts a new one; any other line
// continues the current one (wrapped text). Rule lines are dropped.
class ParagraphBuilder {
 public:
  void AddLine(absl::string_view line);
  // A line that is a paragraph of its own (a table row, a heading).
  void AddParagraph(absl::string_view line);
  // Ends the current paragraph.
  void Break();
  bool empty() const { return paragraphs_.empty() && current_.empty(); }
  std::vector<std::string> Finish() &&;

 private:
  std::vector<std::string> paragraphs_;
  std::string current_;
};

}  // namespace newswire::wire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_LINES_H_
