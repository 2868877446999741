#include "services/ingest/normalize/rules/dateline.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/common/text/text.h"
#include "utf8proc.h"

namespace newswire {
namespace {

// A dateline sits in the first few words; looking further only finds
// sentences.
constexpr size_t kMaxDatelineBytes = 160;
// A paragraph that is only a place (and date) is short.
constexpr size_t kMaxStandaloneBytes = 60;
constexpr size_t kMaxAgencyBytes = 40;
constexpr size_t kMaxPlaceWords = 5;
constexpr size_t kMaxRegionWords = 3;
constexpr size_t kMaxRegions = 2;
constexpr size_t kMaxAgencyWords = 4;
// A lead paragraph under a place line is a sentence, not a label.
constexpr size_t kMinLeadWords = 8;

constexpr absl::string_view kEmDash = "\xE2\x80\x94";
constexpr absl::string_view kEnDash = "\xE2\x80\x93";
constexpr absl::string_view kHorizontalBar = "\xE2\x80\x95";

// Month and weekday names and abbreviations, folded (lower case, no final
// dot): English, Spanish, French, German, Italian, Portuguese.
constexpr absl::string_view kMonths[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
    "ene", "enero", "febrero", "marzo", "abr", "abril", "mayo", "junio", "julio", "ago",
    "agosto", "septiembre", "setiembre", "octubre", "noviembre", "dic", "diciembre",
    "janv", "janvier", "f\xC3\xA9v", "f\xC3\xA9vr", "f\xC3\xA9vrier", "mars", "avr", "avril",
    "mai", "juin", "juil", "juillet", "ao\xC3\xBBt", "septembre", "octobre", "novembre",
    "d\xC3\xA9" "c", "d\xC3\xA9" "cembre",
    "januar", "j\xC3\xA4nner", "februar", "m\xC3\xA4rz", "juni", "juli", "okt", "oktober",
    "dez", "dezember",
    "gen", "gennaio", "febbraio", "aprile", "mag", "maggio", "giu", "giugno", "lug", "luglio",
    "set", "settembre", "ott", "ottobre", "dicembre",
    "janeiro", "fevereiro", "fev", "mar\xC3\xA7o", "maio", "junho", "julho", "setembro",
    "out", "outubro", "dezembro"};
constexpr absl::string_view kWeekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"};
// Full English names, which are never a dateline's place.
constexpr absl::string_view kEnglishDayAndMonthNames[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december"};
// Lower-case words inside place names ("Rio de Janeiro", "Frankfurt am Main",
// "Isle of Man").
constexpr absl::string_view kConnectors[] = {
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "el", "al", "am", "an", "der", "den", "im", "on", "upon", "sur", "en", "y", "e",
    "of", "and", "&", "aan", "bei", "van", "von", "ter", "sous", "au", "aux"};
// Upper-case kickers and labels that open paragraphs the way a place does
// ("UPDATE:", "BREAKING —", "WATCH:"), and section names.
constexpr absl::string_view kNotPlaceWords[] = {
    "breaking", "update", "updated", "updates", "urgent", "flash", "bulletin", "alert",
    "advisory", "correction", "corrected", "corrects", "refile", "repeat", "wrapup",
    "factbox", "insight", "analysis", "exclusive", "opinion", "editorial", "commentary",
    "comment", "comments", "feature", "interview", "embargoed", "embargo", "note", "eds",
    "editors", "editor's", "editor\xE2\x80\x99s", "advertisement", "advertising",
    "sponsored", "photo", "photos", "video", "videos", "watch", "live", "news", "more",
    "end", "ends", "related", "share", "read", "sports", "sport", "politics", "business",
    "world", "national", "local", "tech", "technology", "science", "health",
    "entertainment", "lifestyle", "culture", "economy", "markets", "weather",
    "explainer", "fact", "check", "review", "obituary", "profile", "recap", "preview",
    "highlights", "timeline", "poll", "quiz", "warning", "notice", "summary", "kill",
    "withdrawn", "advance", "sidebar", "index", "digest", "eds:"};
// Words that open sentences, never places.
constexpr absl::string_view kNotFirstWords[] = {
    "by", "in", "on", "at", "as", "for", "it", "he", "she", "they", "we", "i", "this",
    "that", "there", "here", "but", "and", "if", "when", "a", "an", "mr", "mrs", "ms",
    "dr", "sen", "rep", "gov", "president", "minister", "prime", "secretary",
    "chancellor", "his", "her", "its", "our", "their", "after", "before", "while", "with",
    "from", "to", "said", "says", "according"};
// Japanese agency datelines: "【北京共同】", "【ワシントン時事】".
constexpr absl::string_view kJapaneseAgencies[] = {
    "\xE5\x85\xB1\xE5\x90\x8C",          // 共同
    "\xE6\x99\x82\xE4\xBA\x8B",          // 時事
    "\xE6\x96\xB0\xE8\x8F\xAF\xE7\xA4\xBE",  // 新華社
};
constexpr absl::string_view kOpenLenticular = "\xE3\x80\x90";   // 【
constexpr absl::string_view kCloseLenticular = "\xE3\x80\x91";  // 】

template <size_t N>
bool InList(absl::string_view word, const absl::string_view (&list)[N]) {
  for (absl::string_view entry : list) {
    if (word == entry) return true;
  }
  return false;
}

// The code point at `i` and its length in bytes; -1 for a byte that is not
// UTF-8.
int32_t CodePointAt(absl::string_view s, size_t i, size_t* length) {
  if (i >= s.size()) {
    *length = 1;
    return -1;
  }
  if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII: most text, no table
    *length = 1;
    return static_cast<unsigned char>(s[i]);
  }
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                        static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  *length = n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

bool IsLetter(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return absl::ascii_isalpha(static_cast<unsigned char>(cp));
  utf8proc_category_t category = utf8proc_category(cp);
  return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_ME;
}
bool IsUpperOrTitle(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return absl::ascii_isupper(static_cast<unsigned char>(cp));
  utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}
bool IsLower(int32_t cp) {
  if (cp >= 0 && cp < 0x80) return absl::ascii_islower(static_cast<unsigned char>(cp));
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

// Lower case, final dot removed: "Nov." -> "nov", "FÉVR." -> "févr".
std::string FoldWord(absl::string_view word) {
  absl::ConsumeSuffix(&word, ".");
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    if (static_cast<unsigned char>(word[i]) < 0x80) {  // ASCII: no tables
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(word[i])));
      ++i;
      continue;
    }
    size_t n = 0;
    int32_t cp = CodePointAt(word, i, &n);
    if (cp >= 0) {
      utf8proc_uint8_t buf[4];
      utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(cp), buf);
      out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    }
    i += n;
  }
  return out;
}

