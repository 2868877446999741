#include "tests/testing/runfiles.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace newswire::testing {

std::string RunfilePath(absl::string_view workspace_relative) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  if (srcdir == nullptr || *srcdir == '\0') return std::string(workspace_relative);
  const char* workspace = std::getenv("TEST_WORKSPACE");
  // The workspace name set in WORKSPACE, when TEST_WORKSPACE is not given.
  if (workspace == nullptr || *workspace == '\0') workspace = "newswire";
  return absl::StrCat(srcdir, "/", workspace, "/", workspace_relative);
}

}  // namespace newswire::testing
