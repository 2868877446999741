#include "services/ingest/serve/fullest_per_family.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

v1::StoryEvent Event(v1::EventKind kind, const std::string& id, const std::string& family,
                     int32_t words) {
  v1::StoryEvent event;
  event.set_kind(kind);
  event.mutable_story()->set_id(id);
  event.mutable_story()->set_family_id(family);
  event.mutable_story()->mutable_fingerprints()->set_canonical_words(words);
  return event;
}

TEST(FullestPerFamilyTest, UrgentAndWriteThruPassTrimmedCopiesDoNot) {
  FullestPerFamily fullest(true);
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "urgent", "urgent", 60)));
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_FULLER_TEXT, "writethru", "urgent", 300)));
  EXPECT_FALSE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "copy1", "urgent", 250)));
  EXPECT_FALSE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "copy2", "urgent", 300)));
  // Longer than anything sent: the newest fullest text.
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "copy3", "urgent", 320)));
  // A correction is about its id: always sent.
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_CORRECTION, "urgent", "urgent", 50)));
  // Another family has its own sizes.
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "other", "other", 10)));
}

TEST(FullestPerFamilyTest, OffTakesEverything) {
  FullestPerFamily fullest(false);
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "a", "a", 300)));
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "b", "a", 100)));
}

TEST(FullestPerFamilyTest, ForgetsTheOldestFamilyBeyondItsCapacity) {
  FullestPerFamily fullest(true, /*capacity=*/2);
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "a", "a", 300)));
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "b", "b", 300)));
  EXPECT_FALSE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "a2", "a", 100)));
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_NEW_STORY, "c", "c", 300)));  // "a" leaves
  EXPECT_TRUE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "a3", "a", 100)));
  EXPECT_FALSE(fullest.Take(Event(v1::EVENT_KIND_DUPLICATE, "c2", "c", 100)));
}

}  // namespace
}  // namespace newswire
