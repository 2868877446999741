// Prints what the corpus oracle (wire_oracle.h) reads from wire files: for
// looking into a disagreement of wire_corpus_oracle_test.
//
//   bazel run //tests/corpus:wire_oracle_dump -- /abs/path/file.xml ...
#include <cstdio>

#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "tests/corpus/corpus_files.h"
#include "tests/corpus/wire_oracle.h"

int main(int argc, char** argv) {
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    absl::StatusOr<std::string> bytes = newswire::test_corpus::ReadFile(argv[i]);
    if (!bytes.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[i], bytes.status().ToString().c_str());
      status = 1;
      continue;
    }
    std::optional<newswire::wire_oracle::FileExpectation> file = newswire::wire_oracle::Read(*bytes);
    if (!file) {
      std::printf("%s: no known wire format\n", argv[i]);
      continue;
    }
    std::printf("%s: %s, %zu stories%s%s\n", argv[i], file->format.c_str(), file->stories.size(),
                file->stories.empty() ? ": " : "", file->no_story_why.c_str());
    for (const newswire::wire_oracle::ExpectedStory& story : file->stories) {
      std::printf("  headline: %s\n  opening:  %.100s\n", story.headline.c_str(),
                  story.first_paragraph.c_str());
      for (const std::string& other : story.other_first_paragraphs) {
        std::printf("  or:       %.100s\n", other.c_str());
      }
      std::printf("  version:  %s (%s)\n",
                  story.version_created
                      ? absl::FormatTime(absl::RFC3339_full, *story.version_created,
                                         absl::UTCTimeZone()).c_str()
                      : "none",
                  story.version_created_field.c_str());
    }
  }
  return status;
}
