// IPTC 7901 (the IPTC recommended message format for news wire text), as dpa
// transmits it, to a Story.
//
// Message layout (control characters in angle brackets):
//   <SOH><service id><number> <priority> <category> <word count> [<optional>] <source> <number>
//   <keyword line: "Germany-politics/">
//   <STX>[<flag line: "EXTRA", "(Achtung)">] <headline> [<byline>] " =" ...
//   paragraphs (wrapped lines; blank lines or indents between paragraphs)
//   [# Notebook ... not for publication ...] [<signature: "dpa wsz jln">]
//   <ETX><transmission time "131137 GMT Nov 13": day, hour, minute, month, year>
//   ... <EOT>
//
// Story fields: headline, byline, paragraphs, editorial_note (flag lines and
// the notebook), copyright (a "(c)" line of the notebook), slugline and
// keywords (the keyword line), urgency (the priority digit), subjects
// {"iptc7901-category", <category>} and source_section, agency and provider
// (the source field: "DPA", "dpa"), signal (flag words: correction, kill),
// version_created (the transmission time). Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_IPTC7901_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_IPTC7901_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True when the record starts (after line breaks and DEL fill) with SOH and
// a 7901 header line: a service id, a priority digit and a category. A
// capture without control codes is 7901 too when its first line is such a
// header line and its last the transmission time ("101137 GMT Dez 18"); its
// text starts below the keyword lines.
bool SniffIptc7901(const ParseInput& input);

// InvalidArgument "iptc7901: ..." when the message has no text.
absl::StatusOr<ParseResult> ParseIptc7901(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_IPTC7901_H_
