#include "services/ingest/normalize/rules/head_lines.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/normalize/rules/agency.h"
#include "absl/types/span.h"
#include "services/ingest/common/text/text.h"
#include "utf8proc.h"

namespace newswire {
namespace {

// A byline is a name or two and an affiliation, not a sentence.
constexpr size_t kMaxBylineWords = 16;
constexpr size_t kMaxNameWords = 8;
// A note is a line or two.
constexpr size_t kMaxNoteWords = 80;

constexpr absl::string_view kBylineMarkers[] = {"by", "von", "par", "por", "av", "af", "door"};
// A role or employer line is short.
constexpr size_t kMaxAffiliationWords = 6;
// Last words of a writer's role ("AP Business Writer", "Chief Political
// Correspondent") and of an employer ("Associated Press").
constexpr absl::string_view kRoleWords[] = {
    "writer", "correspondent", "editor", "reporter", "columnist", "contributor", "staff",
    "press", "association", "redakteur", "redakteurin", "korrespondent", "korrespondentin",
    "journaliste", "envoy\xC3\xA9", "envoy\xC3\xA9" "e", "corresponsal", "redactor"};

// Small words between names: "PAUL BYRNE and ALMUDENA CALATRAVA",
// "Ursula von der Leyen", "Juan de la Cruz".
constexpr absl::string_view kNameConnectors[] = {
    "and", "und", "et", "y", "e", "&", "de", "da", "di", "do", "dos", "das", "du", "del",
    "della", "la", "le", "van", "von", "der", "den", "ter", "bin", "al", "el", "of"};

// Words that are never part of a name after "By"/"Von"/"Par": days and
// times ("By Monday", "Von Freitag an"), and the words of section headings
// ("BY THE NUMBERS").
constexpr absl::string_view kNotNameWords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes",
    "martes", "mi\xC3\xA9rcoles", "jueves", "viernes", "s\xC3\xA1" "bado", "domingo",
    "today", "tonight", "tomorrow", "yesterday", "noon", "midday", "midnight", "now",
    "then", "numbers", "contrast", "comparison", "anfang", "beginn", "seiten", "ailleurs"};
// Month names, which open sentences ("By March, prices had doubled") but are
// also first names further on ("By Mary June Smith").
constexpr absl::string_view kMonthNames[] = {
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "januar", "februar", "m\xC3\xA4rz", "juni", "juli",
    "oktober", "dezember", "janvier", "f\xC3\xA9vrier", "avril", "juin", "juillet",
    "octobre", "enero", "febrero", "marzo", "abril", "junio", "julio", "agosto"};

// First words of an editor's note in parentheses, folded (lower case, no
// final ':' or '.'): English and the agencies' other languages.
constexpr absl::string_view kNoteWords[] = {
    "eds", "ed", "editors", "editor's", "editor\xE2\x80\x99s", "note", "adds", "adding",
    "corrects", "correcting", "correction", "corrected", "updates", "updating", "updated",
    "recasts", "rewrites", "writes", "writethru", "changes", "refiles", "refiled",
    "repeats", "repeating", "fixes", "removes", "inserts", "deletes", "clarifies",
    "amends", "releads", "tops", "overwrites", "advisory", "story", "this", "embargoed",
    "for",  // Reuters: "(For a live blog on European stocks, type LIVE/ ...)"
    // German (dpa, APA, Keystone-SDA)
    "achtung", "aktualisiert", "aktualisierung", "berichtigung", "berichtigt", "korrektur",
    "korrigiert", "wiederholung", "erg\xC3\xA4nzt", "erg\xC3\xA4nzung", "neu",
    // French (AFP, Belga)
    "actualis\xC3\xA9", "actualise", "corrige", "corrig\xC3\xA9", "rectificatif",
    "ajoute", "pr\xC3\xA9" "cise",
    // Spanish, Portuguese (EFE, Lusa)
    "actualiza", "actualizada", "actualizaci\xC3\xB3n", "correcci\xC3\xB3n", "ampl\xC3\xAD" "a",
    "ampliaci\xC3\xB3n", "a\xC3\xB1" "ade", "agrega", "rectifica", "atualiza",
    "atualiza\xC3\xA7\xC3\xA3o",
    // Italian (ANSA)
    "aggiorna", "aggiornamento", "corregge", "correzione",
    // Nordic (NTB, Ritzau, TT, STT)
    "oppdatert", "oppdatering", "rettet", "rettelse", "korrigert", "opdateret",
    "opdatering", "uppdaterad", "uppdatering", "r\xC3\xA4ttad", "r\xC3\xA4ttelse",
    "p\xC3\xA4ivitetty", "p\xC3\xA4ivitys", "korjattu", "korjaus"};

// First words of a note saying the story corrects an earlier one, folded:
// "(Corrects ...)", "Berichtigung: ...", "Korjattu aiempaa uutista: ...".
constexpr absl::string_view kCorrectionWords[] = {
    "corrects", "correcting", "correction", "corrected", "berichtigung", "berichtigt",
    "korrektur", "korrigiert", "corrige", "corrig\xC3\xA9", "rectificatif",
    "correcci\xC3\xB3n", "corregido", "rectifica", "correzione", "corregge", "corretto",
    "rettet", "rettelse", "korrigert", "korrigeret", "r\xC3\xA4ttad", "r\xC3\xA4ttelse",
    "korjattu", "korjaus", "correctie", "gecorrigeerd"};

// Verbs saying the story replaces an earlier one, folded: ANP "Nieuw
// bericht, vervangt: <earlier headline>", and the same in the agencies'
// other languages.
constexpr absl::string_view kReplaceWords[] = {
    "replaces", "replacing", "vervangt", "ersetzt", "remplace", "reemplaza", "sustituye",
    "substitui", "sostituisce", "erstatter", "ers\xC3\xA4tter", "korvaa"};
// A notice names what it replaces within its first words.
constexpr size_t kMaxWordsBeforeReplaceVerb = 5;

// Press-release services' notice on a corrected release: "The following
// corrects and replaces the release ...", "Le communiqué suivant corrige et
// remplace ...". Compared on the folded words.
constexpr std::pair<absl::string_view, absl::string_view> kCorrectAndReplace[] = {
    {"corrects", "replaces"}, {"correcting", "replacing"}, {"corrige", "remplace"},
    {"corrigeert", "vervangt"}, {"berichtigt", "ersetzt"}, {"corrige", "reemplaza"},
    {"corregge", "sostituisce"}, {"korrigerer", "erstatter"}, {"korrigerar", "ers\xC3\xA4tter"}};
constexpr absl::string_view kAndWords[] = {"and", "et", "en", "und", "y", "e", "og", "och"};
// A release's notice says so in its opening sentence.
constexpr size_t kMaxWordsBeforeCorrectAndReplace = 8;

// Openings of unparenthesized notes, compared ignoring case.
constexpr absl::string_view kNotePrefixes[] = {"eds:", "eds.", "editor's note:",
                                               "editor\xE2\x80\x99s note:", "editors:",
                                               "note to editors:", "ed note:"};

template <size_t N>
bool InList(absl::string_view word, const absl::string_view (&list)[N]) {
  return absl::c_linear_search(list, word);
}

// Lower case (every script utf8proc knows), final ':', ',' or '.' removed.
std::string Fold(absl::string_view word) {
  while (!word.empty() && (word.back() == ':' || word.back() == '.' || word.back() == ',')) {
    word.remove_suffix(1);
  }
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) {
    if (static_cast<unsigned char>(word[i]) < 0x80) {  // ASCII: no decoding
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(word[i])));
      ++i;
      continue;
    }
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data() + i),
                                          static_cast<utf8proc_ssize_t>(word.size() - i), &cp);
    if (n <= 0) {
      ++i;
      continue;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    i += static_cast<size_t>(n);
  }
  return out;
}