std::vector<absl::string_view> Words(absl::string_view text) {
  return absl::StrSplit(text, ' ', absl::SkipEmpty());
}


// Characters a place, region or date is written with.
bool IsDatelineChar(int32_t cp) {
  return IsLetter(cp) || (cp >= '0' && cp <= '9') || cp == ' ' || cp == '.' || cp == ',' ||
         cp == '\'' || cp == 0x2019 || cp == '-' || cp == '/' || cp == '&';
}

// A dash, colon or underscore ending a dateline at `i`, and its length; 0 if
// none. After an agency a lone "-" may touch it ("(EFE).-"); after a place
// it must stand between spaces, as a hyphen inside a name does not.
size_t SeparatorAt(absl::string_view s, size_t i, bool after_agency) {
  if (i >= s.size()) return 0;
  // FindDateline asks at every character: every separator starts with one of
  // these bytes (the three dashes' UTF-8 with 0xE2), so most answers are one
  // comparison.
  const char first = s[i];
  if (first != '-' && first != '_' && first != ':' && first != '\xE2') return 0;
  absl::string_view rest = s.substr(i);
  for (absl::string_view dash : {kEmDash, kEnDash, kHorizontalBar}) {
    if (absl::StartsWith(rest, dash)) return dash.size();
  }
  if (absl::StartsWith(rest, "--")) {
    size_t n = 2;
    while (n < rest.size() && rest[n] == '-') ++n;
    return n;
  }
  const bool space_before = i == 0 || s[i - 1] == ' ';
  const bool space_after = rest.size() == 1 || rest[1] == ' ';
  if ((rest[0] == '-' || rest[0] == '_') && space_after && (space_before || after_agency)) {
    return 1;
  }
  if (rest[0] == ':' && space_after && !space_before) return 1;
  return 0;
}

