#include "services/ingest/normalize/record_limits.h"

#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {
namespace {

TEST(CheckItemCountTest, UpToTheLimitIsOk) {
  EXPECT_TRUE(CheckItemCount(0, "items").ok());
  EXPECT_TRUE(CheckItemCount(kMaxItemsPerRecord, "items").ok());
}

TEST(CheckItemCountTest, AboveTheLimitIsTooCostly) {
  absl::Status status = CheckItemCount(kMaxItemsPerRecord + 1, "RSS items");
  EXPECT_TRUE(IsTooCostly(status)) << status;
  EXPECT_EQ(status.message(), "too costly: 1001 RSS items in one record (limit 1000)");
}

}  // namespace
}  // namespace newswire
