#include "services/ingest/serve/fullest_per_family.h"

#include <algorithm>
#include <string>

#include "absl/hash/hash.h"

namespace newswire {
namespace {

// Events about a family's texts, as opposed to an id's own history.
bool JoinsAFamily(v1::EventKind kind) {
  return kind == v1::EVENT_KIND_NEW_STORY || kind == v1::EVENT_KIND_FULLER_TEXT ||
         kind == v1::EVENT_KIND_DUPLICATE;
}

}  // namespace

FullestPerFamily::FullestPerFamily(bool enabled, size_t capacity)
    : enabled_(enabled), capacity_(std::max<size_t>(1, capacity)) {}

bool FullestPerFamily::Take(const v1::StoryEvent& event) {
  if (!enabled_ || !event.has_story()) return true;
  const v1::Story& story = event.story();
  const uint64_t family = absl::Hash<std::string>{}(
      story.family_id().empty() ? story.id() : story.family_id());
  const int32_t words = story.fingerprints().canonical_words();
  auto it = fullest_.find(family);
  if (it != fullest_.end()) {
    if (JoinsAFamily(event.kind()) && words <= it->second) return false;
    it->second = std::max(it->second, words);
    return true;
  }
  if (order_.size() == capacity_) {
    fullest_.erase(order_.front());
    order_.pop_front();
  }
  fullest_.emplace(family, words);
  order_.push_back(family);
  return true;
}

}  // namespace newswire
