// Normalizer: raw record bytes -> newswire.v1.Story records.
//
// Detects the format from the content (the content-type header is only a
// hint), runs that format's parser, then fills what every story needs the
// same way: id, origin, source URL, word count and default times; times the
// source wrote without an offset are moved to the provider's time zone
// (provider_profiles.h; UTC for a provider it does not know). Pure and
// thread-safe: the same record always gives the same stories, byte for byte.
//
//   Normalizer normalizer(options);
//   absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
//   // result->stories: zero or more stories; when zero, result->no_story_reason
//
// Errors are InvalidArgument with a reason a newsroom engineer can act on
// ("empty record", "binary content", "record too large: ..."); the caller
// sends such records to the DLQ.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_NORMALIZER_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_NORMALIZER_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/rules/format_parser.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "services/ingest/normalize/provider_profiles.h"

namespace newswire {

struct NormalizerOptions {
  // Records larger than this are refused ("record too large").
  size_t max_record_bytes = 2 << 20;
  // CPU time one record may take on its thread for normalize, tag and
  // fingerprint; past it the record fails with ResourceExhausted "too
  // costly: ...". StoryPipeline opens it (common/work_budget.h); Normalize
  // alone only checks a budget its caller opened. Zero or less: no budget.
  absl::Duration record_cpu_budget = absl::Seconds(1);
  // Provider conventions (time zone of times without an offset, default
  // agency credit); null: the built-in table (ProviderProfiles::BuiltIn).
  std::shared_ptr<const ProviderProfiles> provider_profiles;
};

class Normalizer {
 public:
  explicit Normalizer(NormalizerOptions options);

  absl::StatusOr<ParseResult> Normalize(const RawRecord& record) const;

  // The format the record's bytes look like (plain text when nothing else).
  v1::SourceFormat DetectFormat(const RawRecord& record) const;

 private:
  const FormatParser& ParserFor(const ParseInput& input) const;

  NormalizerOptions options_;
  std::vector<FormatParser> parsers_;  // tried in order; the last always matches
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_NORMALIZER_H_
