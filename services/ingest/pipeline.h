// StoryPipeline: the per-record code that ingestd and `wirectl normalize`
// share: normalize (detect, parse, enrich), tag, fingerprint.
//
//   auto pipeline = StoryPipeline::Create(options);
//   absl::StatusOr<ParseResult> result = (*pipeline)->Process(record);
//
// Pure and thread-safe: the same record always gives the same stories.
// Each record has options.normalizer.record_cpu_budget of CPU time on its
// thread for all three; a record that spends it fails with ResourceExhausted
// "too costly: ..." (see common/work_budget.h).
#ifndef NEWSWIRE_SERVICES_INGEST_PIPELINE_H_
#define NEWSWIRE_SERVICES_INGEST_PIPELINE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "services/ingest/tag/tagger.h"

namespace newswire {

struct PipelineOptions {
  NormalizerOptions normalizer;
  tag::TaggerOptions tagger;  // model and mapping files; defaults built in
};

class StoryPipeline {
 public:
  static absl::StatusOr<std::unique_ptr<StoryPipeline>> Create(const PipelineOptions& options);

  absl::StatusOr<ParseResult> Process(const RawRecord& record) const;

 private:
  StoryPipeline(const PipelineOptions& options, std::unique_ptr<tag::Tagger> tagger)
      : normalizer_(options.normalizer),
        cpu_budget_(options.normalizer.record_cpu_budget),
        tagger_(std::move(tagger)) {}

  Normalizer normalizer_;
  absl::Duration cpu_budget_;
  std::unique_ptr<tag::Tagger> tagger_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_PIPELINE_H_
