#include "services/ingest/serve/story_reads.h"

#include <cstdlib>
#include <filesystem>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/fake_clock.h"
#include "services/ingest/common/wait_for.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

class SubscriptionTest : public ::testing::Test {
 protected:
  SubscriptionTest() : cursor_(-1, &clock_) {
    std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/subs";
    std::filesystem::remove_all(path);
    store_ = *StoryStore::Open({.path = path});
    subs_ = std::make_unique<StoryReads>(
        store_.get(), &cursor_, &metrics_,
        StoryReads::Options{.default_heartbeat = absl::Milliseconds(100),
                                    .min_heartbeat = absl::Milliseconds(50),
                                    .batch_size = 2,
                                    .tail_gather = absl::ZeroDuration(),
                                    .clock = &clock_});
  }

  // Applies an event at `offset` with a story `id` of `kind`, in family
  // `family` (none when empty) with a text of `words` canonical words.
  void Apply(int64_t offset, const std::string& id, v1::EventKind kind = v1::EVENT_KIND_NEW_STORY,
             const std::string& family = "", int32_t words = 0) {
    FoldStep step;
    step.log_offset = offset;
    step.becomes_current = kind != v1::EVENT_KIND_DUPLICATE;
    v1::StoryEvent& event = step.event.emplace();
    event.set_cursor(offset);
    event.set_kind(kind);
    event.mutable_story()->set_id(id);
    event.mutable_story()->set_family_id(family);
    event.mutable_story()->mutable_fingerprints()->set_canonical_words(words);
    ASSERT_TRUE(store_->Apply(step).ok());
    cursor_.Publish(offset);
  }

  // Streams until `count` story events arrived; returns their cursors.
  std::vector<int64_t> Collect(const v1::SubscribeRequest& request, size_t count,
                               absl::Status* end = nullptr, int* heartbeats = nullptr) {
    std::vector<int64_t> cursors;
    absl::Status status = subs_->Stream(
        request,
        [&](absl::Span<const SharedEvent> batch) {
          EXPECT_FALSE(batch.empty());
          for (const SharedEvent& served : batch) {
            const v1::StoryEvent& event = served->event;
            EXPECT_EQ(served->wire(true), event.SerializeAsString());
            if (event.kind() == v1::EVENT_KIND_HEARTBEAT) {
              if (heartbeats != nullptr) ++*heartbeats;
              if (heartbeats != nullptr && *heartbeats >= 2) return false;
              continue;
            }
            cursors.push_back(event.cursor());
            if (cursors.size() >= count) return false;
          }
          return true;
        },
        [] { return false; });
    if (end != nullptr) *end = status;
    return cursors;
  }

