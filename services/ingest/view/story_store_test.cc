#include "services/ingest/view/story_store.h"

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "gtest/gtest.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"

namespace newswire {
namespace {

std::string TempDir(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  std::filesystem::path path = std::filesystem::path(base ? base : "/tmp") / name;
  std::filesystem::remove_all(path);
  return path.string();
}

FoldStep NewStoryStep(const std::string& id, int64_t log_offset, int64_t raw_offset,
                      int64_t log_seconds) {
  FoldStep step;
  step.log_offset = log_offset;
  step.decision = v1::DEDUP_KIND_NEW_STORY;
  step.becomes_current = true;
  step.replay_mark = ReplayMark{"raw", 0, {raw_offset, 0}};
  v1::StoryEvent& event = step.event.emplace();
  event.set_cursor(log_offset);
  event.set_kind(v1::EVENT_KIND_NEW_STORY);
  event.mutable_log_time()->set_seconds(log_seconds);
  event.mutable_story()->set_id(id);
  event.mutable_story()->set_version(1);
  return step;
}

TEST(StoryStoreTest, AppliesStepsAndReadsThemBackAfterReopen) {
  std::string path = TempDir("store_reopen");
  {
    auto store = StoryStore::Open({.path = path});
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_FALSE((*store)->AppliedOffset()->has_value());
    ASSERT_TRUE((*store)->Apply(NewStoryStep("a", 0, 10, 100)).ok());
    FoldStep replay;
    replay.log_offset = 1;
    replay.decision = v1::DEDUP_KIND_REPLAY;
    ASSERT_TRUE((*store)->Apply(replay).ok());
    ASSERT_TRUE((*store)->Apply(NewStoryStep("b", 2, 11, 200)).ok());
  }
  auto store = StoryStore::Open({.path = path});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->AppliedOffset()->value(), 2);
  auto events = (*store)->ReadEvents(-1, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].cursor(), 0);
  EXPECT_EQ((*events)[1].cursor(), 2);
  EXPECT_EQ((*store)->ReadEvents(0, 10)->size(), 1u);
  EXPECT_EQ((*store)->ReadEvents(-1, 1)->size(), 1u);
  EXPECT_EQ((*store)->CurrentStory("b")->value().id(), "b");
  EXPECT_FALSE((*store)->CurrentStory("zzz")->has_value());
  EXPECT_EQ((*store)->GetStory("a", 1)->value().id(), "a");
  EXPECT_FALSE((*store)->GetStory("a", 7)->has_value());
  auto mark = (*store)->ReplayMarkFor("raw", 0);
  ASSERT_TRUE(mark.ok() && mark->has_value());
  EXPECT_EQ((*mark)->offset, 11);
}

TEST(StoryStoreTest, CursorBeforeFindsFirstEventAtOrAfterTime) {
  auto store = StoryStore::Open({.path = TempDir("store_time")});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Apply(NewStoryStep("a", 3, 1, 100)).ok());
  ASSERT_TRUE((*store)->Apply(NewStoryStep("b", 8, 2, 200)).ok());
  EXPECT_EQ(*(*store)->CursorBefore(absl::FromUnixSeconds(50)), 2);
  EXPECT_EQ(*(*store)->CursorBefore(absl::FromUnixSeconds(150)), 7);
  EXPECT_EQ(*(*store)->CursorBefore(absl::FromUnixSeconds(250)), 8);
}

