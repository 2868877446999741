#include "tests/e2e/e2e_fixture.h"

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/ingest/common/file.h"
#include "tests/testing/runfiles.h"

namespace newswire::e2e {

void E2eFixture::SetUp() {
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
  group_ = UniqueName("e2e-group");
}

void E2eFixture::TearDown() {
  for (auto& [n, instance] : instances_) {
    if (instance.process) instance.process->Kill();
  }
}

void E2eFixture::StartIngestd(int n, const std::vector<std::string>& extra_flags) {
  Instance& instance = instances_[n];
  if (instance.store.empty()) {
    instance.store = absl::StrCat(work_dir_, "/", UniqueName("store"));
    instance.grpc_port = FreePort();
    instance.ops_port = FreePort();
  }
  const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  std::string log = absl::StrCat(outputs != nullptr ? outputs : work_dir_, "/",
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                                 ".ingestd-", n, ".log");
  std::vector<std::string> flags = {
      absl::StrCat("--brokers=", kafka_.brokers), absl::StrCat("--raw_topic=", raw_topic_),
      absl::StrCat("--stories_topic=", stories_topic_), absl::StrCat("--dlq_topic=", dlq_topic_),
      absl::StrCat("--group=", group_), absl::StrCat("--store=", instance.store),
      absl::StrCat("--grpc_address=127.0.0.1:", instance.grpc_port),
      absl::StrCat("--ops_port=", instance.ops_port),
      // A killed member's partitions move after the session timeout.
      "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000"};
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  instance.process =
      std::make_unique<IngestdProcess>(testing::RunfilePath("services/ingest/ingestd"), flags, log);
  ASSERT_TRUE(instance.process->Start().ok());
  absl::Status ready = instance.process->WaitReady(instance.ops_port, absl::Seconds(60));
  // An all/ingest instance is ready when its view caught up; give a fresh
  // group's first assignment a moment so records published now are read.
  ASSERT_TRUE(ready.ok()) << ready;
}

std::vector<std::string> E2eFixture::StaticMembershipFlags(int n) const {
  const char* dynamic = std::getenv("NEWSWIRE_DYNAMIC_MEMBERSHIP");
  if (dynamic != nullptr && std::string(dynamic) == "1") return {};
  return {absl::StrCat("--group_instance_id=", group_, "-", n)};
}

void E2eFixture::Publish(const std::vector<std::pair<std::string, std::string>>& url_and_text,
                         const std::vector<std::pair<std::string, std::string>>& extra_headers) {
  int acked = 0, failed = 0;
  for (const auto& [url, text] : url_and_text) {
    KafkaHeaders headers = {{"source-url", url}};
    headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
    absl::Status queued;
    do {
      queued = producer_->Produce(raw_topic_, url, text, headers, absl::UnixEpoch(),
                                  [&](absl::Status s) { s.ok() ? ++acked : ++failed; });
      if (absl::IsResourceExhausted(queued)) producer_->Poll(absl::Milliseconds(50));
    } while (absl::IsResourceExhausted(queued));
    ASSERT_TRUE(queued.ok()) << queued;
  }
  ASSERT_TRUE(producer_->Flush(absl::Seconds(120)).ok());
  ASSERT_EQ(failed, 0);
  ASSERT_EQ(acked, static_cast<int>(url_and_text.size()));
}

std::vector<Published> E2eFixture::PublishTestStories(size_t first, size_t last) {
  std::string dir = testing::RunfilePath("testdata/stories");
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
    std::string url = "testdata/stories/" + names[i];
    std::string content = ReadFile(dir + "/" + names[i]).value_or("");
    published.push_back({"url:" + url, content.substr(0, content.find('\n'))});
    records.emplace_back(url, content);
  }
  Publish(records, {{"content-type", "text/plain"}});
  return published;
}

