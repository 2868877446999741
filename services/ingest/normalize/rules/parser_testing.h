// Test helpers for the format parsers' unit tests (xml_*, wire_*, json_*):
// a record handed to a parser as the Normalizer hands it over, and times
// printed for comparison with what a source document says.
//
//   absl::StatusOr<ParseResult> Parse(const std::string& bytes) {
//     return parser_testing::ParseRecord(ParseNitf, bytes);
//   }
//   EXPECT_EQ(parser_testing::Utc(story.version_created()), "2022-11-07T03:21:00Z");
//
// Test-only; thread-compatible.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSER_TESTING_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSER_TESTING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire::parser_testing {

using ParseFunction = absl::StatusOr<ParseResult> (*)(const ParseInput& input);

// An input whose bytes are `text` and already UTF-8 (sniffers, records built
// in a test). `text` must outlive the input.
ParseInput InputFor(absl::string_view text);

// `parse` over `bytes` as the Normalizer calls it: `bytes` unchanged (the XML
// parsers read their declared encoding) and decoded to UTF-8 by
// text::ToUtf8 (the text and JSON parsers read that).
absl::StatusOr<ParseResult> ParseRecord(ParseFunction parse, absl::string_view bytes);

// A time's whole seconds in UTC, as "2022-11-07T03:21:00Z".
std::string Utc(const google::protobuf::Timestamp& time);

}  // namespace newswire::parser_testing

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PARSER_TESTING_H_
