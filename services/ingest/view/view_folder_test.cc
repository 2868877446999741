#include "services/ingest/view/view_folder.h"

#include <cstdlib>
#include <deque>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire {
namespace {

class FakeLog : public LogSource {
 public:
  void Append(const v1::Story& story) {
    records_.push_back({end_++, absl::FromUnixSeconds(100), story.SerializeAsString()});
  }
  void AppendGarbage() { records_.push_back({end_++, absl::FromUnixSeconds(100), "\x01\x02"}); }
  absl::StatusOr<std::optional<LogRecord>> Poll(absl::Duration) override {
    if (records_.empty()) return std::nullopt;
    LogRecord record = records_.front();
    records_.pop_front();
    return record;
  }
  int64_t EndOffset() const override { return end_; }

 private:
  std::deque<LogRecord> records_;
  int64_t end_ = 0;
};

v1::Story Story(const std::string& id, int64_t raw_offset) {
  v1::Story story;
  story.set_id(id);
  story.mutable_origin()->set_topic("raw");
  story.mutable_origin()->set_offset(raw_offset);
  return story;
}

TEST(ViewFolderTest, FoldsLogIntoStoreAndPublishesCursor) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/folder";
  std::filesystem::remove_all(path);
  auto store = StoryStore::Open({.path = path});
  ASSERT_TRUE(store.ok());
  FakeLog log;
  AppliedCursor cursor;
  ServiceMetrics metrics;
  auto state = ViewState::Open(store->get(), {});
  ASSERT_TRUE(state.ok());
  ViewFolder folder(state->get(), &log, &cursor, &metrics);

  log.Append(Story("a", 0));
  log.Append(Story("a", 0));  // replay
  log.AppendGarbage();        // skipped, never stalls
  log.Append(Story("b", 1));
  EXPECT_FALSE(folder.CaughtUp());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(folder.RunOnce(absl::ZeroDuration()).ok());
  EXPECT_TRUE(folder.CaughtUp());
  EXPECT_EQ(cursor.Latest(), 3);
  EXPECT_EQ((*store)->AppliedOffset()->value(), 3);
  auto events = (*store)->ReadEvents(-1, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].story().id(), "a");
  EXPECT_EQ((*events)[1].cursor(), 3);
  EXPECT_EQ(metrics.view_errors().Value(), 1);
  EXPECT_EQ(metrics.ViewRecords("DEDUP_KIND_REPLAY").Value(), 1);
}

TEST(ViewFolderTest, ReportsTheNearDuplicateIndexSize) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/index_gauges";
  std::filesystem::remove_all(path);
  auto store = StoryStore::Open({.path = path});
  ASSERT_TRUE(store.ok());
  FakeLog log;
  AppliedCursor cursor;
  ServiceMetrics metrics;
  auto state = ViewState::Open(store->get(), {});
  ASSERT_TRUE(state.ok());
  ViewFolder folder(state->get(), &log, &cursor, &metrics);
  for (int i = 0; i < 3; ++i) {
    v1::Story story = Story(absl::StrCat("s", i), i);
    std::string text;
    for (int w = 0; w < 80; ++w) absl::StrAppend(&text, "word", i, "x", w, " ");
    *story.mutable_fingerprints() = FingerprintsOfCanonicalText(text);
    log.Append(story);
  }
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(folder.RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(metrics.dedup_index_stories().Value(), 3);
  EXPECT_EQ((*state)->index().size(), 3u);
  EXPECT_GT(metrics.dedup_index_bytes().Value(), 0);
}

}  // namespace
}  // namespace newswire
