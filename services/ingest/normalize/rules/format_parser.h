// FormatParser: one entry per format the Normalizer knows, in the order they
// are tried. `sniff` looks at the first bytes and says whether the record is
// in that format (cheap, no full parse); `parse` does the work.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_FORMAT_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_FORMAT_PARSER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

struct FormatParser {
  v1::SourceFormat format;
  bool (*sniff)(const ParseInput& input);
  absl::StatusOr<ParseResult> (*parse)(const ParseInput& input);
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_FORMAT_PARSER_H_
