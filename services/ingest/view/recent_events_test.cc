#include "services/ingest/view/recent_events.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

SharedEvent Event(int64_t cursor) {
  v1::StoryEvent event;
  event.set_cursor(cursor);
  return std::make_shared<const ServedEvent>(std::move(event));
}

std::vector<int64_t> Cursors(const std::optional<std::vector<SharedEvent>>& events) {
  std::vector<int64_t> out;
  if (events) {
    for (const SharedEvent& e : *events) out.push_back(e->cursor());
  }
  return out;
}

TEST(RecentEventsTest, ServesWhatItCoversAndSendsOthersToTheStore) {
  RecentEvents ring(3, /*applied=*/9);
  EXPECT_FALSE(ring.After(8, 10).has_value());  // before the ring: store
  EXPECT_TRUE(ring.After(9, 10)->empty());      // at the tail: nothing yet
  ring.Append(10, Event(10));
  ring.Append(11, nullptr);  // a replay: no event, no gap
  ring.Append(12, Event(12));
  EXPECT_EQ(Cursors(ring.After(9, 10)), (std::vector<int64_t>{10, 12}));
  EXPECT_EQ(Cursors(ring.After(10, 10)), (std::vector<int64_t>{12}));
  EXPECT_EQ(Cursors(ring.After(9, 1)), (std::vector<int64_t>{10}));
  ring.Append(13, Event(13));
  ring.Append(14, Event(14));  // 10 drops out
  EXPECT_FALSE(ring.After(9, 10).has_value());
  EXPECT_EQ(Cursors(ring.After(10, 10)), (std::vector<int64_t>{12, 13, 14}));
}

TEST(ServedEventTest, WireFormsWithAndWithoutTheMinHash) {
  v1::StoryEvent event;
  event.set_cursor(7);
  event.set_kind(v1::EVENT_KIND_NEW_STORY);
  v1::Story& story = *event.mutable_story();
  story.set_id("urn:x");
  story.add_paragraphs("Text.");
  story.mutable_fingerprints()->set_simhash(42);
  for (uint32_t i = 0; i < 128; ++i) story.mutable_fingerprints()->add_minhash(i * 2654435761u);
  const ServedEvent served(event);
  EXPECT_EQ(served.wire(true), event.SerializeAsString());
  v1::StoryEvent lean;
  ASSERT_TRUE(lean.ParseFromString(served.wire(false)));
  EXPECT_EQ(lean.story().fingerprints().minhash_size(), 0);
  EXPECT_EQ(lean.story().fingerprints().simhash(), 42u);
  event.mutable_story()->mutable_fingerprints()->clear_minhash();
  EXPECT_EQ(served.wire(false), event.SerializeAsString());
  EXPECT_EQ(&served.wire(false), &served.wire(false));  // serialized once

  v1::StoryEvent beat;  // no story: one form
  beat.set_kind(v1::EVENT_KIND_HEARTBEAT);
  const ServedEvent heartbeat(beat);
  EXPECT_EQ(heartbeat.wire(false), heartbeat.wire(true));
}

}  // namespace
}  // namespace newswire
