// ANPA keywords (AP's slugs): what the keyword line of a wire story says, as
// a headline and as the story's identity.
//
//   "BC-WEA--Global Weather-Fahrenheit"
//    ^^^ cycle designator (BC- both cycles, AM-, PM-)
//       ^^^^^ desk or category code, ended by "--"
//            ^^^^^^^^^^^^^^^^^^^^^^^^^ the slug words, '-' between parts
//
//   KeywordHeadline("BC-WEA--Global Weather-Fahrenheit")
//     -> "Global Weather - Fahrenheit"
//   KeywordIdentity("BC-US--Giant Lobster Death") -> "us--giantlobsterdeath"
//
// AP keeps one keyword for every lead and write-thru of a story in a cycle
// and sends it, without spaces and cut to 24 characters, in the ANPA header:
// that header form (less the cycle designator, which may change from AM- to
// PM- on a later lead) is the story's key. News alerts all share the keyword
// "APNewsAlert", so it names no story. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_KEYWORD_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_KEYWORD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::wire {

// True for text written as an ANPA keyword: a cycle designator, a desk code
// and "--" ("BC-BBN--Top Ten", "AM-US--Storm"), with no spaces before "--".
// A headline never looks like this.
bool LooksLikeAnpaKeyword(absl::string_view text);

// True for keywords shared by many stories: AP's news alerts
// ("BC-US--APNewsAlert", "APNewsAlert").
bool IsAlertKeyword(absl::string_view keyword);

// The slug words of `keyword` as an editor writes a headline: without the
// cycle designator and desk code; a '-' between parts that hold spaces
// becomes " - " ("Global Weather - Fahrenheit"), one between single words
// stays ("Heat-Hawks"). Empty for an alert keyword or one without words.
std::string KeywordHeadline(absl::string_view keyword);

// `keyword` as a key: spaces removed, cut to the ANPA header's 24
// characters, the cycle designator dropped, lower case
// ("BC-US--APNewsAlert" -> "us--apnewsalert").
std::string KeywordKey(absl::string_view keyword);

// The story key of `keyword`: KeywordKey, but empty for an alert keyword,
// which names no one story.
std::string KeywordIdentity(absl::string_view keyword);

}  // namespace newswire::wire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_KEYWORD_H_
