// What every format parser takes and gives.
//
// A parser is a free function
//   absl::StatusOr<ParseResult> ParseXxx(const ParseInput& input);
// that fills what its format says (ids, headline, body paragraphs, times,
// subjects, ...) and nothing it would have to guess: the Normalizer then
// fills the rest the same way for every format (dateline, agency from
// credits, language detection, word count, id, origin).
//
// Errors are InvalidArgument with a message "<format>: <reason>", e.g.
// "nitf: no body" or "xml: not well-formed (line 3): ...", made with
// RecordRefused (common/dlq_reason.h) so that they carry their DlqReason:
// the DLQ's metric label and x-newswire-reason header. An error without one
// is counted as "other".
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_PARSE_RESULT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_PARSE_RESULT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

struct ParseInput {
  // The raw record's value, in its own encoding (XML parsers read the
  // declared encoding; text parsers get `utf8`).
  absl::string_view bytes;
  // `bytes` decoded to UTF-8 (legacy bytes read as Windows-1252).
  absl::string_view utf8;
  // The content-type header: a hint only.
  absl::string_view content_type;
  // The source-url header, if any.
  absl::string_view source_url;
};

struct ParseResult {
  // One per text story in the record, in document order.
  std::vector<v1::Story> stories;
  // When `stories` is empty: why ("picture item", "package of links", ...).
  std::string no_story_reason;
  // Per story (same index), the day the agency dates the story's news cycle
  // when the format writes it apart from the time sent: AP's ANPA header
  // date ("11-13"), which AP keeps for a story's leads and write-thrus
  // across midnight GMT. The day of a wire id (story_id.h); missing or
  // nullopt: the UTC day of version_created.
  std::vector<std::optional<absl::CivilDay>> cycle_days;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_PARSE_RESULT_H_
