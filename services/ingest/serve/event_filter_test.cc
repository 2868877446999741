#include "services/ingest/serve/event_filter.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

v1::StoryEvent Event(v1::EventKind kind, const std::string& section_code,
                     const std::string& section_name, const std::string& agency,
                     const std::string& language, int urgency) {
  v1::StoryEvent event;
  event.set_kind(kind);
  v1::Story* story = event.mutable_story();
  story->mutable_section()->set_code(section_code);
  story->mutable_section()->set_name(section_name);
  story->set_agency(agency);
  story->set_language(language);
  story->set_urgency(urgency);
  return event;
}

TEST(EventFilterTest, EmptyFilterMatchesAllButDuplicates) {
  EventFilter filter({}, false);
  EXPECT_TRUE(filter.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "", "", 0)));
  EXPECT_TRUE(filter.Matches(Event(v1::EVENT_KIND_KILL, "", "", "", "", 0)));
  EXPECT_FALSE(filter.Matches(Event(v1::EVENT_KIND_DUPLICATE, "", "", "", "", 0)));
  EXPECT_FALSE(filter.Matches(Event(v1::EVENT_KIND_OLD_VERSION, "", "", "", "", 0)));
  EXPECT_TRUE(EventFilter({}, true).Matches(Event(v1::EVENT_KIND_DUPLICATE, "", "", "", "", 0)));
}

TEST(EventFilterTest, SectionByCodeOrNameCaseInsensitive) {
  v1::StoryFilter by_name;
  by_name.add_sections("Politics");
  v1::StoryFilter by_code;
  by_code.add_sections("medtop:11000000");
  auto politics = Event(v1::EVENT_KIND_NEW_STORY, "medtop:11000000", "politics", "", "", 0);
  auto sport = Event(v1::EVENT_KIND_NEW_STORY, "medtop:15000000", "sport", "", "", 0);
  EXPECT_TRUE(EventFilter(by_name, false).Matches(politics));
  EXPECT_TRUE(EventFilter(by_code, false).Matches(politics));
  EXPECT_FALSE(EventFilter(by_name, false).Matches(sport));
}

TEST(EventFilterTest, AgencyLanguageAndUrgency) {
  v1::StoryFilter filter;
  filter.add_agencies("kyodo");
  filter.add_languages("en");
  filter.set_min_urgency(3);
  EventFilter f(filter, false);
  EXPECT_TRUE(f.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "KYODO", "en-GB", 2)));
  EXPECT_FALSE(f.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "AP", "en", 2)));
  EXPECT_FALSE(f.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "KYODO", "eng", 2)));
  EXPECT_FALSE(f.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "KYODO", "en", 4)));
  // No urgency counts as 5: less urgent than 3.
  EXPECT_FALSE(f.Matches(Event(v1::EVENT_KIND_NEW_STORY, "", "", "KYODO", "en", 0)));
}

}  // namespace
}  // namespace newswire
