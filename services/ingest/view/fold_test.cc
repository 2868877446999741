#include "services/ingest/view/fold.h"

#include <map>

#include "gtest/gtest.h"

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
  void Apply(const FoldStep& step) {
    if (step.replay_mark) {
      marks_[{step.replay_mark->topic, step.replay_mark->partition}] = step.replay_mark->position;
    }
    if (step.event && step.becomes_current) current_[step.event->story().id()] = step.event->story();
  }

 private:
  std::map<std::pair<std::string, int32_t>, RawPosition> marks_;
  std::map<std::string, v1::Story> current_;
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
  Fold(MakeStory("a", 1, 1));
  v1::Story update = MakeStory("a", 2, 2);
  FoldStep step = Fold(update);
  EXPECT_EQ(step.decision, v1::DEDUP_KIND_NEW_VERSION);
  EXPECT_EQ(step.event->kind(), v1::EVENT_KIND_NEW_VERSION);
  EXPECT_EQ(step.event->story().dedup().previous_version(), 1);

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

TEST_F(FoldTest, UndecodableRecordIsSkippedWithReason) {
  LogRecord record{7, absl::UnixEpoch(), "\xff\xff not a proto"};
  absl::StatusOr<FoldStep> step = FoldRecord(record, view_);
  ASSERT_TRUE(step.ok());
  EXPECT_FALSE(step->event.has_value());
  EXPECT_NE(step->error.find("offset 7"), std::string::npos);
}

}  // namespace
}  // namespace newswire
