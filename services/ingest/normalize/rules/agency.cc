#include "services/ingest/normalize/rules/agency.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace newswire {
namespace {

// A copyright owner is a name, not a sentence.
constexpr size_t kMaxOwnerWords = 6;
// "ats afp": a mover and its partner; a longer run of codes is a list.
constexpr size_t kMaxAgenciesSideBySide = 2;

// Agency names and codes as they are printed (folded: ASCII lower case,
// punctuation as spaces; see FoldName) -> the code Story.agency carries.
// The codes are the agencies' own short forms, upper case. Add a row when an
// agency prints its name another way; a name must never be a common word,
// since credit lines are matched against this table.
struct AgencyName {
  absl::string_view name;  // a view: its length is known without strlen
  const char* code;
};
constexpr AgencyName kAgencyNames[] = {
    // Japan
    {"kyodo", "KYODO"},
    {"kyodo news", "KYODO"},
    {"kyodo tsushin", "KYODO"},
    {"\xE5\x85\xB1\xE5\x90\x8C", "KYODO"},                          // 共同
    {"\xE5\x85\xB1\xE5\x90\x8C\xE9\x80\x9A\xE4\xBF\xA1", "KYODO"},  // 共同通信
    {"jiji", "JIJI"},
    {"jiji press", "JIJI"},
    {"\xE6\x99\x82\xE4\xBA\x8B", "JIJI"},                          // 時事
    {"\xE6\x99\x82\xE4\xBA\x8B\xE9\x80\x9A\xE4\xBF\xA1", "JIJI"},  // 時事通信
    // United States
    {"ap", "AP"},
    {"associated press", "AP"},
    {"upi", "UPI"},
    {"united press international", "UPI"},
    {"bloomberg", "BLOOMBERG"},
    {"bloomberg l p", "BLOOMBERG"},
    // United Kingdom
    {"reuters", "REUTERS"},
    {"thomson reuters", "REUTERS"},
    {"pa", "PA"},
    {"pa media", "PA"},
    {"pa wire", "PA"},
    {"press association", "PA"},
    {"bbc", "BBC"},
    {"british broadcasting corporation", "BBC"},
    // Continental Europe
    {"afp", "AFP"},
    {"agence france presse", "AFP"},
    {"dpa", "DPA"},
    {"dpa afx", "DPA"},
    {"deutsche presse agentur", "DPA"},
    {"dpa deutsche presse agentur", "DPA"},
    {"efe", "EFE"},
    {"agencia efe", "EFE"},
    {"ansa", "ANSA"},
    {"agenzia ansa", "ANSA"},
    {"agenzia nazionale stampa associata", "ANSA"},
    {"ntb", "NTB"},
    {"norsk telegrambyra", "NTB"},
    {"norsk telegrambyr\xC3\xA5", "NTB"},
    {"stt", "STT"},
    {"stt fnb", "STT"},
    {"suomen tietotoimisto", "STT"},
    {"ritzau", "RITZAU"},
    {"ritzaus bureau", "RITZAU"},
    {"ritzau scanpix", "RITZAU"},
    {"tt", "TT"},
    {"tt nyhetsbyran", "TT"},
    {"tt nyhetsbyr\xC3\xA5n", "TT"},
    {"tidningarnas telegrambyra", "TT"},
    {"tidningarnas telegrambyr\xC3\xA5", "TT"},
    {"anp", "ANP"},
    {"algemeen nederlands persbureau", "ANP"},
    {"belga", "BELGA"},
    {"apa", "APA"},
    {"austria presse agentur", "APA"},
    {"keystone sda", "KEYSTONE-SDA"},
    {"keystone ats", "KEYSTONE-SDA"},
    {"sda", "KEYSTONE-SDA"},
    {"ats", "KEYSTONE-SDA"},  // its French service (Agence Telegraphique Suisse)
    {"lusa", "LUSA"},
    {"agencia lusa", "LUSA"},
    {"epa", "EPA"},
    {"european pressphoto agency", "EPA"},
    {"tass", "TASS"},
    {"itar tass", "TASS"},
    // Asia-Pacific
    {"aap", "AAP"},
    {"australian associated press", "AAP"},
    {"xinhua", "XINHUA"},
    {"xinhuanet", "XINHUA"},
    {"\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE", "XINHUA"},  // 新华社
    {"\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE", "XINHUA"},  // 新華社
    {"yonhap", "YONHAP"},
    {"businessdesk", "BUSINESSDESK"},  // New Zealand business news, closes "(BusinessDesk)"
    {"cp", "CP"},
    {"canadian press", "CP"},
    {"la presse canadienne", "CP"},
    // Press-release wires, credited in their releases' datelines
    // ("GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) --").
    {"globe newswire", "GLOBE NEWSWIRE"},
    {"business wire", "BUSINESS WIRE"},
    {"pr newswire", "PR NEWSWIRE"},
    {"\xEC\x97\xB0\xED\x95\xA9\xEB\x89\xB4\xEC\x8A\xA4", "YONHAP"},  // 연합뉴스
};

// Codes that, as the first word of a longer name, name the agency
// ("AP Photo", "Reuters Breakingviews", "dpa Deutsche Presse Agentur GmbH").
// "pa" and "tt" are left out: as first words they are too often something else.
bool IsLeadingCode(absl::string_view word) {
  if (word == "pa" || word == "tt") return false;
  for (const AgencyName& entry : kAgencyNames) {
    if (word == entry.name && absl::EqualsIgnoreCase(word, entry.code)) return true;
  }
  return false;
}

// Words that a name carries around the agency proper.
bool IsLeadingNoise(absl::string_view word) {
  return word == "c" || word == "copyright" || word == "copr" || word == "the" ||
         (!word.empty() && absl::c_all_of(word, absl::ascii_isdigit));
}
bool IsTrailingNoise(absl::string_view word) {
  static constexpr absl::string_view kWords[] = {
      "news",  "agency",      "newswire", "wire", "service", "services", "inc",
      "ltd",   "limited",     "gmbh",     "ag",   "corp",    "corporation", "co",
      "group", "all",         "rights",   "reserved"};
  for (absl::string_view w : kWords) {
    if (word == w) return true;
  }
  return !word.empty() && absl::c_all_of(word, absl::ascii_isdigit);
}

// ASCII lower case; ASCII punctuation and "©" become spaces ("&" stays).
std::string FoldName(absl::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0xA9) {
      out.push_back(' ');
      ++i;
    } else if (c < 0x80 && (absl::ascii_ispunct(c) || absl::ascii_isspace(c)) && c != '&') {
      out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(absl::ascii_tolower(c)));
    }
  }
  return out;
}

