// How the per-record cost of each hostile input class grows with its size:
// CPU time of StoryPipeline::Process (normalize, tag, fingerprint) on the
// calling thread, one record per size, sizes doubling from 16 KiB to just
// under the record limit. A class stops growing once one size costs more
// than --stop_ms. Prints "class bytes cpu_ms outcome" rows.
//
//   bazel run -c opt //tests/bench:hostile_cost -- [--budget_ms=0] [class ...]
//
// --budget_ms=0 (the default here) runs without a CPU budget, to see what
// the limits alone leave; --budget_ms=1000 runs as ingestd does.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/pipeline.h"
#include "tests/bench/hostile_records.h"

ABSL_FLAG(int64_t, budget_ms, 0, "CPU budget per record (0: none).");
ABSL_FLAG(int64_t, stop_ms, 5000, "A class grows no more after a size costing this much.");
ABSL_FLAG(int64_t, max_bytes, (2 << 20) - 1024, "Largest record size tried.");

namespace newswire {
namespace {

std::string Outcome(const absl::StatusOr<ParseResult>& result) {
  if (!result.ok()) return std::string(result.status().message().substr(0, 90));
  return absl::StrCat(result->stories.size(), " stories");
}

int Run(const std::vector<char*>& args) {
  PipelineOptions options;
  options.normalizer.max_record_bytes = 64 << 20;
  options.normalizer.record_cpu_budget = absl::Milliseconds(absl::GetFlag(FLAGS_budget_ms));
  absl::StatusOr<std::unique_ptr<StoryPipeline>> pipeline = StoryPipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  const size_t max_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_bytes));
  std::printf("%-30s %9s %10s  %s\n", "class", "bytes", "cpu_ms", "outcome");
  for (const hostile::HostileClass& c : hostile::HostileClasses()) {
    bool wanted = args.size() <= 1;
    for (size_t i = 1; i < args.size(); ++i) wanted = wanted || c.name == args[i];
    if (!wanted) continue;
    for (size_t bytes = 16 << 10;; bytes = std::min(bytes * 2, max_bytes)) {
      RawRecord record = c.make(bytes);
      const absl::Duration start = CpuClock::Thread()->Now();
      absl::StatusOr<ParseResult> result = (*pipeline)->Process(record);
      const double ms = absl::ToDoubleMilliseconds(CpuClock::Thread()->Now() - start);
      std::printf("%-30s %9zu %10.1f  %s\n", c.name.c_str(), record.value.size(), ms,
                  Outcome(result).c_str());
      std::fflush(stdout);
      if (bytes >= max_bytes || ms > absl::GetFlag(FLAGS_stop_ms)) break;
    }
  }
  return 0;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  return newswire::Run(args);
}
