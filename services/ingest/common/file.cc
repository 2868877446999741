#include "services/ingest/common/file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace newswire {

absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what) {
  const std::string name = what.empty() ? path : absl::StrCat(what, " ", path);
  std::error_code error;
  // A folder opens as a stream and then reads as nothing.
  if (std::filesystem::is_directory(path, error)) {
    return absl::NotFoundError(absl::StrCat(name, ": cannot open (a folder)"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(name, ": cannot open"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(name, ": read error"));
  return bytes.str();
}

}  // namespace newswire