const char* Lookup(absl::string_view folded) {
  for (const AgencyName& entry : kAgencyNames) {
    if (folded == entry.name) return entry.code;
  }
  return nullptr;
}

absl::string_view Trim(absl::string_view text) {
  return absl::StripAsciiWhitespace(text);
}

// Counts space-separated words.
size_t WordCount(absl::string_view text) {
  std::vector<absl::string_view> words = absl::StrSplit(text, ' ', absl::SkipEmpty());
  return words.size();
}

// The owner named by a copyright line: "(c) Copyright Thomson Reuters 2014.
// Click For Restrictions" -> "Thomson Reuters 2014".
absl::string_view CopyrightOwner(absl::string_view line) {
  bool progress = true;
  while (progress && !line.empty()) {
    progress = false;
    line = absl::StripLeadingAsciiWhitespace(line);
    for (absl::string_view marker : {"\xC2\xA9", "(c)", "(C)", ",", ":"}) {
      if (absl::ConsumePrefix(&line, marker)) progress = true;
    }
    for (absl::string_view marker : {"copyright", "copr."}) {
      if (absl::StartsWithIgnoreCase(line, marker)) {
        line.remove_prefix(marker.size());
        progress = true;
      }
    }
    while (!line.empty() && (absl::ascii_isdigit(line.front()) || line.front() == '-')) {
      line.remove_prefix(1);
      progress = true;
    }
  }
  size_t end = line.size();
  for (absl::string_view stop : {". ", "(", ",", ";", " - ", " | ", "http"}) {
    end = std::min(end, line.find(stop));
  }
  line = line.substr(0, end);
  absl::ConsumeSuffix(&line, ".");
  return Trim(line);
}

