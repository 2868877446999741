#include "services/ingest/serve/thread_budget.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(GrpcThreadBudgetTest, DerivedFromTheSubscriberLimitWithHeadroom) {
  EXPECT_EQ(GrpcThreadBudget(1000, 0).value(), 1000 + kGrpcThreadHeadroom);
  EXPECT_EQ(GrpcThreadBudget(1, 0).value(), 1 + kGrpcThreadHeadroom);
}

TEST(GrpcThreadBudgetTest, AnExplicitBudgetMustLeaveTheHeadroom) {
  EXPECT_EQ(GrpcThreadBudget(2000, 2200).value(), 2200);
  EXPECT_EQ(GrpcThreadBudget(100, 100 + kGrpcThreadHeadroom).value(), 100 + kGrpcThreadHeadroom);
  // The defect: 1000 subscribers allowed, 512 threads.
  absl::StatusOr<int> short_budget = GrpcThreadBudget(1000, 512);
  ASSERT_TRUE(absl::IsInvalidArgument(short_budget.status()));
  EXPECT_NE(short_budget.status().message().find("--grpc_max_threads=512"), std::string::npos);
  EXPECT_NE(short_budget.status().message().find("--max_subscribers=1000"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(
      GrpcThreadBudget(100, 100 + kGrpcThreadHeadroom - 1).status()));
}

TEST(GrpcThreadBudgetTest, RefusesNonsense) {
  EXPECT_FALSE(GrpcThreadBudget(0, 0).ok());
  EXPECT_FALSE(GrpcThreadBudget(-5, 0).ok());
  EXPECT_FALSE(GrpcThreadBudget(10, -1).ok());
}

}  // namespace
}  // namespace newswire
