// Where a file of the repository is when a test runs: in Bazel's runfiles
// tree ($TEST_SRCDIR/$TEST_WORKSPACE/...) under `bazel test`, relative to the
// working directory otherwise (a binary started from the repository root).
//
//   std::string golden = RunfilePath("testdata/golden");
//   absl::StatusOr<std::string> story = ReadFile(RunfilePath("testdata/stories/story-01.txt"));
//
// The file must be a data dependency of the test. The shared news corpus,
// outside the repository, is found with test_corpus::RootFromEnv()
// (tests/corpus/corpus_files.h). Thread-safe.
#ifndef NEWSWIRE_TESTS_TESTING_RUNFILES_H_
#define NEWSWIRE_TESTS_TESTING_RUNFILES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::testing {

// The path of `workspace_relative` ("services/ingest/ingestd") for this test.
std::string RunfilePath(absl::string_view workspace_relative);

}  // namespace newswire::testing

#endif  // NEWSWIRE_TESTS_TESTING_RUNFILES_H_