// "Reporting by ...", "Additional reporting by ...", "Editing by ...".
bool IsStaffCredit(absl::string_view line) {
  static constexpr absl::string_view kOpenings[] = {
      "reporting by ", "additional reporting by ", "writing by ", "editing by ",
      "compiled by ",  "reporting and writing by ", "reporting by and writing by "};
  for (absl::string_view opening : kOpenings) {
    if (absl::StartsWithIgnoreCase(line, opening)) return true;
  }
  return false;
}

// NormalizeAgency; with `allow_leading_code` false, a name must be an agency
// name as a whole ("Bloomberg declined comment" is no credit line).
std::string AgencyCode(absl::string_view name, bool allow_leading_code) {
  std::vector<std::string> words = absl::StrSplit(FoldName(name), ' ', absl::SkipEmpty());
  size_t begin = 0;
  size_t end = words.size();
  while (begin < end && IsLeadingNoise(words[begin])) ++begin;
  // A year may close the name ("ANSA 2017").
  while (end > begin && absl::c_all_of(words[end - 1], absl::ascii_isdigit)) --end;
  if (begin == end || end - begin > 6) return "";
  for (size_t last = end; last > begin; --last) {
    std::string joined = absl::StrJoin(words.begin() + begin, words.begin() + last, " ");
    if (const char* code = Lookup(joined)) return code;
    if (!IsTrailingNoise(words[last - 1])) break;
  }
  if (allow_leading_code && IsLeadingCode(words[begin])) return Lookup(words[begin]);
  return "";
}

std::string StrictAgencyCode(absl::string_view name) {
  return AgencyCode(name, /*allow_leading_code=*/false);
}

// "(c) 2022 ...", "Copyright 2019 ...": a year right after the marker.
bool YearFollowsMarker(absl::string_view line) {
  for (absl::string_view marker : {"(c)", "copyright", "copr."}) {
    if (absl::StartsWithIgnoreCase(line, marker)) {
      line = absl::StripLeadingAsciiWhitespace(line.substr(marker.size()));
      break;
    }
  }
  return line.size() >= 4 && absl::c_all_of(line.substr(0, 4), absl::ascii_isdigit);
}

// A copyright notice: "© ..." always; "(c) ..." and "Copyright ..." only with
// a year, a reservation or a known agency, since "(c)" also numbers list
// items and "Copyright" can open a sentence.
std::optional<Credit> ParseCopyrightLine(absl::string_view line) {
  const bool symbol = absl::StartsWith(line, "\xC2\xA9");
  if (!symbol && !absl::StartsWithIgnoreCase(line, "(c)") &&
      !absl::StartsWithIgnoreCase(line, "copyright") && !absl::StartsWithIgnoreCase(line, "copr.")) {
    return std::nullopt;
  }
  if (WordCount(line) > 30) return std::nullopt;
  absl::string_view owner = CopyrightOwner(line);
  Credit credit{NormalizeAgency(owner), true};
  if (symbol || !credit.agency.empty() ||
      (YearFollowsMarker(line) && WordCount(owner) <= kMaxOwnerWords) ||
      absl::StrContains(absl::AsciiStrToLower(line), "rights reserved")) {
    return credit;
  }
  return std::nullopt;
}

// The agency in a parenthesis that closes `text` ("... (Reuters)"), if known.
std::string ClosingParenAgency(absl::string_view text) {
  text = Trim(text);
  if (!absl::EndsWith(text, ")")) return "";
  size_t open = text.rfind('(');
  if (open == absl::string_view::npos || text.size() - open > 40) return "";
  return StrictAgencyCode(text.substr(open + 1, text.size() - open - 2));
}

// "/dpa", "xy/ab/dpa": initials of the desk, then the agency.
std::string SlashCreditAgency(absl::string_view token) {
  absl::ConsumePrefix(&token, "/");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '/');
  if (parts.size() > 4) return "";
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 4 ||
        !absl::c_all_of(parts[i], absl::ascii_isalnum)) {
      return "";
    }
  }
  return StrictAgencyCode(parts.back());
}

