#include "services/ingest/normalize/wire/wire_anpa.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/normalize/rules/dateline.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"
#include "services/ingest/normalize/wire/wire_keyword.h"
#include "services/ingest/normalize/wire/wire_lines.h"
#include "services/ingest/normalize/wire/wire_version.h"

namespace newswire {
namespace {

constexpr char kTableLine = 0x08;  // BS: "tab line indicator", a table row follows

// What the second header line says.
struct Header {
  char priority = 0;
  char category = 0;
  std::string keyword;  // as sent: spaces removed, cut to 24 characters
  std::string version;  // "1stLd-Writethru"
  int month = 0;        // the header's date, "11-13": AP's cycle date
  int day = 0;
};

// "f l<DC3><DC1> BC-LT--Argentina-CancerB     11-13 1049"
std::optional<Header> ParseHeaderLine(absl::string_view line) {
  if (line.size() < 3 || !absl::ascii_isalpha(static_cast<unsigned char>(line[0])) ||
      line[1] != ' ' || !absl::ascii_isalpha(static_cast<unsigned char>(line[2]))) {
    return std::nullopt;
  }
  Header header;
  header.priority = static_cast<char>(absl::ascii_tolower(static_cast<unsigned char>(line[0])));
  header.category = static_cast<char>(absl::ascii_tolower(static_cast<unsigned char>(line[2])));
  size_t i = 3;  // then the format identifier, two control characters
  while (i < line.size() && static_cast<unsigned char>(line[i]) < 0x20 && line[i] != '\t') ++i;
  std::vector<std::string> tokens =
      absl::StrSplit(wire::CleanLine(line.substr(i)), ' ', absl::SkipEmpty());
  if (!tokens.empty() && wire::IsAsciiDigits(tokens.back()) && tokens.back().size() <= 5) {
    tokens.pop_back();  // word count
  }
  if (!tokens.empty() && tokens.back().size() == 5 && tokens.back()[2] == '-') {
    const std::string& date = tokens.back();  // "11-13"
    int month = 0, day = 0;
    if (absl::SimpleAtoi(date.substr(0, 2), &month) && absl::SimpleAtoi(date.substr(3, 2), &day) &&
        month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      header.month = month;
      header.day = day;
    }
    tokens.pop_back();
  }
  if (tokens.empty()) return header;
  header.keyword = tokens.front();
  header.version = absl::StrJoin(tokens.begin() + 1, tokens.end(), " ");
  return header;
}

// "AP-WF-11-13-13 1509GMT" -> 2013-11-13T15:09:00Z.
std::optional<absl::Time> ParseTrailerTime(absl::string_view trailer) {
  std::vector<std::string> tokens =
      absl::StrSplit(wire::CleanLine(trailer), absl::ByAnyChar(" <"), absl::SkipEmpty());
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    absl::string_view date = tokens[i];
    absl::string_view clock = tokens[i + 1];
    if (date.size() < 8 || !absl::ConsumeSuffix(&clock, "GMT") || clock.size() != 4) continue;
    date = date.substr(date.size() - 8);  // "11-13-13"
    int month, day, year, hhmm;
    if (date[2] != '-' || date[5] != '-' || !absl::SimpleAtoi(date.substr(0, 2), &month) ||
        !absl::SimpleAtoi(date.substr(3, 2), &day) || !absl::SimpleAtoi(date.substr(6, 2), &year) ||
        !wire::IsAsciiDigits(clock) || !absl::SimpleAtoi(clock, &hhmm)) {
      continue;
    }
    absl::CivilMinute civil(2000 + year, month, day, hhmm / 100, hhmm % 100);
    if (civil.month() != month || civil.day() != day || civil.hour() != hhmm / 100 ||
        civil.minute() != hhmm % 100) {
      continue;  // out of range: absl normalized it
    }
    return absl::FromCivil(civil, absl::UTCTimeZone());
  }
  return std::nullopt;
}

// The header's month and day as a day: of the year that puts it nearest the
// time sent (a story dated 12-31 and sent on 01-01 belongs to the old year).
// AP dates a story by its news cycle, not the UTC day: "AP-Top-Entertainment"
// sent at 04:23 GMT on 02-10 says 02-09 (11:23 p.m. EST), and its leads and
// write-thrus keep the date across midnight GMT.
std::optional<absl::CivilDay> CycleDay(const Header& header, absl::Time sent) {
  if (header.month == 0) return std::nullopt;
  const absl::CivilDay sent_day = absl::ToCivilDay(sent, absl::UTCTimeZone());
  std::optional<absl::CivilDay> nearest;
  for (absl::civil_year_t year = sent_day.year() - 1; year <= sent_day.year() + 1; ++year) {
    absl::CivilDay day(year, header.month, header.day);
    if (day.month() != header.month) continue;  // "02-30": absl moved it on
    if (!nearest || std::abs(day - sent_day) < std::abs(*nearest - sent_day)) nearest = day;
  }
  return nearest;
}

// Lines at least this long were wrapped by the sender: the next unindented
// line continues them.
constexpr size_t kWrappedLineLength = 60;

// AP agate writes the fraction 1/2 as '{' after a digit ("GB 3{" is three
// and a half games back).
std::string AgateFractions(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Copied up to each '{' (most lines have none).
  size_t done = 0;
  for (size_t i = text.find('{', 1); i != absl::string_view::npos; i = text.find('{', i + 1)) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
    out.append(text.data() + done, i - done);
    out.append("\xC2\xBD");
    done = i + 1;
  }
  out.append(text.data() + done, text.size() - done);
  return out;
}

