// The sixteen demo stories (testdata/stories) get the sections an editor
// would give them. Each expectation was set by reading the story, before
// running the tagger on it: the story is about what its headline and first
// paragraph report, filed where a news desk files that (a port or an
// airline's routes are business, a court ruling is law, a heatwave weather).
// No codes, labels or URLs: the section comes from the text alone.
#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/file.h"
#include "services/ingest/tag/tagger.h"
#include "services/ingest/tag/taxonomy.h"
#include "services/ingest/tag/trainer.h"
#include "tests/testing/runfiles.h"

namespace newswire::tagging {
namespace {

struct DemoStory {
  const char* file;
  const char* about;
  const char* section;  // short name of the media topic
};

constexpr DemoStory kStories[] = {
    {"story-01.txt", "harbour authority opens a container terminal", "economy"},
    {"story-02.txt", "parliament passes a revised budget", "politics"},
    {"story-03.txt", "snowstorm closes Alpine passes", "weather"},
    {"story-04.txt", "central bank holds rates", "economy"},
    {"story-05.txt", "city council votes for bicycle lanes", "politics"},
    {"story-06.txt", "researchers map deep-sea vents", "science"},
    {"story-07.txt", "national football team names a coach", "sport"},
    {"story-08.txt", "airline adds a direct route", "economy"},
    {"story-09.txt", "museum returns carved panels", "arts"},
    {"story-10.txt", "chipmaker posts record revenue", "economy"},
    {"story-11.txt", "floods force evacuations", "disaster"},
    {"story-12.txt", "rare crane population grows", "environment"},
    {"story-13.txt", "court orders review of a mining permit", "crime"},
    {"story-14.txt", "orchestra announces free concerts", "arts"},
    {"story-15.txt", "telecom regulator fines an operator", "economy"},
    {"story-16.txt", "heatwave prompts water restrictions", "weather"},
};

std::string ReadStory(const std::string& file) {
  return ReadFile(testing::RunfilePath("testdata/stories/" + file)).value_or("");
}

TEST(DemoStoriesTest, EachStoryGetsTheSectionAnEditorWouldGive) {
  absl::StatusOr<std::unique_ptr<tag::Tagger>> tagger = tag::Tagger::Create(tag::TaggerOptions{});
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  for (const DemoStory& demo : kStories) {
    const std::string bytes = ReadStory(demo.file);
    ASSERT_FALSE(bytes.empty()) << demo.file;
    const tag::LabeledDocument document = tag::DocumentFromText(bytes);
    v1::Story story;
    story.set_language("en");
    story.set_headline(document.headline);
    for (const std::string& paragraph : document.paragraphs) story.add_paragraphs(paragraph);
    (*tagger)->Tag(story);
    const std::optional<int> expected = tag::FindTopic(demo.section);
    ASSERT_TRUE(expected.has_value()) << demo.section;
    std::cout << absl::StrFormat("%s  %-45s -> %-16s %.2f%s\n", demo.file, demo.about,
                                 story.section().name(), story.section().confidence(),
                                 story.section().low_confidence() ? " (low confidence)" : "");
    EXPECT_EQ(story.section().code(), tag::kTopics[*expected].qcode)
        << demo.file << " (" << demo.about << "): got " << story.section().name();
  }
}

}  // namespace
}  // namespace newswire::tagging