bool IsNumberToken(absl::string_view folded) {
  size_t digits = 0;
  while (digits < folded.size() && absl::ascii_isdigit(folded[digits])) ++digits;
  if (digits == 0 || digits > 4) return false;
  absl::string_view suffix = folded.substr(digits);
  return suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" ||
         suffix == "th" || suffix == "er" || suffix == "e" || suffix == "\xC2\xBA";
}

// "Nov 7", "Nov. 7", "7 nov 2022", "2 de enero", "Monday"; with
// `continuation`, also the year after a comma ("Jan. 5, 2023").
bool IsDateSegment(absl::string_view segment, bool continuation) {
  if (text::MoreWordsThan(segment, 5)) return false;
  std::vector<absl::string_view> words = Words(segment);
  if (words.empty() || words.size() > 5) return false;
  bool named = false;
  for (absl::string_view word : words) {
    std::string folded = FoldWord(word);
    if (InList(folded, kMonths) || InList(folded, kWeekdays)) {
      named = true;
    } else if (!IsNumberToken(folded) && folded != "de" && folded != "del" && folded != "le") {
      return false;
    }
  }
  return named || continuation;
}

struct PlaceShape {
  bool ok = false;
  bool upper = false;  // every cased letter is upper case
};

// A place ("RIO DE JANEIRO", "ST. PAUL", "Tegucigalpa") or a region
// ("Minn.", "South Dakota"): capitalised words, lower-case connectors inside.
PlaceShape ShapeOfPlace(absl::string_view segment, size_t max_words, bool is_place) {
  PlaceShape shape;
  if (text::MoreWordsThan(segment, max_words)) return shape;
  std::vector<absl::string_view> words = Words(segment);
  if (words.empty() || words.size() > max_words) return shape;
  size_t letters = 0;
  bool any_lower = false;
  for (size_t k = 0; k < words.size(); ++k) {
    absl::string_view word = words[k];
    std::string folded = FoldWord(word);
    const bool inner = k > 0 && k + 1 < words.size();
    size_t n = 0;
    int32_t first = CodePointAt(word, 0, &n);
    for (size_t i = 0; i < word.size(); i += n) {
      int32_t cp = CodePointAt(word, i, &n);
      if (IsLetter(cp)) {
        ++letters;
        any_lower = any_lower || IsLower(cp);
      } else if (!(cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019 || cp == '/' ||
                   (cp == '&' && word.size() == 1))) {
        return shape;  // digits and other signs are not in place names
      }
    }
    // "de" in "Rio de Janeiro"; a capitalised "La" ("La Paz") is a name word.
    if ((IsLower(first) || word == "&") && InList(folded, kConnectors)) {
      if (!inner) return shape;
      continue;
    }
    if (!IsUpperOrTitle(first)) return shape;
    if (is_place) {
      if (InList(folded, kNotPlaceWords) || InList(folded, kEnglishDayAndMonthNames)) {
        return shape;
      }
      if (k == 0 && InList(folded, kNotFirstWords)) return shape;
    }
  }
  if (letters < 2) return shape;
  // "AP:", "REUTERS -": an agency is not a place.
  if (is_place && !NormalizeAgency(segment).empty()) return shape;
  shape.ok = true;
  shape.upper = !any_lower;
  return shape;
}

// The text before the agency or separator, split into place (with regions)
// and date. Offsets are into `pre`, which starts the paragraph.
struct PreParts {
  size_t place_end = 0;  // place = pre[0, place_end); 0 when there is none
  size_t date_begin = 0;
  size_t date_end = 0;   // date = pre[date_begin, date_end)
  bool place_upper = false;
};

struct Span {
  size_t begin;
  size_t end;
};

