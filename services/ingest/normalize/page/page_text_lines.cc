#include "services/ingest/normalize/page/page_text_lines.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "absl/time/civil_time.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"

namespace newswire::page_text {
namespace {

// A short line is furniture when it holds one of these; a long one only
// with a phrase of kLongFurniture.
constexpr size_t kShortLine = 80;
constexpr size_t kLongLine = 300;

// The kinds of page furniture and the words that mark them on short lines.
constexpr absl::string_view kLogin[] = {"login", "log in", "sign in", "register",
                                        "forgot password", "user registration", "my account",
                                        "log out", "logout"};
constexpr absl::string_view kNewsletter[] = {"newsletter", "subscribe", "sign up", "signup",
                                             "subscription"};
constexpr absl::string_view kShare[] = {"share this", "share on", "share:", "tweet",
                                        "email this", "print this", "whatsapp", "copy link"};
constexpr absl::string_view kAds[] = {"advertisement", "sponsored", "ad feedback",
                                      "story continues below", "promoted"};
constexpr absl::string_view kRelated[] = {"related", "most read", "most popular", "trending",
                                          "recommended", "more stories", "you may also like",
                                          "read more", "see also", "what's trending",
                                          "more from", "top stories"};
constexpr absl::string_view kLegal[] = {"©", "(c) ", "copyright", "all rights reserved",
                                        "privacy policy", "terms of use", "terms of service",
                                        "cookie"};
constexpr absl::string_view kNavigation[] = {"skip to content", "skip to main", "follow us",
                                             "back to top", "main menu"};
constexpr absl::string_view kExactNavigation[] = {"menu", "home", "search", "share", "close",
                                                  "comments", "next", "previous", "more"};
// Phrases that mark furniture however long the line.
constexpr absl::string_view kLongFurniture[] = {
    "login or register", "log in or register", "your facebook account", "by doing so, you",
    "we use cookies", "accept cookies", "all rights reserved", "sign up for our",
    "subscribe to our", "receive our news", "to leave a comment", "newsletter"};

// Which of several phrase lists a lower-cased line holds a phrase of, in one
// pass over the line (FurnitureKind asks every line of a page, and a list at
// a time it read the line some fifty times). A position is tried only when
// its two bytes open some phrase (every phrase has at least two).
class PhraseLists {
 public:
  // `lists[k]` holds the phrases of list k (at most 32 lists).
  explicit PhraseLists(std::initializer_list<absl::Span<const absl::string_view>> lists) {
    uint32_t id = 0;
    for (absl::Span<const absl::string_view> list : lists) {
      for (absl::string_view phrase : list) {
        const auto first = static_cast<unsigned char>(phrase[0]);
        const auto second = static_cast<unsigned char>(phrase[1]);
        opens_[first * 256 + second] = true;
        by_first_byte_[first].push_back({phrase, id});
      }
      ++id;
    }
  }

  // Bit k set: `lower` holds a phrase of list k.
  uint32_t Find(absl::string_view lower) const {
    uint32_t found = 0;
    for (size_t i = 0; i + 1 < lower.size(); ++i) {
      const auto first = static_cast<unsigned char>(lower[i]);
      if (!opens_[first * 256 + static_cast<unsigned char>(lower[i + 1])]) continue;
      for (const Phrase& phrase : by_first_byte_[first]) {
        if (absl::StartsWith(lower.substr(i), phrase.text)) found |= 1u << phrase.list;
      }
    }
    return found;
  }

