#include "tests/fuzz/format_parser_fuzz.h"

#include <string>

#include "newswire/v1/story.pb.h"
#include "services/ingest/common/text/text.h"
#include "tests/fuzz/fuzz_invariants.h"

namespace newswire::fuzz {

absl::string_view ContentTypeFor(absl::string_view bytes) {
  static constexpr absl::string_view kContentTypes[] = {
      "", "application/xml", "application/json", "text/plain; charset=utf-8",
      "text/html; charset=iso-8859-1"};
  return kContentTypes[bytes.size() % (sizeof(kContentTypes) / sizeof(kContentTypes[0]))];
}

void FuzzFormatParsers(const std::vector<FormatParser>& parsers, absl::string_view bytes) {
  if (bytes.size() > kMaxRecordBytes) return;
  // What the Normalizer hands every parser: the raw bytes and their UTF-8.
  std::string utf8 = text::ToUtf8(bytes);
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = utf8;
  input.content_type = ContentTypeFor(bytes);
  for (const FormatParser& parser : parsers) {
    if (!parser.sniff(input)) continue;
    CheckOutcome(parser.parse(input), Caller::kParser, v1::SourceFormat_Name(parser.format));
  }
}

}  // namespace newswire::fuzz
