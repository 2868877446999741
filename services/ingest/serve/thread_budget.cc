#include "services/ingest/serve/thread_budget.h"

#include "absl/strings/str_cat.h"

namespace newswire {

absl::StatusOr<int> GrpcThreadBudget(int max_subscribers, int requested_threads) {
  if (max_subscribers < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max_subscribers must be at least 1, not ", max_subscribers));
  }
  if (requested_threads < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--grpc_max_threads must be 0 (derived) or positive, not ", requested_threads));
  }
  const int needed = max_subscribers + kGrpcThreadHeadroom;
  if (requested_threads == 0) return needed;
  if (requested_threads < needed) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--grpc_max_threads=", requested_threads, " is below --max_subscribers=", max_subscribers,
        " + ", kGrpcThreadHeadroom,
        " threads for unary calls and health probes: subscribers would be refused by the "
        "thread quota before the subscriber limit; raise it to at least ",
        needed, " or leave it 0 to derive it"));
  }
  return requested_threads;
}

}  // namespace newswire
