#include "services/ingest/normalize/page_text.h"

#include "absl/status/status.h"

namespace newswire {

bool LooksLikePageText(const ParseInput& input) { return false; }

absl::StatusOr<ParseResult> ParsePageText(const ParseInput& input) {
  return absl::InvalidArgumentError("page text: no story body");
}

}  // namespace newswire