// Desk initials signing off a story: "sn", "ar", "RTV", "kl".
bool IsInitials(absl::string_view word) {
  if (word.empty()) return false;
  if (absl::c_all_of(word, absl::ascii_islower)) return word.size() <= 3;
  return word.size() <= 4 && absl::c_all_of(word, absl::ascii_isupper);
}

// "AFP sn", "AAP RTV ar", "dpa kl yy": an agency code and desk initials.
std::string SignOffAgency(absl::string_view line) {
  std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipEmpty());
  if (words.size() < 2) return "";
  for (size_t i = 1; i < words.size(); ++i) {
    if (!IsInitials(words[i])) return "";
  }
  return StrictAgencyCode(words[0]);
}

// "hh/ph/ts/hd": the desk's initials alone.
// "SDA/sj", "dpa/kb/xy": an agency code, then desk initials (ATS and SDA
// close their copy so, in parentheses).
std::string AgencyThenInitials(absl::string_view token) {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '/');
  if (parts.size() < 2 || parts.size() > 4) return "";
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!IsInitials(parts[i])) return "";
  }
  return StrictAgencyCode(parts[0]);
}

bool IsInitialsSignOff(absl::string_view line) {
  std::vector<absl::string_view> parts = absl::StrSplit(line, '/');
  if (parts.size() < 2) return false;
  for (absl::string_view part : parts) {
    if (part.empty() || part.size() > 4 || !absl::c_all_of(part, absl::ascii_islower)) {
      return false;
    }
  }
  return true;
}

// True when `text` ends a sentence: ".", "!", "?" or a closing quote.
bool EndsSentence(absl::string_view text) {
  for (absl::string_view end : {".", "!", "?", "\"", "\xE2\x80\x9D", "\xC2\xBB"}) {
    if (absl::EndsWith(text, end)) return true;
  }
  return false;
}

}  // namespace

std::string NormalizeAgency(absl::string_view name) {
  return AgencyCode(name, /*allow_leading_code=*/true);
}

std::string DatelineAgencyCode(absl::string_view printed) {
  std::string code = NormalizeAgency(printed);
  size_t slash = printed.rfind('/');
  if (code.empty() && slash != absl::string_view::npos) {
    code = NormalizeAgency(printed.substr(slash + 1));
  }
  if (!code.empty()) return code;
  // Keystone-ATS credits copy it moves from a partner with both codes side
  // by side, its own first: "Paris (ats afp)". Every word must be an agency.
  std::vector<absl::string_view> words = absl::StrSplit(printed, ' ', absl::SkipEmpty());
  if (words.size() < 2 || words.size() > kMaxAgenciesSideBySide) return "";
  for (absl::string_view word : words) {
    if (NormalizeAgency(word).empty()) return "";
  }
  return NormalizeAgency(words[0]);
}

std::optional<Credit> ParseCreditLine(absl::string_view paragraph) {
  absl::string_view line = Trim(paragraph);
  if (line.empty() || line.size() > 300) return std::nullopt;
  if (std::optional<Credit> copyright = ParseCopyrightLine(line)) return copyright;
  absl::string_view inner = line;
  const bool parenthesized = absl::StartsWith(line, "(") && absl::EndsWith(line, ")");
  if (parenthesized) inner = Trim(line.substr(1, line.size() - 2));
  if (IsStaffCredit(inner)) {
    if (WordCount(inner) > 40) return std::nullopt;
    return Credit{ClosingParenAgency(inner), false, true};
  }
  if (WordCount(inner) > 4) return std::nullopt;
  std::string agency = StrictAgencyCode(inner);
  if (agency.empty() && parenthesized && inner.find(' ') == absl::string_view::npos) {
    agency = AgencyThenInitials(inner);
  }
  if (agency.empty() && !parenthesized) {
    if (inner.find(' ') == absl::string_view::npos) {
      agency = SlashCreditAgency(inner);
      if (agency.empty() && IsInitialsSignOff(inner)) return Credit{"", false};
    } else {
      agency = SignOffAgency(inner);
    }
  }
  if (agency.empty()) return std::nullopt;
  return Credit{agency, false};
}