std::optional<PreParts> ParsePre(absl::string_view pre, bool allow_date_only) {
  std::vector<Span> segments;
  size_t start = 0;
  while (start <= pre.size()) {
    size_t comma = pre.find(',', start);
    if (comma == absl::string_view::npos) comma = pre.size();
    size_t begin = start;
    size_t end = comma;
    while (begin < end && pre[begin] == ' ') ++begin;
    while (end > begin && pre[end - 1] == ' ') --end;
    if (begin == end) return std::nullopt;
    segments.push_back({begin, end});
    start = comma + 1;
  }
  if (segments.size() > 1 + kMaxRegions + 2) return std::nullopt;
  auto text = [&](const Span& span) { return pre.substr(span.begin, span.end - span.begin); };

  PreParts parts;
  size_t next = 0;
  if (IsDateSegment(text(segments[0]), false)) {
    if (!allow_date_only) return std::nullopt;
  } else {
    PlaceShape place = ShapeOfPlace(text(segments[0]), kMaxPlaceWords, true);
    if (!place.ok) return std::nullopt;
    parts.place_upper = place.upper;
    parts.place_end = segments[0].end;
    next = 1;
    for (size_t regions = 0; next < segments.size() && regions < kMaxRegions; ++regions) {
      if (IsDateSegment(text(segments[next]), false)) break;
      if (!ShapeOfPlace(text(segments[next]), kMaxRegionWords, false).ok) return std::nullopt;
      parts.place_end = segments[next].end;
      ++next;
    }
  }
  if (next < segments.size()) {
    for (size_t k = next; k < segments.size(); ++k) {
      if (!IsDateSegment(text(segments[k]), k > next)) return std::nullopt;
    }
    parts.date_begin = segments[next].begin;
    parts.date_end = segments.back().end;
  }
  return parts;
}

// The match for a dateline ending at `end` in `paragraph`, whose place and
// date are `parts` of `pre`.
DatelineMatch MakeMatch(absl::string_view paragraph, absl::string_view pre,
                        const PreParts& parts, absl::string_view agency, size_t end) {
  DatelineMatch match;
  match.place = std::string(pre.substr(0, parts.place_end));
  match.date_text = std::string(pre.substr(parts.date_begin, parts.date_end - parts.date_begin));
  match.agency = std::string(agency);
  match.text = std::string(absl::StripTrailingAsciiWhitespace(paragraph.substr(0, end)));
  match.stands_alone = absl::StripAsciiWhitespace(paragraph.substr(end)).empty();
  return match;
}

// What a dateline's parentheses hold: "AP", "Reuters", "dpa-AFX", "AP Photo",
// and house credits written in lower case like dpa's ("newswire"). Whether a
// lower-case name we do not know is an agency, the dateline around it decides
// (WithAgencyInParentheses).
bool LooksLikeAgency(absl::string_view agency) {
  if (agency.size() < 2 || agency.size() > kMaxAgencyBytes) return false;
  if (text::MoreWordsThan(agency, kMaxAgencyWords)) return false;
  size_t n = 0;
  int32_t first = CodePointAt(agency, 0, &n);
  if (!IsLetter(first)) return false;
  for (size_t i = 0; i < agency.size(); i += n) {
    int32_t cp = CodePointAt(agency, i, &n);
    if (!(IsLetter(cp) || cp == ' ' || cp == '-' || cp == '.' || cp == '/' || cp == '&')) {
      return false;
    }
  }
  return true;
}

// "PLACE[, Region][, date] (Agency)[.][ separator]" with '(' at `open`.
std::optional<DatelineMatch> WithAgencyInParentheses(absl::string_view s, size_t open) {
  size_t close = s.find(')', open + 1);
  if (close == absl::string_view::npos || close - open - 1 > kMaxAgencyBytes) {
    return std::nullopt;
  }
  absl::string_view agency = absl::StripAsciiWhitespace(s.substr(open + 1, close - open - 1));
  if (!LooksLikeAgency(agency)) return std::nullopt;
  const bool known = !DatelineAgencyCode(agency).empty();
  size_t n = 0;
  const bool lower_unknown = !known && !IsUpperOrTitle(CodePointAt(agency, 0, &n));

  size_t end = close + 1;
  size_t separator = 0;
  if (end < s.size() && s[end] == '.') {  // "(EFE).-"
    separator = SeparatorAt(s, end + 1, true);
    if (separator > 0) end += 1 + separator;
  }
  if (separator == 0) {
    size_t at = end;
    while (at < s.size() && s[at] == ' ') ++at;
    separator = SeparatorAt(s, at, true);
    if (separator > 0) end = at + separator;
  }
  // Without a separator only a known agency makes a dateline: "Apple Inc
  // (AAPL.O) said" is a sentence.
  if (separator == 0 && (!known || (end < s.size() && s[end] != ' '))) return std::nullopt;

  absl::string_view pre = absl::StripTrailingAsciiWhitespace(s.substr(0, open));
  if (pre.empty()) return std::nullopt;
  std::optional<PreParts> parts = ParsePre(pre, /*allow_date_only=*/true);
  if (!parts) return std::nullopt;
  // An agency we do not know needs the usual look of a dateline around it:
  // "KUALA LUMPUR, Nov 7 (Bernama) --", not "Shares of Apple (AAPL) —".
  const bool has_date = parts->date_end > parts->date_begin;
  if (!known && !parts->place_upper && !has_date) return std::nullopt;
  // A lower-case word we do not know is an agency only in the full shape:
  // "ROTTERDAM (newswire) --", not "Nov. 7 (local time) -".
  if (lower_unknown && (!parts->place_upper || separator == 0)) return std::nullopt;
  return MakeMatch(s, pre, *parts, agency, end);
}

