#include "tests/golden/golden_file.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "tests/golden/story_fields.h"

namespace newswire::golden {
namespace {

using ::testing::HasSubstr;

constexpr char kBlock[] = R"(headline: Storm hits coast
byline: By Jane Doe
dateline_place: MIAMI
dateline_agency: AP
first_words: MIAMI (AP) -- A storm
last_words: the coast guard said.
paragraphs: 3
version: 2
first_created: 2016-01-02T10:15:00Z
version_created: 2016-01-02T11:00:00Z
pub_status: usable
signal: update
urgency: 3
agency: AP
editorial_note:
credit_line:
id_scheme: guid
)";

std::string OneStory() {
  return absl::StrCat("# a comment\nsource: corpus wire/ap.xml\nstories: 1\n\n[story 1]\n", kBlock);
}

TEST(GoldenFileTest, ParsesHeaderAndBlock) {
  absl::StatusOr<GoldenFile> file = ParseGoldenFile(OneStory());
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->origin, GoldenFile::Origin::kCorpus);
  EXPECT_EQ(file->source, "wire/ap.xml");
  ASSERT_EQ(file->stories.size(), 1u);
  EXPECT_EQ(file->stories[0].fields.at("headline"), "Storm hits coast");
  EXPECT_EQ(file->stories[0].fields.at("editorial_note"), "");
  EXPECT_EQ(file->stories[0].fields.at("first_created"), "2016-01-02T10:15:00Z");
}

TEST(GoldenFileTest, TestdataSourceAndKnownWrong) {
  std::string text = absl::StrReplaceAll(OneStory(), {{"corpus wire/ap.xml", "testdata stories/a.txt"}});
  text += "known_wrong: byline -- not split from the lead yet\n";
  absl::StatusOr<GoldenFile> file = ParseGoldenFile(text);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->origin, GoldenFile::Origin::kTestdata);
  EXPECT_EQ(file->stories[0].known_wrong.at("byline"), "not split from the lead yet");
}

TEST(GoldenFileTest, RefusesAnIncompleteOrInconsistentFile) {
  EXPECT_THAT(ParseGoldenFile(absl::StrReplaceAll(OneStory(), {{"urgency: 3\n", ""}})).status().message(),
              HasSubstr("has no `urgency:`"));
  EXPECT_THAT(ParseGoldenFile(absl::StrReplaceAll(OneStory(), {{"stories: 1", "stories: 2"}})).status().message(),
              HasSubstr("[story] blocks"));
  EXPECT_THAT(ParseGoldenFile(OneStory() + "colour: red\n").status().message(),
              HasSubstr("unknown field `colour`"));
  EXPECT_THAT(ParseGoldenFile(OneStory() + "headline: again\n").status().message(),
              HasSubstr("given twice"));
  EXPECT_THAT(ParseGoldenFile(OneStory() + "known_wrong: colour -- why\n").status().message(),
              HasSubstr("not a field"));
  EXPECT_THAT(ParseGoldenFile("source: corpus wire/x.xml\nstories: 0\n").status().message(),
              HasSubstr("error"));
  EXPECT_TRUE(ParseGoldenFile("source: corpus wire/x.xml\nstories: 0\nerror: too large\n").ok());
}

TEST(StoryFieldsTest, WordsAreAnchoredAndTheRestWhole) {
  EXPECT_TRUE(FieldMatches("first_words", "MIAMI (AP) -- A", "MIAMI (AP)  --  A storm hit"));
  EXPECT_FALSE(FieldMatches("first_words", "A storm", "MIAMI (AP) -- A storm hit"));
  EXPECT_TRUE(FieldMatches("last_words", "guard said.", "the coast guard said."));
  EXPECT_FALSE(FieldMatches("last_words", "the coast", "the coast guard said."));
  EXPECT_FALSE(FieldMatches("first_words", "", "text"));
  EXPECT_FALSE(FieldMatches("headline", "Storm", "Storm hits"));
  EXPECT_TRUE(FieldMatches("headline", " Storm  hits ", "Storm hits"));
}

TEST(StoryFieldsTest, TimesAreUtcAndTheRecordTimeIsNone) {
  v1::Story story;
  absl::Time record_time = absl::FromUnixSeconds(1767225600);
  EXPECT_EQ(ActualField(story, "first_created", record_time), "-");
  story.mutable_first_created()->set_seconds(1767225600);
  EXPECT_EQ(ActualField(story, "first_created", record_time), "-");
  story.mutable_version_created()->set_seconds(1451729700);
  EXPECT_EQ(ActualField(story, "version_created", record_time), "2016-01-02T10:15:00Z");
}

TEST(StoryFieldsTest, IdSchemes) {
  v1::Story story;
  story.set_id("wire:AP:20160102:us--storm");
  EXPECT_EQ(ActualField(story, "id_scheme", absl::UnixEpoch()), "wire");
  story.set_id("AP:urn:publicid:ap.org:123");
  story.set_source_guid("urn:publicid:ap.org:123");
  EXPECT_EQ(ActualField(story, "id_scheme", absl::UnixEpoch()), "guid");
  story.set_id("url:testdata/stories/a.txt");
  EXPECT_EQ(ActualField(story, "id_scheme", absl::UnixEpoch()), "url");
}

TEST(StoryFieldsTest, EveryMutationDiffers) {
  absl::StatusOr<GoldenFile> file = ParseGoldenFile(OneStory());
  ASSERT_TRUE(file.ok());
  for (const auto& [field, value] : file->stories[0].fields) {
    std::string mutated = MutatedValue(field, value);
    EXPECT_NE(mutated, value) << field;
    EXPECT_TRUE(FieldMatches(field, value, value)) << field;
    EXPECT_FALSE(FieldMatches(field, mutated, value)) << field;
  }
  EXPECT_EQ(MutatedValue("version_created", "2016-01-02T10:15:00Z"), "2016-01-02T11:15:00Z");
  EXPECT_EQ(MutatedValue("paragraphs", "3"), "4");
}

}  // namespace
}  // namespace newswire::golden