// Each story is stored once; events and the current version read back whole,
// and each event keeps the version it was applied with.
TEST(StoryStoreTest, EventsAndCurrentCarryTheirVersionsStory) {
  auto store = StoryStore::Open({.path = TempDir("store_versions")});
  ASSERT_TRUE(store.ok());
  FoldStep first = NewStoryStep("a", 0, 1, 100);
  first.event->mutable_story()->set_headline("First take");
  ASSERT_TRUE((*store)->Apply(first).ok());
  FoldStep update = NewStoryStep("a", 1, 2, 200);
  update.decision = v1::DEDUP_KIND_NEW_VERSION;
  update.event->set_kind(v1::EVENT_KIND_NEW_VERSION);
  update.event->mutable_story()->set_version(2);
  update.event->mutable_story()->set_headline("Second take");
  ASSERT_TRUE((*store)->Apply(update).ok());

  auto events = (*store)->ReadEvents(-1, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].story().headline(), "First take");
  EXPECT_EQ((*events)[0].story().version(), 1);
  EXPECT_EQ((*events)[1].story().headline(), "Second take");
  EXPECT_EQ((*events)[1].kind(), v1::EVENT_KIND_NEW_VERSION);
  EXPECT_EQ((*events)[1].log_time().seconds(), 200);
  // Read back exactly as applied: no field of the event is lost.
  EXPECT_EQ((*events)[0].SerializeAsString(), first.event->SerializeAsString());
  EXPECT_EQ((*events)[1].SerializeAsString(), update.event->SerializeAsString());
  EXPECT_EQ((*store)->CurrentStory("a")->value().headline(), "Second take");
  EXPECT_EQ((*store)->GetStory("a", 1)->value().headline(), "First take");
  auto page = (*store)->ListCurrent(absl::InfinitePast(), absl::InfiniteFuture(), "", 10,
                                    [](const v1::Story&) { return true; });
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->stories.size(), 1u);
  EXPECT_EQ(page->stories[0].headline(), "Second take");
}

// A step that names the version it replaces (as FoldRecord's do) leaves
// the store exactly as one the store has to look that version up for.
TEST(StoryStoreTest, ReplacedVersionNamedByTheStepOrReadGiveTheSameStore) {
  const std::string read_path = TempDir("store_replaced_read");
  const std::string named_path = TempDir("store_replaced_named");
  for (const bool named : {false, true}) {
    auto store = StoryStore::Open({.path = named ? named_path : read_path});
    ASSERT_TRUE(store.ok()) << store.status();
    for (int version = 1; version <= 3; ++version) {
      FoldStep step = NewStoryStep("a", version - 1, 10 + version, 100 + version);
      step.event->mutable_story()->set_version(version);
      step.event->mutable_story()->mutable_version_created()->set_seconds(1000 * version);
      if (named) {
        step.current_known = true;
        if (version > 1) {
          google::protobuf::Timestamp replaced;
          replaced.set_seconds(1000 * (version - 1));
          step.replaced_version_created = replaced;
        }
      }
      ASSERT_TRUE((*store)->Apply(step).ok());
    }
    auto page = (*store)->ListCurrent(absl::InfinitePast(), absl::InfiniteFuture(), "", 10,
                                      [](const v1::Story&) { return true; });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->stories.size(), 1u) << (named ? "named" : "read");
    EXPECT_EQ(page->stories[0].version(), 3);
  }
  const auto contents = [](const std::string& path) {
    rocksdb::Options options;
    rocksdb::DB* db = nullptr;
    EXPECT_TRUE(rocksdb::DB::OpenForReadOnly(options, path, &db).ok());
    std::string all;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      absl::StrAppend(&all, it->key().ToString(true), "=", it->value().ToString(true), ";");
    }
    it.reset();
    delete db;
    return all;
  };
  const std::string read_contents = contents(read_path);
  EXPECT_FALSE(read_contents.empty());
  EXPECT_EQ(contents(named_path), read_contents);
}

