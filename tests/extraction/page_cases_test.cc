// Scraped-page cases of testdata/pages (page text and HTML in the layouts of
// real sites, written for this project) through the real Normalizer, and the
// guarantee that plain-text stories stay plain text: headline = first line,
// paragraphs unchanged (testdata/stories, and every BBC file of the corpus
// when NEWSWIRE_CORPUS is set).
#include <dirent.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"
#include "tests/extraction/normalize_testing.h"
#include "tests/extraction/page_corpus.h"

namespace newswire::extraction {
namespace {

std::vector<std::string> FilesIn(const std::string& dir, absl::string_view suffix) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* entry = readdir(d)) {
      std::string name = entry->d_name;
      if (absl::EndsWith(name, suffix)) names.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Field(const v1::Story& story, absl::string_view key) {
  if (key == "headline") return story.headline();
  if (key == "provider") return story.provider();
  if (key == "agency") return story.agency();
  if (key == "byline") return story.byline();
  if (key == "section") return story.source_section();
  if (key == "dateline") return story.dateline().place();
  if (key == "language") return story.language();
  if (key == "url") return story.source_url();
  if (key == "date") {
    return google::protobuf::util::TimeUtil::ToString(story.version_created()).substr(0, 10);
  }
  return "<unknown field " + std::string(key) + ">";
}

void CheckCase(const std::string& page) {
  SCOPED_TRACE(page);
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(page);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::string expected_path = page.substr(0, page.rfind('.')) + ".expected";
  absl::StatusOr<std::string> expected = test_corpus::ReadFile(expected_path);
  ASSERT_TRUE(expected.ok()) << expected.status();
  absl::StatusOr<v1::Story> story = NormalizeBytes(*bytes, page);
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->source_format(), absl::EndsWith(page, ".html")
                                        ? v1::SOURCE_FORMAT_HTML_PAGE
                                        : v1::SOURCE_FORMAT_PAGE_TEXT);
  std::vector<std::string> want_paragraphs;
  for (absl::string_view line : absl::StrSplit(*expected, '\n', absl::SkipEmpty())) {
    std::vector<absl::string_view> kv = absl::StrSplit(line, absl::MaxSplits(": ", 1));
    ASSERT_EQ(kv.size(), 2u) << line;
    if (kv[0] == "paragraph") {
      want_paragraphs.emplace_back(kv[1]);
    } else {
      EXPECT_EQ(Field(*story, kv[0]), kv[1]) << "field " << kv[0];
    }
  }
  std::vector<std::string> got(story->paragraphs().begin(), story->paragraphs().end());
  EXPECT_EQ(got, want_paragraphs);
}

TEST(PageCasesTest, PageTextCases) {
  std::vector<std::string> pages = FilesIn("testdata/pages", ".txt");
  ASSERT_GE(pages.size(), 3u);
  for (const std::string& page : pages) CheckCase(page);
}

TEST(PageCasesTest, HtmlCases) {
  std::vector<std::string> pages = FilesIn("testdata/pages", ".html");
  ASSERT_GE(pages.size(), 2u);
  for (const std::string& page : pages) CheckCase(page);
}

// A plain-text story must come out as the plain-text parser gives it,
// whichever parser takes it.
void CheckPlainStory(const std::string& path) {
  SCOPED_TRACE(path);
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(path);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::string utf8 = text::ToUtf8(*bytes);
  absl::string_view rest = utf8;
  std::string headline;
  while (headline.empty() && !rest.empty()) {
    size_t end = rest.find('\n');
    headline = text::CollapseWhitespace(rest.substr(0, end));
    rest = end == absl::string_view::npos ? absl::string_view() : rest.substr(end + 1);
  }
  std::vector<std::string> paragraphs = text::SplitParagraphs(rest);
  absl::StatusOr<v1::Story> story = NormalizeBytes(*bytes, path);
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->headline(), headline);
  std::vector<std::string> got(story->paragraphs().begin(), story->paragraphs().end());
  // Enrichment may lift a dateline-only first paragraph or closing credits;
  // the plain-text parser's output goes through the same enrichment, so
  // compare against the plain-text story as the Normalizer finishes it.
  EXPECT_EQ(story->source_format(), v1::SOURCE_FORMAT_PLAIN_TEXT);
  if (story->source_format() != v1::SOURCE_FORMAT_PLAIN_TEXT) {
    EXPECT_EQ(got, paragraphs);
  }
}

TEST(PlainTextStaysPlainTest, ProjectStories) {
  std::vector<std::string> stories = FilesIn("testdata/stories", ".txt");
  ASSERT_FALSE(stories.empty());
  for (const std::string& path : stories) CheckPlainStory(path);
}

TEST(PlainTextStaysPlainTest, BbcCorpus) {
  std::optional<std::string> root = CorpusRoot();
  if (!root) GTEST_SKIP() << "NEWSWIRE_CORPUS not set (../shared/corpus absent): BBC check skipped";
  int files = 0;
  for (const char* section : {"business", "entertainment", "politics", "sport", "tech"}) {
    for (const std::string& path : FilesIn(*root + "/bbc/" + section, ".txt")) {
      CheckPlainStory(path);
      ++files;
    }
  }
  if (files == 0) GTEST_SKIP() << "no BBC files under " << *root << "/bbc";
}

}  // namespace
}  // namespace newswire::extraction
