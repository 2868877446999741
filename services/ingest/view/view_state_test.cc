// The fold over the real store: determinism (the same log folded twice gives
// byte-identical results) and crash safety (stopping after any step,
// reopening and continuing gives what an uninterrupted run gives).
#include "services/ingest/view/view_state.h"

#include <cstdlib>
#include <filesystem>

#include "gtest/gtest.h"
#include "services/ingest/view/test_stories.h"

namespace newswire {
namespace {

std::string TempPath(const std::string& name) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
  std::filesystem::remove_all(path);
  return path;
}

// A log with every kind of decision: new stories, versions, a correction and
// a kill, exact and near copies, write-thrus containing their urgents,
// replays, an unchanged resend, garbage.
std::vector<LogRecord> MixedLog() {
  std::vector<LogRecord> log;
  int64_t raw = 0;
  auto add = [&](const v1::Story& story) {
    log.push_back({static_cast<int64_t>(log.size()), absl::FromUnixSeconds(1000 + log.size()),
                   story.SerializeAsString()});
  };
  for (int topic = 0; topic < 12; ++topic) {
    std::vector<std::string> text = testing::Paragraphs(topic, 5);
    v1::Story story = testing::MakeStory("wire:" + std::to_string(topic), text, raw++);
    story.set_version(1);
    add(story);
    if (topic % 3 == 0) {  // an exact copy elsewhere
      v1::Story copy = testing::MakeStory("copy:" + std::to_string(topic), text, raw++);
      add(copy);
    }
    if (topic % 4 == 1) {  // an edited copy
      std::vector<std::string> edited = text;
      edited.pop_back();
      edited.push_back("Read more stories like this on our site.");
      add(testing::MakeStory("edit:" + std::to_string(topic), edited, raw++));
    }
    if (topic % 5 == 2) {  // a new version, then a kill
      text.push_back("The minister later denied the report.");
      v1::Story update = testing::MakeStory(story.id(), text, raw++);
      update.set_version(2);
      update.set_signal(v1::SIGNAL_CORRECTION);
      add(update);
      v1::Story kill = update;
      kill.set_version(3);
      kill.set_signal(v1::SIGNAL_KILL);
      kill.mutable_origin()->set_offset(raw++);
      add(kill);
    }
    if (topic % 6 == 5) add(story);  // a replay of the same origin
    if (topic % 4 == 3) {  // an urgent, its write-thru, a trimmed copy of that
      const std::string key = std::to_string(topic);
      add(testing::MakeStory("urgent:" + key, testing::Paragraphs(100 + topic, 2), raw++));
      add(testing::MakeStory("writethru:" + key, testing::Paragraphs(100 + topic, 4), raw++));
      add(testing::MakeStory("trimmed:" + key, testing::Paragraphs(100 + topic, 3), raw++));
    }
  }
  log.push_back({static_cast<int64_t>(log.size()), absl::FromUnixSeconds(5000), "not a story"});
  return log;
}

// Folds `log[from, to)` into the store at `path` (opened afresh). With
// close false the store is left open, as a process that dies leaves it.
void FoldRange(const std::string& path, const std::vector<LogRecord>& log, size_t from, size_t to,
               bool close = true) {
  auto store = StoryStore::Open({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  auto state = ViewState::Open(store->get(), {});
  ASSERT_TRUE(state.ok()) << state.status();
  auto applied = (*store)->AppliedOffset();
  ASSERT_TRUE(applied.ok());
  for (size_t i = from; i < to; ++i) {
    if (applied->has_value() && log[i].offset <= **applied) continue;  // already applied
    auto step = FoldRecord(log[i], **state);
    ASSERT_TRUE(step.ok()) << step.status();
    ASSERT_TRUE((*state)->Apply(*step).ok());
  }
  if (!close) {
    (void)store->release();
    (void)state->release();
  }
}

// Everything a subscriber could see, as bytes.
std::string Snapshot(const std::string& path) {
  auto store = StoryStore::Open({.path = path});
  EXPECT_TRUE(store.ok());
  std::string bytes;
  auto events = (*store)->ReadEvents(-1, 100000);
  EXPECT_TRUE(events.ok());
  for (const v1::StoryEvent& event : *events) {
    bytes += event.SerializeAsString();
    auto family = (*store)->FamilyMembers(event.story().family_id(), 1000);
    EXPECT_TRUE(family.ok());
    for (const v1::FamilyMember& member : *family) bytes += member.SerializeAsString();
  }
  bytes += std::to_string((*store)->AppliedOffset()->value_or(-1));
  return bytes;
}

TEST(ViewStateTest, MixedLogGivesEveryDecision) {
  const std::string path = TempPath("mixed");
  std::vector<LogRecord> log = MixedLog();
  FoldRange(path, log, 0, log.size());
  auto store = StoryStore::Open({.path = path});
  std::map<v1::DedupKind, int> kinds;
  auto events = (*store)->ReadEvents(-1, 1000);
  ASSERT_TRUE(events.ok());
  for (const v1::StoryEvent& event : *events) ++kinds[event.story().dedup().kind()];
  // 12 stories and 3 urgents; 3 edited copies and 3 trimmed write-thrus.
  EXPECT_EQ(kinds[v1::DEDUP_KIND_NEW_STORY], 15);
  EXPECT_EQ(kinds[v1::DEDUP_KIND_EXACT_DUPLICATE], 4);
  EXPECT_EQ(kinds[v1::DEDUP_KIND_NEAR_DUPLICATE], 6);
  EXPECT_EQ(kinds[v1::DEDUP_KIND_CONTAINS_EARLIER], 3);
  EXPECT_EQ(kinds[v1::DEDUP_KIND_NEW_VERSION], 4);
  for (const v1::StoryEvent& event : *events) {
    const std::string& id = event.story().id();
    const std::string topic = id.substr(id.find(':') + 1);
    if (id.rfind("writethru:", 0) == 0 || id.rfind("trimmed:", 0) == 0) {
      EXPECT_EQ(event.story().family_id(), "urgent:" + topic) << id;
    } else if (id.rfind("copy:", 0) == 0 || id.rfind("edit:", 0) == 0) {
      EXPECT_EQ(event.story().family_id(), "wire:" + topic) << id;
    } else {
      EXPECT_EQ(event.story().family_id(), id);
    }
  }
  EXPECT_EQ((*store)->FamilyMembers("urgent:7", 10)->size(), 3u);
}

TEST(ViewStateTest, FoldingTheSameLogTwiceGivesIdenticalBytes) {
  std::vector<LogRecord> log = MixedLog();
  const std::string a = TempPath("replica-a"), b = TempPath("replica-b");
  FoldRange(a, log, 0, log.size());
  FoldRange(b, log, 0, log.size());
  EXPECT_EQ(Snapshot(a), Snapshot(b));
}

TEST(ViewStateTest, StoppingAtAnyStepAndResumingGivesTheSameResult) {
  std::vector<LogRecord> log = MixedLog();
  const std::string reference = TempPath("uninterrupted");
  FoldRange(reference, log, 0, log.size());
  const std::string expected = Snapshot(reference);
  for (size_t stop = 0; stop <= log.size(); ++stop) {
    const std::string path = TempPath("crash");
    FoldRange(path, log, 0, stop);
    // The "crash": the process is gone; a new one reopens the store,
    // rebuilds the index and reads the log from the start (replaying what
    // it had applied, which the applied offset skips).
    FoldRange(path, log, 0, log.size());
    ASSERT_EQ(Snapshot(path), expected) << "diverged after stopping at step " << stop;
  }
}

// Steps are written without RocksDB's WAL. A process that dies loses what
// was not flushed yet, and only that: the store reopens as after an earlier
// step, and folding the log from there gives what an uninterrupted run
// gives. A clean stop (the store closed) loses nothing.
TEST(ViewStateTest, ADeadProcessLosesOnlyUnflushedStepsWhichTheFoldRedoes) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::vector<LogRecord> log = MixedLog();
  const std::string reference = TempPath("whole");
  FoldRange(reference, log, 0, log.size());
  const std::string expected = Snapshot(reference);
  for (size_t stop : {log.size() / 2, log.size()}) {
    const std::string path = TempPath("died");
    // The child folds and exits without closing anything.
    EXPECT_EXIT(
        {
          FoldRange(path, log, 0, stop, /*close=*/false);
          std::_Exit(0);
        },
        ::testing::ExitedWithCode(0), "");
    {
      auto store = StoryStore::Open({.path = path});
      ASSERT_TRUE(store.ok()) << store.status();
      auto applied = (*store)->AppliedOffset();
      ASSERT_TRUE(applied.ok());
      // A log this small never fills a memtable: nothing was flushed.
      EXPECT_FALSE(applied->has_value()) << "applied " << **applied << " of " << stop;
    }
    FoldRange(path, log, 0, log.size());
    EXPECT_EQ(Snapshot(path), expected) << "after dying at step " << stop;
  }
  const std::string stopped = TempPath("stopped");
  FoldRange(stopped, log, 0, log.size() / 2);
  auto store = StoryStore::Open({.path = stopped});
  ASSERT_TRUE(store.ok());
  auto applied = (*store)->AppliedOffset();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->value_or(-1), log[log.size() / 2 - 1].offset);
}

}  // namespace
}  // namespace newswire