std::vector<Published> E2eFixture::PublishSynthetic(const std::string& tag, int count) {
  std::vector<Published> published;
  std::vector<std::pair<std::string, std::string>> records;
  for (int i = 0; i < count; ++i) {
    std::string headline = absl::StrCat("Synthetic ", tag, " story ", i);
    std::string url = absl::StrCat("e2e://", tag, "/", i);
    published.push_back({"url:" + url, headline});
    records.emplace_back(url, absl::StrCat(headline, "\n\nBody of ", tag, " number ", i, ".\n"));
  }
  Publish(records, {{"content-type", "text/plain"}});
  return published;
}

std::vector<v1::StoryEvent> E2eFixture::Collect(v1::SubscribeRequest request, size_t want,
                                                absl::Duration quiet, absl::Duration timeout,
                                                int n, bool batches) {
  auto stub = v1::NewsService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", instances_[n].grpc_port), grpc::InsecureChannelCredentials()));
  request.set_heartbeat_seconds(1);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  std::vector<v1::StoryEvent> events;
  absl::Time enough_at = absl::InfiniteFuture();
  // Takes one event; false when done.
  auto take = [&](const v1::StoryEvent& event) {
    if (event.kind() != v1::EVENT_KIND_HEARTBEAT) {
      events.push_back(event);
      if (events.size() >= want) enough_at = absl::Now();  // quiet counts from the last
    }
    return absl::Now() - enough_at < quiet;
  };
  if (batches) {
    auto reader = stub->SubscribeBatches(&context, request);
    v1::StoryEventBatch batch;
    bool more = true;
    while (more && reader->Read(&batch)) {
      EXPECT_GT(batch.events_size(), 0) << "empty batch";
      for (const v1::StoryEvent& event : batch.events()) more = take(event) && more;
    }
    context.TryCancel();
    reader->Finish();
  } else {
    auto reader = stub->Subscribe(&context, request);
    v1::StoryEvent event;
    while (reader->Read(&event) && take(event)) {
    }
    context.TryCancel();
    reader->Finish();
  }
  return events;
}

std::vector<v1::StoryEvent> E2eFixture::CollectFor(v1::SubscribeRequest request,
                                                   absl::Duration duration, int n) {
  auto stub = v1::NewsService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", instances_[n].grpc_port), grpc::InsecureChannelCredentials()));
  request.set_heartbeat_seconds(1);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + duration));
  auto reader = stub->Subscribe(&context, request);
  std::vector<v1::StoryEvent> events;
  v1::StoryEvent event;
  while (reader->Read(&event)) {
    if (event.kind() != v1::EVENT_KIND_HEARTBEAT) events.push_back(event);
  }
  reader->Finish();
  return events;
}

void E2eFixture::ExpectExactlyOnce(const std::vector<v1::StoryEvent>& events,
                                   const std::vector<Published>& published) {
  std::map<std::string, int> seen;
  std::map<std::string, std::string> headlines;
  for (const v1::StoryEvent& event : events) {
    ++seen[event.story().id()];
    headlines[event.story().id()] = event.story().headline();
  }
  std::set<std::string> expected;
  for (const Published& story : published) {
    expected.insert(story.id);
    EXPECT_EQ(seen[story.id], 1) << story.id << " arrived " << seen[story.id] << " times";
    EXPECT_EQ(headlines[story.id], story.headline) << story.id;
  }
  for (const auto& [id, count] : seen) {
    EXPECT_TRUE(expected.count(id)) << "unexpected story " << id;
  }
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LT(events[i - 1].cursor(), events[i].cursor()) << "cursors must grow";
  }
}

double MetricValue(const std::string& metrics, const std::string& name) {
  double total = 0;
  bool found = false;
  for (absl::string_view line : absl::StrSplit(metrics, '\n')) {
    if (!absl::ConsumePrefix(&line, name) || line.empty() || (line[0] != ' ' && line[0] != '{')) {
      continue;
    }
    const size_t space = line.rfind(' ');
    if (space == absl::string_view::npos) continue;
    total += std::strtod(std::string(line.substr(space + 1)).c_str(), nullptr);
    found = true;
  }
  return found ? total : -1;
}

std::string E2eFixture::Metrics(int n) {
  std::string body;
  HttpGet(instances_[n].ops_port, "/metrics", &body);
  return body;
}

}  // namespace newswire::e2e
