#include "tests/testing/runfiles.h"

#include <cstdlib>

#include "gtest/gtest.h"
#include "services/ingest/common/file.h"

namespace newswire::testing {
namespace {

// testdata/stories/story-01.txt is a data dependency; its first line is the
// headline written in that file.
TEST(RunfilePathTest, FindsADataDependency) {
  absl::StatusOr<std::string> story = ReadFile(RunfilePath("testdata/stories/story-01.txt"));
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->substr(0, story->find('\n')), "Harbour authority opens third container terminal");
}

TEST(RunfilePathTest, UnderBazelPathIsSrcdirThenWorkspace) {
  const std::string srcdir = std::getenv("TEST_SRCDIR");
  const std::string workspace = std::getenv("TEST_WORKSPACE");
  EXPECT_EQ(RunfilePath("a/b.txt"), srcdir + "/" + workspace + "/a/b.txt");
}

}  // namespace
}  // namespace newswire::testing
