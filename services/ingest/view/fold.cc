#include "services/ingest/view/fold.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/status_macros.h"

namespace newswire {
namespace {

bool IsKill(const v1::Story& story) {
  return story.signal() == v1::SIGNAL_KILL || story.pub_status() == v1::PUB_STATUS_CANCELED;
}

// True when `candidate` supersedes `current`: a higher source version, or
// with equal (or absent) versions a later version-created time.
bool IsNewer(const v1::Story& candidate, const v1::Story& current) {
  if (candidate.version() != current.version()) {
    return candidate.version() > current.version();
  }
  return candidate.version_created() > current.version_created();
}

// Two records of one story say the same when they differ at most in where
// and when they were delivered: origin, what the view set (dedup, family)
// and the times that default to
// the raw record's Kafka timestamp. A feed repeating an item, or a file
// published twice, is then a resend, not a new version.
bool SameContent(v1::Story a, v1::Story b) {
  for (v1::Story* story : {&a, &b}) {
    story->clear_origin();
    story->clear_dedup();
    story->clear_family_id();
    if (story->version() == 0) {
      story->clear_first_created();
      story->clear_version_created();
    }
  }
  return a.SerializeAsString() == b.SerializeAsString();
}

// The family of the story `id` copies or contains: its current version's,
// else (a story folded before families existed) the id itself.
absl::StatusOr<std::string> FamilyOf(const std::string& id, const ViewReader& state) {
  NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, state.CurrentStory(id));
  if (story.has_value() && !story->family_id().empty()) return story->family_id();
  return id;
}

}  // namespace

absl::Time StoryTime(const v1::Story& story) {
  if (story.has_version_created()) return FromProtoTime(story.version_created());
  if (story.has_first_created()) return FromProtoTime(story.first_created());
  return FromProtoTime(story.origin().timestamp());
}

v1::EventKind EventKindFor(v1::DedupKind decision, const v1::Story& story) {
  switch (decision) {
    case v1::DEDUP_KIND_NEW_STORY:
      return IsKill(story) ? v1::EVENT_KIND_KILL : v1::EVENT_KIND_NEW_STORY;
    case v1::DEDUP_KIND_NEW_VERSION:
      if (IsKill(story)) return v1::EVENT_KIND_KILL;
      if (story.signal() == v1::SIGNAL_CORRECTION) return v1::EVENT_KIND_CORRECTION;
      return v1::EVENT_KIND_NEW_VERSION;
    case v1::DEDUP_KIND_OLD_VERSION:
      return v1::EVENT_KIND_OLD_VERSION;
    case v1::DEDUP_KIND_EXACT_DUPLICATE:
    case v1::DEDUP_KIND_NEAR_DUPLICATE:
      return v1::EVENT_KIND_DUPLICATE;
    case v1::DEDUP_KIND_CONTAINS_EARLIER:
      return IsKill(story) ? v1::EVENT_KIND_KILL : v1::EVENT_KIND_FULLER_TEXT;
    default:
      return v1::EVENT_KIND_UNSPECIFIED;
  }
}

absl::StatusOr<FoldStep> FoldRecord(const LogRecord& record, const ViewReader& state) {
  FoldStep step;
  step.log_offset = record.offset;
  v1::Story story;
  if (!story.ParseFromString(record.value) || story.id().empty()) {
    step.error = absl::StrCat("stories log offset ", record.offset,
                              ": not a newswire.v1.Story with an id");
    return step;
  }

  const v1::Origin& origin = story.origin();
  // Ingest writes a raw record's stories in index order, and a raw partition's
  // records in offset order, so anything at or below the mark was applied.
  const RawPosition position{origin.offset(), origin.index()};
  NW_ASSIGN_OR_RETURN(std::optional<RawPosition> mark,
                      state.ReplayMarkFor(origin.topic(), origin.partition()));
  if (mark.has_value() && position <= *mark) {
    step.decision = v1::DEDUP_KIND_REPLAY;
    return step;
  }
  step.replay_mark = ReplayMark{origin.topic(), origin.partition(), position};

  NW_ASSIGN_OR_RETURN(std::optional<v1::Story> current, state.CurrentStory(story.id()));
  v1::Dedup* dedup = story.mutable_dedup();
  dedup->set_log_offset(record.offset);
  step.current_known = true;
  if (!current.has_value()) {
    // Not seen under its id: a copy of another story, or new.
    step.becomes_current = true;
    step.decision = v1::DEDUP_KIND_NEW_STORY;
    const std::string& sha = story.fingerprints().content_sha256();
    std::optional<std::string> same_text;
    if (!sha.empty()) {
      NW_ASSIGN_OR_RETURN(same_text, state.StoryWithContent(sha));
    }
    if (same_text.has_value() && *same_text != story.id()) {
      step.decision = v1::DEDUP_KIND_EXACT_DUPLICATE;
      dedup->set_duplicate_of(*same_text);
      dedup->set_similarity(1.0f);
      dedup->set_containment(1.0f);
    } else if (std::optional<NearDuplicateIndex::Match> related =
                   state.RelatedStory(story.fingerprints(), StoryTime(story));
               related.has_value() && related->id != story.id()) {
      const bool copy = related->relation == NearDuplicateIndex::Relation::kCopy;
      step.decision = copy ? v1::DEDUP_KIND_NEAR_DUPLICATE : v1::DEDUP_KIND_CONTAINS_EARLIER;
      dedup->set_duplicate_of(related->id);
      dedup->set_similarity(static_cast<float>(related->resemblance));
      dedup->set_containment(
          static_cast<float>(copy ? related->containment : related->earlier_contained));
      // A fuller text is what later copies of it will match: indexed.
      step.index_content = !copy;
    } else {
      step.index_content = true;
    }
    if (dedup->duplicate_of().empty()) {
      story.set_family_id(story.id());
    } else {
      NW_ASSIGN_OR_RETURN(std::string family, FamilyOf(dedup->duplicate_of(), state));
      story.set_family_id(std::move(family));
    }
  } else if (SameContent(story, *current)) {
    // The same story resent: nothing new for subscribers.
    step.decision = v1::DEDUP_KIND_REPLAY;
    return step;
  } else if (IsNewer(story, *current) || (IsKill(story) && !IsKill(*current))) {
    step.decision = v1::DEDUP_KIND_NEW_VERSION;
    step.becomes_current = true;
    step.replaced_version_created = current->version_created();
    // A version of an original is indexed; a version of a copy stays a copy.
    step.index_content = current->dedup().kind() != v1::DEDUP_KIND_EXACT_DUPLICATE &&
                         current->dedup().kind() != v1::DEDUP_KIND_NEAR_DUPLICATE;
    dedup->set_previous_version(current->version());
  } else {
    step.decision = v1::DEDUP_KIND_OLD_VERSION;
  }
  if (current.has_value()) {
    story.set_family_id(current->family_id().empty() ? current->id() : current->family_id());
  }
  dedup->set_kind(step.decision);

  v1::StoryEvent& event = step.event.emplace();
  event.set_cursor(record.offset);
  event.set_kind(EventKindFor(step.decision, story));
  *event.mutable_log_time() = ToProtoTime(record.timestamp);
  *event.mutable_story() = std::move(story);
  return step;
}

}  // namespace newswire
