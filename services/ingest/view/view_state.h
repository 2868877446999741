// ViewState: everything the fold reads and writes, in one place: the
// persistent StoryStore plus the in-memory near-duplicate index, which is
// rebuilt from the store's index entries when the view opens.
//
//   auto state = ViewState::Open(&store, index_options);
//   FoldStep step = *FoldRecord(record, **state);
//   (*state)->Apply(step);   // store batch, then index, then window expiry
//
// Memory is bounded by the index options (window and max entries); entries
// that fall out of the window are dropped from the store too.
//
// One writer (the folder); the store's readers are the subscribers.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_STATE_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_STATE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "services/ingest/view/fold.h"
#include "services/ingest/view/story_store.h"

namespace newswire {

class ViewState : public ViewReader {
 public:
  // Rebuilds the near-duplicate index from `store` (which must outlive this).
  static absl::StatusOr<std::unique_ptr<ViewState>> Open(
      StoryStore* store, const NearDuplicateIndex::Options& index_options);

  // Writes the step to the store, then indexes its content.
  absl::Status Apply(const FoldStep& step);

  const NearDuplicateIndex& index() const { return *index_; }

  // ViewReader.
  absl::StatusOr<std::optional<RawPosition>> ReplayMarkFor(const std::string& topic,
                                                           int32_t partition) const override {
    return store_->ReplayMarkFor(topic, partition);
  }
  absl::StatusOr<std::optional<v1::Story>> CurrentStory(const std::string& id) const override {
    return store_->CurrentStory(id);
  }
  absl::StatusOr<std::optional<std::string>> StoryWithContent(
      const std::string& content_sha256) const override {
    return store_->StoryWithContent(content_sha256);
  }
  std::optional<NearDuplicateIndex::Match> RelatedStory(
      const v1::Fingerprints& fingerprints, absl::Time story_time) const override {
    return index_->FindRelated(fingerprints, story_time);
  }

 private:
  ViewState(StoryStore* store, std::unique_ptr<NearDuplicateIndex> index)
      : store_(store), index_(std::move(index)) {}

  StoryStore* store_;
  std::unique_ptr<NearDuplicateIndex> index_;
  absl::Time latest_story_time_ = absl::InfinitePast();
  int64_t applied_since_expiry_ = 0;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_VIEW_STATE_H_