// "(ANSA) - Rome, October 11 - ": the agency first, then place and date.
std::optional<DatelineMatch> AgencyFirst(absl::string_view s) {
  size_t close = s.find(')');
  if (close == absl::string_view::npos || close - 1 > kMaxAgencyBytes) return std::nullopt;
  absl::string_view agency = absl::StripAsciiWhitespace(s.substr(1, close - 1));
  if (!LooksLikeAgency(agency) || DatelineAgencyCode(agency).empty()) return std::nullopt;
  size_t at = close + 1;
  while (at < s.size() && s[at] == ' ') ++at;
  size_t separator = SeparatorAt(s, at, true);
  if (separator == 0) return std::nullopt;
  size_t begin = at + separator;
  while (begin < s.size() && s[begin] == ' ') ++begin;
  const size_t limit = std::min(s.size(), begin + kMaxDatelineBytes);
  for (size_t i = begin; i < limit;) {
    if (size_t second = SeparatorAt(s, i, false); second > 0) {
      absl::string_view pre =
          absl::StripTrailingAsciiWhitespace(s.substr(begin, i - begin));
      std::optional<PreParts> parts = ParsePre(pre, /*allow_date_only=*/false);
      if (!parts || pre.empty()) return std::nullopt;
      return MakeMatch(s, pre, *parts, agency, i + second);
    }
    size_t n = 0;
    if (!IsDatelineChar(CodePointAt(s, i, &n))) return std::nullopt;
    i += n;
  }
  return std::nullopt;
}

// "København /ritzau/: ", "Aarhus /ritzau/ - ": Ritzau sets its name
// between slashes, as in its sign-off. A known agency only, then a separator.
std::optional<DatelineMatch> WithAgencyInSlashes(absl::string_view s, size_t open) {
  if (open == 0 || s[open - 1] != ' ') return std::nullopt;
  size_t close = s.find('/', open + 1);
  if (close == absl::string_view::npos || close - open - 1 > kMaxAgencyBytes) {
    return std::nullopt;
  }
  absl::string_view agency = s.substr(open + 1, close - open - 1);
  if (!LooksLikeAgency(agency) || DatelineAgencyCode(agency).empty()) return std::nullopt;
  size_t at = close + 1;
  while (at < s.size() && s[at] == ' ') ++at;
  size_t separator = SeparatorAt(s, at, true);
  if (separator == 0) return std::nullopt;
  absl::string_view pre = absl::StripTrailingAsciiWhitespace(s.substr(0, open));
  std::optional<PreParts> parts = ParsePre(pre, /*allow_date_only=*/true);
  if (!parts) return std::nullopt;
  return MakeMatch(s, pre, *parts, agency, at + separator);
}

// An agency code standing alone at the end of the dateline: "SYDNEY, Nov 7
// AAP"; with `title_case`, also a name as Kyodo prints its own ("SAITAMA,
// Japan, Dec. 9 Kyodo -").
bool IsBareAgency(absl::string_view word, bool title_case) {
  size_t n = 0;
  for (size_t i = 0; i < word.size(); i += n) {
    int32_t cp = CodePointAt(word, i, &n);
    if (i == 0 && !IsUpperOrTitle(cp)) return false;
    if (i > 0 && IsLower(cp) && !title_case) return false;
  }
  return word.size() >= 2 && !NormalizeAgency(word).empty();
}

