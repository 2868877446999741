// Delivery guarantees end to end, with the real broker and the real ingestd:
//   - poison records go to the DLQ unchanged, with their reason, and leak
//     nothing; the good records around them are served;
//   - kill -9 at random moments while stories flow, for N rounds
//     (NEWSWIRE_KILL_ROUNDS, default 10): every story exactly once, and a
//     subscriber resuming from its cursor sees no gap and no repeat; with
//     static membership (--group_instance_id), prints restart-to-ready and
//     restart-to-first-record-through over the rounds;
//   - the broker stopped and restarted under load (a private broker the
//     test starts with NEWSWIRE_KAFKA_SCRIPT, tools/kafka.sh, so the shared
//     test broker is never disturbed);
//   - two ingestd processes sharing the consumer group (distinct instance
//     ids), one stopping cleanly and leaving the group.
// NEWSWIRE_DYNAMIC_MEMBERSHIP=1 runs without instance ids, for comparison.
// Checks compare story ids, never counts.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/common/wait_for.h"
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
  // When story `id` was handed to the producer (InfiniteFuture if never).
  absl::Time QueuedAt(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = queued_at_.find(id);
    return it == queued_at_.end() ? absl::InfiniteFuture() : it->second;
  }
  int failed() const { return failed_.load(); }
  // Stories handed to the producer so far (acknowledged or not).
  size_t queued() {
    std::lock_guard<std::mutex> lock(mu_);
    return queued_at_.size();
  }

 private:
  void Run() {
    int next = 0;
    while (!stop_) {
      for (int i = 0; i < 5; ++i, ++next) {
        std::string url = absl::StrCat("e2e://", tag_, "/", next);
        std::string headline = absl::StrCat("Flowing ", tag_, " story ", next);
        Published story{"url:" + url, headline};
        {
          std::lock_guard<std::mutex> lock(mu_);
          queued_at_[story.id] = absl::Now();
        }
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
  std::map<std::string, absl::Time> queued_at_;
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

// What `command` prints on stdout.
std::string CommandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

// The median and the largest of `values`, in seconds.
std::string MedianAndWorst(std::vector<absl::Duration> values) {
  if (values.empty()) return "none";
  std::sort(values.begin(), values.end());
  return absl::StrFormat("median %.2f s, worst %.2f s over %d",
                         absl::ToDoubleSeconds(values[values.size() / 2]),
                         absl::ToDoubleSeconds(values.back()), static_cast<int>(values.size()));
}

absl::Time LogTime(const v1::StoryEvent& event) { return FromProtoTime(event.log_time()); }

TEST_F(DeliveryE2eTest, KillNineAtRandomMomentsLosesAndRepeatsNothing) {
  const char* env_rounds = std::getenv("NEWSWIRE_KILL_ROUNDS");
  const int rounds = env_rounds != nullptr ? std::atoi(env_rounds) : 10;
  ASSERT_GT(rounds, 0);
  // Static membership (--group_instance_id, the same in every round): the
  // restarted instance takes its partitions back at once instead of after
  // the killed member's session timeout.
  const std::vector<std::string> flags = StaticMembershipFlags(0);
  // A liveness bound only: figures are printed, not asserted.
  const absl::Duration kThroughBound = absl::Seconds(30);
  std::mt19937 random(20221107);
  BackgroundPublisher publisher(kafka_, raw_topic_, "kill");

  std::set<std::string> seen;
  int64_t cursor = -1;
  std::vector<absl::Duration> ready_times, through_times;
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
    const absl::Duration ready = absl::Now() - started;
    // Killed at a random moment, but not before the first record published
    // after the restart has left ingest: the time to that is the figure.
    const absl::Time kill_at = absl::Now() + absl::Milliseconds(500 + random() % 2500);
    absl::Time first_through = absl::InfiniteFuture();
    while (absl::Now() < kill_at ||
           (first_through == absl::InfiniteFuture() && absl::Now() < started + kThroughBound)) {
      v1::SubscribeRequest resume;
      resume.set_after_cursor(cursor);
      // Duplicates and old versions too: a replay folded as anything but a
      // replay would show here as a repeat.
      resume.set_include_duplicates(true);
      std::vector<v1::StoryEvent> events = CollectFor(resume, absl::Milliseconds(250));
      for (const v1::StoryEvent& event : events) {
        if (publisher.QueuedAt(event.story().id()) >= started) {
          first_through = std::min(first_through, LogTime(event));
        }
      }
      read(events);
    }
    EXPECT_LT(first_through, started + kThroughBound)
        << "round " << round << ": no record published after the restart got through";
    std::printf("round %d: ready %.2f s, first record published after the start through %.2f s\n",
                round, absl::ToDoubleSeconds(ready), absl::ToDoubleSeconds(first_through - started));
    // Round 0 is a first start; the figures are of restarts after kill -9.
    if (round > 0) {
      ready_times.push_back(ready);
      through_times.push_back(first_through - started);
    }
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
  std::printf("kill rounds: %d, stories: %zu, membership: %s\n", rounds, published.size(),
              flags.empty() ? "dynamic" : "static");
  std::printf("restart after kill -9 to ready: %s\n", MedianAndWorst(ready_times).c_str());
  std::printf("restart after kill -9 to first record through: %s\n",
              MedianAndWorst(through_times).c_str());
  RecordProperty("kill_rounds", rounds);
  RecordProperty("stories", static_cast<int>(published.size()));
  auto longest_ms = [](const std::vector<absl::Duration>& values) {
    return values.empty() ? 0
                          : static_cast<int>(absl::ToInt64Milliseconds(
                                *std::max_element(values.begin(), values.end())));
  };
  RecordProperty("longest_ready_ms", longest_ms(ready_times));
  RecordProperty("longest_through_ms", longest_ms(through_times));
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
  // The outage is measured in stories, not seconds: the broker goes once
  // 200 are acknowledged, stays down while the publisher queues 1,000 more
  // (about 4 s at its pace), and the test stops publishing once 200 more
  // were acknowledged after the restart.
  ASSERT_TRUE(WaitFor([&] { return publisher.published().size() >= 200; }, absl::Seconds(60),
                      absl::Milliseconds(10)));
  ASSERT_EQ(std::system(absl::StrCat(script, " stop >/dev/null 2>&1").c_str()), 0);
  const size_t queued_at_stop = publisher.queued();
  ASSERT_TRUE(WaitFor([&] { return publisher.queued() >= queued_at_stop + 1000; },
                      absl::Seconds(60), absl::Milliseconds(10)));
  const size_t acknowledged_before_restart = publisher.published().size();
  ASSERT_EQ(std::system(absl::StrCat(script, " start >/dev/null 2>&1").c_str()), 0);
  ASSERT_TRUE(WaitFor(
      [&] { return publisher.published().size() >= acknowledged_before_restart + 200; },
      absl::Seconds(120), absl::Milliseconds(10)));
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
  // Distinct instance ids: two members with one id would fence each other.
  StartIngestd(0, StaticMembershipFlags(0));
  StartIngestd(1, StaticMembershipFlags(1));
  std::vector<Published> all = PublishSynthetic("shared-a", 30);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  Collect(from_beginning, all.size(), absl::Seconds(1), absl::Seconds(90), 1);
  // Instance 0 stops cleanly and leaves the group, static member or not:
  // its partitions move to instance 1 at once, not after the session
  // timeout (6 s here).
  EXPECT_EQ(instance(0).process->Stop(absl::Seconds(30)), 0);
  const absl::Time stopped = absl::Now();
  // A static member that stops cleanly leaves the group (it unsubscribes
  // before closing): asked within its session timeout, the group no longer
  // lists it. Its member id starts with its instance id.
  const char* script = std::getenv("NEWSWIRE_KAFKA_SCRIPT");
  const std::vector<std::string> static_flags = StaticMembershipFlags(0);
  if (script != nullptr && !static_flags.empty()) {
    const std::string members = CommandOutput(absl::StrCat(
        script, " run-class org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
        " --bootstrap-server ", kafka_.brokers, " --describe --members --group ", group_));
    const std::string instance_id = static_flags[0].substr(static_flags[0].find('=') + 1);
    std::printf("group members %.1f s after the stop:\n%s", absl::ToDoubleSeconds(absl::Now() - stopped),
                members.c_str());
    EXPECT_EQ(members.find(instance_id + "-"), std::string::npos)
        << "the stopped static member is still in the group";
  }
  std::vector<Published> more = PublishSynthetic("shared-b", 30);
  all.insert(all.end(), more.begin(), more.end());
  std::vector<v1::StoryEvent> events =
      Collect(from_beginning, all.size(), absl::Seconds(3), absl::Seconds(120), 1);
  ExpectExactlyOnce(events, all);
  absl::Time last_through = stopped;
  for (const v1::StoryEvent& event : events) last_through = std::max(last_through, LogTime(event));
  std::printf("handover after SIGTERM (%s membership): the last of 30 records published after the "
              "stop through %.2f s after it\n",
              static_flags.empty() ? "dynamic" : "static",
              absl::ToDoubleSeconds(last_through - stopped));
  EXPECT_NE(Metrics(1).find("newswire_rebalances_total{event=\"assigned\"}"), std::string::npos);
}

}  // namespace
}  // namespace newswire::e2e