size_t TrailingStaffCreditStart(absl::string_view paragraph) {
  absl::string_view text = absl::StripTrailingAsciiWhitespace(paragraph);
  if (!absl::EndsWith(text, ")")) return absl::string_view::npos;
  // The credit may itself hold a parenthesis ("... (Reuters))"): try the
  // last few openings.
  size_t open = text.size();
  for (int tries = 0; tries < 3 && open > 0; ++tries) {
    open = text.rfind('(', open - 1);
    if (open == absl::string_view::npos || open == 0) break;
    std::optional<Credit> credit = ParseCreditLine(text.substr(open));
    if (!credit || !credit->is_staff_credit) continue;
    if (!EndsSentence(Trim(text.substr(0, open)))) return absl::string_view::npos;
    return open;
  }
  return absl::string_view::npos;
}

size_t TrailingAgencyCodeSignOffStart(absl::string_view paragraph) {
  // Only the tail can hold it: a code and a group of initials.
  constexpr size_t kMaxSignOffBytes = 40;
  absl::string_view text = Trim(paragraph);
  absl::string_view tail =
      text.size() > kMaxSignOffBytes ? text.substr(text.size() - kMaxSignOffBytes) : text;
  std::vector<absl::string_view> words = absl::StrSplit(tail, ' ', absl::SkipEmpty());
  // A cut word at the tail's start is no word; a whole text is.
  if (tail.size() < text.size() && !words.empty()) words.erase(words.begin());
  // The code, then at most one group of desk initials ("EFE", "EFE gr/bp").
  for (size_t from_end = 1; from_end <= 2 && from_end < words.size(); ++from_end) {
    absl::string_view code = words[words.size() - from_end];
    if (from_end == 2 && !IsInitialsSignOff(words.back()) && !IsInitials(words.back())) break;
    if (code.size() < 2 || !absl::c_all_of(code, absl::ascii_isupper) ||
        StrictAgencyCode(code).empty()) {
      continue;
    }
    const size_t start = static_cast<size_t>(code.data() - paragraph.data());
    if (!EndsSentence(Trim(paragraph.substr(0, start)))) return absl::string_view::npos;
    return start;
  }
  return absl::string_view::npos;
}

std::string TrailingCreditAgency(absl::string_view paragraph) {
  absl::string_view text = Trim(paragraph);
  absl::string_view credit;
  absl::string_view before;
  if (absl::EndsWith(text, ")")) {
    size_t open = text.rfind('(');
    if (open == absl::string_view::npos || text.size() - open > 40) return "";
    credit = text.substr(open + 1, text.size() - open - 2);
    before = Trim(text.substr(0, open));
  } else {
    size_t space = text.rfind(' ');
    if (space == absl::string_view::npos) return "";
    credit = text.substr(space + 1);
    if (credit.find('/') == absl::string_view::npos) return "";
    before = Trim(text.substr(0, space));
  }
  // A credit follows a finished sentence: "... told AFP" or "... the
  // Associated Press (AP)" name an agency without crediting it.
  if (!EndsSentence(before)) return "";
  return absl::EndsWith(text, ")") ? StrictAgencyCode(credit) : SlashCreditAgency(credit);
}

size_t TrailingAgencySignOffStart(absl::string_view paragraph) {
  // The longest credit read, "(KEYSTONE-SDA)." with room to spare.
  constexpr size_t kMaxSignOffBytes = 40;
  absl::string_view text = Trim(paragraph);
  if (!absl::EndsWith(text, ").")) return absl::string_view::npos;
  size_t open = text.rfind('(');
  if (open == absl::string_view::npos || text.size() - open > kMaxSignOffBytes) {
    return absl::string_view::npos;
  }
  if (StrictAgencyCode(text.substr(open + 1, text.size() - open - 3)).empty()) {
    return absl::string_view::npos;
  }
  absl::string_view before = Trim(text.substr(0, open));
  // "... said the agency (ANSA)." names the agency inside a sentence.
  if (before.empty() || absl::ascii_islower(static_cast<unsigned char>(before.back()))) {
    return absl::string_view::npos;
  }
  size_t start = before.size();
  return static_cast<size_t>(before.data() - paragraph.data()) + start;
}

}  // namespace newswire
