// CPU cost of every case of the hostile suite (tests/hostile) through
// StoryPipeline as ingestd runs it (default limits, --budget_ms of CPU per
// record), one record each, on the calling thread. Prints
//   case  bytes  cpu_ms  outcome
// and the worst case last. Arguments are parts of case names to keep
// (none: every case), as NEWSWIRE_HOSTILE_CASES in the e2e test.
//
//   bazel run -c opt //tests/bench:hostile_suite_cost -- [--budget_ms=0] [nitf/ rss/ ...]
//
// --budget_ms=0 runs without a budget, to see what the limits alone leave.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/pipeline.h"
#include "tests/hostile/hostile_records.h"

ABSL_FLAG(int64_t, budget_ms, 1000, "CPU budget per record (0: none).");

namespace newswire {
namespace {

RawRecord ToRawRecord(const hostile::HostileCase& c) {
  RawRecord record;
  record.topic = "hostile.raw";
  record.key = c.key.value_or("");
  record.value = c.value.value_or("");
  record.value_is_null = !c.value.has_value();
  record.headers = c.headers;
  return record;
}

int Run(const std::vector<char*>& args) {
  PipelineOptions options;
  options.normalizer.record_cpu_budget = absl::Milliseconds(absl::GetFlag(FLAGS_budget_ms));
  absl::StatusOr<std::unique_ptr<StoryPipeline>> pipeline = StoryPipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  double worst_ms = 0;
  std::string worst;
  std::printf("%-44s %9s %9s  %s\n", "case", "bytes", "cpu_ms", "outcome");
  for (const hostile::HostileCase& c : hostile::AllHostileCases()) {
    bool wanted = args.size() <= 1;
    for (size_t i = 1; i < args.size(); ++i) wanted = wanted || absl::StrContains(c.name, args[i]);
    if (!wanted) continue;
    const RawRecord record = ToRawRecord(c);
    const absl::Duration start = CpuClock::Thread()->Now();
    const absl::StatusOr<ParseResult> result = (*pipeline)->Process(record);
    const double ms = absl::ToDoubleMilliseconds(CpuClock::Thread()->Now() - start);
    std::string outcome;
    if (!result.ok()) {
      outcome = std::string(result.status().message().substr(0, 100));
    } else {
      outcome = absl::StrCat(result->stories.size(), " stories");
      if (!result->stories.empty()) {
        absl::StrAppend(&outcome, ", first: ", result->stories[0].paragraphs_size(), " paragraphs, ",
                        result->stories[0].headline().size(), " B headline");
      }
    }
    std::printf("%-44s %9zu %9.1f  %s\n", c.name.c_str(), c.WireBytes(), ms, outcome.c_str());
    std::fflush(stdout);
    if (ms > worst_ms) {
      worst_ms = ms;
      worst = c.name;
    }
  }
  std::printf("worst: %s, %.1f ms CPU\n", worst.c_str(), worst_ms);
  return 0;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  return newswire::Run(args);
}
