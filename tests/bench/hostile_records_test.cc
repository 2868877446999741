// The acceptance table: every hostile input class at the record size limit
// (2 MiB) through StoryPipeline as ingestd runs it (default limits and CPU
// budget), one record each, CPU time of the calling thread. Prints
//   class | bytes | CPU ms | outcome
// to the test log and asserts what must hold whatever the machine: each
// record gives stories or an error with a reason (InvalidArgument, or
// ResourceExhausted "too costly: ..."), never a crash, and a generous
// liveness bound on its CPU time. Figures (run -c opt for real ones):
//   bazel test -c opt //tests/bench:hostile_records_test --test_output=all
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/pipeline.h"
#include "tests/bench/hostile_records.h"

namespace newswire {
namespace {

TEST(HostileRecordsTest, EveryClassAtTheSizeLimitIsBounded) {
  PipelineOptions options;
  absl::StatusOr<std::unique_ptr<StoryPipeline>> pipeline = StoryPipeline::Create(options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status();
  const size_t bytes = options.normalizer.max_record_bytes;
  double worst_ms = 0;
  std::string worst;
  std::fprintf(stderr, "| input class | bytes | CPU ms | outcome |\n| --- | ---: | ---: | --- |\n");
  for (const hostile::HostileClass& c : hostile::HostileClasses()) {
    const RawRecord record = c.make(bytes);
    const absl::Duration start = CpuClock::Thread()->Now();
    const absl::StatusOr<ParseResult> result = (*pipeline)->Process(record);
    const double ms = absl::ToDoubleMilliseconds(CpuClock::Thread()->Now() - start);
    const std::string outcome =
        result.ok() ? absl::StrCat(result->stories.size(), " stories")
                    : std::string(result.status().message().substr(0, 80));
    std::fprintf(stderr, "| %s | %zu | %.1f | %s |\n", c.name.c_str(), record.value.size(), ms,
                 outcome.c_str());
    if (ms > worst_ms) {
      worst_ms = ms;
      worst = c.name;
    }
    EXPECT_TRUE(result.ok() || absl::IsInvalidArgument(result.status()) ||
                IsTooCostly(result.status()))
        << c.name << ": " << result.status();
    EXPECT_LE(record.value.size(), bytes) << c.name;
    EXPECT_LT(ms, 10'000) << c.name << " is not bounded";
  }
  std::fprintf(stderr, "worst: %s, %.1f ms CPU\n", worst.c_str(), worst_ms);
}

}  // namespace
}  // namespace newswire
