#include "services/ingest/serve/subscription.h"

#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

class SubscriptionTest : public ::testing::Test {
 protected:
  SubscriptionTest() {
    std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/subs";
    std::filesystem::remove_all(path);
    store_ = *StoryStore::Open({.path = path});
    subs_ = std::make_unique<StorySubscriptions>(
        store_.get(), &cursor_, &metrics_,
        StorySubscriptions::Options{.default_heartbeat = absl::Milliseconds(100),
                                    .min_heartbeat = absl::Milliseconds(50),
                                    .batch_size = 2});
  }

  // Applies an event at `offset` with a story `id` of `kind`.
  void Apply(int64_t offset, const std::string& id, v1::EventKind kind = v1::EVENT_KIND_NEW_STORY) {
    FoldStep step;
    step.log_offset = offset;
    step.becomes_current = kind != v1::EVENT_KIND_DUPLICATE;
    v1::StoryEvent& event = step.event.emplace();
    event.set_cursor(offset);
    event.set_kind(kind);
    event.mutable_story()->set_id(id);
    ASSERT_TRUE(store_->Apply(step).ok());
    cursor_.Publish(offset);
  }

  // Streams until `count` story events arrived; returns their cursors.
  std::vector<int64_t> Collect(const v1::SubscribeRequest& request, size_t count,
                               absl::Status* end = nullptr, int* heartbeats = nullptr) {
    std::vector<int64_t> cursors;
    absl::Status status = subs_->Stream(
        request,
        [&](const v1::StoryEvent& event) {
          if (event.kind() == v1::EVENT_KIND_HEARTBEAT) {
            if (heartbeats != nullptr) ++*heartbeats;
            return heartbeats == nullptr || *heartbeats < 2;
          }
          cursors.push_back(event.cursor());
          return cursors.size() < count;
        },
        [] { return false; });
    if (end != nullptr) *end = status;
    return cursors;
  }

  std::unique_ptr<StoryStore> store_;
  AppliedCursor cursor_;
  ServiceMetrics metrics_;
  std::unique_ptr<StorySubscriptions> subs_;
};

TEST_F(SubscriptionTest, FromBeginningThenResumeAfterCursorWithoutGapOrRepeat) {
  Apply(0, "a");
  Apply(2, "b");  // offset 1 was a replay: no event
  Apply(3, "c");
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  EXPECT_THAT(Collect(request, 3), ElementsAre(0, 2, 3));
  request.set_after_cursor(2);
  EXPECT_THAT(Collect(request, 1), ElementsAre(3));
}

TEST_F(SubscriptionTest, FollowsTheLiveTail) {
  Apply(0, "a");
  std::thread folder([&] {
    absl::SleepFor(absl::Milliseconds(30));
    Apply(1, "b");
    Apply(2, "c");
  });
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  EXPECT_THAT(Collect(request, 3), ElementsAre(0, 1, 2));
  folder.join();
}

TEST_F(SubscriptionTest, DuplicatesOnlyOnRequest) {
  Apply(0, "a");
  Apply(1, "copy", v1::EVENT_KIND_DUPLICATE);
  Apply(2, "b");
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  EXPECT_THAT(Collect(request, 2), ElementsAre(0, 2));
  request.set_include_duplicates(true);
  EXPECT_THAT(Collect(request, 3), ElementsAre(0, 1, 2));
}

TEST_F(SubscriptionTest, IdleStreamGetsHeartbeatsWithLatestCursor) {
  Apply(4, "a");
  v1::SubscribeRequest request;
  request.set_from_now(true);
  int heartbeats = 0;
  absl::Status end;
  EXPECT_TRUE(Collect(request, 1, &end, &heartbeats).empty());
  EXPECT_EQ(heartbeats, 2);
  EXPECT_TRUE(end.ok());
}

TEST_F(SubscriptionTest, DrainingEndsStreamWithUnavailable) {
  std::thread drainer([&] {
    absl::SleepFor(absl::Milliseconds(30));
    cursor_.Close();
  });
  v1::SubscribeRequest request;
  absl::Status end;
  Collect(request, 1, &end);
  drainer.join();
  EXPECT_TRUE(absl::IsUnavailable(end)) << end;
}

TEST_F(SubscriptionTest, FromTimeStartsAtFirstEventLoggedThen) {
  FoldStep step;
  for (int64_t offset : {0, 1}) {
    step.log_offset = offset;
    step.becomes_current = true;
    v1::StoryEvent& event = step.event.emplace();
    event.set_cursor(offset);
    event.set_kind(v1::EVENT_KIND_NEW_STORY);
    event.mutable_log_time()->set_seconds(100 * (offset + 1));
    event.mutable_story()->set_id("s" + std::to_string(offset));
    ASSERT_TRUE(store_->Apply(step).ok());
    cursor_.Publish(offset);
  }
  v1::SubscribeRequest request;
  request.mutable_from_time()->set_seconds(150);
  EXPECT_THAT(Collect(request, 1), ElementsAre(1));
}

TEST_F(SubscriptionTest, GetStoryAndNotFound) {
  Apply(0, "a");
  v1::GetStoryRequest request;
  request.set_id("a");
  EXPECT_EQ(subs_->GetStory(request)->id(), "a");
  request.set_id("nope");
  EXPECT_TRUE(absl::IsNotFound(subs_->GetStory(request).status()));
  request.set_id("");
  EXPECT_TRUE(absl::IsInvalidArgument(subs_->GetStory(request).status()));
}

}  // namespace
}  // namespace newswire