utf8proc_category_t FirstCategory(absl::string_view word) {
  utf8proc_int32_t cp = -1;
  if (word.empty() || utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                                       static_cast<utf8proc_ssize_t>(word.size()), &cp) <= 0) {
    return UTF8PROC_CATEGORY_CN;
  }
  return utf8proc_category(cp);
}

bool StartsUpper(absl::string_view word) {
  utf8proc_category_t category = FirstCategory(word);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

std::vector<absl::string_view> Words(absl::string_view text) {
  return absl::StrSplit(text, ' ', absl::SkipEmpty());
}

// The opening words of a text: held without an allocation.
using OpeningWords = absl::InlinedVector<absl::string_view, 12>;

// The first `max` words of `text`: the tests that read only a text's
// opening words need not split a whole paragraph.
OpeningWords LeadingWords(absl::string_view text, size_t max) {
  OpeningWords words;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (words.size() == max) break;
    words.push_back(word);
  }
  return words;
}

// The text inside `line` when it is one parenthesis from end to end
// ("(Adds X) and (Y)" is not).
std::optional<absl::string_view> Parenthesized(absl::string_view line) {
  if (line.size() < 3 || line.front() != '(' || line.back() != ')') return std::nullopt;
  int depth = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '(') ++depth;
    if (line[i] == ')' && --depth == 0 && i + 1 < line.size()) return std::nullopt;
  }
  return absl::StripAsciiWhitespace(line.substr(1, line.size() - 2));
}