// "PLACE[, Region][, date][ AGENCY] separator" with the separator at `at`.
std::optional<DatelineMatch> WithSeparator(absl::string_view s, size_t at, size_t length) {
  absl::string_view pre = absl::StripTrailingAsciiWhitespace(s.substr(0, at));
  absl::string_view agency;
  size_t space = pre.rfind(' ');
  bool title_case_agency = false;
  if (space != absl::string_view::npos && IsBareAgency(pre.substr(space + 1), true)) {
    title_case_agency = !IsBareAgency(pre.substr(space + 1), false);
    agency = pre.substr(space + 1);
    pre = absl::StripTrailingAsciiWhitespace(pre.substr(0, space));
    absl::ConsumeSuffix(&pre, ",");
  }
  if (pre.empty()) return std::nullopt;
  std::optional<PreParts> parts = ParsePre(pre, /*allow_date_only=*/!agency.empty());
  if (!parts) return std::nullopt;
  const bool has_date = parts->date_end > parts->date_begin;
  // A name in title case is the agency only after a date: "Paris Reuters -"
  // may be words.
  if (title_case_agency && !has_date) return std::nullopt;
  // "Barack Obama — the former president — said": a dash after capitalised
  // words is a dateline only with an agency, a date or an upper-case place.
  if (agency.empty() && !has_date && !parts->place_upper) return std::nullopt;
  return MakeMatch(s, pre, *parts, agency, at + length);
}

// "【北京共同】": place then agency inside lenticular brackets.
std::optional<DatelineMatch> Japanese(absl::string_view s) {
  size_t close = s.find(kCloseLenticular);
  if (close == absl::string_view::npos || close > 60) return std::nullopt;
  absl::string_view inner = s.substr(kOpenLenticular.size(), close - kOpenLenticular.size());
  for (absl::string_view agency : kJapaneseAgencies) {
    if (!absl::EndsWith(inner, agency)) continue;
    absl::string_view place = inner.substr(0, inner.size() - agency.size());
    absl::ConsumeSuffix(&place, "=");
    absl::ConsumeSuffix(&place, "\xEF\xBC\x9D");  // fullwidth =
    if (place.empty()) return std::nullopt;
    size_t end = close + kCloseLenticular.size();
    DatelineMatch match;
    match.place = std::string(place);
    match.agency = std::string(agency);
    match.text = std::string(s.substr(0, end));
    match.stands_alone = absl::StripAsciiWhitespace(s.substr(end)).empty();
    return match;
  }
  return std::nullopt;
}

// A paragraph of running text: enough words, not all upper case.
bool IsProse(absl::string_view paragraph) {
  if (!text::MoreWordsThan(paragraph, kMinLeadWords - 1)) return false;
  size_t n = 0;
  for (size_t i = 0; i < paragraph.size(); i += n) {
    if (IsLower(CodePointAt(paragraph, i, &n))) return true;
  }
  return false;
}

bool HasPossessive(absl::string_view line) {
  for (absl::string_view word : Words(line)) {
    absl::ConsumeSuffix(&word, ",");
    for (absl::string_view ending : {"'s", "'S", "\xE2\x80\x99s", "\xE2\x80\x99S"}) {
      if (absl::EndsWith(word, ending)) return true;
    }
  }
  return false;
}

// Words AP style abbreviates before a name or number ("Gov. Jerry Brown").
bool IsAbbreviation(absl::string_view word) {
  for (absl::string_view abbreviation :
       {"Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Ft", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt",
        "Capt", "Adm", "Rev", "Jr", "Sr", "No", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
        "Inc", "Co", "Corp", "Ltd", "vs"}) {
    if (word == abbreviation) return true;
  }
  return false;
}

}  // namespace

