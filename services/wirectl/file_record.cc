#include "services/wirectl/file_record.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newswire {

std::string GuessContentType(const std::string& path) {
  std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".xml")) return "application/xml";
  if (absl::EndsWith(lower, ".json")) return "application/json";
  if (absl::EndsWith(lower, ".html") || absl::EndsWith(lower, ".htm")) return "text/html";
  return "text/plain";
}

absl::StatusOr<RawRecord> RecordFromFile(const std::string& path, const std::string& content_type,
                                         const std::string& source_url) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  RawRecord record;
  record.value = bytes.str();
  std::string url = source_url.empty() ? path : source_url;
  record.key = url;
  record.headers.emplace_back(std::string(kHeaderContentType),
                              content_type.empty() ? GuessContentType(path) : content_type);
  record.headers.emplace_back(std::string(kHeaderSourceUrl), url);
  struct stat info;
  if (stat(path.c_str(), &info) == 0) record.timestamp = absl::FromUnixSeconds(info.st_mtime);
  return record;
}

}  // namespace newswire
