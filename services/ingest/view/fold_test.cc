#include "services/ingest/view/fold.h"

#include <map>

#include "gtest/gtest.h"
#include "services/ingest/view/test_stories.h"

namespace newswire {
namespace {

// In-memory view state with the store's semantics.
class FakeView : public ViewReader {
 public:
  absl::StatusOr<std::optional<RawPosition>> ReplayMarkFor(const std::string& topic,
                                                           int32_t partition) const override {
    auto it = marks_.find({topic, partition});
    if (it == marks_.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<std::optional<v1::Story>> CurrentStory(const std::string& id) const override {
    auto it = current_.find(id);
    if (it == current_.end()) return std::nullopt;
    return it->second;
  }
  absl::StatusOr<std::optional<std::string>> StoryWithContent(
      const std::string& sha) const override {
    auto it = content_.find(sha);
    if (it == content_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<NearDuplicateIndex::Match> RelatedStory(const v1::Fingerprints& fp,
                                                            absl::Time time) const override {
    return index_->FindRelated(fp, time);
  }
  void Apply(const FoldStep& step) {
    if (step.index_content) {
      const v1::Story& story = step.event->story();
      content_.emplace(story.fingerprints().content_sha256(), story.id());
      index_->Add(story.id(), story.fingerprints(), StoryTime(story));
    }
    if (step.replay_mark) {
      marks_[{step.replay_mark->topic, step.replay_mark->partition}] = step.replay_mark->position;
    }
    if (step.event && step.becomes_current) current_[step.event->story().id()] = step.event->story();
  }

 private:
  std::map<std::pair<std::string, int32_t>, RawPosition> marks_;
  std::map<std::string, v1::Story> current_;
  std::map<std::string, std::string> content_;
  std::unique_ptr<NearDuplicateIndex> index_ = *NearDuplicateIndex::Create({});
};

v1::Story MakeStory(const std::string& id, int64_t raw_offset, int64_t version = 0) {
  v1::Story story;
  story.set_id(id);
  story.set_version(version);
  story.set_headline("Headline " + id);
  story.mutable_origin()->set_topic("newswire.raw");
  story.mutable_origin()->set_partition(0);
  story.mutable_origin()->set_offset(raw_offset);
  return story;
}

class FoldTest : public ::testing::Test {
 protected:
  FoldStep Fold(const v1::Story& story) {
    LogRecord record{next_offset_++, absl::FromUnixSeconds(1000), story.SerializeAsString()};
    absl::StatusOr<FoldStep> step = FoldRecord(record, view_);
    EXPECT_TRUE(step.ok()) << step.status();
    view_.Apply(*step);
    return *step;
  }
  FakeView view_;
  int64_t next_offset_ = 0;
};

TEST_F(FoldTest, FirstSightIsNewStoryWithEventAtItsOffset) {
  FoldStep step = Fold(MakeStory("a", 5));
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_NEW_STORY);
  ASSERT_TRUE(step.event.has_value());
  EXPECT_EQ(step.event->cursor(), 0);
  EXPECT_EQ(step.event->kind(), v1::EVENT_KIND_NEW_STORY);
  EXPECT_EQ(step.event->story().dedup().kind(), v1::DEDUP_KIND_NEW_STORY);
  EXPECT_EQ(step.event->log_time().seconds(), 1000);
}

TEST_F(FoldTest, SameOriginAgainIsReplayWithoutEvent) {
  Fold(MakeStory("a", 5));
  FoldStep replay = Fold(MakeStory("a", 5));
  EXPECT_EQ(replay.decision, v1::DEDUP_KIND_REPLAY);
  EXPECT_FALSE(replay.event.has_value());
  EXPECT_FALSE(replay.replay_mark.has_value());
  // Lower offsets of the same raw partition are replays too.
  EXPECT_EQ(Fold(MakeStory("b", 4)).decision, v1::DEDUP_KIND_REPLAY);
  // Another partition has its own mark.
  v1::Story other = MakeStory("c", 1);
  other.mutable_origin()->set_partition(1);
  EXPECT_EQ(Fold(other).decision, v1::DEDUP_KIND_NEW_STORY);
}

TEST_F(FoldTest, LaterStoriesOfOneRawRecordAreNotReplays) {
  v1::Story first = MakeStory("feed-1", 9);
  v1::Story second = MakeStory("feed-2", 9);
  second.mutable_origin()->set_index(1);
  EXPECT_EQ(Fold(first).decision, v1::DEDUP_KIND_NEW_STORY);
  EXPECT_EQ(Fold(second).decision, v1::DEDUP_KIND_NEW_STORY);
  EXPECT_EQ(Fold(second).decision, v1::DEDUP_KIND_REPLAY);
}

TEST_F(FoldTest, HigherVersionIsNewVersionAndCorrectionAndKillSaySo) {
  v1::Story first = MakeStory("a", 1, 1);
  first.mutable_version_created()->set_seconds(1111);
  FoldStep first_step = Fold(first);
  EXPECT_TRUE(first_step.current_known);
  EXPECT_FALSE(first_step.replaced_version_created.has_value());
  v1::Story update = MakeStory("a", 2, 2);
  update.mutable_version_created()->set_seconds(2222);
  FoldStep step = Fold(update);
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_NEW_VERSION);
  EXPECT_EQ(step.event->kind(), v1::EVENT_KIND_NEW_VERSION);
  EXPECT_EQ(step.event->story().dedup().previous_version(), 1);
  // What it replaces goes with the step, so the store need not read it.
  EXPECT_TRUE(step.current_known);
  ASSERT_TRUE(step.replaced_version_created.has_value());
  EXPECT_EQ(step.replaced_version_created->seconds(), 1111);

  v1::Story correction = MakeStory("a", 3, 3);
  correction.set_signal(v1::SIGNAL_CORRECTION);
  EXPECT_EQ(Fold(correction).event->kind(), v1::EVENT_KIND_CORRECTION);

  v1::Story kill = MakeStory("a", 4, 3);
  kill.set_pub_status(v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(Fold(kill).event->kind(), v1::EVENT_KIND_KILL);
}

TEST_F(FoldTest, OlderDifferingVersionIsRecordedNotCurrent) {
  Fold(MakeStory("a", 1, 5));
  v1::Story older = MakeStory("a", 2, 3);
  older.set_headline("changed");
  FoldStep step = Fold(older);
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_OLD_VERSION);
  EXPECT_FALSE(step.becomes_current);
  EXPECT_EQ(view_.CurrentStory("a")->value().version(), 5);
}

TEST_F(FoldTest, UnchangedResendUnderNewOriginIsDropped) {
  Fold(MakeStory("a", 1, 2));
  EXPECT_EQ(Fold(MakeStory("a", 2, 2)).decision, v1::DEDUP_KIND_REPLAY);
  // Without a source version, a later delivery time alone is no new version.
  v1::Story first = MakeStory("b", 3);
  first.mutable_version_created()->set_seconds(100);
  Fold(first);
  v1::Story again = MakeStory("b", 4);
  again.mutable_version_created()->set_seconds(200);
  EXPECT_EQ(Fold(again).decision, v1::DEDUP_KIND_REPLAY);
  again.add_paragraphs("new paragraph");
  again.mutable_origin()->set_offset(5);
  EXPECT_EQ(Fold(again).decision, v1::DEDUP_KIND_NEW_VERSION);
}

TEST_F(FoldTest, SameTextUnderAnotherIdIsAnExactDuplicate) {
  v1::Story original = testing::MakeStory("site-a", testing::Paragraphs(1), 1);
  v1::Story copy = testing::MakeStory("site-b", testing::Paragraphs(1), 2);
  copy.set_headline("A rewritten headline");
  *copy.mutable_fingerprints() = ComputeFingerprints(copy);
  EXPECT_EQ(Fold(original).decision, v1::DEDUP_KIND_NEW_STORY);
  FoldStep step = Fold(copy);
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_EXACT_DUPLICATE);
  EXPECT_EQ(step.event->kind(), v1::EVENT_KIND_DUPLICATE);
  EXPECT_EQ(step.event->story().dedup().duplicate_of(), "site-a");
  EXPECT_FLOAT_EQ(step.event->story().dedup().similarity(), 1.0f);
  EXPECT_FALSE(step.index_content);
}

TEST_F(FoldTest, EditedCopyIsANearDuplicateAndOtherStoriesAreNot) {
  std::vector<std::string> text = testing::Paragraphs(2, 6);
  EXPECT_EQ(Fold(testing::MakeStory("agency", text, 1)).decision, v1::DEDUP_KIND_NEW_STORY);
  std::vector<std::string> edited = text;
  edited.pop_back();                                     // trimmed ending
  edited[0] = "UPDATED: " + edited[0] + " (c) KYODO";    // light edits
  edited.insert(edited.begin(), "Sign up for our newsletter");
  FoldStep near = Fold(testing::MakeStory("republisher", edited, 2));
  EXPECT_EQ(near.decision, v1::DEDUP_KIND_NEAR_DUPLICATE);
  EXPECT_EQ(near.event->story().dedup().duplicate_of(), "agency");
  EXPECT_GT(near.event->story().dedup().similarity(), 0.5f);
  // A different story on the same vocabulary is new.
  EXPECT_EQ(Fold(testing::MakeStory("other", testing::Paragraphs(3, 6), 3)).decision,
            v1::DEDUP_KIND_NEW_STORY);
}

TEST_F(FoldTest, WriteThroughUnderItsIdIsAVersionNotADuplicate) {
  std::vector<std::string> text = testing::Paragraphs(4);
  v1::Story first = testing::MakeStory("wire:1", text, 1);
  first.set_version(1);
  Fold(first);
  text.push_back("Reaction came quickly from the opposition, who called the plans rushed.");
  v1::Story writethru = testing::MakeStory("wire:1", text, 2);
  writethru.set_version(2);
  writethru.set_signal(v1::SIGNAL_UPDATE);
  FoldStep step = Fold(writethru);
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_NEW_VERSION);
  EXPECT_TRUE(step.index_content);
}

TEST_F(FoldTest, NearDuplicatesOnlyWithinTheWindowOfStoryTimes) {
  std::vector<std::string> text = testing::Paragraphs(5, 6);
  Fold(testing::MakeStory("old", text, 1, /*created_seconds=*/1600000000));
  // A month later by the stories' own clocks: outside the 7-day window.
  FoldStep later = Fold(testing::MakeStory("new", text, 2, 1600000000 + 30 * 86400));
  EXPECT_NE(later.decision, v1::DEDUP_KIND_NEAR_DUPLICATE);
}

TEST_F(FoldTest, WriteThruAfterItsUrgentContainsItAndCopiesJoinTheFamily) {
  // Paragraphs(topic, n) starts with the same paragraphs for any n: the
  // urgent is the write-thru's first two of four paragraphs.
  const v1::Story urgent = testing::MakeStory("urgent", testing::Paragraphs(8, 2), 1);
  FoldStep first = Fold(urgent);
  EXPECT_EQ(first.decision, v1::DEDUP_KIND_NEW_STORY);
  EXPECT_EQ(first.event->story().family_id(), "urgent");

  FoldStep writethru = Fold(testing::MakeStory("writethru", testing::Paragraphs(8, 4), 2));
  EXPECT_EQ(writethru.decision, v1::DEDUP_KIND_CONTAINS_EARLIER);
  EXPECT_EQ(writethru.event->kind(), v1::EVENT_KIND_FULLER_TEXT);
  const v1::Dedup& dedup = writethru.event->story().dedup();
  EXPECT_EQ(dedup.duplicate_of(), "urgent");
  // All of the urgent is in it; it shares about half of its shingles.
  EXPECT_GT(dedup.containment(), 0.8f);
  EXPECT_GT(dedup.similarity(), 0.35f);
  EXPECT_LT(dedup.similarity(), 0.65f);
  EXPECT_EQ(writethru.event->story().family_id(), "urgent");
  EXPECT_TRUE(writethru.index_content);  // its own copies match it

  // A copy of the write-thru trimmed of its last paragraph: a near
  // duplicate of the write-thru, in the urgent's family.
  FoldStep copy = Fold(testing::MakeStory("copy", testing::Paragraphs(8, 3), 3));
  EXPECT_EQ(copy.decision, v1::DEDUP_KIND_NEAR_DUPLICATE);
  EXPECT_EQ(copy.event->story().dedup().duplicate_of(), "writethru");
  EXPECT_EQ(copy.event->story().family_id(), "urgent");

  // A new version of the write-thru stays in the family.
  v1::Story corrected = testing::MakeStory("writethru", testing::Paragraphs(8, 4), 4);
  corrected.set_version(2);
  FoldStep version = Fold(corrected);
  EXPECT_EQ(version.decision, v1::DEDUP_KIND_NEW_VERSION);
  EXPECT_EQ(version.event->story().family_id(), "urgent");

  // Another story is a family of its own.
  FoldStep other = Fold(testing::MakeStory("other", testing::Paragraphs(9, 6), 5));
  EXPECT_EQ(other.decision, v1::DEDUP_KIND_NEW_STORY);
  EXPECT_EQ(other.event->story().family_id(), "other");
}

TEST_F(FoldTest, AResendOfAStoryInAFamilyIsStillAReplay) {
  Fold(testing::MakeStory("urgent", testing::Paragraphs(10, 2), 1));
  const v1::Story writethru = testing::MakeStory("writethru", testing::Paragraphs(10, 4), 2);
  Fold(writethru);
  v1::Story resent = writethru;
  resent.mutable_origin()->set_offset(3);
  EXPECT_EQ(Fold(resent).decision, v1::DEDUP_KIND_REPLAY);
}

TEST_F(FoldTest, UndecodableRecordIsSkippedWithReason) {
  LogRecord record{7, absl::UnixEpoch(), "\xff\xff not a proto"};
  absl::StatusOr<FoldStep> step = FoldRecord(record, view_);
  ASSERT_TRUE(step.ok());
  EXPECT_FALSE(step->event.has_value());
  EXPECT_NE(step->error.find("offset 7"), std::string::npos);
}

}  // namespace
}  // namespace newswire
