// End-to-end: the real ingestd against a real Kafka broker.
//
// Publishes the project's test stories to a raw topic of its own, reads them
// back through NewsService.Subscribe, and checks each arrives exactly once
// with its headline: first on a fresh start, then after a clean stop and
// restart (resuming from the last cursor), then after kill -9 while stories
// are in flight. The check compares story ids, not counts.
#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/source/kafka_client.h"
#include "tests/e2e/broker_env.h"
#include "tests/e2e/ingestd_process.h"

namespace newswire::e2e {
namespace {

struct Published {
  std::string id;        // the story id ingest gives it ("url:" + source url)
  std::string headline;  // first line
};

class IngestE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NW_REQUIRE_BROKER();
    kafka_.brokers = Brokers();
    raw_topic_ = UniqueName("e2e.raw");
    stories_topic_ = UniqueName("e2e.stories");
    dlq_topic_ = UniqueName("e2e.dlq");
    ASSERT_TRUE(CreateTopics(kafka_, {{raw_topic_, 3}, {stories_topic_, 1}, {dlq_topic_, 1}},
                             absl::Seconds(30))
                    .ok());
    auto producer = Producer::Create(kafka_);
    ASSERT_TRUE(producer.ok()) << producer.status();
    producer_ = *std::move(producer);
    const char* tmp = std::getenv("TEST_TMPDIR");
    work_dir_ = tmp != nullptr ? tmp : "/tmp";
    store_ = absl::StrCat(work_dir_, "/", UniqueName("store"));
    group_ = UniqueName("e2e-group");
    grpc_port_ = FreePort();
    ops_port_ = FreePort();
  }

  void TearDown() override {
    if (ingestd_) ingestd_->Kill();
  }

  void StartIngestd() {
    const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
    std::string log = absl::StrCat(outputs != nullptr ? outputs : work_dir_, "/",
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                                   ".ingestd.log");
    ingestd_ = std::make_unique<IngestdProcess>(
        Runfile("services/ingest/ingestd"),
        std::vector<std::string>{
            absl::StrCat("--brokers=", kafka_.brokers), absl::StrCat("--raw_topic=", raw_topic_),
            absl::StrCat("--stories_topic=", stories_topic_), absl::StrCat("--dlq_topic=", dlq_topic_),
            absl::StrCat("--group=", group_), absl::StrCat("--store=", store_),
            absl::StrCat("--grpc_address=127.0.0.1:", grpc_port_),
            absl::StrCat("--ops_port=", ops_port_),
            // A killed member's partitions move after the session timeout.
            "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000"},
        log);
    ASSERT_TRUE(ingestd_->Start().ok());
    absl::Status ready = ingestd_->WaitReady(ops_port_, absl::Seconds(60));
    ASSERT_TRUE(ready.ok()) << ready;
  }

  // Sends records and waits for the broker to acknowledge every one.
  void Publish(const std::vector<std::pair<std::string, std::string>>& url_and_text) {
    int acked = 0, failed = 0;
    for (const auto& [url, text] : url_and_text) {
      KafkaHeaders headers = {{"content-type", "text/plain"}, {"source-url", url}};
      ASSERT_TRUE(producer_
                      ->Produce(raw_topic_, url, text, headers, absl::UnixEpoch(),
                                [&](absl::Status s) { s.ok() ? ++acked : ++failed; })
                      .ok());
    }
    ASSERT_TRUE(producer_->Flush(absl::Seconds(30)).ok());
    ASSERT_EQ(failed, 0);
    ASSERT_EQ(acked, static_cast<int>(url_and_text.size()));
  }

