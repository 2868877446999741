// Story language as a BCP 47 tag: declared tags brought to canonical form,
// undeclared ones detected from the text with CLD2.
//
//   NormalizeLanguageTag("en_GB")  -> "en-GB"
//   NormalizeLanguageTag("ger")    -> "de"
//   NormalizeLanguageTag("und")    -> ""      (says nothing)
//   DetectLanguage("Der Stadtrat hat am Dienstag ...")  -> "de"
//
// Pure and thread-safe (CLD2 keeps no mutable state). CLD2 is included only
// in language.cc.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_LANGUAGE_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_LANGUAGE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// A declared language ("EN", "en_gb", "zh-hant-tw", "eng", "deu", "English")
// as a canonical BCP 47 tag: primary language lower case and two-letter where
// ISO 639-1 has one, script title case, region upper case ("zh-Hant-TW").
// Deprecated codes become current ones ("iw" -> "he"). "" when `declared` is
// empty, not a tag we can read, or says nothing ("und", "mul", "zxx").
std::string NormalizeLanguageTag(absl::string_view declared);

// Bytes of text DetectLanguage reads at most: CLD2 is reliable on a few
// hundred bytes of prose, and reading whole stories made it a sixth of
// ingest's CPU. On the corpus (790 stories, 9 languages) 1 KiB and 2 KiB
// detect the same languages.
inline constexpr size_t kLanguageDetectBytes = 1024;

// DetectLanguage looks at the first kLanguageFirstLookBytes first and stops
// there when CLD2 is confident and finds at least kLanguageFirstLookPercent
// of them in one language, as in most stories; otherwise (mixed or
// uncertain text) it reads kLanguageDetectBytes. A CLD2 call costs about
// 10 us plus 21 us per KiB: the first look saves a third.
inline constexpr size_t kLanguageFirstLookBytes = 512;
inline constexpr int kLanguageFirstLookPercent = 90;

// The language of `utf8` plain text as a BCP 47 tag ("en", "ja", "zh",
// "zh-Hant"), or "" when the text is shorter than 20 bytes or CLD2 is not
// confident. Reads at most the first kLanguageDetectBytes, cut on a
// character boundary (and often only kLanguageFirstLookBytes).
std::string DetectLanguage(absl::string_view utf8);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_LANGUAGE_H_
