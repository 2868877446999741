#include "services/ingest/normalize/wire/wire_iptc7901.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"
#include "services/ingest/normalize/wire/wire_lines.h"
#include "services/ingest/normalize/wire/wire_version.h"

namespace newswire {
namespace {

bool IsLetters(absl::string_view s) { return !s.empty() && absl::c_all_of(s, absl::ascii_isalpha); }

bool IsAlnum(absl::string_view s) { return !s.empty() && absl::c_all_of(s, absl::ascii_isalnum); }

struct Header {
  int priority = 0;
  std::string category;
  std::string source;  // "dpa", "dpa-tns"
};

// "eca062 4 i 211 ccccb   dpa 061": service id and number, priority,
// category, word count, optional field, source, counter.
std::optional<Header> ParseHeaderLine(absl::string_view line) {
  std::vector<std::string> tokens = absl::StrSplit(wire::CleanLine(line), ' ', absl::SkipEmpty());
  if (tokens.size() < 3 || !IsAlnum(tokens[0]) || tokens[1].size() != 1 ||
      !wire::IsAsciiDigits(tokens[1]) || !IsLetters(tokens[2]) || tokens[2].size() > 4) {
    return std::nullopt;
  }
  Header header;
  header.priority = tokens[1][0] - '0';
  header.category = tokens[2];
  // The source is the word before the closing counter.
  if (tokens.size() >= 6 && wire::IsAsciiDigits(tokens.back())) {
    const std::string& source = tokens[tokens.size() - 2];
    if (absl::ascii_isalpha(static_cast<unsigned char>(source[0]))) header.source = source;
  }
  return header;
}

// A trailer's month as the sending desk wrote it, in its language: "Nov",
// "Okt", "déc", "mar", "Mär", "ago", "dic" (upper or lower case, "." or not).
// Accented letters are compared without their accent.
int TrailerMonth(absl::string_view word) {
  static constexpr struct {
    const char* prefix;  // a word starting with this names the month
    int month;
  } kMonths[] = {
      // English, German, French, Spanish, Italian, Portuguese, Dutch,
      // Scandinavian (the 3-letter forms cover the long ones too).
      {"jan", 1},  {"gen", 1},  {"ene", 1},  {"feb", 2},  {"fev", 2},  {"mar", 3},
      {"mrz", 3},  {"mrt", 3},  {"apr", 4},  {"avr", 4},  {"abr", 4},  {"may", 5},
      {"mai", 5},  {"mag", 5},  {"mei", 5},  {"maj", 5},  {"jun", 6},  {"juin", 6},
      {"giu", 6},  {"jul", 7},  {"juil", 7}, {"lug", 7},  {"aug", 8},  {"aou", 8},
      {"ago", 8},  {"sep", 9},  {"set", 9},  {"oct", 10}, {"okt", 10}, {"ott", 10},
      {"out", 10}, {"nov", 11}, {"dec", 12}, {"dez", 12}, {"dic", 12}, {"des", 12},
  };
  std::string folded;
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    // UTF-8 é É è ê û ä Ä (C3 xx) fold to their base letter.
    if (c == 0xC3 && i + 1 < word.size()) {
      unsigned char next = static_cast<unsigned char>(word[++i]) | 0x20;  // É -> é
      if (next >= 0xA8 && next <= 0xAB) folded += 'e';
      else if (next >= 0xB9 && next <= 0xBC) folded += 'u';
      else if (next >= 0xA0 && next <= 0xA5) folded += 'a';
      else return 0;
      continue;
    }
    if (!absl::ascii_isalpha(c)) break;  // "Nov." ends at the dot
    folded += static_cast<char>(absl::ascii_tolower(c));
  }
  if (folded.size() < 3) return 0;
  int month = 0;
  size_t longest = 0;  // "juil" over "jui..." forms: the longest prefix wins
  for (const auto& entry : kMonths) {
    const size_t n = std::char_traits<char>::length(entry.prefix);
    if (n > longest && absl::StartsWith(folded, entry.prefix)) {
      month = entry.month;
      longest = n;
    }
  }
  return month;
}

struct TransmissionTime {
  absl::Time time;
  bool utc = false;  // "GMT"/"UTC" written; else the sender's local time
};

// "131137 GMT Nov 13": day 13, 11:37 UTC, November 2013. Without "GMT" the
// time is the sender's local time, read as UTC here; the caller notes it as
// local (times.h), so the provider's zone applies when its profile has one.
std::optional<TransmissionTime> ReadTransmissionTime(absl::string_view trailer) {
  std::vector<std::string> tokens =
      absl::StrSplit(wire::CleanLine(trailer), ' ', absl::SkipEmpty());
  if (tokens.size() < 3 || tokens[0].size() != 6 || !wire::IsAsciiDigits(tokens[0])) {
    return std::nullopt;
  }
  size_t i = 1;
  const bool utc =
      absl::EqualsIgnoreCase(tokens[i], "GMT") || absl::EqualsIgnoreCase(tokens[i], "UTC");
  if (utc) ++i;
  if (i + 1 >= tokens.size()) return std::nullopt;
  const int month = TrailerMonth(tokens[i]);
  int day, hour, minute, year;
  if (month == 0 || tokens[i + 1].size() != 2 || !absl::SimpleAtoi(tokens[i + 1], &year) ||
      !absl::SimpleAtoi(tokens[0].substr(0, 2), &day) ||
      !absl::SimpleAtoi(tokens[0].substr(2, 2), &hour) ||
      !absl::SimpleAtoi(tokens[0].substr(4, 2), &minute)) {
    return std::nullopt;
  }
  absl::CivilMinute civil(2000 + year, month, day, hour, minute);
  if (civil.day() != day || civil.hour() != hour || civil.minute() != minute) return std::nullopt;
  return TransmissionTime{absl::FromCivil(civil, absl::UTCTimeZone()), utc};
}

// "EXTRA", "(Achtung)", "EILMELDUNG": a flag line above the headline.
bool IsFlagLine(absl::string_view line) {
  if (line.size() >= 2 && line.front() == '(' && line.back() == ')') return true;
  std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
  if (words.empty() || words.size() > 2) return false;
  for (char c : line) {
    if (absl::ascii_islower(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "dpa wsz jln npr": the agency and the editors' initials, closing the text.
bool IsSignatureLine(absl::string_view clean, absl::string_view source) {
  std::vector<absl::string_view> words = absl::StrSplit(clean, ' ', absl::SkipEmpty());
  if (words.size() < 2 || source.empty()) return false;
  absl::string_view agency = source.substr(0, source.find('-'));
  if (!absl::EqualsIgnoreCase(words[0], agency)) return false;
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i].size() > 4 || !IsLetters(words[i])) return false;
    for (char c : words[i]) {
      if (absl::ascii_isupper(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

bool StartsNotebook(absl::string_view clean) {
  std::string lower = absl::AsciiStrToLower(clean);
  return absl::StartsWith(clean, "#") || absl::StrContains(lower, "not for publication") ||
         absl::StrContains(lower, "not intended for publication");
}

// Reads the headline block: the lines from STX to the one ending in '='.
// Returns the number of lines it took.
size_t ReadHeadlineBlock(const std::vector<absl::string_view>& lines, v1::Story& story,
                         std::vector<std::string>& notes) {
  constexpr size_t kMaxHeadLines = 6;
  size_t end = 0;  // one past the '='-terminated line
  size_t non_blank = 0;
  for (size_t i = 0; i < lines.size() && non_blank < kMaxHeadLines; ++i) {
    std::string clean = wire::CleanLine(lines[i]);
    if (clean.empty()) continue;
    ++non_blank;
    if (absl::EndsWith(clean, "=")) {
      end = i + 1;
      break;
    }
  }
  if (end == 0) {  // no terminator: the first line is the headline
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string clean = wire::CleanLine(lines[i]);
      if (clean.empty()) continue;
      story.set_headline(clean);
      return i + 1;
    }
    return lines.size();
  }
  std::vector<std::string> headline;
  for (size_t i = 0; i < end; ++i) {
    std::string clean = wire::CleanLine(absl::StripSuffix(
        absl::StripTrailingAsciiWhitespace(wire::CleanLine(lines[i])), "="));
    if (clean.empty()) continue;
    bool last = i + 1 == end;
    if (absl::StartsWithIgnoreCase(clean, "By ") && story.byline().empty()) {
      story.set_byline(clean);
    } else if (!last && IsFlagLine(clean)) {
      // A note leaves its parentheses (story.proto: editorial_note):
      // "(Achtung Korrektur)" -> "Achtung Korrektur".
      absl::string_view note = clean;
      if (note.size() > 2 && note.front() == '(' && note.back() == ')' &&
          note.find(')') == note.size() - 1) {
        note = absl::StripAsciiWhitespace(note.substr(1, note.size() - 2));
      }
      notes.push_back(std::string(note));
    } else {
      headline.push_back(clean);
    }
  }
  story.set_headline(absl::StrJoin(headline, " "));
  // Flag lines say what this version is: "1ST LEAD", "(Achtung Korrektur)".
  wire::VersionWords version = wire::ReadVersionWords(absl::StrJoin(notes, " "));
  story.set_version(version.version);
  story.set_signal(version.signal);
  return end;
}

// Notebook lines: markdown headings and bullets go; "(c)" lines are the
// copyright.
void ReadNotebookLine(absl::string_view line, v1::Story& story, std::vector<std::string>& notes) {
  if (wire::IsRuleLine(line)) return;
  absl::string_view clean = line;
  while (absl::ConsumePrefix(&clean, "#")) {
  }
  clean = absl::StripLeadingAsciiWhitespace(clean);
  if (absl::ConsumePrefix(&clean, "- ")) clean = absl::StripLeadingAsciiWhitespace(clean);
  if (clean.empty()) return;
  if (story.copyright().empty() &&
      (absl::StartsWithIgnoreCase(clean, "(c)") || absl::StartsWith(clean, "\xC2\xA9") ||
       absl::StartsWithIgnoreCase(clean, "copyright"))) {
    story.set_copyright(std::string(clean));
  }
  notes.push_back(std::string(clean));
}

// A message cut into its parts.
struct Frame {
  absl::string_view head;     // the header line, then keyword lines
  absl::string_view body;     // the headline block and the text
  absl::string_view trailer;  // "131137 GMT Nov 13" (may be empty)
};

// What may stand before SOH: line breaks, and the DEL characters some
// capture paths pad a message with.
size_t SkipFill(absl::string_view text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == '\r' || text[i] == '\n' || text[i] == 0x7F)) ++i;
  return i;
}

// <SOH> header <STX> text <ETX> trailer <EOT>. Nullopt without STX.
std::optional<Frame> ControlFrame(absl::string_view text) {
  size_t soh = text.find(wire::kSoh);
  size_t head_start = soh == absl::string_view::npos ? 0 : soh + 1;
  size_t stx = text.find(wire::kStx, head_start);
  if (stx == absl::string_view::npos) return std::nullopt;
  size_t etx = text.find(wire::kEtx, stx);
  Frame frame;
  frame.head = text.substr(head_start, stx - head_start);
  frame.body = text.substr(
      stx + 1, etx == absl::string_view::npos ? absl::string_view::npos : etx - stx - 1);
  if (etx != absl::string_view::npos) {
    frame.trailer = text.substr(etx + 1);
    frame.trailer = frame.trailer.substr(0, frame.trailer.find(wire::kEot));
  }
  return frame;
}

// A capture that kept a message's characters but lost its control codes
// (text archives, mail and file gateways store 7901 so): the header line
// comes first and the transmission time is the last line. The text starts
// at the first line below the header that is no keyword line
// ("/politics/Britain/EU/", "Germany-politics/"). Both ends must read as
// 7901, so plain text never passes for it.
std::optional<Frame> BareFrame(absl::string_view text) {
  // Cheap refusals first: this runs on every record that does not start
  // with SOH (plain text, pages). A header line is short.
  constexpr size_t kMaxHeaderLineBytes = 120;
  absl::string_view start = absl::StripLeadingAsciiWhitespace(text);
  absl::string_view header = start.substr(0, start.find_first_of("\r\n"));
  // "eca00075 3 i ...": a second token of one digit, before anything costs.
  const size_t space = header.find(' ');
  if (space == absl::string_view::npos || space + 2 >= header.size() ||
      !absl::ascii_isdigit(static_cast<unsigned char>(header[space + 1])) ||
      header[space + 2] != ' ') {
    return std::nullopt;
  }
  if (header.size() > kMaxHeaderLineBytes || !ParseHeaderLine(header).has_value() ||
      text.find(wire::kSoh) != absl::string_view::npos ||
      text.find(wire::kStx) != absl::string_view::npos) {
    return std::nullopt;
  }
  std::vector<absl::string_view> lines = text::SplitLines(text);
  size_t first = 0;
  while (first < lines.size() && wire::IsBlankLine(lines[first])) ++first;
  size_t last = lines.size();
  while (last > first && wire::IsBlankLine(lines[last - 1])) --last;
  if (last < first + 3 || !ParseHeaderLine(lines[first]).has_value() ||
      !ReadTransmissionTime(lines[last - 1]).has_value()) {
    return std::nullopt;
  }
  size_t text_line = first + 1;
  while (text_line < last - 1) {
    std::string clean = wire::CleanLine(lines[text_line]);
    if (!clean.empty() && !absl::EndsWith(clean, "/")) break;
    ++text_line;
  }
  auto offset = [&](size_t line) {
    return static_cast<size_t>(lines[line].data() - text.data());
  };
  Frame frame;
  frame.head = text.substr(offset(first), offset(text_line) - offset(first));
  frame.body = text.substr(offset(text_line), offset(last - 1) - offset(text_line));
  frame.trailer = lines[last - 1];
  return frame;
}

}  // namespace

bool SniffIptc7901(const ParseInput& input) {
  absl::string_view text = input.utf8;
  size_t i = SkipFill(text);
  if (i >= text.size()) return false;
  if (text[i] != wire::kSoh) return BareFrame(text).has_value();
  absl::string_view rest = text.substr(i + 1);
  return ParseHeaderLine(rest.substr(0, rest.find_first_of("\r\n"))).has_value();
}

absl::StatusOr<ParseResult> ParseIptc7901(const ParseInput& input) {
  absl::string_view text = input.utf8;
  std::optional<Frame> frame = ControlFrame(text);
  if (!frame) frame = BareFrame(text);
  if (!frame) {
    return RecordRefused(DlqReason::kNoStory,
                         "iptc7901: no text (no STX after the header)");
  }
  absl::string_view body = frame->body;
  absl::string_view trailer = frame->trailer;

  std::vector<absl::string_view> head_lines = text::SplitLines(frame->head);
  Header header;
  if (!head_lines.empty()) header = ParseHeaderLine(head_lines[0]).value_or(Header());

  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_IPTC_7901);
  // Keyword lines between the header and STX: "American Football/NFL/".
  for (size_t i = 1; i < head_lines.size(); ++i) {
    std::string clean = wire::CleanLine(head_lines[i]);
    if (clean.empty()) continue;
    for (absl::string_view keyword : absl::StrSplit(clean, '/', absl::SkipWhitespace())) {
      story.add_keywords(wire::CleanLine(keyword));
    }
    std::string slug = std::string(absl::StripSuffix(clean, "/"));
    story.set_slugline(story.slugline().empty() ? slug : story.slugline() + " " + slug);
  }

  std::vector<absl::string_view> lines = text::SplitLines(body);
  std::vector<std::string> notes;
  size_t first_body_line = ReadHeadlineBlock(lines, story, notes);

  wire::ParagraphBuilder paragraphs;
  bool in_notebook = false;
  for (size_t i = first_body_line; i < lines.size(); ++i) {
    std::string clean = wire::CleanLine(lines[i]);
    if (IsSignatureLine(clean, header.source)) continue;
    if (!in_notebook && StartsNotebook(clean)) in_notebook = true;
    if (in_notebook) {
      ReadNotebookLine(clean, story, notes);
    } else {
      paragraphs.AddLine(lines[i]);
    }
  }
  for (std::string& paragraph : std::move(paragraphs).Finish()) {
    story.add_paragraphs(std::move(paragraph));
  }
  if (story.headline().empty() && story.paragraphs_size() == 0) {
    return RecordRefused(DlqReason::kNoStory,
                         "iptc7901: no headline or paragraphs between STX and ETX");
  }
  story.set_editorial_note(absl::StrJoin(notes, "; "));
  if (story.signal() == v1::SIGNAL_KILL) story.set_pub_status(v1::PUB_STATUS_CANCELED);

  // IPTC 7901 priorities run 1 (flash) to 6 on the scale IPTC urgency took over.
  if (header.priority >= 1 && header.priority <= 9) story.set_urgency(header.priority);
  if (!header.category.empty()) {
    v1::Subject* subject = story.add_subjects();
    subject->set_scheme("iptc7901-category");
    subject->set_code(header.category);
    subject->set_origin(v1::CLASSIFICATION_ORIGIN_SOURCE);
    subject->set_confidence(1.0f);
    story.set_source_section(header.category);
  }
  story.set_agency(NormalizeAgency(header.source));
  story.set_provider(header.source);
  if (std::optional<TransmissionTime> sent = ReadTransmissionTime(trailer)) {
    ScopedLocalTimeLog::Note(sent->time, sent->utc);
    *story.mutable_version_created() = ToProtoTime(sent->time);
  }

  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace newswire