 private:
  struct Phrase {
    absl::string_view text;
    uint32_t list;
  };
  std::vector<bool> opens_ = std::vector<bool>(256 * 256);
  std::vector<Phrase> by_first_byte_[256];
};

// The lists of short lines in the order FurnitureKind tries them, and their
// kinds.
constexpr absl::string_view kComment[] = {"comment"};
constexpr int kShortLineKinds[] = {1, 2, 3, 4, 5, 6, 7, 9};

const PhraseLists& ShortLinePhrases() {
  static const auto* const kPhrases = new PhraseLists(
      {kComment, kLogin, kNewsletter, kShare, kAds, kRelated, kLegal, kNavigation});
  return *kPhrases;
}

const PhraseLists& LongLinePhrases() {
  static const auto* const kPhrases = new PhraseLists({kLongFurniture});
  return *kPhrases;
}

// Which furniture kind a line shows: 1..7, or 0 for none.
int FurnitureKind(absl::string_view line) {
  if (line.empty() || line.size() > kLongLine) return 0;
  // Lower-cased on the stack: every line of a text is asked.
  char buffer[kLongLine];
  for (size_t i = 0; i < line.size(); ++i) {
    buffer[i] = absl::ascii_tolower(static_cast<unsigned char>(line[i]));
  }
  const absl::string_view lower(buffer, line.size());
  if (line.size() > kShortLine) return LongLinePhrases().Find(lower) != 0 ? 8 : 0;
  if (IsCommentCount(line)) return 1;
  // The first list holding a phrase decides, as the lists are tried in order.
  if (const uint32_t found = ShortLinePhrases().Find(lower); found != 0) {
    return kShortLineKinds[__builtin_ctz(found)];
  }
  for (absl::string_view word : kExactNavigation) {
    if (lower == word) return 9;
  }
  return 0;
}

int CountCodePoints(absl::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool HasSentenceEnd(absl::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == s.size() || s[i + 1] == ' ' ||
                                                s[i + 1] == '"' || s[i + 1] == '\'')) {
      return true;
    }
  }
  return absl::EndsWith(s, "\xE2\x80\x9D") || absl::EndsWith(s, "\xE3\x80\x82");  // ” 。
}

std::optional<int> MonthNumber(absl::string_view word) {
  static constexpr absl::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return std::nullopt;
  std::string lower = absl::AsciiStrToLower(word);
  for (int m = 0; m < 12; ++m) {
    if (absl::StartsWith(lower, kMonths[m])) {
      // "march", "mar", "sept", not "marble"
      static constexpr absl::string_view kFull[] = {
          "january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"};
      if (lower.size() == 3 || absl::StartsWith(kFull[m], lower) || lower == "sept") return m + 1;
    }
  }
  return std::nullopt;
}

std::optional<absl::Time> MakeDate(int year, int month, int day) {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  absl::CivilDay civil(year, month, day);
  if (civil.day() != day) return std::nullopt;  // 31 Nov normalized away
  return absl::FromCivil(civil, absl::UTCTimeZone());
}

