#include "services/ingest/view/view_folder.h"

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>

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

// A folder over a fresh store in TEST_TMPDIR/<name>, reading `log`.
class ViewFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(path);
    auto opened = StoryStore::Open({.path = path});
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    auto state = ViewState::Open(store_.get(), {});
    ASSERT_TRUE(state.ok()) << state.status();
    state_ = *std::move(state);
    folder_ = std::make_unique<ViewFolder>(state_.get(), &log, &cursor, &metrics);
  }

  FakeLog log;
  AppliedCursor cursor;
  ServiceMetrics metrics;
  std::unique_ptr<StoryStore> store_;
  std::unique_ptr<ViewState> state_;
  std::unique_ptr<ViewFolder> folder_;
};

TEST_F(ViewFolderTest, FoldsLogIntoStoreAndPublishesCursor) {
  ViewFolder& folder = *folder_;

  log.Append(Story("a", 0));
  log.Append(Story("a", 0));  // replay
  log.AppendGarbage();        // skipped, never stalls
  log.Append(Story("b", 1));
  EXPECT_FALSE(folder.CaughtUp());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(folder.RunOnce(absl::ZeroDuration()).ok());
  EXPECT_TRUE(folder.CaughtUp());
  EXPECT_EQ(cursor.Latest(), 3);
  EXPECT_EQ(store_->AppliedOffset()->value(), 3);
  auto events = store_->ReadEvents(-1, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].story().id(), "a");
  EXPECT_EQ((*events)[1].cursor(), 3);
  EXPECT_EQ(metrics.view_errors().Value(), 1);
  EXPECT_EQ(metrics.ViewRecords("DEDUP_KIND_REPLAY").Value(), 1);
}

TEST_F(ViewFolderTest, ReportsTheNearDuplicateIndexSize) {
  ViewFolder& folder = *folder_;
  for (int i = 0; i < 3; ++i) {
    v1::Story story = Story(absl::StrCat("s", i), i);
    std::string text;
    for (int w = 0; w < 80; ++w) absl::StrAppend(&text, "word", i, "x", w, " ");
    *story.mutable_fingerprints() = FingerprintsOfCanonicalText(text);
    log.Append(story);
  }
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(folder.RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(metrics.dedup_index_stories().Value(), 3);
  EXPECT_EQ(state_->index().size(), 3u);
  EXPECT_GT(metrics.dedup_index_bytes().Value(), 0);
  // Each story was looked up before it was added: unrelated texts share no
  // band. An edited copy of s0 meets s0.
  EXPECT_EQ(metrics.dedup_lookups().Value(), 3);
  EXPECT_EQ(metrics.dedup_candidates().Value(), 0);
  v1::Story copy = Story("copy", 3);
  std::string text;
  for (int w = 0; w < 80; ++w) absl::StrAppend(&text, "word0x", w == 40 ? 999 : w, " ");
  *copy.mutable_fingerprints() = FingerprintsOfCanonicalText(text);
  log.Append(copy);
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(folder.RunOnce(absl::ZeroDuration()).ok());
  EXPECT_EQ(metrics.dedup_lookups().Value(), 4);
  EXPECT_EQ(metrics.dedup_candidates().Value(), 1);
}

}  // namespace
}  // namespace newswire