std::optional<DatelineMatch> FindDateline(absl::string_view paragraph,
                                          absl::string_view next_paragraph) {
  absl::string_view s = absl::StripAsciiWhitespace(paragraph);
  if (s.empty()) return std::nullopt;
  if (absl::StartsWith(s, kOpenLenticular)) return Japanese(s);

  const size_t limit = std::min(s.size(), kMaxDatelineBytes);
  size_t i = 0;
  while (i < limit) {
    if (s[i] == '(') return i == 0 ? AgencyFirst(s) : WithAgencyInParentheses(s, i);
    if (s[i] == '/') {
      if (std::optional<DatelineMatch> match = WithAgencyInSlashes(s, i)) return match;
    }
    if (size_t separator = SeparatorAt(s, i, false); separator > 0) {
      return WithSeparator(s, i, separator);
    }
    size_t n = 0;
    if (!IsDatelineChar(CodePointAt(s, i, &n))) return std::nullopt;
    i += n;
  }
  // No agency and no separator: a paragraph that is only a place line, above
  // the story's prose. Headings ("NATIONAL LEAGUE", "BASEBALL'S TOP TEN")
  // look the same, so the next paragraph must read as a lead and a
  // possessive rules the line out.
  if (i < s.size() || s.size() > kMaxStandaloneBytes) return std::nullopt;
  if (!IsProse(next_paragraph) || HasPossessive(s)) return std::nullopt;
  std::optional<PreParts> parts = ParsePre(s, /*allow_date_only=*/false);
  if (!parts) return std::nullopt;
  const bool has_date = parts->date_end > parts->date_begin;
  if (!parts->place_upper && !has_date) return std::nullopt;
  return MakeMatch(s, s, *parts, "", s.size());
}

namespace {

// "2.4.2019", "4/4/2018", "2018-04-04": three groups of digits joined by one
// separator, one of them a four-digit year, the others a day and a month.
bool IsNumericDate(absl::string_view text) {
  const size_t separator_at = text.find_first_of("./-");
  if (separator_at == absl::string_view::npos) return false;
  const char separator = text[separator_at];
  std::vector<absl::string_view> groups = absl::StrSplit(text, separator);
  if (groups.size() != 3) return false;
  int years = 0;
  for (absl::string_view group : groups) {
    if (group.empty() || !std::all_of(group.begin(), group.end(), [](char c) {
          return absl::ascii_isdigit(static_cast<unsigned char>(c));
        })) {
      return false;
    }
    if (group.size() == 4) {
      ++years;
    } else if (group.size() > 2) {
      return false;
    }
  }
  return years == 1;
}

}  // namespace

bool IsMachineTimestamp(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  size_t digits = 0;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (absl::ascii_isdigit(c)) {
      ++digits;
    } else if (c == 'T' || c == 'Z') {
      if (digits == 0) return false;
    } else if (!(c == '-' || c == ':' || c == '.' || c == '+' || c == ' ' || c == '/')) {
      break;
    }
  }
  // A zone may close it: "GMT+00:00", "UTC", "CEST" (Nordic release feeds
  // write "2.4.2019 16:02:09 CEST").
  absl::string_view rest = absl::StripLeadingAsciiWhitespace(text.substr(i));
  for (absl::string_view zone :
       {"GMT", "UTC", "Z", "CEST", "CET", "EEST", "EET", "WEST", "WET", "BST", "MSK", "EDT",
        "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "AEDT", "AEST", "NZDT", "NZST", "JST"}) {
    if (absl::ConsumePrefix(&rest, zone)) break;
  }
  for (char c : rest) {
    if (!(absl::ascii_isdigit(c) || c == '+' || c == '-' || c == ':')) return false;
  }
  if (digits == 0) return false;
  // A date needs eight digits (yyyymmdd), whatever separates them, or the
  // day, month and year of a numeric date ("4/4/2018").
  absl::string_view date = text.substr(0, std::min(i, text.find(' ')));
  return digits >= 8 || IsNumericDate(date);
}

std::string LeadSentence(absl::string_view lead) {
  if (std::optional<DatelineMatch> dateline = FindDateline(lead)) {
    if (absl::StartsWith(lead, dateline->text)) lead.remove_prefix(dateline->text.size());
  }
  lead = absl::StripAsciiWhitespace(lead);
  for (size_t stop = lead.find(". "); stop != absl::string_view::npos;
       stop = lead.find(". ", stop + 1)) {
    size_t word_start = lead.rfind(' ', stop);
    absl::string_view word =
        lead.substr(word_start == absl::string_view::npos ? 0 : word_start + 1,
                    stop - (word_start == absl::string_view::npos ? 0 : word_start + 1));
    bool abbreviation = word.size() <= 1 || absl::StrContains(word, '.') || IsAbbreviation(word);
    if (!abbreviation && stop + 2 < lead.size() &&
        absl::ascii_isupper(static_cast<unsigned char>(lead[stop + 2]))) {
      return std::string(lead.substr(0, stop));
    }
  }
  absl::ConsumeSuffix(&lead, ".");
  return std::string(lead);
}

}  // namespace newswire
