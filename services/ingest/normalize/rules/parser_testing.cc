#include "services/ingest/normalize/rules/parser_testing.h"

#include "absl/time/time.h"
#include "services/ingest/common/text/text.h"

namespace newswire::parser_testing {

ParseInput InputFor(absl::string_view text) {
  ParseInput input;
  input.bytes = text;
  input.utf8 = text;
  return input;
}

absl::StatusOr<ParseResult> ParseRecord(ParseFunction parse, absl::string_view bytes) {
  const std::string utf8 = text::ToUtf8(bytes);
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = utf8;
  return parse(input);
}

std::string Utc(const google::protobuf::Timestamp& time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

}  // namespace newswire::parser_testing
