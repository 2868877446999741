// Delivery guarantees end to end, with the real broker and the real ingestd:
//   - poison records go to the DLQ unchanged, with their reason, and leak
//     nothing; the good records around them are served;
//   - kill -9 at random moments while stories flow, for N rounds
//     (NEWSWIRE_KILL_ROUNDS, default 10): every story exactly once, and a
//     subscriber resuming from its cursor sees no gap and no repeat;
//   - the broker stopped and restarted under load (a private broker the
//     test starts with NEWSWIRE_KAFKA_SCRIPT, tools/kafka.sh, so the shared
//     test broker is never disturbed);
//   - two ingestd processes sharing the consumer group, one stopping.
// Checks compare story ids, never counts.
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/ingest/common/raw_record.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

// Publishes generated stories in small batches until stopped; remembers
// every story the broker acknowledged.
class BackgroundPublisher {
 public:
  BackgroundPublisher(const KafkaOptions& kafka, std::string topic, std::string tag)
      : topic_(std::move(topic)), tag_(std::move(tag)) {
    producer_ = *Producer::Create(kafka);
    thread_ = std::thread([this] { Run(); });
  }
  ~BackgroundPublisher() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::vector<Published> published() {
    std::lock_guard<std::mutex> lock(mu_);
    return published_;
  }
  int failed() const { return failed_.load(); }

 private:
  void Run() {
    int next = 0;
    while (!stop_) {
      for (int i = 0; i < 5; ++i, ++next) {
        std::string url = absl::StrCat("e2e://", tag_, "/", next);
        std::string headline = absl::StrCat("Flowing ", tag_, " story ", next);
        Published story{"url:" + url, headline};
        absl::Status queued = producer_->Produce(
            topic_, url, absl::StrCat(headline, "\n\nBody ", next, ".\n"),
            {{"source-url", url}, {"content-type", "text/plain"}}, absl::UnixEpoch(),
            [this, story](absl::Status s) {
              if (!s.ok()) {
                ++failed_;
                return;
              }
              std::lock_guard<std::mutex> lock(mu_);
              published_.push_back(story);
            });
        if (!queued.ok()) ++failed_;
      }
      producer_->Poll(absl::Milliseconds(20));  // about 250 stories/s
    }
    (void)producer_->Flush(absl::Seconds(120));
  }

  std::string topic_, tag_;
  std::unique_ptr<Producer> producer_;
  std::atomic<bool> stop_{false};
  std::atomic<int> failed_{0};
  std::mutex mu_;
  std::vector<Published> published_;
  std::thread thread_;
};

using DeliveryE2eTest = E2eFixture;

