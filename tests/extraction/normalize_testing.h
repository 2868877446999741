// Helpers for the extraction tests: run a file through the real Normalizer
// as `wirectl normalize` would (content-type from the file name).
#ifndef NEWSWIRE_TESTS_EXTRACTION_NORMALIZE_TESTING_H_
#define NEWSWIRE_TESTS_EXTRACTION_NORMALIZE_TESTING_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/normalizer.h"

namespace newswire::extraction {

inline absl::StatusOr<v1::Story> NormalizeBytes(const std::string& bytes,
                                                const std::string& name,
                                                const std::string& source_url = "") {
  RawRecord record;
  record.topic = "test";
  record.key = name;
  record.value = bytes;
  record.headers.push_back({"content-type", absl::EndsWith(name, ".html") ||
                                                    absl::EndsWith(name, ".html.gz")
                                                ? "text/html"
                                                : "text/plain"});
  if (!source_url.empty()) record.headers.push_back({"source-url", source_url});
  Normalizer normalizer{NormalizerOptions()};
  absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
  if (!result.ok()) return result.status();
  if (result->stories.size() != 1) {
    return absl::InternalError("expected one story, got " +
                               std::to_string(result->stories.size()));
  }
  return result->stories[0];
}

}  // namespace newswire::extraction

#endif  // NEWSWIRE_TESTS_EXTRACTION_NORMALIZE_TESTING_H_
