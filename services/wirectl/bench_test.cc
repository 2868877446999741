#include "services/wirectl/bench.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "services/ingest/pipeline.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

// Each bench story, in each format, is parsed by the real pipeline into
// exactly one story led by its marker: the load tool measures real work, not
// the DLQ.
void ExpectEveryFormatMakesOneStory(const BenchText* text) {
  auto pipeline = *StoryPipeline::Create({});
  std::set<std::string> formats, ids, dated;
  const absl::Time published = absl::FromUnixSeconds(1795000000);  // 2026-11-19
  for (int n = 0; n < 50; ++n) {
    RawRecord record;
    record.topic = "newswire.raw";
    record.offset = n;
    const std::string url = absl::StrCat("bench://run/", n);
    std::string content_type;
    record.value = BenchStory(n, n, "run", text, published, &content_type);
    record.timestamp = published;
    record.headers = {{"content-type", content_type}, {"source-url", url}};
    absl::StatusOr<ParseResult> result = pipeline->Process(record);
    ASSERT_TRUE(result.ok()) << "story " << n << ": " << result.status();
    ASSERT_EQ(result->stories.size(), 1u) << "story " << n << ": " << result->no_story_reason;
    const v1::Story& story = result->stories[0];
    EXPECT_EQ(story.headline().rfind(absl::StrCat("Bench run story ", n, " "), 0), 0u)
        << story.headline();
    EXPECT_GE(story.paragraphs_size(), 5) << "story " << n;
    formats.insert(v1::SourceFormat_Name(story.source_format()));
    if (story.has_version_created()) {
      // Stories of the run's day, not of a fixed old date: all of a run
      // stays inside the near-duplicate window.
      const absl::Time created = absl::FromUnixSeconds(story.version_created().seconds());
      EXPECT_LT(absl::AbsDuration(created - published), absl::Hours(24))
          << "story " << n << " " << v1::SourceFormat_Name(story.source_format()) << ": "
          << absl::FormatTime(created);
      dated.insert(v1::SourceFormat_Name(story.source_format()));
    }
    ids.insert(story.id());
  }
  EXPECT_EQ(formats.size(), 5u);
  EXPECT_GE(dated.size(), 3u) << "NITF, ninjs and ANPA-1312 carry the time";
  EXPECT_EQ(ids.size(), 50u) << "every bench story has its own id";
}

// The BBC articles of the corpus; NotFound when there is none.
absl::StatusOr<BenchText> CorpusText() {
  std::optional<std::filesystem::path> corpus = test_corpus::RootFromEnv();
  if (!corpus) return absl::NotFoundError("NEWSWIRE_CORPUS not set: no corpus text");
  return LoadBenchText((*corpus / "bbc").string());
}

TEST(BenchTest, GeneratedWordsMakeOneStoryPerRecord) { ExpectEveryFormatMakesOneStory(nullptr); }

// The default text needs no folder: the repository's testdata/stories are
// compiled in, in file-name order (headlines read from story-01.txt and
// story-16.txt).
TEST(BenchTest, BuiltinTextIsTheRepositorysStories) {
  absl::StatusOr<BenchText> text = BuiltinBenchText();
  ASSERT_TRUE(text.ok()) << text.status();
  ASSERT_EQ(text->headlines.size(), 16u);
  EXPECT_EQ(text->headlines.front(), "Harbour authority opens third container terminal");
  EXPECT_EQ(text->headlines.back(), "Heatwave prompts water restrictions in southern towns");
  EXPECT_EQ(text->paragraphs.front().rfind("ROTTERDAM (newswire) -- The port authority opened", 0), 0u)
      << text->paragraphs.front();
  ExpectEveryFormatMakesOneStory(&*text);
}

TEST(BenchTest, CorpusTextMakesOneStoryPerRecord) {
  absl::StatusOr<BenchText> text = CorpusText();
  if (absl::IsNotFound(text.status())) GTEST_SKIP() << text.status();
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_GT(text->paragraphs.size(), 1000u);
  ExpectEveryFormatMakesOneStory(&*text);
}

// The paragraphs (of 20 words or more) that more than one of `count` plain
// text bench stories prints, and how many of those stories the
// near-duplicate index calls near duplicates of earlier ones.
struct Overlap {
  int shared_paragraphs = 0;
  int near_duplicates = 0;
};
Overlap OverlapOf(const BenchText& text, int count) {
  auto pipeline = *StoryPipeline::Create({});
  auto index = *NearDuplicateIndex::Create({});
  const absl::Time published = absl::FromUnixSeconds(1795000000);
  std::map<std::string, int> seen;
  Overlap overlap;
  for (int n = 0; n < count; ++n) {
    RawRecord record;
    std::string content_type;
    record.value = BenchStory(0, n, "run", &text, published, &content_type);
    record.timestamp = published;
    record.headers = {{"content-type", content_type}, {"source-url", absl::StrCat("bench://run/", n)}};
    absl::StatusOr<ParseResult> result = pipeline->Process(record);
    if (!result.ok() || result->stories.size() != 1) {
      ADD_FAILURE() << "story " << n;
      continue;
    }
    const v1::Story& story = result->stories[0];
    for (const std::string& paragraph : story.paragraphs()) {
      if (std::count(paragraph.begin(), paragraph.end(), ' ') >= 19 && ++seen[paragraph] == 2) {
        ++overlap.shared_paragraphs;
      }
    }
    if (index->FindNearest(story.fingerprints(), published).has_value()) {
      ++overlap.near_duplicates;
    } else {
      index->Add(story.id(), story.fingerprints(), published);
    }
  }
  return overlap;
}

// Stories draw paragraphs from the whole collection, so hundreds of stories
// draw some paragraph twice; with their words varied none prints it alike
// and none is a near duplicate of another. As printed (the index's worst
// case), they share paragraphs.
TEST(BenchTest, CorpusStoriesAreTheirOwnUnlessParagraphsAreReused) {
  absl::StatusOr<BenchText> text = CorpusText();
  if (absl::IsNotFound(text.status())) GTEST_SKIP() << text.status();
  ASSERT_TRUE(text.ok()) << text.status();
  const Overlap varied = OverlapOf(*text, 400);
  EXPECT_EQ(varied.shared_paragraphs, 0);
  EXPECT_EQ(varied.near_duplicates, 0);
  text->reuse_paragraphs = true;
  const Overlap reused = OverlapOf(*text, 400);
  EXPECT_GT(reused.shared_paragraphs, 100);
}

// The default text is small (16 stories, 48 paragraphs), so every paragraph
// is in many stories; with their words varied the stories are still their
// own: the default bench measures new stories, not the duplicate path.
TEST(BenchTest, BuiltinStoriesAreTheirOwn) {
  absl::StatusOr<BenchText> text = BuiltinBenchText();
  ASSERT_TRUE(text.ok()) << text.status();
  const Overlap varied = OverlapOf(*text, 400);
  EXPECT_EQ(varied.near_duplicates, 0);
  std::printf("built-in text, 400 stories: %d shared paragraphs, %d near duplicates\n",
              varied.shared_paragraphs, varied.near_duplicates);
}

TEST(BenchTest, MissingTextFolderIsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(LoadBenchText("/nonexistent/folder").status()));
}

}  // namespace
}  // namespace newswire
