#include "services/ingest/common/raw_record.h"

#include "absl/strings/match.h"

namespace newswire {

std::optional<std::string> RawRecord::Header(absl::string_view name) const {
  for (const auto& [header_name, header_value] : headers) {
    if (absl::EqualsIgnoreCase(header_name, name)) return header_value;
  }
  return std::nullopt;
}

}  // namespace newswire