TEST_F(DeliveryE2eTest, PoisonRecordsGoToTheDlqUnchangedAndGoodOnesAreServed) {
  StartIngestd();
  std::string nested = "<?xml version=\"1.0\"?><nitf><body><body.content>";
  for (int i = 0; i < 10000; ++i) nested += "<div>";
  nested += "deep";
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  const std::vector<std::pair<std::string, std::string>> poison = {
      {"poison://malformed-xml",
       "<?xml version=\"1.0\"?><nitf><head><title>t</title></head><body><p>open</body>"},
      {"poison://billion-laughs",
       "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
       "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
       "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
       "<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>"},
      {"poison://local-file-doctype",
       "<?xml version=\"1.0\"?><!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
       "<nitf><body><body.head><hedline><hl1>x</hl1></hedline></body.head>"
       "<body.content><p>&xxe;</p></body.content></body></nitf>"},
      {"poison://nested", nested},
      {"poison://too-large", std::string(5 << 20, 'x')},
      {"poison://control-chars", std::string(200, '\x07') + std::string(200, '\x1b')},
      {"poison://empty", ""},
      {"poison://binary", binary},
  };
  // Declared UTF-8 that is not: not poison, it is read by the invalid UTF-8
  // policy of every format (valid sequences kept, other bytes Windows-1252).
  const std::pair<std::string, std::string> invalid_utf8 = {
      "poison://invalid-utf8", "Headline \xff\xfe\xc3\x28 broken\n\nBody \x80\x81."};
  std::vector<Published> good;
  for (size_t i = 0; i < poison.size(); ++i) {
    Publish({poison[i]});
    std::vector<Published> one = PublishSynthetic(absl::StrCat("good-", i), 1);
    good.insert(good.end(), one.begin(), one.end());
  }
  Publish({invalid_utf8}, {{"content-type", "text/plain; charset=utf-8"}});
  good.push_back({"url:" + invalid_utf8.first, "Headline \xC3\xBF\xC3\xBE\xC3\x83( broken"});

  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(Collect(from_beginning, good.size()), good);

  // Every bad record is in the DLQ, byte for byte, with origin and reason.
  std::map<std::string, std::string> sent;
  for (const auto& [url, body] : poison) sent[url] = body;
  auto dlq = GroupConsumer::Create(kafka_, UniqueName("dlq-reader"), {dlq_topic_});
  ASSERT_TRUE(dlq.ok()) << dlq.status();
  std::map<std::string, RawRecord> dead;
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (dead.size() < sent.size() && absl::Now() < deadline) {
    auto record = (*dlq)->Poll(absl::Milliseconds(200));
    ASSERT_TRUE(record.ok()) << record.status();
    if (record->has_value()) dead[(*record)->key] = **record;
  }
  (*dlq)->Close(absl::Seconds(5));
  for (const auto& [url, body] : sent) {
    ASSERT_TRUE(dead.count(url)) << url << " is not in the DLQ";
    const RawRecord& record = dead[url];
    EXPECT_EQ(record.value, body) << url << ": DLQ value changed";
    EXPECT_EQ(record.Header("source-url").value_or(""), url);
    EXPECT_EQ(record.Header("x-newswire-origin-topic").value_or(""), raw_topic_);
    EXPECT_TRUE(record.Header("x-newswire-origin-offset").has_value()) << url;
    EXPECT_EQ(record.Header("x-newswire-stage").value_or(""), "normalize") << url;
    std::string reason = record.Header("x-newswire-error").value_or("");
    EXPECT_FALSE(reason.empty()) << url;
    EXPECT_EQ(reason.find("root:"), std::string::npos) << url << " leaked a local file: " << reason;
    std::printf("DLQ %-32s %s\n", url.c_str(), reason.c_str());
  }
  EXPECT_EQ(Metrics().find("root:x:"), std::string::npos);
}

TEST_F(DeliveryE2eTest, KillNineAtRandomMomentsLosesAndRepeatsNothing) {
  const char* env_rounds = std::getenv("NEWSWIRE_KILL_ROUNDS");
  const int rounds = env_rounds != nullptr ? std::atoi(env_rounds) : 10;
  // Static membership: a restarted instance takes its partitions back at once.
  const std::vector<std::string> flags = {
      "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000,"
      "group.instance.id=kill-test"};
  std::mt19937 random(20221107);
  BackgroundPublisher publisher(kafka_, raw_topic_, "kill");

  std::set<std::string> seen;
  int64_t cursor = -1;
  absl::Duration longest_ready = absl::ZeroDuration(), longest_first_event = absl::ZeroDuration();
  auto read = [&](const std::vector<v1::StoryEvent>& events) {
    for (const v1::StoryEvent& event : events) {
      EXPECT_GT(event.cursor(), cursor) << "cursor went back";
      EXPECT_TRUE(seen.insert(event.story().id()).second)
          << "repeat after resume: " << event.story().id();
      cursor = event.cursor();
    }
  };
  for (int round = 0; round < rounds; ++round) {
    absl::Time started = absl::Now();
    StartIngestd(0, flags);
    longest_ready = std::max(longest_ready, absl::Now() - started);
    v1::SubscribeRequest resume;
    resume.set_after_cursor(cursor);
    // Duplicates and old versions too: a replay folded as anything but a
    // replay would show here as a repeat.
    resume.set_include_duplicates(true);
    const absl::Duration alive = absl::Milliseconds(500 + random() % 2500);
    std::vector<v1::StoryEvent> events = CollectFor(resume, alive);
    if (!events.empty()) {
      absl::Time first_logged = absl::FromUnixSeconds(events.front().log_time().seconds());
      longest_first_event = std::max(longest_first_event, first_logged - started);
    }
    read(events);
    instance().process->Kill();
  }
  publisher.Stop();
  EXPECT_EQ(publisher.failed(), 0);
  std::vector<Published> published = publisher.published();
  ASSERT_GT(published.size(), 0u);

  StartIngestd(0, flags);
  v1::SubscribeRequest resume;
  resume.set_after_cursor(cursor);
  resume.set_include_duplicates(true);
  read(Collect(resume, published.size() - std::min(published.size(), seen.size())));
  std::set<std::string> expected;
  for (const Published& story : published) expected.insert(story.id);
  EXPECT_EQ(seen, expected) << "the resuming subscriber saw a gap";

  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  from_beginning.set_include_duplicates(true);
  ExpectExactlyOnce(Collect(from_beginning, published.size()), published);
  std::printf("kill rounds: %d, stories: %zu, longest restart-to-ready: %.2f s\n", rounds,
              published.size(), absl::ToDoubleSeconds(longest_ready));
  RecordProperty("kill_rounds", rounds);
  RecordProperty("stories", static_cast<int>(published.size()));
  RecordProperty("longest_ready_ms", static_cast<int>(absl::ToInt64Milliseconds(longest_ready)));
}