// A '^' line or segment without its end-of-line markers.
absl::string_view StripMarkers(absl::string_view line) {
  line = absl::StripTrailingAsciiWhitespace(line);
  while (!line.empty() && (line.back() == '<' || line.back() == '=')) {
    line.remove_suffix(1);
    line = absl::StripTrailingAsciiWhitespace(line);
  }
  return line;
}

bool StartsWithAny(absl::string_view text, std::initializer_list<absl::string_view> prefixes) {
  for (absl::string_view prefix : prefixes) {
    if (absl::StartsWithIgnoreCase(text, prefix)) return true;
  }
  return false;
}

// "Associated Press", "AP Sports Writer": the line under a byline.
bool IsBylineTitle(absl::string_view line) {
  if (line.size() > 60) return false;
  for (absl::string_view word : {"Associated Press", "AP ", "Writer", "Correspondent", "Editor",
                                 "Reporter", "Columnist", "Press", "Staff", "Contributor"}) {
    if (absl::StrContains(line, word)) return true;
  }
  return false;
}

// Reads the lines between STX and ETX of one message, in order: the opening
// '^' lines into the story's headline, byline and notes, the rest into
// paragraphs. Holds references to `header` and `story` for its lifetime;
// one message per reader, not thread-safe.
class TextReader {
 public:
  TextReader(const Header& header, v1::Story& story) : header_(header), story_(story) {}

  void AddLine(absl::string_view line) {
    if (!line.empty() && line.front() == kTableLine) {
      AddTableRow(line.substr(1));
    } else if (!line.empty() && line.front() == '^') {
      for (absl::string_view segment : absl::StrSplit(line, '^', absl::SkipEmpty())) {
        AddCaretSegment(segment);
      }
    } else if (wire::IsBlankLine(line)) {
      body_.Break();
      last_text_length_ = 0;
    } else if (AddUnmarkedHeadLine(line)) {
      last_text_length_ = 0;
    } else {
      // AP sends a paragraph per line; an unindented line continues the one
      // before only when that one ran long (wrapped text), else it is a
      // paragraph or table row of its own.
      std::string text = AgateFractions(StripMarkers(line));
      if (!wire::IsIndented(line) && last_text_length_ < kWrappedLineLength) body_.Break();
      body_.AddLine(text);
      last_text_length_ = text.size();
      in_text_ = true;
    }
  }

  std::vector<std::string> Finish() && { return std::move(body_).Finish(); }
  const std::string& keyword() const { return keyword_; }
  const std::string& version_words() const { return version_words_; }

 private:
  void AddTableRow(absl::string_view row) {
    absl::ConsumePrefix(&row, "^");
    // DLE is a fixed space inside a cell ("New<DLE> York").
    body_.AddParagraph(AgateFractions(absl::StrReplaceAll(StripMarkers(row), {{"\x10", " "}})));
    last_text_length_ = 0;
    in_text_ = true;
  }

  // Kyodo sets the keyword and the headline on unindented lines without
  // '^' ("BC-Soccer-Emperor's-Cup", then "Soccer: Urawa Reds claim ...+",
  // '+' closing the headline as AP's '<' does), then indented paragraphs.
  // Read so only when the text opens with the keyword line.
  bool AddUnmarkedHeadLine(absl::string_view line) {
    if (in_text_ || wire::IsIndented(line)) return false;
    std::string clean = wire::CleanLine(StripMarkers(line));
    if (clean.empty()) return false;
    if (!unmarked_keyword_) {
      if (!keyword_.empty() || !story_.headline().empty() || !IsKeyword(clean)) return false;
      ReadKeywordLine(clean);
      unmarked_keyword_ = true;
      return true;
    }
    if (!story_.headline().empty()) return false;
    absl::string_view headline = clean;
    absl::ConsumeSuffix(&headline, "+");
    story_.set_headline(std::string(absl::StripTrailingAsciiWhitespace(headline)));
    return true;
  }

