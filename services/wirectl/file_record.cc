#include "services/wirectl/file_record.h"

#include <sys/stat.h>


#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/status_macros.h"

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
  NW_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  RawRecord record;
  record.value = std::move(bytes);
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
