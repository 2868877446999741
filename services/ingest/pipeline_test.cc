#include "services/ingest/pipeline.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/metrics/service_metrics.h"

namespace newswire {
namespace {

using ::testing::StartsWith;

RawRecord Record(std::string value) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.value = std::move(value);
  return record;
}

RawRecord Story() {
  return Record("Quake hits coast\n\nA strong earthquake struck the coast on Monday.\n");
}

// An RSS feed of `items` items: a record that is long to process but passes
// every structural limit.
RawRecord Feed(int items) {
  std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>";
  for (int i = 0; i < items; ++i) {
    absl::StrAppend(&rss, "<item><title>Item ", i, "</title><description>The minister said ",
                    "on Tuesday that the talks would resume.</description></item>");
  }
  return Record(rss + "</channel></rss>");
}

std::unique_ptr<StoryPipeline> Pipeline(absl::Duration budget) {
  PipelineOptions options;
  options.normalizer.record_cpu_budget = budget;
  absl::StatusOr<std::unique_ptr<StoryPipeline>> pipeline = StoryPipeline::Create(options);
  EXPECT_TRUE(pipeline.ok()) << pipeline.status();
  return pipeline.ok() ? *std::move(pipeline) : nullptr;
}

TEST(PipelineBudgetTest, DefaultIsOneSecond) {
  EXPECT_EQ(NormalizerOptions().record_cpu_budget, absl::Seconds(1));
}

TEST(PipelineBudgetTest, TinyBudgetFailsTheRecordAsTooCostly) {
  absl::StatusOr<ParseResult> result = Pipeline(absl::Nanoseconds(1))->Process(Story());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(result.status())) << result.status();
  EXPECT_EQ(result.status().message(), "too costly: CPU budget of 1ns per record spent");
  EXPECT_EQ(DlqReasonOf(result.status()), DlqReason::kTooCostly);
}

TEST(PipelineBudgetTest, OrdinaryRecordsPassTheDefaultBudget) {
  absl::StatusOr<ParseResult> result = Pipeline(absl::Seconds(1))->Process(Story());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->stories.size(), 1u);
}

TEST(PipelineBudgetTest, ZeroMeansNoBudget) {
  absl::StatusOr<ParseResult> result = Pipeline(absl::ZeroDuration())->Process(Story());
  EXPECT_TRUE(result.ok()) << result.status();
}

// A record within the limits that costs more than its budget is stopped at
// the next loop point (here: between feed items), not run to its end. The
// figures go to the log; only a generous liveness bound is asserted.
TEST(PipelineBudgetTest, LongRecordStopsAtItsBudget) {
  // The most items a record may carry (normalize/rules/record_limits.h): about
  // 15 ms of CPU with -c opt, so a 1 ms budget stops it part way.
  const RawRecord feed = Feed(kMaxItemsPerRecord);
  absl::Duration start = CpuClock::Thread()->Now();
  absl::StatusOr<ParseResult> whole = Pipeline(absl::ZeroDuration())->Process(feed);
  const absl::Duration unbudgeted = CpuClock::Thread()->Now() - start;
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->stories.size(), kMaxItemsPerRecord);

  std::unique_ptr<StoryPipeline> pipeline = Pipeline(absl::Milliseconds(1));
  start = CpuClock::Thread()->Now();
  absl::StatusOr<ParseResult> stopped = pipeline->Process(feed);
  const absl::Duration budgeted = CpuClock::Thread()->Now() - start;
  EXPECT_THAT(std::string(stopped.status().message()), StartsWith("too costly: CPU budget"));
  std::fprintf(stderr, "feed of %zu bytes: %.1f ms CPU without a budget, %.1f ms with 1 ms\n",
               feed.value.size(), absl::ToDoubleMilliseconds(unbudgeted),
               absl::ToDoubleMilliseconds(budgeted));
  EXPECT_LT(budgeted, absl::Seconds(10));
}

// A structural limit refuses the record before any parser runs.
TEST(PipelineBudgetTest, OverALimitIsTooCostly) {
  std::string element = "<p";
  for (int i = 0; i < 100000; ++i) absl::StrAppend(&element, " a", i, "=\"1\"");
  absl::StatusOr<ParseResult> result = Pipeline(absl::Seconds(1))->Process(
      Record(absl::StrCat("<?xml version=\"1.0\"?><nitf><body><body.content>", element,
                          ">x</p></body.content></body></nitf>")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "too costly: 100000 attributes on one element (limit 256)");
  EXPECT_EQ(DlqReasonOf(result.status()), DlqReason::kTooCostly);
}

}  // namespace
}  // namespace newswire