  void AddCaretSegment(absl::string_view segment) {
    bool ends_line = absl::EndsWith(absl::StripTrailingAsciiWhitespace(segment), "<");
    std::string clean = wire::CleanLine(StripMarkers(segment));
    last_text_length_ = 0;
    if (clean.empty()) return;
    if (in_text_) {
      body_.AddParagraph(AgateFractions(clean));
      return;
    }
    if (keyword_.empty() && story_.headline().empty() && IsKeyword(clean)) {
      ReadKeywordLine(clean);
      return;
    }
    if (clean.front() == '*') return;  // reference number ("*9006")
    if (StartsWithAny(clean, {"Eds:", "Eds note", "Editor's note", "Editors note"})) {
      AddNote(clean);
      return;
    }
    if (StartsWithAny(clean, {"AP Photo", "AP Video", "AP Graphic", "AP Audio", "AP Illustration",
                              "With AP Photo", "AP Interactive"})) {
      return;  // media references, not text
    }
    bool expect_title = expect_title_;
    expect_title_ = false;
    if (story_.byline().empty() && absl::StartsWithIgnoreCase(clean, "By ")) {
      story_.set_byline(clean);
      expect_title_ = true;
    } else if (expect_title && IsBylineTitle(clean)) {
      story_.set_byline(absl::StrCat(story_.byline(), ", ", clean));
    } else if (story_.headline().empty() && story_.byline().empty() && !heading_paragraphs_) {
      story_.set_headline(clean);
    } else if (story_.subheadline().empty() && story_.byline().empty() && !heading_paragraphs_ &&
               ends_line) {
      story_.set_subheadline(clean);
    } else {
      body_.AddParagraph(AgateFractions(clean));
      heading_paragraphs_ = true;
    }
  }

  // The keyword line repeats the header's keyword (which lost its spaces and
  // was cut to 24 characters), or at least starts with a cycle designator.
  bool IsKeyword(const std::string& clean) const {
    std::string squeezed = absl::StrReplaceAll(clean, {{" ", ""}});
    if (!header_.keyword.empty() && absl::StartsWith(squeezed, header_.keyword)) return true;
    return StartsWithAny(clean, {"BC-", "AM-", "PM-", "AP-"}) &&
           (header_.keyword.empty() || squeezed.find(',') != std::string::npos);
  }

  // Notes keep their own punctuation; one that ends without any gets "; ".
  void AddNote(const std::string& note) {
    std::string joined = story_.editorial_note();
    if (!joined.empty()) {
      char last = joined.back();
      joined += (last == '.' || last == '!' || last == '?' || last == ';') ? " " : "; ";
    }
    story_.set_editorial_note(joined + note);
  }

  // "BC-US--Giant Lobster Death, 1st Ld-Writethru,127": keyword, version
  // words, word count.
  void ReadKeywordLine(const std::string& clean) {
    std::vector<std::string> parts = absl::StrSplit(clean, ',');
    if (parts.size() > 1 && wire::IsAsciiDigits(absl::StripAsciiWhitespace(parts.back()))) {
      parts.pop_back();  // word count
    }
    keyword_ = std::string(absl::StripAsciiWhitespace(parts.front()));
    for (size_t i = 1; i < parts.size(); ++i) {
      absl::StrAppend(&version_words_, " ", absl::StripAsciiWhitespace(parts[i]));
    }
  }

  const Header& header_;
  v1::Story& story_;
  wire::ParagraphBuilder body_;
  std::string keyword_;
  std::string version_words_;
  bool in_text_ = false;            // an indented paragraph or table row was read
  bool heading_paragraphs_ = false;  // '^' lines already went to the body
  bool expect_title_ = false;
  bool unmarked_keyword_ = false;  // the keyword came on a line without '^'
  size_t last_text_length_ = 0;  // of the text line before, 0 after anything else
};

// A message without a headline line: the keyword's words (AP's weather
// tables, "BC-WEA--Global Weather-Fahrenheit"), else, for a news alert or a
// keyword without words, the lead's first sentence, as an editor would.
std::string DerivedHeadline(absl::string_view keyword, const v1::Story& story) {
  std::string headline = wire::KeywordHeadline(keyword);
  if (headline.empty() && story.paragraphs_size() > 0) headline = LeadSentence(story.paragraphs(0));
  return headline;
}

bool CreditsAp(const v1::Story& story, absl::string_view trailer) {
  if (absl::StartsWith(wire::CleanLine(trailer), "AP-")) return true;
  if (absl::StrContains(story.byline(), "Associated Press")) return true;
  for (int i = 0; i < story.paragraphs_size() && i < 3; ++i) {
    if (absl::StrContains(story.paragraphs(i), "(AP)")) return true;
  }
  return false;
}

}  // namespace

