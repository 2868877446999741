// StoryStore: the view's state in RocksDB, and the only file that includes it.
//
// Keys (one column family, one-byte prefixes, big-endian numbers so that
// RocksDB's byte order is numeric order):
//   'F'                               store format ("2")
//   'A'                               applied stories-log offset
//   'R' topic 0x00 partition          replay mark: highest raw position applied
//   'S' id                            log offset of the story's current version
//   'V' id 0x00 log-offset            every applied version of a story (v1::Story):
//                                     the only copy of each story
//   'L' log-offset                    the event served at that cursor (v1::StoryEvent
//                                     whose story holds only the id: the story is
//                                     the version at 'V' id log-offset)
//   'T' log-time-micros log-offset    time index for Subscribe(from_time)
//   'C' version-created-micros id     current versions by time, for ListStories
//   'H' content-sha256                id of the story first indexed with that text
//   'N' story-time-micros log-offset  near-duplicate index entry (rebuilds the
//                                     in-memory index after a restart)
//   'M' family-id 0x00 log-offset     a member of a story family (v1::FamilyMember),
//                                     one per event, for GetStory's family list
//
// Apply() writes everything one fold step changes, with the applied offset,
// in one WriteBatch, without RocksDB's write-ahead log: the stories log is
// the durable record, and the store its deterministic fold. After a crash
// the store is exactly as after some earlier step (the last memtable
// flush), and folding resumes at AppliedOffset() + 1, reading the lost
// steps again from the log. Closing the store flushes it, so a clean stop
// loses nothing.
//
// Thread-safe: one writer (the folder) and any number of readers.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_STORY_STORE_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_STORY_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "newswire/v1/news_service.pb.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/view/fold.h"

namespace newswire {

class StoryStore : public ViewReader {
 public:
  struct Options {
    std::string path;               // folder, created when missing
    size_t block_cache_bytes = 64 << 20;
  };

  static absl::StatusOr<std::unique_ptr<StoryStore>> Open(const Options& options);
  ~StoryStore() override;

  // Last stories-log offset applied; nullopt for an empty store.
  absl::StatusOr<std::optional<int64_t>> AppliedOffset() const;

  // Writes one fold step and raises the applied offset, atomically.
  absl::Status Apply(const FoldStep& step);

  // Events with cursor > after_cursor, in cursor order, at most `limit`.
  absl::StatusOr<std::vector<v1::StoryEvent>> ReadEvents(int64_t after_cursor,
                                                         size_t limit) const;

  // The cursor just before the first event logged at or after `time`
  // (subscribing after it starts at that event).
  absl::StatusOr<int64_t> CursorBefore(absl::Time time) const;

  // One page of current stories with version_created in [start, end), newest
  // first, that `accept` takes. `page_token` is "" or a previous `next`.
  struct Page {
    std::vector<v1::Story> stories;
    std::string next_page_token;  // "" on the last page
  };
  absl::StatusOr<Page> ListCurrent(absl::Time start, absl::Time end, const std::string& page_token,
                                   size_t limit,
                                   const std::function<bool(const v1::Story&)>& accept) const;

  // Story `id`, current version when version == 0. nullopt when unknown.
  absl::StatusOr<std::optional<v1::Story>> GetStory(const std::string& id,
                                                    int64_t version) const;

  // The first `limit` members of family `family_id` (Story.family_id), in
  // log order; empty for an unknown family.
  absl::StatusOr<std::vector<v1::FamilyMember>> FamilyMembers(const std::string& family_id,
                                                              size_t limit) const;

  // Near-duplicate index entries with story time >= `from`, in key order
  // (story time, then log offset), to rebuild the in-memory index.
  absl::Status ForEachIndexEntry(absl::Time from,
                                 const std::function<void(absl::string_view entry)>& fn) const;

  // Drops index entries with story time < `before` (outside every window).
  absl::Status DropIndexEntriesBefore(absl::Time before);

  // ViewReader.
  absl::StatusOr<std::optional<RawPosition>> ReplayMarkFor(const std::string& topic,
                                                           int32_t partition) const override;
  absl::StatusOr<std::optional<v1::Story>> CurrentStory(const std::string& id) const override;
  absl::StatusOr<std::optional<std::string>> StoryWithContent(
      const std::string& content_sha256) const override;
  // The store keeps no in-memory index: ViewState answers this.
  std::optional<NearDuplicateIndex::Match> RelatedStory(const v1::Fingerprints&,
                                                            absl::Time) const override {
    return std::nullopt;
  }

 private:
  struct Db;
  explicit StoryStore(std::unique_ptr<Db> db);
  // The version of story `id` applied at `log_offset`.
  absl::StatusOr<std::optional<v1::Story>> Version(const std::string& id, int64_t log_offset) const;
  std::unique_ptr<Db> db_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_STORY_STORE_H_
