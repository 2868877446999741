// Every golden file of testdata/golden against what the Normalizer makes of
// its source document: each story, each field (golden_file.h). The golden
// values were read from the source documents by a person; see
// testdata/golden/README.md. Corpus files are read from NEWSWIRE_CORPUS and
// skipped, with a message, where it is absent; the project's own test data
// is always checked.
//
// The log ends with the tally the README quotes:
//   golden: 83 files, 83 fully right; 126 stories; 2142 fields compared ...
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"
#include "tests/golden/golden_file.h"
#include "tests/golden/story_fields.h"
#include "tests/testing/runfiles.h"

namespace newswire::golden {
namespace {

namespace fs = std::filesystem;

// The Kafka time given to every record: a story with no time of its own
// must not pass this off as one ("-" in a golden file).
const absl::Time kRecordTime = absl::FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z

std::vector<fs::path> GoldenPaths() {
  std::vector<fs::path> paths;
  std::error_code error;
  for (fs::recursive_directory_iterator it(testing::RunfilePath("testdata/golden"), error), end;
       !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".golden") paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// The record a source document arrives as: corpus files as the bare bytes
// (an agency feed), testdata stories as `wirectl publish` sends them (key and
// source-url = the path, plain text).
RawRecord RecordFor(const GoldenFile& golden, std::string bytes) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.timestamp = kRecordTime;
  record.value = std::move(bytes);
  if (golden.origin == GoldenFile::Origin::kTestdata) {
    record.key = "testdata/" + golden.source;
    record.headers.emplace_back(std::string(kHeaderSourceUrl), record.key);
    if (absl::EndsWith(golden.source, ".txt")) {
      record.headers.emplace_back(std::string(kHeaderContentType), "text/plain");
    }
  }
  return record;
}

struct Tally {
  int files = 0;
  int fully_right = 0;
  int stories = 0;
  int fields = 0;
  int known_wrong = 0;
  int skipped = 0;
  std::vector<std::string> not_right;  // "file: why"
  std::set<std::string> covered;       // corpus paths with a golden file
};

// Compares one file; adds gtest failures for every disagreement that is not
// a declared known_wrong. True when every field is right.
bool CheckFile(const fs::path& path, const GoldenFile& golden, const RawRecord& record,
               Tally* tally) {
  const std::string name = path.filename().string();
  Normalizer normalizer({});
  absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
  if (golden.story_count == 0) {
    EXPECT_FALSE(result.ok() && !result->stories.empty())
        << name << ": the golden file says the source is refused (" << golden.error
        << "), but it gave stories";
    // Refused (an error, a DLQ record), or read and found to hold no story
    // (a picture, a package of links: no_story_reason); `error:` names either.
    absl::string_view why =
        result.ok() ? absl::string_view(result->no_story_reason) : result.status().message();
    EXPECT_TRUE(absl::StrContains(why, golden.error))
        << name << ": " << (result.ok() ? "no story because" : "refused with") << " \"" << why
        << "\", expected \"" << golden.error << "\"";
    return absl::StrContains(why, golden.error);
  }
  if (!result.ok()) {
    ADD_FAILURE() << name << ": refused: " << result.status();
    return false;
  }
  const std::vector<v1::Story>& stories = result->stories;
  EXPECT_EQ(stories.size(), static_cast<size_t>(golden.story_count))
      << name << ": number of stories";
  bool right = stories.size() == static_cast<size_t>(golden.story_count);
  for (size_t i = 0; i < std::min(stories.size(), golden.stories.size()); ++i) {
    const GoldenStory& want = golden.stories[i];
    ++tally->stories;
    for (const auto& [field, expected] : want.fields) {
      ++tally->fields;
      std::string actual = ActualField(stories[i], field, record.timestamp);
      bool match = FieldMatches(field, expected, actual);
      std::string where = absl::StrCat(name, " [story ", want.number, "] ", field);
      auto known = want.known_wrong.find(field);
      if (known != want.known_wrong.end()) {
        ++tally->known_wrong;
        right = false;
        tally->not_right.push_back(absl::StrCat(where, ": known wrong: ", known->second));
        EXPECT_FALSE(match) << where << " is now right: remove its known_wrong line";
        continue;
      }
      if (!match) right = false;
      EXPECT_TRUE(match) << where << "\n  golden:  \"" << expected << "\"\n  program: \""
                         << actual << "\"";
      // Every field is compared: a changed golden value must not match.
      EXPECT_FALSE(FieldMatches(field, MutatedValue(field, expected), actual))
          << where << ": a mutated value \"" << MutatedValue(field, expected)
          << "\" matches too";
    }
  }
  return right;
}

TEST(WireGoldenTest, EveryFieldOfEveryStoryAsTheSourceSays) {
  std::vector<fs::path> paths = GoldenPaths();
  ASSERT_FALSE(paths.empty()) << "no golden files under testdata/golden";
  Tally tally;
  std::optional<fs::path> corpus = test_corpus::RootFromEnv();
  for (const fs::path& path : paths) {
    absl::StatusOr<std::string> text = test_corpus::ReadFile(path);
    ASSERT_TRUE(text.ok()) << path << ": " << text.status();
    absl::StatusOr<GoldenFile> golden = ParseGoldenFile(*text);
    if (!golden.ok()) {
      ADD_FAILURE() << path.filename() << ": " << golden.status();
      continue;
    }
    std::optional<std::string> bytes;
    if (golden->origin == GoldenFile::Origin::kCorpus) {
      tally.covered.insert(golden->source);
      if (!corpus) {
        ++tally.skipped;
        continue;
      }
      bytes = test_corpus::ReadCorpusFile(golden->source);
    } else {
      absl::StatusOr<std::string> own =
          test_corpus::ReadFile(testing::RunfilePath("testdata/" + golden->source));
      if (own.ok()) bytes = *std::move(own);
    }
    if (!bytes) {
      ADD_FAILURE() << path.filename() << ": source " << golden->source << " not readable";
      continue;
    }
    ++tally.files;
    if (CheckFile(path, *golden, RecordFor(*golden, std::move(*bytes)), &tally)) {
      ++tally.fully_right;
    }
  }
  std::cout << "golden: " << tally.files << " files, " << tally.fully_right << " fully right; "
            << tally.stories << " stories; " << tally.fields << " fields compared; "
            << tally.known_wrong << " known wrong\n";
  for (const std::string& line : tally.not_right) std::cout << "  " << line << "\n";
  if (corpus) {
    // A wire file with no golden file is reported, not failed: the corpus
    // may hold files newer than the golden set.
    absl::StatusOr<std::vector<test_corpus::CorpusFile>> wire =
        test_corpus::ReadFolder(*corpus, "wire");
    if (wire.ok()) {
      for (const test_corpus::CorpusFile& file : *wire) {
        if (tally.covered.count(file.path) == 0) {
          std::cout << "  no golden file for corpus " << file.path << "\n";
        }
      }
    }
  } else {
    std::cout << "corpus not available (set NEWSWIRE_CORPUS): " << tally.skipped
              << " corpus golden files skipped\n";
  }
}

}  // namespace
}  // namespace newswire::golden
