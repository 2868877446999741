#include "services/ingest/common/error_policy.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire {
namespace {

struct Case {
  ErrorSite site;
  absl::Status status;
  Disposition want;
};

// The table of docs/delivery.md, "Error policy", row by row.
TEST(ErrorPolicyTest, EverySituationHasItsDisposition) {
  const Case cases[] = {
      // The consumer: only fatal errors come out of RawSource::Poll.
      {ErrorSite::kConsume, absl::InternalError("fatal kafka error _FENCED"), Disposition::kStop},
      {ErrorSite::kConsume, absl::UnavailableError("anything"), Disposition::kStop},
      // Bad input, whatever its code, is dead-lettered; never stops.
      {ErrorSite::kNormalize, absl::InvalidArgumentError("binary content"),
       Disposition::kDeadLetter},
      {ErrorSite::kNormalize, absl::ResourceExhaustedError("too costly: 300 attributes"),
       Disposition::kDeadLetter},
      {ErrorSite::kNormalize, absl::InternalError("parser invariant"), Disposition::kDeadLetter},
      {ErrorSite::kNormalize, absl::UnknownError("?"), Disposition::kDeadLetter},
      // Producing a story or a DLQ copy.
      {ErrorSite::kProduce, absl::InternalError("fatal producer error"), Disposition::kStop},
      {ErrorSite::kProduce, absl::ResourceExhaustedError("producer queue full"),
       Disposition::kRetry},
      {ErrorSite::kProduce, absl::UnavailableError("broker down"), Disposition::kRetry},
      {ErrorSite::kProduce, absl::DeadlineExceededError("message timed out"),
       Disposition::kRetry},
      {ErrorSite::kProduce, absl::NotFoundError("unknown topic"), Disposition::kRetry},
      {ErrorSite::kProduce, absl::OutOfRangeError("message too large"), Disposition::kDeadLetter},
      {ErrorSite::kProduce, absl::InvalidArgumentError("invalid arg"), Disposition::kDeadLetter},
      {ErrorSite::kProduce, absl::FailedPreconditionError("invalid timestamp"),
       Disposition::kDeadLetter},
      // A DLQ reference (or unreadable stand-in) refused for good: nothing smaller exists.
      {ErrorSite::kProduceLastResort, absl::OutOfRangeError("message too large"),
       Disposition::kStop},
      {ErrorSite::kProduceLastResort, absl::FailedPreconditionError("invalid record"),
       Disposition::kStop},
      {ErrorSite::kProduceLastResort, absl::InternalError("fatal"), Disposition::kStop},
      {ErrorSite::kProduceLastResort, absl::UnavailableError("broker down"), Disposition::kRetry},
      {ErrorSite::kProduceLastResort, absl::ResourceExhaustedError("queue full"),
       Disposition::kRetry},
      // Storing a raw offset.
      {ErrorSite::kStoreOffset, absl::FailedPreconditionError("not assigned"),
       Disposition::kLogAndContinue},
      {ErrorSite::kStoreOffset, absl::InternalError("store offset: _INVALID_ARG"),
       Disposition::kStop},
      // The view.
      {ErrorSite::kFold, absl::InternalError("rocksdb write"), Disposition::kStop},
      {ErrorSite::kFold, absl::DataLossError("corrupt store"), Disposition::kStop},
      // Shutdown.
      {ErrorSite::kShutdownFlush, absl::DeadlineExceededError("flush: 3 messages left"),
       Disposition::kLogAndContinue},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(std::string(DispositionName(ErrorDisposition(c.site, c.status))),
              std::string(DispositionName(c.want)))
        << "site " << static_cast<int>(c.site) << ", " << c.status;
  }
}

TEST(ErrorPolicyTest, DispositionNames) {
  EXPECT_EQ(DispositionName(Disposition::kStop), "stop");
  EXPECT_EQ(DispositionName(Disposition::kRetry), "retry");
  EXPECT_EQ(DispositionName(Disposition::kDeadLetter), "dead_letter");
  EXPECT_EQ(DispositionName(Disposition::kLogAndContinue), "log_and_continue");
}

}  // namespace
}  // namespace newswire