// Names: capitalised words with small words between them, no digits.
bool IsNames(absl::string_view names) {
  std::vector<absl::string_view> words = Words(names);
  if (words.empty() || words.size() > kMaxNameWords) return false;
  for (size_t k = 0; k < words.size(); ++k) {
    absl::string_view word = words[k];
    if (absl::c_any_of(word, absl::ascii_isdigit)) return false;
    std::string folded = Fold(word);
    if (InList(folded, kNotNameWords) || (k == 0 && InList(folded, kMonthNames))) return false;
    if (StartsUpper(word)) continue;
    const bool inner = k > 0 && k + 1 < words.size();
    if (!inner || !InList(folded, kNameConnectors)) return false;
  }
  return true;
}

// Letter spacing undone at the head of a line: ANP sets the kind of a
// message in spaced capitals ("N i e u w bericht, vervangt: ...",
// "C o r r e c t i e, vervangt: ..."). Nothing when the line opens with no
// spaced letters (most lines: no copy is made).
std::optional<std::string> JoinSpacedLetters(absl::string_view line) {
  constexpr size_t kMinSpacedLetters = 3;
  std::string word;
  size_t i = 0;
  // Single letters, each followed by a space, the last by anything.
  while (i < line.size() && absl::ascii_isalpha(static_cast<unsigned char>(line[i])) &&
         (i + 1 == line.size() || !absl::ascii_isalnum(static_cast<unsigned char>(line[i + 1])))) {
    word.push_back(line[i]);
    ++i;
    if (i == line.size() || line[i] != ' ') break;
    ++i;
  }
  if (word.size() < kMinSpacedLetters) return std::nullopt;
  // After a word's last letter comes a space (consumed) or its punctuation.
  absl::string_view rest = line.substr(i);
  if (!rest.empty() && absl::ascii_isalpha(static_cast<unsigned char>(rest[0]))) {
    return absl::StrCat(word, " ", rest);
  }
  return absl::StrCat(word, rest);
}

// "Nieuw bericht, vervangt: ...": a replace verb ending with ':' among the
// first words.
bool OpensWithReplaceNotice(absl::Span<const absl::string_view> words) {
  for (size_t k = 0; k < words.size() && k < kMaxWordsBeforeReplaceVerb; ++k) {
    if (absl::EndsWith(words[k], ":") && InList(Fold(words[k]), kReplaceWords)) return true;
    if (k + 1 < words.size() && words[k + 1] == ":" && InList(Fold(words[k]), kReplaceWords)) {
      return true;  // French spacing: "remplace : ..."
    }
  }
  return false;
}

