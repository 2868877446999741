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
// "nitf: no body" or "xml: not well-formed (line 3): ...": the text before
// the first ':' becomes the DLQ reason label.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSE_RESULT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSE_RESULT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
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
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSE_RESULT_H_