TEST(StoryStoreTest, ListsAFamilysMembersInLogOrder) {
  auto store = StoryStore::Open({.path = TempDir("store_family")});
  ASSERT_TRUE(store.ok()) << store.status();
  auto member = [](const std::string& id, int64_t log_offset, const std::string& family,
                   v1::DedupKind kind, int32_t words) {
    FoldStep step = NewStoryStep(id, log_offset, log_offset, 100 + log_offset);
    step.decision = kind;
    v1::Story* story = step.event->mutable_story();
    story->set_family_id(family);
    story->mutable_dedup()->set_kind(kind);
    if (id != family) story->mutable_dedup()->set_duplicate_of(family);
    story->mutable_fingerprints()->set_canonical_words(words);
    story->mutable_version_created()->set_seconds(1000 + log_offset);
    return step;
  };
  ASSERT_TRUE((*store)->Apply(member("urgent", 0, "urgent", v1::DEDUP_KIND_NEW_STORY, 60)).ok());
  ASSERT_TRUE((*store)->Apply(member("other", 1, "other", v1::DEDUP_KIND_NEW_STORY, 80)).ok());
  ASSERT_TRUE(
      (*store)->Apply(member("writethru", 2, "urgent", v1::DEDUP_KIND_CONTAINS_EARLIER, 300)).ok());
  ASSERT_TRUE((*store)->Apply(member("copy", 3, "urgent", v1::DEDUP_KIND_NEAR_DUPLICATE, 250)).ok());

  absl::StatusOr<std::vector<v1::FamilyMember>> family = (*store)->FamilyMembers("urgent", 10);
  ASSERT_TRUE(family.ok()) << family.status();
  ASSERT_EQ(family->size(), 3u);
  EXPECT_EQ((*family)[0].id(), "urgent");
  EXPECT_EQ((*family)[1].id(), "writethru");
  EXPECT_EQ((*family)[1].kind(), v1::DEDUP_KIND_CONTAINS_EARLIER);
  EXPECT_EQ((*family)[1].duplicate_of(), "urgent");
  EXPECT_EQ((*family)[1].log_offset(), 2);
  EXPECT_EQ((*family)[1].canonical_words(), 300);
  EXPECT_EQ((*family)[1].story_time().seconds(), 1002);
  EXPECT_EQ((*family)[2].id(), "copy");
  // A family whose id is a prefix of another's is not mixed with it.
  EXPECT_EQ((*store)->FamilyMembers("urg", 10)->size(), 0u);
  EXPECT_EQ((*store)->FamilyMembers("urgent", 2)->size(), 2u);
}

// A store written in another layout is refused with a clear message, not
// misread.
TEST(StoryStoreTest, OpenRefusesAnotherStoreFormat) {
  const std::string path = TempDir("store_old_format");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path, &db).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "Sa", "a story in full").ok());
    delete db;
  }
  auto store = StoryStore::Open({.path = path});
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find("rebuilt from the stories log"), std::string::npos);
}

// Earlier builds compacted the store by levels; a store they left with
// files below level 0 opens, reads and takes new steps under universal
// compaction, which sees each level as one sorted run.
TEST(StoryStoreTest, OpensAStoreCompactedByLevels) {
  const std::string path = TempDir("store_leveled");
  {
    auto store = StoryStore::Open({.path = path});
    ASSERT_TRUE(store.ok()) << store.status();
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE((*store)->Apply(NewStoryStep(absl::StrCat("s", i), i, 100 + i, 1000 + i)).ok());
    }
  }
  {
    rocksdb::Options options;
    options.compaction_style = rocksdb::kCompactionStyleLevel;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path, &db).ok());
    rocksdb::CompactRangeOptions to_level_three;
    to_level_three.change_level = true;
    to_level_three.target_level = 3;
    ASSERT_TRUE(db->CompactRange(to_level_three, nullptr, nullptr).ok());
    std::string files_at_three;
    ASSERT_TRUE(db->GetProperty("rocksdb.num-files-at-level3", &files_at_three));
    EXPECT_EQ(files_at_three, "1");
    delete db;
  }
  auto store = StoryStore::Open({.path = path});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->AppliedOffset()->value(), 19);
  EXPECT_EQ((*store)->CurrentStory("s7")->value().id(), "s7");
  ASSERT_TRUE((*store)->Apply(NewStoryStep("s20", 20, 120, 1020)).ok());
  EXPECT_EQ((*store)->ReadEvents(-1, 100)->size(), 21u);
}

TEST(StoryStoreTest, OpenFailsClearlyOnUnusablePath) {
  auto store = StoryStore::Open({.path = "/proc/newswire-cannot-write-here"});
  EXPECT_FALSE(store.ok());
}

}  // namespace
}  // namespace newswire
