// The seed page (../shared/corpus/seed/japantoday-kyodo-2022-11-07.txt)
// through the Normalizer: the story and nothing of the page around it.
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"
#include "tests/extraction/normalize_testing.h"
#include "tests/extraction/page_corpus.h"

namespace newswire::extraction {
namespace {

TEST(SeedTest, JapanTodayKyodoPage) {
  std::optional<std::string> root = CorpusRoot();
  if (!root) GTEST_SKIP() << "NEWSWIRE_CORPUS not set (../shared/corpus absent): seed check skipped";
  const std::string path = *root + "/seed/japantoday-kyodo-2022-11-07.txt";
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(path);
  if (!bytes.ok()) GTEST_SKIP() << "seed page missing: " << bytes.status();

  absl::StatusOr<v1::Story> story = NormalizeBytes(*bytes, path);
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->source_format(), v1::SOURCE_FORMAT_PAGE_TEXT);
  EXPECT_EQ(story->headline(), "China wary about Japan joining NATO cyber defense center");
  EXPECT_EQ(story->dateline().place(), "BEIJING");
  EXPECT_EQ(story->agency(), "KYODO");
  EXPECT_EQ(story->provider(), "Japan Today");
  EXPECT_EQ(story->source_section(), "politics");
  EXPECT_EQ(story->language(), "en");
  EXPECT_EQ(google::protobuf::util::TimeUtil::ToString(story->version_created()).substr(0, 10),
            "2022-11-07");

  // Exactly the story's paragraphs: every line of the file from the lead to
  // "... listed as sponsoring nations.", in order, and nothing else.
  std::vector<std::string> want;
  bool in_body = false;
  for (absl::string_view line : absl::StrSplit(*bytes, '\n')) {
    std::string text = text::CollapseWhitespace(line);
    if (absl::StartsWith(text, "China on Monday expressed wariness")) in_body = true;
    if (in_body && !text.empty()) want.push_back(text);
    if (absl::EndsWith(text, "listed as sponsoring nations.")) break;
  }
  ASSERT_GE(want.size(), 6u);
  std::vector<std::string> got(story->paragraphs().begin(), story->paragraphs().end());
  EXPECT_EQ(got, want);
  for (const std::string& paragraph : got) {
    EXPECT_EQ(paragraph.find("Savvy Tokyo"), std::string::npos);
    EXPECT_EQ(paragraph.find("Login"), std::string::npos);
    EXPECT_EQ(paragraph.find("\xC2\xA9"), std::string::npos);  // ©
  }
}

// The same page saved with CR (old Mac) or CR LF line ends: the same story,
// not the whole page in one line.
TEST(SeedTest, CrAndCrLfLineEndsGiveTheSameStory) {
  std::optional<std::string> root = CorpusRoot();
  if (!root) GTEST_SKIP() << "NEWSWIRE_CORPUS not set (../shared/corpus absent): seed check skipped";
  const std::string path = *root + "/seed/japantoday-kyodo-2022-11-07.txt";
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(path);
  if (!bytes.ok()) GTEST_SKIP() << "seed page missing: " << bytes.status();
  absl::StatusOr<v1::Story> lf = NormalizeBytes(*bytes, path);
  ASSERT_TRUE(lf.ok()) << lf.status();
  for (const char* end : {"\r", "\r\n"}) {
    absl::StatusOr<v1::Story> other =
        NormalizeBytes(absl::StrReplaceAll(*bytes, {{"\n", end}}), path);
    ASSERT_TRUE(other.ok()) << other.status();
    EXPECT_EQ(other->source_format(), v1::SOURCE_FORMAT_PAGE_TEXT);
    EXPECT_EQ(other->headline(), lf->headline());
    std::vector<std::string> got(other->paragraphs().begin(), other->paragraphs().end());
    std::vector<std::string> want(lf->paragraphs().begin(), lf->paragraphs().end());
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace newswire::extraction
