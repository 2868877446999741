#include "services/ingest/view/view_state.h"

#include <algorithm>

#include "services/ingest/common/status_macros.h"

namespace newswire {
namespace {

// Drop old index entries from the store every this many indexed stories.
constexpr int64_t kExpiryEvery = 1024;

}  // namespace

absl::StatusOr<std::unique_ptr<ViewState>> ViewState::Open(
    StoryStore* store, const NearDuplicateIndex::Options& index_options) {
  NW_ASSIGN_OR_RETURN(std::unique_ptr<NearDuplicateIndex> index,
                      NearDuplicateIndex::Create(index_options));
  std::unique_ptr<ViewState> state(new ViewState(store, std::move(index)));
  // The store's entries are in story-time order; the index's watermark is
  // the newest story time minus the window, as at the last expiry.
  absl::Status bad_entry = absl::OkStatus();
  NW_RETURN_IF_ERROR(store->ForEachIndexEntry(absl::InfinitePast(), [&](absl::string_view bytes) {
    absl::StatusOr<IndexEntry> entry = ParseIndexEntry(bytes);
    if (!entry.ok()) {
      bad_entry = entry.status();
      return;
    }
    state->latest_story_time_ = std::max(state->latest_story_time_, entry->story_time);
  }));
  NW_RETURN_IF_ERROR(bad_entry);
  if (state->latest_story_time_ != absl::InfinitePast()) {
    state->index_->Expire(state->latest_story_time_ - index_options.window);
  }
  // Log order is what the fold saw; the entries' key order is story time,
  // then log offset. The index's answers do not depend on insertion order
  // for entries inside the window (see near_duplicate_index.h).
  NW_RETURN_IF_ERROR(store->ForEachIndexEntry(
      state->index_->watermark(), [&](absl::string_view bytes) {
        absl::StatusOr<IndexEntry> entry = ParseIndexEntry(bytes);
        if (entry.ok()) state->index_->Add(entry->id, entry->fingerprints, entry->story_time);
      }));
  return state;
}

absl::Status ViewState::Apply(const FoldStep& step) {
  NW_RETURN_IF_ERROR(store_->Apply(step));
  if (!step.index_content || !step.event.has_value()) return absl::OkStatus();
  const v1::Story& story = step.event->story();
  const absl::Time story_time = StoryTime(story);
  index_->Add(story.id(), story.fingerprints(), story_time);
  latest_story_time_ = std::max(latest_story_time_, story_time);
  // Expire on every step so the live index always has the watermark a
  // rebuild computes (newest story time minus the window); the store's old
  // entries are dropped less often.
  const absl::Time before = latest_story_time_ - index_->options().window;
  index_->Expire(before);
  if (++applied_since_expiry_ >= kExpiryEvery) {
    applied_since_expiry_ = 0;
    NW_RETURN_IF_ERROR(store_->DropIndexEntriesBefore(before));
  }
  return absl::OkStatus();
}

}  // namespace newswire
