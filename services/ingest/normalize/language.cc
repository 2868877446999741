#include "services/ingest/normalize/language.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cld2/public/compact_lang_det.h"

namespace newswire {
namespace {

// Shorter texts give CLD2 too little to go on.
constexpr size_t kMinDetectBytes = 20;

struct CodeMapping {
  const char* from;
  const char* to;
};

// ISO 639-2 (bibliographic and terminology) codes of the languages news comes
// in -> their ISO 639-1 codes, which BCP 47 prefers; deprecated ISO 639-1
// codes -> current ones.
constexpr CodeMapping kLanguageCodes[] = {
    {"eng", "en"}, {"ger", "de"}, {"deu", "de"}, {"fre", "fr"}, {"fra", "fr"},
    {"spa", "es"}, {"ita", "it"}, {"por", "pt"}, {"dut", "nl"}, {"nld", "nl"},
    {"swe", "sv"}, {"nor", "no"}, {"nob", "nb"}, {"nno", "nn"}, {"dan", "da"},
    {"fin", "fi"}, {"ice", "is"}, {"isl", "is"}, {"pol", "pl"}, {"cze", "cs"},
    {"ces", "cs"}, {"slo", "sk"}, {"slk", "sk"}, {"hun", "hu"}, {"rum", "ro"},
    {"ron", "ro"}, {"bul", "bg"}, {"rus", "ru"}, {"ukr", "uk"}, {"gre", "el"},
    {"ell", "el"}, {"tur", "tr"}, {"ara", "ar"}, {"heb", "he"}, {"per", "fa"},
    {"fas", "fa"}, {"hin", "hi"}, {"urd", "ur"}, {"ben", "bn"}, {"jpn", "ja"},
    {"chi", "zh"}, {"zho", "zh"}, {"kor", "ko"}, {"vie", "vi"}, {"tha", "th"},
    {"ind", "id"}, {"may", "ms"}, {"msa", "ms"}, {"tgl", "tl"}, {"cat", "ca"},
    {"baq", "eu"}, {"eus", "eu"}, {"glg", "gl"}, {"wel", "cy"}, {"cym", "cy"},
    {"gle", "ga"}, {"est", "et"}, {"lav", "lv"}, {"lit", "lt"}, {"slv", "sl"},
    {"hrv", "hr"}, {"srp", "sr"}, {"bos", "bs"}, {"mac", "mk"}, {"mkd", "mk"},
    {"alb", "sq"}, {"sqi", "sq"}, {"arm", "hy"}, {"hye", "hy"}, {"geo", "ka"},
    {"kat", "ka"}, {"swa", "sw"}, {"afr", "af"}, {"tam", "ta"}, {"lat", "la"},
    // Deprecated two-letter codes (CLD2 still gives "iw" and "jw").
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"},
};

// Language names feeds write instead of codes.
constexpr CodeMapping kLanguageNames[] = {
    {"english", "en"},   {"german", "de"},     {"deutsch", "de"},    {"french", "fr"},
    {"fran\xC3\xA7" "ais", "fr"}, {"francais", "fr"}, {"spanish", "es"},
    {"espa\xC3\xB1ol", "es"}, {"espanol", "es"}, {"italian", "it"}, {"italiano", "it"},
    {"portuguese", "pt"}, {"portugu\xC3\xAAs", "pt"}, {"dutch", "nl"},
    {"nederlands", "nl"}, {"japanese", "ja"},  {"chinese", "zh"},    {"korean", "ko"},
    {"russian", "ru"},    {"arabic", "ar"},    {"swedish", "sv"},    {"svenska", "sv"},
    {"norwegian", "no"},  {"norsk", "no"},     {"danish", "da"},     {"dansk", "da"},
    {"finnish", "fi"},    {"suomi", "fi"},
};

const char* Find(absl::string_view key, const CodeMapping* begin, const CodeMapping* end) {
  for (const CodeMapping* m = begin; m != end; ++m) {
    if (key == m->from) return m->to;
  }
  return nullptr;
}

bool IsAlpha(absl::string_view s) { return !s.empty() && absl::c_all_of(s, absl::ascii_isalpha); }
bool IsAlnum(absl::string_view s) { return !s.empty() && absl::c_all_of(s, absl::ascii_isalnum); }

// The end of the longest prefix of `text` no longer than `limit` bytes that
// does not split a UTF-8 sequence.
size_t Utf8PrefixLength(absl::string_view text, size_t limit) {
  if (text.size() <= limit) return text.size();
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

}  // namespace

std::string NormalizeLanguageTag(absl::string_view declared) {
  absl::string_view tag = absl::StripAsciiWhitespace(declared);
  // Locale spellings: "en_GB.UTF-8", "de_DE@euro".
  tag = tag.substr(0, std::min(tag.find('.'), tag.find('@')));
  if (tag.empty()) return "";
  std::string lower = absl::AsciiStrToLower(tag);
  if (const char* code = Find(lower, std::begin(kLanguageNames), std::end(kLanguageNames))) {
    return code;
  }
  std::vector<std::string> subtags = absl::StrSplit(lower, absl::ByAnyChar("-_"));
  std::string& primary = subtags[0];
  if (!IsAlpha(primary) || primary.size() < 2 || primary.size() > 3) return "";
  if (const char* code = Find(primary, std::begin(kLanguageCodes), std::end(kLanguageCodes))) {
    primary = code;
  }
  if (primary == "und" || primary == "mul" || primary == "zxx" || primary == "mis") return "";
  bool private_use = false;
  for (size_t i = 1; i < subtags.size(); ++i) {
    std::string& subtag = subtags[i];
    if (!IsAlnum(subtag) || subtag.size() > 8) return "";
    if (subtag == "x") private_use = true;
    if (private_use) continue;
    if (subtag.size() == 2 && IsAlpha(subtag)) {
      absl::AsciiStrToUpper(&subtag);  // region: GB
    } else if (subtag.size() == 4 && IsAlpha(subtag)) {
      subtag[0] = absl::ascii_toupper(subtag[0]);  // script: Hant
    }
  }
  return absl::StrJoin(subtags, "-");
}

namespace {

struct Detection {
  std::string tag;   // "" when CLD2 is not confident
  int percent = 0;   // of the text in that language
};

Detection Detect(absl::string_view text) {
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  int valid_prefix_bytes = 0;
  // Checks the UTF-8 itself, so a stray invalid byte gives "" rather than
  // undefined behaviour.
  CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true,
      /*cld_hints=*/nullptr, /*flags=*/0, language3, percent3, normalized_score3,
      /*resultchunkvector=*/nullptr, &text_bytes, &is_reliable, &valid_prefix_bytes);
  if (!is_reliable || language == CLD2::UNKNOWN_LANGUAGE) return {};
  absl::string_view code = CLD2::LanguageCode(language);
  // "un", "xxx", "xx-Latn" (a script, not a language), "zzb" (internal).
  if (code.empty() || code == "un" || code == "xxx" || absl::StartsWith(code, "xx-") ||
      absl::StartsWith(code, "zz")) {
    return {};
  }
  return {NormalizeLanguageTag(code), language3[0] == language ? percent3[0] : 0};
}

}  // namespace

std::string DetectLanguage(absl::string_view utf8) {
  absl::string_view text = absl::StripAsciiWhitespace(utf8);
  text = text.substr(0, Utf8PrefixLength(text, kLanguageDetectBytes));
  if (text.size() < kMinDetectBytes) return "";
  if (text.size() > kLanguageFirstLookBytes) {
    Detection first = Detect(text.substr(0, Utf8PrefixLength(text, kLanguageFirstLookBytes)));
    if (!first.tag.empty() && first.percent >= kLanguageFirstLookPercent) return first.tag;
  }
  return Detect(text).tag;
}

}  // namespace newswire
