#include "services/wirectl/dedup_command.h"

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/json_log.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/view/fold.h"
#include "services/ingest/view/view_state.h"
#include "services/wirectl/file_record.h"

namespace newswire {

absl::Status RunDedup(const std::vector<std::string>& files, const DedupCommandOptions& options,
                      std::ostream& out, std::ostream& err) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    absl::StrCat("wirectl-dedup-", getpid());
  std::filesystem::remove_all(dir);
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() { std::filesystem::remove_all(dir); }
  } cleanup{dir};
  NW_ASSIGN_OR_RETURN(std::unique_ptr<StoryPipeline> pipeline, StoryPipeline::Create({}));
  NW_ASSIGN_OR_RETURN(std::unique_ptr<StoryStore> store, StoryStore::Open({.path = dir.string()}));
  NearDuplicateIndex::Options index_options;
  index_options.window = options.window;
  NW_ASSIGN_OR_RETURN(std::unique_ptr<ViewState> state,
                      ViewState::Open(store.get(), index_options));
  int64_t log_offset = 0;
  int errors = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    absl::StatusOr<RawRecord> record = RecordFromFile(files[i], "", "");
    if (!record.ok()) {
      err << "wirectl dedup: " << record.status().message() << "\n";
      ++errors;
      continue;
    }
    record->topic = "file";
    record->offset = static_cast<int64_t>(i);
    absl::StatusOr<ParseResult> result = pipeline->Process(*record);
    if (!result.ok()) {
      err << "wirectl dedup: " << files[i] << ": " << result.status().message() << "\n";
      ++errors;
      continue;
    }
    for (const v1::Story& story : result->stories) {
      LogRecord log_record{log_offset++, record->timestamp, story.SerializeAsString()};
      NW_ASSIGN_OR_RETURN(FoldStep step, FoldRecord(log_record, *state));
      NW_RETURN_IF_ERROR(state->Apply(step));
      const v1::Dedup& dedup = step.event.has_value() ? step.event->story().dedup() : v1::Dedup();
      out << "{\"file\":" << JsonQuote(files[i]) << ",\"id\":" << JsonQuote(story.id())
          << ",\"headline\":" << JsonQuote(story.headline()) << ",\"dedup\":{\"kind\":"
          << JsonQuote(v1::DedupKind_Name(step.decision)) << ",\"duplicate_of\":"
          << JsonQuote(dedup.duplicate_of()) << ",\"similarity\":" << dedup.similarity()
          << ",\"containment\":" << dedup.containment() << ",\"words\":"
          << story.fingerprints().canonical_words() << "},\"family_id\":"
          << JsonQuote(step.event.has_value() ? step.event->story().family_id() : "") << "}\n";
    }
  }
  if (errors > 0) return absl::InvalidArgumentError(absl::StrCat(errors, " files could not be read"));
  return absl::OkStatus();
}

}  // namespace newswire