  // Test stories from testdata/stories, [first, last) in name order.
  std::vector<Published> PublishTestStories(size_t first, size_t last) {
    std::string dir = Runfile("testdata/stories");
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* entry = readdir(d)) {
        std::string name = entry->d_name;
        if (name.size() > 4 && name.substr(name.size() - 4) == ".txt") names.push_back(name);
      }
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    EXPECT_GE(names.size(), last) << "test stories missing in " << dir;
    std::vector<Published> published;
    std::vector<std::pair<std::string, std::string>> records;
    for (size_t i = first; i < std::min(last, names.size()); ++i) {
      std::ifstream in(dir + "/" + names[i]);
      std::stringstream text;
      text << in.rdbuf();
      std::string url = "testdata/stories/" + names[i];
      std::string content = text.str();
      published.push_back({"url:" + url, content.substr(0, content.find('\n'))});
      records.emplace_back(url, content);
    }
    Publish(records);
    return published;
  }

  std::vector<Published> PublishSynthetic(const std::string& tag, int count) {
    std::vector<Published> published;
    std::vector<std::pair<std::string, std::string>> records;
    for (int i = 0; i < count; ++i) {
      std::string headline = absl::StrCat("Synthetic ", tag, " story ", i);
      std::string url = absl::StrCat("e2e://", tag, "/", i);
      published.push_back({"url:" + url, headline});
      records.emplace_back(url, absl::StrCat(headline, "\n\nBody of ", tag, " number ", i, ".\n"));
    }
    Publish(records);
    return published;
  }

  // Subscribes and reads story events until `want` arrived and then nothing
  // more for `quiet`, or `timeout` passed.
  std::vector<v1::StoryEvent> Collect(v1::SubscribeRequest request, size_t want,
                                      absl::Duration quiet = absl::Seconds(3),
                                      absl::Duration timeout = absl::Seconds(90)) {
    auto stub = v1::NewsService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", grpc_port_), grpc::InsecureChannelCredentials()));
    request.set_heartbeat_seconds(1);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    auto reader = stub->Subscribe(&context, request);
    std::vector<v1::StoryEvent> events;
    absl::Time enough_at = absl::InfiniteFuture();
    v1::StoryEvent event;
    while (reader->Read(&event)) {
      if (event.kind() != v1::EVENT_KIND_HEARTBEAT) {
        events.push_back(event);
        if (events.size() >= want) enough_at = absl::Now();
      }
      if (absl::Now() - enough_at >= quiet) break;
    }
    context.TryCancel();
    reader->Finish();
    return events;
  }

  // Each published story arrived exactly once, with its headline, and
  // nothing else did.
  void ExpectExactlyOnce(const std::vector<v1::StoryEvent>& events,
                         const std::vector<Published>& published) {
    std::map<std::string, int> seen;
    std::map<std::string, std::string> headlines;
    for (const v1::StoryEvent& event : events) {
      ++seen[event.story().id()];
      headlines[event.story().id()] = event.story().headline();
    }
    for (const Published& story : published) {
      EXPECT_EQ(seen[story.id], 1) << story.id << " arrived " << seen[story.id] << " times";
      EXPECT_EQ(headlines[story.id], story.headline) << story.id;
    }
    std::set<std::string> expected;
    for (const Published& story : published) expected.insert(story.id);
    for (const auto& [id, count] : seen) {
      EXPECT_TRUE(expected.count(id)) << "unexpected story " << id;
    }
    for (size_t i = 1; i < events.size(); ++i) {
      EXPECT_LT(events[i - 1].cursor(), events[i].cursor()) << "cursors must grow";
    }
  }

  KafkaOptions kafka_;
  std::string raw_topic_, stories_topic_, dlq_topic_, group_, store_, work_dir_;
  int grpc_port_ = 0, ops_port_ = 0;
  std::unique_ptr<Producer> producer_;
  std::unique_ptr<IngestdProcess> ingestd_;
};

TEST_F(IngestE2eTest, EachStoryOnceAcrossCleanStopAndKill9) {
  StartIngestd();
  std::vector<Published> all = PublishTestStories(0, 12);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  std::vector<v1::StoryEvent> first = Collect(from_beginning, 12);
  ExpectExactlyOnce(first, all);
  ASSERT_FALSE(first.empty());
  int64_t cursor = first.back().cursor();

  // Clean stop; stories published while it is down arrive after restart.
  EXPECT_EQ(ingestd_->Stop(absl::Seconds(30)), 0);
  std::vector<Published> second = PublishTestStories(12, 16);
  StartIngestd();
  v1::SubscribeRequest resume;
  resume.set_after_cursor(cursor);
  std::vector<v1::StoryEvent> after_restart = Collect(resume, second.size());
  ExpectExactlyOnce(after_restart, second);
  ASSERT_FALSE(after_restart.empty());
  cursor = after_restart.back().cursor();
  all.insert(all.end(), second.begin(), second.end());

  // kill -9 while a batch is in flight, then more while it is down.
  std::vector<Published> third = PublishSynthetic("before-kill", 40);
  absl::SleepFor(absl::Milliseconds(300));
  ingestd_->Kill();
  std::vector<Published> fourth = PublishSynthetic("while-down", 10);
  third.insert(third.end(), fourth.begin(), fourth.end());
  StartIngestd();
  resume.set_after_cursor(cursor);
  ExpectExactlyOnce(Collect(resume, third.size()), third);
  all.insert(all.end(), third.begin(), third.end());

  // The whole log read again: every story exactly once.
  ExpectExactlyOnce(Collect(from_beginning, all.size()), all);
}

TEST_F(IngestE2eTest, UnparsableRecordGoesToDlqAndNextStoryIsServed) {
  StartIngestd();
  Publish({{"bad://empty", "   \n  "}});
  std::vector<Published> good = PublishSynthetic("after-bad", 1);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(Collect(from_beginning, 1), good);
  std::string metrics;
  ASSERT_EQ(HttpGet(ops_port_, "/metrics", &metrics), 200);
  EXPECT_NE(metrics.find("newswire_dlq_records_total{reason=\"empty_record\"} 1"), std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace newswire::e2e
