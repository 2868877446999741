// Golden files: what a person read in a source document, field by field, for
// every story it holds (issue 18). One file per source document:
//
//   testdata/golden/wire/ap.xml.golden          for corpus wire/ap.xml
//   testdata/golden/stories/story-01.txt.golden for testdata/stories/story-01.txt
//
// Format (see testdata/golden/README.md):
//
//   # comments say where in the source a value comes from
//   source: corpus wire/ap.xml        ("corpus <path>" or "testdata <path>")
//   stories: 1
//   [story 1]
//   headline: ...                     one line per field; empty value = empty
//   ...
//   known_wrong: byline -- why        the program still differs on this field
//
// Every field of kGoldenFields must be present in every story block.
// Pure functions; thread-compatible.
#ifndef NEWSWIRE_TESTS_GOLDEN_GOLDEN_FILE_H_
#define NEWSWIRE_TESTS_GOLDEN_GOLDEN_FILE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::golden {

// The fields every story block names, in the order a file writes them.
inline constexpr absl::string_view kGoldenFields[] = {
    "headline",      "byline",          "dateline_place", "dateline_agency", "first_words",
    "last_words",    "paragraphs",      "version",        "first_created",   "version_created",
    "pub_status",    "signal",          "urgency",        "agency",          "editorial_note",
    "credit_line",   "id_scheme",
};

// Fields a block may add: `id`, the exact id (for wire ids).
inline constexpr absl::string_view kOptionalFields[] = {"id"};

struct GoldenStory {
  int number = 0;                             // [story N]
  std::map<std::string, std::string> fields;  // field -> value as written
  std::map<std::string, std::string> known_wrong;  // field -> why
};

struct GoldenFile {
  enum class Origin { kCorpus, kTestdata };
  Origin origin = Origin::kCorpus;
  std::string source;      // path under the corpus root or the workspace's testdata/
  int story_count = 0;     // "stories:"
  std::string error;       // "error:" substring, for a file that must be refused
  std::vector<GoldenStory> stories;
};

// Parses a golden file. InvalidArgument, naming the line, for an unknown key,
// a missing field, a block out of order, or a story count that disagrees with
// the blocks.
absl::StatusOr<GoldenFile> ParseGoldenFile(absl::string_view text);

}  // namespace newswire::golden

#endif  // NEWSWIRE_TESTS_GOLDEN_GOLDEN_FILE_H_
