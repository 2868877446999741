// The whole wire corpus and the BBC corpus through the real broker and
// ingestd: a subscriber from the beginning gets every story exactly once;
// each story is what the offline pipeline (`wirectl normalize`) makes of its
// file, and the view's decisions are what the offline fold (`wirectl dedup`)
// gives for the same stories in the same order; filtered subscribers get
// exactly their share. Needs NEWSWIRE_CORPUS.
#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/ingest/common/text/sha256.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/view/view_state.h"
#include "services/wirectl/file_record.h"
#include "tests/corpus/corpus_files.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

std::vector<std::string> CorpusFiles(const std::string& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/wire")) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/bbc")) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The stories log as ingest wrote it, in a form that is the same on every
// run: records in (raw partition, raw offset, index) order, the per-run raw
// topic name and the Kafka times dropped (a story time that was the Kafka
// time, as for a write-thru without a creation time of its own, becomes 1 s
// after the epoch). Written to the test's undeclared outputs as
// stories_log.canonical, with its SHA-256 printed: two builds that write the
// same log print the same digest (docs/testing.md says how to compare them).
std::string CanonicalStoriesLog(const KafkaOptions& kafka, const std::string& topic,
                                size_t want) {
  auto log = LogConsumer::Create(kafka, topic, 0, -1);
  EXPECT_TRUE(log.ok()) << log.status();
  if (!log.ok()) return "";
  std::vector<std::tuple<int32_t, int64_t, int32_t, std::string>> records;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (records.size() < want && absl::Now() < deadline) {
    absl::StatusOr<std::optional<LogRecord>> record = (*log)->Poll(absl::Milliseconds(500));
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) continue;
    v1::Story story;
    EXPECT_TRUE(story.ParseFromString((*record)->value));
    const google::protobuf::Timestamp kafka_time = story.origin().timestamp();
    for (google::protobuf::Timestamp* time :
         {story.mutable_first_created(), story.mutable_version_created()}) {
      if (time->seconds() == kafka_time.seconds() && time->nanos() == kafka_time.nanos()) {
        time->Clear();
        time->set_seconds(1);
      }
    }
    story.mutable_origin()->clear_topic();
    story.mutable_origin()->clear_timestamp();
    std::string bytes;
    EXPECT_TRUE(story.SerializeToString(&bytes));
    records.emplace_back(story.origin().partition(), story.origin().offset(),
                         story.origin().index(), std::move(bytes));
  }
  EXPECT_EQ(records.size(), want) << "stories log shorter than the events read";
  std::sort(records.begin(), records.end());
  std::string canonical;
  for (const auto& record : records) {
    const std::string& bytes = std::get<3>(record);
    absl::StrAppend(&canonical, bytes.size(), "\n", bytes);
  }
  return canonical;
}

// A story as ingest wrote it, minus where and how it was delivered.
std::string Content(v1::Story story) {
  story.clear_origin();
  story.clear_dedup();
  story.clear_family_id();  // set by the view, as dedup is
  story.clear_first_created();
  story.clear_version_created();
  return story.SerializeAsString();
}

using CorpusE2eTest = E2eFixture;