// "... corrects and replaces ..." in the opening words.
bool SaysCorrectsAndReplaces(absl::Span<const absl::string_view> words) {
  for (size_t k = 0; k + 2 < words.size() && k < kMaxWordsBeforeCorrectAndReplace; ++k) {
    // The "and" words are short ASCII: most words are ruled out by length
    // before any folding.
    if (words[k + 1].size() > 4) continue;
    if (!InList(Fold(words[k + 1]), kAndWords)) continue;
    std::string correct = Fold(words[k]);
    std::string replace = Fold(words[k + 2]);
    for (const auto& [c, r] : kCorrectAndReplace) {
      if (correct == c && replace == r) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> ParseBylineLine(absl::string_view paragraph) {
  absl::string_view line = absl::StripAsciiWhitespace(paragraph);
  // IPTC 7901 ends the byline line with " =".
  if (absl::ConsumeSuffix(&line, "=")) line = absl::StripTrailingAsciiWhitespace(line);
  const size_t space = line.find(' ');
  if (space == absl::string_view::npos || !InList(Fold(line.substr(0, space)), kBylineMarkers)) {
    return std::nullopt;
  }
  if (Words(line).size() > kMaxBylineWords) return std::nullopt;
  for (char c : {'"', ';', ':', '?', '!'}) {
    if (line.find(c) != absl::string_view::npos) return std::nullopt;
  }
  absl::string_view rest = line.substr(space + 1);
  // "Par Jean Dupont (AFP)": the agency credited after the names.
  if (absl::EndsWith(rest, ")")) {
    size_t open = rest.rfind('(');
    if (open == absl::string_view::npos || open == 0) return std::nullopt;
    rest = absl::StripTrailingAsciiWhitespace(rest.substr(0, open));
  }
  // A sentence ends with a full stop; initials and "Jr." are short.
  if (absl::EndsWith(rest, ".")) {
    std::vector<absl::string_view> words = Words(rest);
    if (words.empty() || words.back().size() > 4) return std::nullopt;
  }
  std::vector<absl::string_view> parts = absl::StrSplit(rest, ',');
  if (!IsNames(parts[0])) return std::nullopt;
  for (size_t k = 1; k < parts.size(); ++k) {
    // An affiliation: "AP Business Writer", "The San Diego Union-Tribune",
    // or one word as the agency writes itself ("dpa").
    absl::string_view part = absl::StripAsciiWhitespace(parts[k]);
    if (part.empty() || !(StartsUpper(part) || Words(part).size() == 1)) return std::nullopt;
  }
  return std::string(line);
}

std::optional<std::string> ParseEditorNote(absl::string_view paragraph) {
  absl::string_view line = absl::StripAsciiWhitespace(paragraph);
  if (text::MoreWordsThan(line, kMaxNoteWords)) return std::nullopt;
  for (absl::string_view prefix : kNotePrefixes) {
    if (absl::StartsWithIgnoreCase(line, prefix) && line.size() > prefix.size()) {
      return std::string(line);
    }
  }
  // A notice that the story replaces or corrects an earlier one, as
  // printed, letter spacing undone.
  const std::optional<std::string> joined = JoinSpacedLetters(line);
  if (const absl::string_view notice = joined ? *joined : line; IsReplaceNotice(notice)) {
    return std::string(notice);
  }
  std::optional<absl::string_view> inner = Parenthesized(line);
  if (!inner) return std::nullopt;
  std::vector<absl::string_view> words = Words(*inner);
  if (words.empty()) return std::nullopt;
  std::string first = Fold(words[0]);
  // Reuters: "(In Jan. 3 story, corrects last paragraph ...)".
  const bool correction_of =
      first == "in" && absl::StrContains(absl::AsciiStrToLower(*inner), " story, ");
  if (!correction_of && !InList(first, kNoteWords)) return std::nullopt;
  return std::string(*inner);
}

bool IsCorrectionNote(absl::string_view note) {
  const OpeningWords words =
      LeadingWords(absl::StripAsciiWhitespace(note), kMaxWordsBeforeCorrectAndReplace + 2);
  if (words.empty()) return false;
  std::string first = Fold(absl::StripPrefix(words[0], "("));
  if (InList(first, kCorrectionWords)) return true;
  if (SaysCorrectsAndReplaces(words)) return true;
  // Reuters: "In Jan. 3 story, corrects last paragraph ...".
  return first == "in" && absl::StrContains(absl::AsciiStrToLower(note), " story, correct");
}

bool IsReplaceNotice(absl::string_view note) {
  const OpeningWords words = LeadingWords(
      absl::StripAsciiWhitespace(note),
      std::max(kMaxWordsBeforeReplaceVerb + 1, kMaxWordsBeforeCorrectAndReplace + 2));
  return OpensWithReplaceNotice(words) || SaysCorrectsAndReplaces(words);
}

bool IsSentenceNotByline(absl::string_view byline) {
  constexpr size_t kMinSentenceWords = 5;
  std::vector<absl::string_view> words = Words(absl::StripAsciiWhitespace(byline));
  if (words.size() < kMinSentenceWords) return false;
  if (InList(Fold(words[0]), kBylineMarkers)) return false;
  size_t lower = 0;
  for (absl::string_view word : words) {
    std::string folded = Fold(word);
    if (!StartsUpper(word) && !InList(folded, kNameConnectors) && NormalizeAgency(word).empty()) {
      ++lower;
    }
  }
  // Names and roles are capitalised; a sentence is mostly lower case.
  return lower * 2 > words.size();
}

bool IsBylineAffiliation(absl::string_view paragraph) {
  absl::string_view line = absl::StripAsciiWhitespace(paragraph);
  std::vector<absl::string_view> words = Words(line);
  if (words.empty() || words.size() > kMaxAffiliationWords) return false;
  if (absl::c_any_of(line, [](char c) { return absl::ascii_isdigit(c) || c == '.' || c == ':'; })) {
    return false;
  }
  if (!NormalizeAgency(line).empty()) return true;  // "Associated Press", "dpa"
  for (absl::string_view word : words) {
    if (!StartsUpper(word) && !InList(Fold(word), kNameConnectors)) return false;
  }
  return InList(Fold(words.back()), kRoleWords);
}

bool IsReleaseMetadataLine(absl::string_view paragraph) {
  constexpr size_t kMinFields = 2;
  constexpr size_t kMaxFields = 4;
  constexpr size_t kMaxFieldWords = 8;
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::StripAsciiWhitespace(paragraph), " | ");
  if (fields.size() < kMinFields || fields.size() > kMaxFields) return false;
  for (absl::string_view field : fields) {
    if (field.empty() || Words(field).size() > kMaxFieldWords) return false;
  }
  // The first field is the time of release: "2.4.2019 16:02:09 CEST",
  // "2019-04-02 16:02".
  std::vector<absl::string_view> when = Words(fields[0]);
  if (when.size() < 2) return false;
  auto digits_and = [](absl::string_view word, char separator) {
    return absl::ascii_isdigit(static_cast<unsigned char>(word.front())) &&
           word.find(separator) != absl::string_view::npos &&
           absl::c_all_of(word, [separator](char c) {
             return absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == separator;
           });
  };
  const bool date = digits_and(when[0], '.') || digits_and(when[0], '-') ||
                    digits_and(when[0], '/');
  return date && digits_and(when[1], ':');
}

bool IsSummaryBullet(absl::string_view paragraph) {
  absl::string_view line = absl::StripAsciiWhitespace(paragraph);
  for (absl::string_view bullet : {"* ", "- ", "\xE2\x80\xA2 ", "\xE2\x80\x93 ", "+ "}) {
    if (absl::StartsWith(line, bullet)) return true;
  }
  return false;
}

}  // namespace newswire
