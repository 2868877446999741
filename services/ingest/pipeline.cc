#include "services/ingest/pipeline.h"

#include <optional>

#include "services/ingest/common/status_macros.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire {

absl::StatusOr<std::unique_ptr<StoryPipeline>> StoryPipeline::Create(
    const PipelineOptions& options) {
  NW_ASSIGN_OR_RETURN(std::unique_ptr<tag::Tagger> tagger, tag::Tagger::Create(options.tagger));
  return std::unique_ptr<StoryPipeline>(new StoryPipeline(options, std::move(tagger)));
}

absl::StatusOr<ParseResult> StoryPipeline::Process(const RawRecord& record) const {
  // One budget for the whole record, checked inside the normalizer's loops too.
  std::optional<ScopedWorkBudget> budget;
  if (cpu_budget_ > absl::ZeroDuration()) budget.emplace(cpu_budget_);
  NW_ASSIGN_OR_RETURN(ParseResult result, normalizer_.Normalize(record));
  for (v1::Story& story : result.stories) {
    NW_RETURN_IF_ERROR(CheckWorkBudget());
    tagger_->Tag(story);
    *story.mutable_fingerprints() = ComputeFingerprints(story);
  }
  NW_RETURN_IF_ERROR(CheckWorkBudget());
  return result;
}

}  // namespace newswire