TEST_F(DeliveryE2eTest, BrokerStoppedAndRestartedUnderLoadLosesNothing) {
  const char* script_env = std::getenv("NEWSWIRE_KAFKA_SCRIPT");
  if (script_env == nullptr) {
    if (BrokerRequired()) FAIL() << "NEWSWIRE_KAFKA_SCRIPT is not set";
    GTEST_SKIP() << "NEWSWIRE_KAFKA_SCRIPT not set: cannot run a private broker";
  }
  // A broker of this test's own, so restarting it disturbs no other test.
  const int port = FreePort();
  const std::string script =
      absl::StrCat(script_env, " --port ", port, " --controller-port ", FreePort(),
                   " --data-dir ", work_dir_, "/private-broker");
  ASSERT_EQ(std::system(absl::StrCat(script, " start >", work_dir_, "/kafka-start.log 2>&1").c_str()), 0)
      << "private broker did not start; see " << work_dir_ << "/kafka-start.log";
  kafka_.brokers = absl::StrCat("127.0.0.1:", port);
  ASSERT_TRUE(CreateTopics(kafka_, {{raw_topic_, 3}, {stories_topic_, 1}, {dlq_topic_, 1}},
                           absl::Seconds(30))
                  .ok());
  producer_ = *Producer::Create(kafka_);

  StartIngestd();
  BackgroundPublisher publisher(kafka_, raw_topic_, "outage");
  absl::SleepFor(absl::Seconds(2));
  ASSERT_EQ(std::system(absl::StrCat(script, " stop >/dev/null 2>&1").c_str()), 0);
  absl::SleepFor(absl::Seconds(5));
  ASSERT_EQ(std::system(absl::StrCat(script, " start >/dev/null 2>&1").c_str()), 0);
  absl::SleepFor(absl::Seconds(3));
  publisher.Stop();
  std::vector<Published> published = publisher.published();
  ASSERT_GT(published.size(), 0u);
  EXPECT_EQ(publisher.failed(), 0);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  // The same ingestd recovers by itself: no restart.
  ExpectExactlyOnce(Collect(from_beginning, published.size(), absl::Seconds(3), absl::Seconds(180)),
                    published);
  std::string metrics = Metrics();
  EXPECT_NE(metrics.find("newswire_kafka_errors_total{error=\"_TRANSPORT\"}"), std::string::npos)
      << "the outage does not show in /metrics";
  instance().process->Stop(absl::Seconds(30));
  (void)std::system(absl::StrCat(script, " stop >/dev/null 2>&1").c_str());
}

TEST_F(DeliveryE2eTest, TwoInstancesShareTheGroupAndHandOver) {
  StartIngestd(0);
  StartIngestd(1);
  std::vector<Published> all = PublishSynthetic("shared-a", 30);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  Collect(from_beginning, all.size(), absl::Seconds(1), absl::Seconds(90), 1);
  // Instance 0 leaves cleanly: its partitions move to instance 1.
  EXPECT_EQ(instance(0).process->Stop(absl::Seconds(30)), 0);
  std::vector<Published> more = PublishSynthetic("shared-b", 30);
  all.insert(all.end(), more.begin(), more.end());
  ExpectExactlyOnce(Collect(from_beginning, all.size(), absl::Seconds(3), absl::Seconds(120), 1),
                    all);
  EXPECT_NE(Metrics(1).find("newswire_rebalances_total{event=\"assigned\"}"), std::string::npos);
}

}  // namespace
}  // namespace newswire::e2e