TEST_F(CorpusE2eTest, WholeCorpusOnceWithTheOfflineDecisionsAndFilteredShares) {
  const std::optional<std::filesystem::path> corpus = test_corpus::RootFromEnv();
  if (!corpus) GTEST_SKIP() << "NEWSWIRE_CORPUS not set or missing: corpus e2e skipped";
  StartIngestd();
  std::vector<std::string> files = CorpusFiles(corpus->string());
  ASSERT_GT(files.size(), 700u);

  // What the offline pipeline makes of each file.
  auto pipeline = *StoryPipeline::Create({});
  std::map<std::string, std::vector<v1::Story>> offline;  // file -> its stories
  size_t expected_stories = 0;
  std::vector<std::pair<std::string, std::string>> records;
  for (const std::string& file : files) {
    absl::StatusOr<RawRecord> record = RecordFromFile(file, "", "");
    ASSERT_TRUE(record.ok()) << record.status();
    absl::StatusOr<ParseResult> result = pipeline->Process(*record);
    if (result.ok()) {
      offline[file] = result->stories;
      expected_stories += result->stories.size();
    }
    records.emplace_back(file, record->value);
  }
  // Publish with the same headers `wirectl publish` sets, a batch per type.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_type;
  for (const auto& [file, value] : records) by_type[GuessContentType(file)].emplace_back(file, value);
  for (const auto& [type, batch] : by_type) Publish(batch, {{"content-type", type}});

  v1::SubscribeRequest everything;
  everything.set_from_beginning(true);
  everything.set_include_duplicates(true);
  everything.set_include_minhash(true);  // stories compared whole below
  std::vector<v1::StoryEvent> events = Collect(everything, expected_stories, absl::Seconds(5),
                                               absl::Seconds(300), 0, /*batches=*/true);

  // Every story exactly once (by file and index), as offline normalizes it.
  std::set<std::pair<std::string, int>> seen;
  for (const v1::StoryEvent& event : events) {
    const v1::Story& story = event.story();
    auto key = std::make_pair(story.source_url(), story.origin().index());
    EXPECT_TRUE(seen.insert(key).second) << "repeat: " << key.first << " #" << key.second;
    auto it = offline.find(story.source_url());
    ASSERT_NE(it, offline.end()) << "unexpected story from " << story.source_url();
    ASSERT_LT(story.origin().index(), static_cast<int>(it->second.size()));
    EXPECT_EQ(Content(story), Content(it->second[story.origin().index()]))
        << story.source_url() << " differs from wirectl normalize";
  }
  // Byte-identical republications in the corpus fold as resends under one
  // id only if they share an id; every (file, index) must still arrive.
  EXPECT_EQ(seen.size(), expected_stories);

  // The offline fold over the same stories in log order decides the same.
  const std::string path = absl::StrCat(work_dir_, "/offline-fold");
  auto store = *StoryStore::Open({.path = path});
  auto state = *ViewState::Open(store.get(), {});
  for (const v1::StoryEvent& event : events) {
    v1::Story story = event.story();
    story.clear_dedup();
    LogRecord record{event.cursor(), absl::UnixEpoch(), story.SerializeAsString()};
    absl::StatusOr<FoldStep> step = FoldRecord(record, *state);
    ASSERT_TRUE(step.ok());
    ASSERT_TRUE(state->Apply(*step).ok());
    EXPECT_EQ(step->decision, event.story().dedup().kind()) << story.id();
    if (step->event.has_value()) {
      EXPECT_EQ(step->event->story().dedup().duplicate_of(), event.story().dedup().duplicate_of())
          << story.id();
      EXPECT_EQ(step->event->story().family_id(), event.story().family_id()) << story.id();
    }
  }

  // Filtered subscribers get exactly their share of the same stream.
  for (const std::string& agency : {std::string("AP"), std::string("REUTERS"), std::string("DPA")}) {
    std::set<int64_t> share;
    for (const v1::StoryEvent& event : events) {
      if (event.story().agency() == agency && event.kind() != v1::EVENT_KIND_DUPLICATE &&
          event.kind() != v1::EVENT_KIND_OLD_VERSION) {
        share.insert(event.cursor());
      }
    }
    v1::SubscribeRequest filtered;
    filtered.set_from_beginning(true);
    filtered.mutable_filter()->add_agencies(agency);
    std::set<int64_t> got;
    for (const v1::StoryEvent& event :
         Collect(filtered, share.size(), absl::Seconds(2), absl::Seconds(60))) {
      got.insert(event.cursor());
    }
    EXPECT_EQ(got, share) << "agency " << agency;
  }
  // A politics-only subscriber gets politics only, and all of it, whether it
  // asks by code or by name.
  std::set<int64_t> politics;
  for (const v1::StoryEvent& event : events) {
    if (event.story().section().code() == "medtop:11000000" &&
        event.kind() != v1::EVENT_KIND_DUPLICATE && event.kind() != v1::EVENT_KIND_OLD_VERSION) {
      politics.insert(event.cursor());
    }
  }
  EXPECT_GT(politics.size(), 50u);
  for (const std::string& section : {std::string("medtop:11000000"), std::string("politics")}) {
    v1::SubscribeRequest desk;
    desk.set_from_beginning(true);
    desk.mutable_filter()->add_sections(section);
    std::set<int64_t> got;
    for (const v1::StoryEvent& event :
         Collect(desk, politics.size(), absl::Seconds(2), absl::Seconds(60))) {
      EXPECT_EQ(event.story().section().code(), "medtop:11000000") << event.story().id();
      got.insert(event.cursor());
    }
    EXPECT_EQ(got, politics) << "section filter " << section;
  }
  EXPECT_NE(Metrics().find("newswire_stories_by_section_total{section=\"medtop:11000000\"}"),
            std::string::npos);

  std::printf("corpus: %zu files, %zu stories, %zu events\n", files.size(), expected_stories,
              events.size());

  const std::string canonical = CanonicalStoriesLog(kafka_, stories_topic_, events.size());
  if (const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR")) {
    std::FILE* out = std::fopen(absl::StrCat(outputs, "/stories_log.canonical").c_str(), "wb");
    ASSERT_NE(out, nullptr);
    std::fwrite(canonical.data(), 1, canonical.size(), out);
    std::fclose(out);
  }
  std::printf("stories log: %zu records, %zu bytes, sha256 %s\n", events.size(), canonical.size(),
              Sha256Hex(canonical).c_str());
}

}  // namespace
}  // namespace newswire::e2e
