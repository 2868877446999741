// Plain-text stories: the first non-empty line is the headline, the rest are
// paragraphs (separated by blank lines, or one per line when there is none).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PLAIN_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PLAIN_TEXT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// Parses `input.utf8` into one story with headline and paragraphs filled.
// InvalidArgument when there is no text at all.
absl::StatusOr<ParseResult> ParsePlainText(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PLAIN_TEXT_H_
