#include "services/ingest/common/error_policy.h"

namespace newswire {
namespace {

// The broker or the client refuses this message for good (record_io.h):
// too large, invalid record or timestamp.
bool RefusedForGood(const absl::Status& status) {
  return absl::IsOutOfRange(status) || absl::IsInvalidArgument(status) ||
         absl::IsFailedPrecondition(status);
}

}  // namespace

Disposition ErrorDisposition(ErrorSite site, const absl::Status& status) {
  if (status.ok()) return Disposition::kLogAndContinue;
  switch (site) {
    case ErrorSite::kNormalize:
      // Whatever the code: stopping would re-read the record at restart.
      return Disposition::kDeadLetter;
    case ErrorSite::kConsume:
    case ErrorSite::kFold:
      // The consumer gives only fatal errors; a view that cannot read its
      // log or write its store cannot go on.
      return Disposition::kStop;
    case ErrorSite::kStoreOffset:
      // Not assigned any more: a rebalance took the partition; its next
      // owner re-reads from the last commit and the fold drops replays.
      return absl::IsFailedPrecondition(status) ? Disposition::kLogAndContinue
                                                : Disposition::kStop;
    case ErrorSite::kShutdownFlush:
      return Disposition::kLogAndContinue;
    case ErrorSite::kProduce:
    case ErrorSite::kProduceLastResort:
      if (absl::IsInternal(status)) return Disposition::kStop;
      if (RefusedForGood(status)) {
        return site == ErrorSite::kProduce ? Disposition::kDeadLetter : Disposition::kStop;
      }
      // Queue full, unavailable, timed out, unknown topic: may succeed later.
      return Disposition::kRetry;
  }
  return Disposition::kStop;
}

absl::string_view DispositionName(Disposition disposition) {
  switch (disposition) {
    case Disposition::kStop:
      return "stop";
    case Disposition::kRetry:
      return "retry";
    case Disposition::kDeadLetter:
      return "dead_letter";
    case Disposition::kLogAndContinue:
      break;
  }
  return "log_and_continue";
}

}  // namespace newswire
