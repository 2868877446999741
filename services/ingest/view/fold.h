// The view's fold: one record of the stories log in, one decision out.
//
// FoldRecord is a pure function of the log record and the view state it reads
// through ViewReader; it never reads the wall clock, so the same log folded
// twice, or by two replicas, decides the same way byte for byte. The caller
// (ViewFolder) writes the returned FoldStep to the store in one batch, with
// the log offset it came from, before folding the next record.
//
// Decisions, in this order: replay (origin already applied, or the same
// content resent under its id; dropped); new version of a known id (update,
// correction, kill) or old version (older or equal, differs; recorded, not
// current); exact duplicate (the same canonical text as another story's
// current version); near duplicate (an edited copy within the window, by
// MinHash resemblance and containment); contains earlier (holds most of an
// indexed story and adds text: a write-thru after its urgent); else new
// story. Undecodable records
// are skipped with an error, their offset still applied so the log never
// stalls.
//
// Families: every event's story gets a family_id: its own id when new, the
// family of the story it copies or contains, or of its id's current version.
// The family is read from the state, so it is as deterministic as the rest.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_FOLD_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_FOLD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "newswire/v1/news_service.pb.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/log_record.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"

namespace newswire {

// Position of a story in the raw topic: the raw record's offset and the
// story's index among that record's stories.
struct RawPosition {
  int64_t offset = 0;
  int32_t index = 0;
  bool operator<=(const RawPosition& other) const {
    return offset < other.offset || (offset == other.offset && index <= other.index);
  }
};

// Highest raw position applied per raw (topic, partition).
struct ReplayMark {
  std::string topic;
  int32_t partition = 0;
  RawPosition position;
};

// Read access to the view state the fold decides on.
class ViewReader {
 public:
  virtual ~ViewReader() = default;
  // Highest raw position applied for (topic, partition), if any.
  virtual absl::StatusOr<std::optional<RawPosition>> ReplayMarkFor(
      const std::string& topic, int32_t partition) const = 0;
  // The current version of story `id`, if known.
  virtual absl::StatusOr<std::optional<v1::Story>> CurrentStory(const std::string& id) const = 0;
  // The story whose indexed content has this canonical-text SHA-256.
  virtual absl::StatusOr<std::optional<std::string>> StoryWithContent(
      const std::string& content_sha256) const = 0;
  // The best near-duplicate match for these fingerprints, else the best
  // indexed story they contain (NearDuplicateIndex::FindRelated), if any.
  virtual std::optional<NearDuplicateIndex::Match> RelatedStory(
      const v1::Fingerprints& fingerprints, absl::Time story_time) const = 0;
};

// What folding one log record decided, and what to write.
struct FoldStep {
  int64_t log_offset = 0;
  v1::DedupKind decision = v1::DEDUP_KIND_UNSPECIFIED;
  // The event subscribers see at cursor `log_offset` (none for replays and
  // undecodable records). Its story carries `dedup`.
  std::optional<v1::StoryEvent> event;
  // Set when the event's story becomes the current version of its id.
  bool becomes_current = false;
  // Set by FoldRecord with becomes_current: what it found current under the
  // id (the replaced version's version_created; none for a story new under
  // its id), so that the store re-keys its list of current versions without
  // reading that version again. Steps built otherwise leave current_known
  // false and the store reads it.
  bool current_known = false;
  std::optional<google::protobuf::Timestamp> replaced_version_created;
  // Set when the event's story content goes into the duplicate indexes
  // (new stories, fuller texts and new versions; never copies).
  bool index_content = false;
  // The replay mark to raise (none for undecodable records).
  std::optional<ReplayMark> replay_mark;
  // Why the record was skipped (undecodable); empty otherwise.
  std::string error;
};

// Decides what `record` is. Errors only when reading the state fails.
absl::StatusOr<FoldStep> FoldRecord(const LogRecord& record, const ViewReader& state);

// The time a story's duplicate window is measured on: version created, else
// first created, else the raw record's timestamp.
absl::Time StoryTime(const v1::Story& story);

// The event kind subscribers see for a decision and signal.
v1::EventKind EventKindFor(v1::DedupKind decision, const v1::Story& story);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_FOLD_H_