  // Streams wait on it: it moves only when a test advances it.
  FakeClock clock_;
  std::unique_ptr<StoryStore> store_;
  AppliedCursor cursor_;
  ServiceMetrics metrics_;
  std::unique_ptr<StoryReads> subs_;
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

// Catch-up hands over a store batch at a time (batch_size 2 here), so a
// batched stream sends one message per batch, not per event.
TEST_F(SubscriptionTest, EmitsRunsOfEventsInCursorOrder) {
  for (int64_t offset = 0; offset < 5; ++offset) Apply(offset, absl::StrCat("s", offset));
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  std::vector<std::vector<int64_t>> runs;
  size_t events = 0;
  absl::Status end = subs_->Stream(
      request,
      [&](absl::Span<const SharedEvent> batch) {
        runs.emplace_back();
        for (const SharedEvent& served : batch) runs.back().push_back(served->cursor());
        events += batch.size();
        return events < 5;
      },
      [] { return false; });
  EXPECT_TRUE(end.ok()) << end;
  EXPECT_THAT(runs, ElementsAre(ElementsAre(0, 1), ElementsAre(2, 3), ElementsAre(4)));
}

TEST_F(SubscriptionTest, FollowsTheLiveTail) {
  Apply(0, "a");
  std::thread folder([&] {
    // The stream has sent "a" and waits at the tail.
    ASSERT_TRUE(clock_.AwaitWaiters(1, kTestPatience));
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

// The fixture's default heartbeat is 100 ms: an idle stream gets one each
// time the clock has moved 100 ms since it last sent, carrying the latest
// cursor, and none before.
TEST_F(SubscriptionTest, IdleStreamGetsHeartbeatsWithLatestCursor) {
  Apply(4, "a");
  absl::Mutex mu;
  std::vector<std::pair<v1::EventKind, int64_t>> received;  // guarded by mu
  auto count = [&] {
    absl::MutexLock lock(&mu);
    return received.size();
  };
  std::atomic<bool> stop{false};
  absl::Status end;
  std::thread stream([&] {
    v1::SubscribeRequest request;
    request.set_from_now(true);
    end = subs_->Stream(
        request,
        [&](absl::Span<const SharedEvent> batch) {
          absl::MutexLock lock(&mu);
          for (const SharedEvent& served : batch) {
            received.emplace_back(served->event.kind(), served->event.cursor());
          }
          return true;
        },
        [&] { return stop.load(); });
  });
  for (size_t beat = 1; beat <= 2; ++beat) {
    ASSERT_TRUE(clock_.AwaitWaiters(1, kTestPatience));
    clock_.Advance(absl::Milliseconds(99));
    ASSERT_TRUE(clock_.AwaitWaiters(1, kTestPatience));
    EXPECT_EQ(count(), beat - 1) << "a heartbeat before its interval";
    clock_.Advance(absl::Milliseconds(1));
    EXPECT_TRUE(WaitFor([&] { return count() >= beat; })) << "no heartbeat after its interval";
  }
  stop = true;
  cursor_.Close();  // wakes the stream even if the clock failed to
  stream.join();
  absl::MutexLock lock(&mu);
  EXPECT_THAT(received, ElementsAre(std::pair(v1::EVENT_KIND_HEARTBEAT, 4),
                                    std::pair(v1::EVENT_KIND_HEARTBEAT, 4)));
  EXPECT_TRUE(absl::IsCancelled(end)) << end;
}

TEST_F(SubscriptionTest, DrainingEndsStreamWithUnavailable) {
  std::thread drainer([&] {
    ASSERT_TRUE(clock_.AwaitWaiters(1, kTestPatience));  // the stream waits at the tail
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

TEST_F(SubscriptionTest, ListStoriesNewestFirstPagedFilteredWithoutKilled) {
  for (int i = 0; i < 5; ++i) {
    FoldStep step;
    step.log_offset = i;
    step.becomes_current = true;
    v1::StoryEvent& event = step.event.emplace();
    event.set_cursor(i);
    v1::Story* story = event.mutable_story();
    story->set_id("s" + std::to_string(i));
    story->mutable_version_created()->set_seconds(1000 + i);
    story->set_agency(i % 2 == 0 ? "AP" : "KYODO");
    if (i == 4) story->set_pub_status(v1::PUB_STATUS_CANCELED);
    ASSERT_TRUE(store_->Apply(step).ok());
  }
  // A new version of s0 moves it to the front; its old time entry goes.
  FoldStep update;
  update.log_offset = 5;
  update.becomes_current = true;
  v1::StoryEvent& event = update.event.emplace();
  event.mutable_story()->set_id("s0");
  event.mutable_story()->set_version(2);
  event.mutable_story()->set_agency("AP");
  event.mutable_story()->mutable_version_created()->set_seconds(2000);
  ASSERT_TRUE(store_->Apply(update).ok());

  v1::ListStoriesRequest request;
  request.set_page_size(2);
  auto first = subs_->ListStories(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->stories_size(), 2);
  EXPECT_EQ(first->stories(0).id(), "s0");
  EXPECT_EQ(first->stories(0).version(), 2);
  EXPECT_EQ(first->stories(1).id(), "s3");  // s4 is killed
  request.set_page_token(first->next_page_token());
  auto second = subs_->ListStories(request);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->stories_size(), 2);
  EXPECT_EQ(second->stories(0).id(), "s2");
  EXPECT_EQ(second->stories(1).id(), "s1");
  EXPECT_TRUE(second->next_page_token().empty()) << "s1 is the oldest: no third page";

  v1::ListStoriesRequest filtered;
  filtered.mutable_filter()->add_agencies("kyodo");
  filtered.mutable_start_time()->set_seconds(1002);
  filtered.set_include_killed(true);
  auto kyodo = subs_->ListStories(filtered);
  ASSERT_TRUE(kyodo.ok());
  ASSERT_EQ(kyodo->stories_size(), 1);
  EXPECT_EQ(kyodo->stories(0).id(), "s3");
  request.set_page_token("garbage");
  EXPECT_TRUE(absl::IsInvalidArgument(subs_->ListStories(request).status()));
}

TEST_F(SubscriptionTest, RefusesSubscribersBeyondTheLimit) {
  StoryReads limited(store_.get(), &cursor_, &metrics_,
                             {.default_heartbeat = absl::Milliseconds(50),
                              .min_heartbeat = absl::Milliseconds(50),
                              .max_subscribers = 1,
                              .clock = &clock_});
  std::atomic<bool> stop{false};
  std::thread first([&] {
    v1::SubscribeRequest request;
    absl::Status ended = limited.Stream(request, [](absl::Span<const SharedEvent>) { return true; },
                                        [&] { return stop.load(); });
    EXPECT_TRUE(absl::IsCancelled(ended)) << ended;
  });
  ASSERT_TRUE(WaitFor([&] { return metrics_.subscribers().Value() == 1; }));
  v1::SubscribeRequest request;
  absl::Status refused =
      limited.Stream(request, [](absl::Span<const SharedEvent>) { return true; }, [] { return true; });
  EXPECT_TRUE(absl::IsResourceExhausted(refused)) << refused;
  stop = true;
  cursor_.Close();  // wakes the stream, which sees `stop` first
  first.join();
  EXPECT_EQ(metrics_.subscribers_refused().Value(), 1);
}

// The gRPC adapter admits a stream before its request arrives: a held slot
// counts against the limit, and gives its place back when it goes.
TEST_F(SubscriptionTest, AnAdmittedSlotCountsAgainstTheLimitUntilReleased) {
  StoryReads limited(store_.get(), &cursor_, &metrics_, {.max_subscribers = 2});
  auto first = limited.Admit();
  auto second = limited.Admit();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(metrics_.subscribers().Value(), 2);
  EXPECT_TRUE(absl::IsResourceExhausted(limited.Admit().status()));
  v1::SubscribeRequest request;
  EXPECT_TRUE(absl::IsResourceExhausted(limited.Stream(
      request, [](absl::Span<const SharedEvent>) { return true; }, [] { return true; })));
  { auto moved = *std::move(second); }  // released once, by the moved-to slot
  EXPECT_EQ(metrics_.subscribers().Value(), 1);
  auto third = limited.Admit();
  EXPECT_TRUE(third.ok());
  EXPECT_EQ(metrics_.subscribers_refused().Value(), 2);
}

TEST_F(SubscriptionTest, NewestFullestPerFamilySkipsShorterCopies) {
  Apply(0, "urgent", v1::EVENT_KIND_NEW_STORY, "urgent", 60);
  Apply(1, "writethru", v1::EVENT_KIND_FULLER_TEXT, "urgent", 300);
  Apply(2, "copy1", v1::EVENT_KIND_DUPLICATE, "urgent", 250);
  Apply(3, "other", v1::EVENT_KIND_NEW_STORY, "other", 100);
  Apply(4, "copy2", v1::EVENT_KIND_DUPLICATE, "urgent", 280);
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  request.set_include_duplicates(true);
  EXPECT_THAT(Collect(request, 5), ElementsAre(0, 1, 2, 3, 4));
  request.set_newest_fullest_per_family(true);
  // Read from the store in batches of two: the choice spans batches.
  EXPECT_THAT(Collect(request, 3), ElementsAre(0, 1, 3));
}

TEST_F(SubscriptionTest, GetStoryListsItsFamilyOnRequest) {
  Apply(0, "urgent", v1::EVENT_KIND_NEW_STORY, "urgent", 60);
  Apply(1, "other", v1::EVENT_KIND_NEW_STORY, "other", 100);
  Apply(2, "writethru", v1::EVENT_KIND_FULLER_TEXT, "urgent", 300);
  v1::GetStoryRequest request;
  request.set_id("writethru");
  EXPECT_EQ(subs_->GetStory(request)->dedup().family_members_size(), 0);
  request.set_include_family(true);
  absl::StatusOr<v1::Story> story = subs_->GetStory(request);
  ASSERT_TRUE(story.ok()) << story.status();
  ASSERT_EQ(story->dedup().family_members_size(), 2);
  EXPECT_EQ(story->dedup().family_members(0).id(), "urgent");
  EXPECT_EQ(story->dedup().family_members(1).id(), "writethru");
  EXPECT_EQ(story->dedup().family_members(1).canonical_words(), 300);
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
