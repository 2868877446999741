// The lines wire copy prints above a story's lead that are not body text:
// byline lines and editor's notes. EnrichStory (enrich.h) reads the head of
// every story's paragraphs with these, whatever the format.
//
//   ParseBylineLine("By Arpan Varghese")            -> "By Arpan Varghese"
//   ParseBylineLine("Von Bettina Grachtrup, dpa")   -> "Von Bettina Grachtrup, dpa"
//   ParseBylineLine("By Monday the river had ...")  -> nullopt
//   ParseEditorNote("(Adds comments, detail)")      -> "Adds comments, detail"
//   ParseEditorNote("Eds: With AP Photos.")         -> "Eds: With AP Photos."
//   IsSummaryBullet("* Spot gold may edge up ...")  -> true
//
// The agencies' conventions: Reuters heads a story with "(Adds ...)",
// "(Updates ...)", "(Corrects ...)" or "(In Jan. 3 story, corrects ...)",
// then summary bullets, then "By NAME", then the datelined lead; AP prints
// "By NAME, Associated Press" and notes as "Eds: ..."; dpa "Von NAME, dpa";
// AFP "Par NAME"; EFE "Por NAME"; NTB and TT "Av NAME", Ritzau "Af NAME",
// ANP "Door NAME". A note may be in another language of the
// agencies ("(Aktualisierung: ...)", "(Actualiza ...)", "(Korjattu ...)").
//
// Pure and thread-safe. Input is one whitespace-collapsed paragraph.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HEAD_LINES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HEAD_LINES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// The byline as printed when `paragraph` is a byline line and nothing else:
// "By", "Von", "Par", "Por", "Av", "Af" or "Door", then names (capitalised words and the small
// words between them), then optionally comma'd affiliations ("AP Business
// Writer") and an agency in parentheses. A sentence ("By Monday, the ...",
// "Von Berlin aus fuhr ...") is not a byline.
std::optional<std::string> ParseBylineLine(absl::string_view paragraph);

// The note when `paragraph` is an editor's note and nothing else: a
// parenthesis whose first word is a note word ("Eds", "Adds", "Corrects",
// "Updates", "Recasts", "Refiles", ...; "(In <date> story, corrects ...)"),
// without its parentheses; or a line opening "Eds:", "Editor's note:" or
// "Note to editors:", as printed; or a notice that the story replaces an
// earlier one (IsReplaceNotice), as printed with letter spacing undone.
std::optional<std::string> ParseEditorNote(absl::string_view paragraph);

// True when `note` (an editorial note, as ParseEditorNote gives it or as the
// metadata has it) opens by saying the story corrects an earlier one:
// "Corrects spelling of name", "In Jan. 3 story, corrects ...",
// "Berichtigung: ...", "Korjattu aiempaa uutista: ...", "Rettelse: ...",
// "The following corrects and replaces the release ...".
// A note that only mentions a correction further on is not one.
bool IsCorrectionNote(absl::string_view note);

// True when `note` says the story replaces an earlier one: a replace verb
// closing with ':' in its first five words (ANP "Nieuw bericht, vervangt:
// <earlier headline>", "Correctie, vervangt: ..."; "ersetzt:", "remplace :"),
// or "corrects and replaces" in its first words, as press-release services
// head a corrected release ("The following corrects and replaces ...", "Le
// communiqué suivant corrige et remplace ..."), in the agencies' languages.
// The second form is also a correction (IsCorrectionNote).
bool IsReplaceNotice(absl::string_view note);

// True when a byline field holds a sentence rather than names: five words
// or more, most of them in lower case, without "By"/"Von"/... ("Situation
// serious, ready for all scenarios says EC": ANSA's subtitle in NITF
// <byline>, as Belga delivers it). "Jane Doe, AP Business Writer" and
// "Von Bettina Grachtrup, dpa" are bylines.
bool IsSentenceNotByline(absl::string_view byline);

// The line under a byline line that names the writer's role or employer
// ("Associated Press Writer", "AP Sports Writer", "Press Association",
// "dpa"): AP and PA print it on a line of its own.
bool IsBylineAffiliation(absl::string_view paragraph);

// A press-release service's metadata line above the release, fields set
// between " | " and the first the time of release: "2.4.2019 16:02:09 CEST
// | Cypress Test publisher | Annual report" (Solita/NTB releases). The
// record has the time, the issuer and the kind in its own fields.
bool IsReleaseMetadataLine(absl::string_view paragraph);

// A summary bullet above the lead ("* Spot gold may ...", "• ...", "- ...").
// It is body text, but the dateline is on the lead below it.
bool IsSummaryBullet(absl::string_view paragraph);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_HEAD_LINES_H_
