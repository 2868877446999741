#include "services/ingest/normalize/record_limits.h"

#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {

absl::Status CheckItemCount(size_t count, absl::string_view what) {
  if (count <= kMaxItemsPerRecord) return absl::OkStatus();
  return TooCostlyError(
      absl::StrCat(count, " ", what, " in one record (limit ", kMaxItemsPerRecord, ")"));
}

}  // namespace newswire