int32_t AnpaPriorityToUrgency(char priority) {
  // ANPA-1312 message priority codes, most urgent first, onto IPTC urgency
  // (1 highest, 5 normal, 9 lowest).
  switch (absl::ascii_tolower(static_cast<unsigned char>(priority))) {
    case 'f':  // flash
      return 1;
    case 'b':  // bulletin
      return 2;
    case 'u':  // urgent
      return 3;
    case 'r':  // regular (routine): IPTC's normal
      return 5;
    case 'd':  // deferred
      return 7;
    default:  // unassigned or agency-specific codes
      return 0;
  }
}

bool SniffAnpa(const ParseInput& input) {
  absl::string_view text = input.utf8;
  size_t i = 0;
  while (i < text.size() && (text[i] == '\r' || text[i] == '\n')) ++i;
  size_t syn = i;
  while (i < text.size() && text[i] == wire::kSyn) ++i;
  if (i >= text.size() || text[i] != wire::kSoh) return false;
  if (i > syn) return true;
  // SOH alone: an ANPA message number and US must follow ("W2870" US);
  // Kyodo sets its name between them ("a0105KYODO" US).
  constexpr size_t kMaxSenderLetters = 8;
  absl::string_view number = text.substr(i + 1, 5 + kMaxSenderLetters + 1);
  if (number.size() < 6 || !absl::ascii_isalpha(static_cast<unsigned char>(number[0])) ||
      !wire::IsAsciiDigits(number.substr(1, 4))) {
    return false;
  }
  size_t k = 5;
  while (k < number.size() && absl::ascii_isupper(static_cast<unsigned char>(number[k]))) ++k;
  return k < number.size() && number[k] == 0x1F;
}

absl::StatusOr<ParseResult> ParseAnpa(const ParseInput& input) {
  absl::string_view text = input.utf8;
  size_t soh = text.find(wire::kSoh);
  size_t stx = text.find(wire::kStx, soh == absl::string_view::npos ? 0 : soh);
  if (stx == absl::string_view::npos) {
    return RecordRefused(DlqReason::kNoStory, "anpa: no text (no STX after the header)");
  }
  size_t etx = text.find(wire::kEtx, stx);
  absl::string_view body = text.substr(
      stx + 1, etx == absl::string_view::npos ? absl::string_view::npos : etx - stx - 1);
  absl::string_view trailer =
      etx == absl::string_view::npos ? absl::string_view() : text.substr(etx + 1);
  trailer = trailer.substr(0, trailer.find(wire::kEot));

  Header header;
  size_t head_start = soh == absl::string_view::npos ? 0 : soh + 1;
  absl::string_view head = text.substr(head_start, stx - head_start);
  for (absl::string_view line : text::SplitLines(head)) {
    if (std::optional<Header> parsed = ParseHeaderLine(line)) {
      header = *parsed;
      break;
    }
  }

  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_ANPA_1312);
  TextReader reader(header, story);
  for (absl::string_view line : text::SplitLines(body)) reader.AddLine(line);
  std::string keyword = reader.keyword();
  std::string version_words = absl::StrCat(header.version, " ", reader.version_words());
  for (std::string& paragraph : std::move(reader).Finish()) {
    story.add_paragraphs(std::move(paragraph));
  }
  if (story.headline().empty() && story.paragraphs_size() == 0) {
    return RecordRefused(DlqReason::kNoStory,
                         "anpa: no headline or paragraphs between STX and ETX");
  }

  story.set_slugline(keyword.empty() ? wire::CleanLine(header.keyword) : keyword);
  if (story.headline().empty()) story.set_headline(DerivedHeadline(story.slugline(), story));
  wire::VersionWords version = wire::ReadVersionWords(version_words);
  story.set_version(version.version);
  story.set_signal(version.signal);
  if (version.signal == v1::SIGNAL_KILL) story.set_pub_status(v1::PUB_STATUS_CANCELED);
  story.set_urgency(AnpaPriorityToUrgency(header.priority));
  if (absl::ascii_isalpha(static_cast<unsigned char>(header.category))) {
    std::string category(1, header.category);
    v1::Subject* subject = story.add_subjects();
    subject->set_scheme("anpa-category");
    subject->set_code(category);
    subject->set_origin(v1::CLASSIFICATION_ORIGIN_SOURCE);
    subject->set_confidence(1.0f);
    story.set_source_section(category);
  }
  std::optional<absl::CivilDay> cycle_day;
  if (std::optional<absl::Time> sent = ParseTrailerTime(trailer)) {
    *story.mutable_version_created() = ToProtoTime(*sent);
    cycle_day = CycleDay(header, *sent);
  }
  if (CreditsAp(story, trailer)) story.set_agency("AP");

  ParseResult result;
  result.stories.push_back(std::move(story));
  result.cycle_days.push_back(cycle_day);
  return result;
}

}  // namespace newswire
