#include "tests/fuzz/fuzz_invariants.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"

namespace newswire::fuzz {
namespace {

using ::testing::HasSubstr;

v1::Story CleanStory() {
  v1::Story story;
  story.set_id("AP:1");
  story.set_headline("Headline \xE2\x80\x94 with a dash");
  story.add_paragraphs("TOKYO (AP) \xE2\x80\x94 First paragraph.");
  story.mutable_dateline()->set_place("TOKYO");
  v1::Subject* subject = story.add_subjects();
  subject->set_scheme("medtop");
  subject->set_code("11000000");
  subject->set_name("politics");
  return story;
}

ParseResult WithStory(v1::Story story) {
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

TEST(FuzzInvariantsTest, CleanStoryPasses) {
  EXPECT_EQ(StoryViolation(CleanStory()), "");
  EXPECT_EQ(OutcomeViolation(WithStory(CleanStory()), Caller::kNormalizer), "");
}

TEST(FuzzInvariantsTest, ControlCharacterInReaderTextIsCaught) {
  v1::Story story = CleanStory();
  story.add_paragraphs(std::string("tab\there"));
  EXPECT_THAT(StoryViolation(story), HasSubstr("paragraphs holds control character 0x09"));
  story = CleanStory();
  story.set_headline(std::string("nul\0inside", 10));
  EXPECT_THAT(StoryViolation(story), HasSubstr("headline"));
  story = CleanStory();
  story.mutable_dateline()->set_text("\x02WASHINGTON");
  EXPECT_THAT(StoryViolation(story), HasSubstr("dateline.text"));
}

TEST(FuzzInvariantsTest, InvalidUtf8AnywhereIsCaught) {
  v1::Story story = CleanStory();
  story.set_source_guid("guid-\xFF");
  EXPECT_THAT(StoryViolation(story), HasSubstr("source_guid is not valid UTF-8"));
  story = CleanStory();
  story.mutable_subjects(0)->set_name("\xC0\x80");
  EXPECT_THAT(StoryViolation(story), HasSubstr("subjects.name"));
}

TEST(FuzzInvariantsTest, IdentifiersMayHoldControlCharacters) {
  v1::Story story = CleanStory();
  story.set_source_guid("guid\twith tab");
  story.mutable_origin()->set_key(std::string("k\0", 2));
  EXPECT_EQ(StoryViolation(story), "");
}

TEST(FuzzInvariantsTest, ErrorsMustBeInvalidArgumentWithAReason) {
  EXPECT_EQ(OutcomeViolation(absl::InvalidArgumentError("xml: not well-formed"), Caller::kParser),
            "");
  EXPECT_THAT(OutcomeViolation(absl::InternalError("boom"), Caller::kParser),
              HasSubstr("not InvalidArgument"));
  EXPECT_EQ(OutcomeViolation(absl::ResourceExhaustedError("too costly: 300 attributes"),
                             Caller::kParser),
            "");
  EXPECT_THAT(OutcomeViolation(absl::ResourceExhaustedError("queue full"), Caller::kParser),
              HasSubstr("not InvalidArgument"));
  EXPECT_THAT(OutcomeViolation(absl::InvalidArgumentError(""), Caller::kParser),
              HasSubstr("without a message"));
}

TEST(FuzzInvariantsTest, NormalizerMustGiveIdsAndReasons) {
  v1::Story story = CleanStory();
  story.clear_id();
  EXPECT_EQ(OutcomeViolation(WithStory(story), Caller::kParser), "");
  EXPECT_THAT(OutcomeViolation(WithStory(story), Caller::kNormalizer), HasSubstr("no id"));
  EXPECT_EQ(OutcomeViolation(ParseResult{}, Caller::kParser), "");
  EXPECT_THAT(OutcomeViolation(ParseResult{}, Caller::kNormalizer),
              HasSubstr("no no_story_reason"));
}

}  // namespace
}  // namespace newswire::fuzz