std::optional<absl::Time> FindIsoDate(absl::string_view line) {
  for (size_t i = 0; i + 10 <= line.size(); ++i) {
    absl::string_view s = line.substr(i, 10);
    bool shape = s[4] == '-' && s[7] == '-';
    for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
      shape = shape && absl::ascii_isdigit(static_cast<unsigned char>(s[k]));
    }
    if (!shape || (i > 0 && absl::ascii_isdigit(static_cast<unsigned char>(line[i - 1])))) {
      continue;
    }
    size_t end = line.find(' ', i);
    absl::string_view stamp = line.substr(i, end == absl::string_view::npos ? end : end - i);
    if (stamp.size() > 10) {
      if (std::optional<absl::Time> t = ParseNewsTime(stamp)) return t;
    }
    int y = 0, m = 0, d = 0;
    if (absl::SimpleAtoi(s.substr(0, 4), &y) && absl::SimpleAtoi(s.substr(5, 2), &m) &&
        absl::SimpleAtoi(s.substr(8, 2), &d)) {
      if (std::optional<absl::Time> t = MakeDate(y, m, d)) return t;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Line> SplitLines(absl::string_view utf8) {
  std::vector<Line> lines;
  for (absl::string_view raw : text::SplitLines(utf8)) {
    Line line;
    line.text = text::CollapseWhitespace(raw);
    if (!line.text.empty()) {
      line.words = static_cast<int>(
          std::count(line.text.begin(), line.text.end(), ' ') + 1);
      line.chars = CountCodePoints(line.text);
      line.furniture = FurnitureKind(line.text) != 0;
      line.prose = !line.furniture && !IsCommentCount(line.text) &&
                   ((line.words >= 10 && HasSentenceEnd(line.text)) || line.chars >= 150);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

bool IsFurniture(absl::string_view line) { return FurnitureKind(line) != 0; }

bool ShowsFurnitureKinds(absl::string_view utf8, int min_kinds) {
  uint32_t kinds = 0;
  for (absl::string_view raw : text::SplitLines(utf8)) {
    const int kind = FurnitureKind(text::CollapseWhitespace(raw));
    if (kind == 0 || (kinds & (1u << kind)) != 0) continue;
    kinds |= 1u << kind;
    if (--min_kinds <= 0) return true;
  }
  return min_kinds <= 0;
}

bool IsCommentCount(absl::string_view line) {
  line = absl::StripAsciiWhitespace(line);
  // Every shape below opens with 'n', 'c' or a digit: most lines are ruled
  // out by their first letter.
  if (line.empty()) return false;
  const char first = absl::ascii_tolower(static_cast<unsigned char>(line[0]));
  if (first != 'n' && first != 'c' && !absl::ascii_isdigit(static_cast<unsigned char>(first))) {
    return false;
  }
  std::string lower = absl::AsciiStrToLower(line);
  absl::string_view s = lower;
  if (s == "no comment" || s == "no comments" || s == "comments" || s == "comment") return true;
  if (absl::ConsumePrefix(&s, "comments (") || absl::ConsumePrefix(&s, "comments(")) {
    return absl::EndsWith(s, ")");
  }
  size_t digits = 0;
  while (digits < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits == 0) return false;
  s.remove_prefix(digits);
  s = absl::StripLeadingAsciiWhitespace(s);
  return s == "comment" || s == "comments" || s == "responses" || s == "replies";
}

bool IsByline(absl::string_view line) {
  if (line.size() > 100 || !absl::StartsWithIgnoreCase(line, "by ")) return false;
  int words = static_cast<int>(std::count(line.begin(), line.end(), ' ')) + 1;
  // "By Jane Doe", not "By the end of the year, ..."
  const unsigned char name = static_cast<unsigned char>(line[3]);
  return words >= 2 && words <= 12 && (name >= 0x80 || absl::ascii_isupper(name)) &&
         !HasSentenceEnd(line) && !absl::EndsWith(line, ".");
}

bool IsTimeLine(absl::string_view line) {
  if (line.size() > 80) return false;
  std::string lower = absl::AsciiStrToLower(line);
  const bool digit = std::any_of(lower.begin(), lower.end(),
                                 [](char c) { return c >= '0' && c <= '9'; });
  if (digit && (absl::EndsWith(lower, " ago") || absl::EndsWith(lower, " min read") ||
                absl::EndsWith(lower, " minute read") || absl::StartsWith(lower, "updated") ||
                absl::StartsWith(lower, "published") || absl::StartsWith(lower, "posted") ||
                absl::StartsWith(lower, "last updated"))) {
    return true;
  }
  return line.size() <= 60 && FindDate(line).has_value() && !HasSentenceEnd(line);
}

double LineWeight(const Line& line) {
  if (line.text.empty()) return 0;
  if (line.prose) return line.chars;
  if (line.furniture) return -std::max(60.0, 1.0 * line.chars);
  return -(10.0 + 0.5 * line.chars);
}

std::optional<absl::Time> FindDate(absl::string_view line) {
  if (std::optional<absl::Time> iso = FindIsoDate(line)) return iso;
  // 07.11.2022
  for (size_t i = 0; i + 10 <= line.size(); ++i) {
    absl::string_view s = line.substr(i, 10);
    if (s[2] != '.' || s[5] != '.' ||
        (i > 0 && absl::ascii_isdigit(static_cast<unsigned char>(line[i - 1])))) {
      continue;
    }
    int d = 0, m = 0, y = 0;
    if (absl::SimpleAtoi(s.substr(0, 2), &d) && absl::SimpleAtoi(s.substr(3, 2), &m) &&
        absl::SimpleAtoi(s.substr(6, 4), &y)) {
      if (std::optional<absl::Time> t = MakeDate(y, m, d)) return t;
    }
  }
  std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" ,./"), absl::SkipEmpty());
  auto number = [](absl::string_view w, int& out) {
    absl::ConsumeSuffix(&w, "st") || absl::ConsumeSuffix(&w, "nd") ||
        absl::ConsumeSuffix(&w, "rd") || absl::ConsumeSuffix(&w, "th");
    return !w.empty() && w.size() <= 4 && absl::SimpleAtoi(w, &out);
  };
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    int a = 0, b = 0;
    if (std::optional<int> month = MonthNumber(words[i])) {
      // "Nov 7, 2022"
      if (number(words[i + 1], a) && number(words[i + 2], b) && words[i + 2].size() == 4) {
        if (std::optional<absl::Time> t = MakeDate(b, *month, a)) return t;
      }
    }
    if (number(words[i], a) && words[i].size() <= 4) {
      // "7 November 2022"
      std::optional<int> month = MonthNumber(words[i + 1]);
      if (month && number(words[i + 2], b) && words[i + 2].size() == 4) {
        if (std::optional<absl::Time> t = MakeDate(b, *month, a)) return t;
      }
    }
  }
  return std::nullopt;
}

}  // namespace newswire::page_text
