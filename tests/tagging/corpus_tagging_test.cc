// The tagger on the rest of the shared corpus:
//   - the seed page is politics: mapped from its label, and classified from
//     its whole text (boilerplate included) when the label is removed
//   - every wire file's stories get a section, and where a story carries IPTC
//     codes (media topics or subject codes) its section is one of theirs
// Skips without NEWSWIRE_CORPUS.
#include <filesystem>
#include <iostream>
#include <set>

#include "gtest/gtest.h"
#include "services/ingest/common/file.h"
#include "services/ingest/normalize/normalizer.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/tag/tagger.h"
#include "services/ingest/tag/taxonomy.h"
#include "services/wirectl/file_record.h"
#include "tests/corpus/corpus_files.h"
#include "tests/tagging/bbc_corpus.h"

namespace newswire::tagging {
namespace {

const tag::Tagger& DefaultTagger() {
  static const tag::Tagger* tagger = [] {
    absl::StatusOr<std::unique_ptr<tag::Tagger>> created = tag::Tagger::Create({});
    EXPECT_TRUE(created.ok()) << created.status();
    return created->release();
  }();
  return *tagger;
}

std::optional<std::filesystem::path> SeedFile() {
  std::optional<std::filesystem::path> dir = test_corpus::RootFromEnv();
  if (!dir) return std::nullopt;
  const std::filesystem::path seed = *dir / "seed" / "japantoday-kyodo-2022-11-07.txt";
  if (!std::filesystem::exists(seed)) return std::nullopt;
  return seed;
}

TEST(SeedPageTest, ClassifiedFromItsWholeTextAsPolitics) {
  std::optional<std::filesystem::path> seed = SeedFile();
  if (!seed) GTEST_SKIP() << "seed page not available: set NEWSWIRE_CORPUS to the corpus folder";
  // The page as plain text, boilerplate and all, with no label and no URL.
  v1::Story story;
  for (std::string& paragraph : text::SplitParagraphs(text::ToUtf8(ReadFile(seed->string()).value_or("")))) {
    story.add_paragraphs(std::move(paragraph));
  }
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:11000000");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
  std::cout << "seed page: " << story.section().ShortDebugString() << "\n";
}

TEST(SeedPageTest, MappedFromItsLabel) {
  std::optional<std::filesystem::path> seed = SeedFile();
  if (!seed) GTEST_SKIP() << "seed page not available: set NEWSWIRE_CORPUS to the corpus folder";
  v1::Story story;
  story.set_source_section("politics");  // the page's label line
  for (std::string& paragraph : text::SplitParagraphs(text::ToUtf8(ReadFile(seed->string()).value_or("")))) {
    story.add_paragraphs(std::move(paragraph));
  }
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:11000000");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_MAPPED);
  EXPECT_EQ(story.section().evidence(), "label:politics");
  EXPECT_EQ(story.section().classified_code(), "medtop:11000000");
}

// The top levels the story's own IPTC codes name.
std::set<std::string> IptcTopLevels(const v1::Story& story, const tag::MappingTables& mapping) {
  std::set<std::string> codes;
  for (const v1::Subject& subject : story.subjects()) {
    if (subject.origin() != v1::CLASSIFICATION_ORIGIN_SOURCE) continue;
    std::optional<std::string> table = mapping.TableForScheme(subject.scheme());
    if (!table || (*table != "medtop" && *table != "subj")) continue;
    std::optional<tag::MappedTopic> mapped = mapping.MapCode(subject.scheme(), subject.code());
    if (mapped && mapped->topical()) codes.insert(std::string(tag::kTopics[mapped->topic].qcode));
  }
  return codes;
}

TEST(WireCorpusTest, EveryStoryGetsASectionThatAgreesWithItsIptcCodes) {
  std::optional<std::filesystem::path> dir = test_corpus::RootFromEnv();
  if (!dir || !std::filesystem::is_directory(*dir / "wire")) {
    GTEST_SKIP() << "wire corpus not available: set NEWSWIRE_CORPUS to the corpus folder";
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(*dir / "wire")) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  Normalizer normalizer(NormalizerOptions{});
  int stories = 0, with_codes = 0;
  for (const std::filesystem::path& file : files) {
    absl::StatusOr<RawRecord> record = RecordFromFile(file.string(), "", "");
    ASSERT_TRUE(record.ok()) << record.status();
    absl::StatusOr<ParseResult> result = normalizer.Normalize(*record);
    if (!result.ok()) continue;  // not a story (the normalizer's concern)
    for (v1::Story& story : result->stories) {
      if (story.headline().empty() && story.paragraphs().empty() && story.subjects().empty()) {
        continue;  // metadata-only items: nothing to tag
      }
      ++stories;
      DefaultTagger().Tag(story);
      const std::string name = file.filename().string();
      EXPECT_TRUE(story.has_section()) << name << ": " << story.headline();
      std::set<std::string> iptc = IptcTopLevels(story, DefaultTagger().mapping());
      std::cout << name << ": " << story.section().code() << " "
                << v1::ClassificationOrigin_Name(story.section().origin()) << " "
                << story.section().evidence() << "\n";
      if (iptc.empty()) continue;
      ++with_codes;
      EXPECT_TRUE(iptc.count(story.section().code()) > 0)
          << name << ": section " << story.section().code() << " is none of its IPTC codes";
    }
  }
  EXPECT_GT(stories, 50);
  EXPECT_GT(with_codes, 10);
}

}  // namespace
}  // namespace newswire::tagging
