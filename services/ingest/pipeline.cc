#include "services/ingest/pipeline.h"

#include "services/ingest/common/status_macros.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire {

absl::StatusOr<std::unique_ptr<StoryPipeline>> StoryPipeline::Create(
    const PipelineOptions& options) {
  NW_ASSIGN_OR_RETURN(std::unique_ptr<tag::Tagger> tagger, tag::Tagger::Create(options.tagger));
  return std::unique_ptr<StoryPipeline>(new StoryPipeline(options, std::move(tagger)));
}

absl::StatusOr<ParseResult> StoryPipeline::Process(const RawRecord& record) const {
  NW_ASSIGN_OR_RETURN(ParseResult result, normalizer_.Normalize(record));
  for (v1::Story& story : result.stories) {
    tagger_->Tag(story);
    *story.mutable_fingerprints() = ComputeFingerprints(story);
  }
  return result;
}

}  // namespace newswire
