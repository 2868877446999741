// ANPA-1312 (NAA 89-3) wire text, as AP transmits it, to a Story.
//
// Message layout (control characters in angle brackets):
//   <SYN><SYN><SOH><service level><message number><US><selector codes> LF
//   <priority> <category><DC3|DC4><DC1|DC2> <keyword> [<version>] <mm-dd> <words>
//   <STX> text <ETX> trailer ("AP-WF-11-13-13 1509GMT") ... <EOT>
// The text opens with '^' lines: the keyword repeated in full with its
// version ("^BC-US--Giant Lobster Death, 1st Ld-Writethru,127<"), the
// headline, an optional summary, editorial notes ("^Eds: ..."), photo
// references and the byline with its title ("^By JANE DOE=", "^AP Writer=").
// Paragraphs follow, each starting with a tab. '<' and '=' end lines (quad
// left, quad centre). Tables (DC2 format) send rows starting with BS, with
// DLE as a fixed space inside a cell.
//
// Story fields: headline, subheadline (summary line), byline ("By X, Title"),
// paragraphs, editorial_note, slugline (the full keyword), urgency (from the
// priority), subjects {"anpa-category", <category>} and source_section,
// signal / version / pub_status from the version words ("1st Ld-Writethru":
// update, version 2; "Correction"; "Kill": kill, canceled), version_created
// from the trailer, agency "AP" when the message is AP's (AP-WF trailer,
// "(AP)" dateline or an Associated Press byline). Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_ANPA_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_ANPA_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True when the record starts (after line breaks) with SYN... SOH, or with SOH
// and an ANPA message number ("W2870") and US.
bool SniffAnpa(const ParseInput& input);

// InvalidArgument "anpa: ..." when there is no text between STX and ETX.
absl::StatusOr<ParseResult> ParseAnpa(const ParseInput& input);

// IPTC urgency for an ANPA-1312 priority code; 0 for codes without one.
int32_t AnpaPriorityToUrgency(char priority);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_ANPA_H_
