// For tests over the shared corpus: the stories the Normalizer makes of one
// wire file, with the defaults ingestd uses.
//
//   std::vector<v1::Story> stories = test_corpus::WireStories("ap.xml");
//
// A file that cannot be read or normalized fails the calling test (gtest
// non-fatal failures) and gives no stories. Thread-compatible.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_CORPUS_STORIES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_CORPUS_STORIES_H_

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"

namespace newswire::test_corpus {

inline std::vector<v1::Story> WireStories(const std::string& name) {
  std::optional<std::string> bytes = ReadCorpusFile("wire/" + name);
  EXPECT_TRUE(bytes.has_value()) << name << ": not readable";
  if (!bytes) return {};
  Normalizer normalizer({});
  RawRecord record;
  record.topic = "newswire.raw";
  record.value = *bytes;
  absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
  EXPECT_TRUE(result.ok()) << name << ": " << result.status();
  if (!result.ok()) return {};
  return result->stories;
}

}  // namespace newswire::test_corpus

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_CORPUS_STORIES_H_
