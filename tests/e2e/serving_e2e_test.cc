// Serving end to end, with the real broker and real ingestd replicas:
// replicas folding the same log agree cursor for cursor; SIGTERM tells
// subscribers to reconnect and they resume on another replica missing
// nothing; a slow subscriber costs neither memory nor the others; bad
// requests are refused with the right status.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/ingest/common/wait_for.h"
#include "services/ingest/common/file.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/test_certificates.h"

namespace newswire::e2e {
namespace {

using ServingE2eTest = E2eFixture;

std::unique_ptr<v1::NewsService::Stub> Stub(int port) {
  return v1::NewsService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
}

// Resident memory of a process, in KiB, from /proc.
long RssKib(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

TEST_F(ServingE2eTest, ReplicasFoldingTheSameLogServeTheSameEventsPerCursor) {
  StartIngestd(0);
  StartIngestd(1, {"--role=view"});
  std::vector<Published> stories = PublishTestStories(0, 16);
  std::vector<Published> more = PublishSynthetic("replicas", 24);
  stories.insert(stories.end(), more.begin(), more.end());
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  request.set_include_duplicates(true);
  // One replica with Subscribe, the other with SubscribeBatches: the same
  // events either way.
  std::vector<v1::StoryEvent> a = Collect(request, stories.size(), absl::Seconds(2), absl::Seconds(90), 0);
  std::vector<v1::StoryEvent> b = Collect(request, stories.size(), absl::Seconds(2),
                                          absl::Seconds(90), 1, /*batches=*/true);
  ExpectExactlyOnce(a, stories);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].SerializeAsString(), b[i].SerializeAsString()) << "event " << i << " differs";
    EXPECT_EQ(a[i].story().fingerprints().minhash_size(), 0) << "MinHash sent unasked";
    EXPECT_FALSE(a[i].story().fingerprints().content_sha256().empty());
  }
  request.set_after_cursor(a[a.size() / 2].cursor());
  std::vector<v1::StoryEvent> tail_b = Collect(request, a.size() - a.size() / 2 - 1, absl::Seconds(1),
                                               absl::Seconds(60), 1);
  ASSERT_FALSE(tail_b.empty());
  EXPECT_EQ(tail_b.front().cursor(), a[a.size() / 2 + 1].cursor());
}

TEST_F(ServingE2eTest, SigtermTellsSubscribersToReconnectAndTheyResumeElsewhere) {
  StartIngestd(0);
  StartIngestd(1);
  std::vector<Published> first = PublishSynthetic("before-term", 20);
  // A subscriber on replica 0 that records everything and how it ended.
  std::mutex mu;
  std::vector<v1::StoryEvent> received;
  grpc::Status ended;
  std::thread subscriber([&] {
    auto stub = Stub(instance(0).grpc_port);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    request.set_heartbeat_seconds(1);
    auto reader = stub->Subscribe(&context, request);
    v1::StoryEvent event;
    while (reader->Read(&event)) {
      if (event.kind() == v1::EVENT_KIND_HEARTBEAT) continue;
      std::lock_guard<std::mutex> lock(mu);
      received.push_back(event);
    }
    ended = reader->Finish();
  });
  WaitFor(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        return received.size() >= first.size();
      },
      absl::Seconds(60), absl::Milliseconds(50));
  EXPECT_EQ(instance(0).process->Stop(absl::Seconds(30)), 0);
  subscriber.join();
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAVAILABLE) << ended.error_message();
  EXPECT_NE(ended.error_message().find("reconnect"), std::string::npos) << ended.error_message();

  std::vector<Published> second = PublishSynthetic("after-term", 20);
  ASSERT_FALSE(received.empty());
  v1::SubscribeRequest resume;
  resume.set_after_cursor(received.back().cursor());
  std::vector<v1::StoryEvent> rest = Collect(resume, first.size() + second.size() - received.size(),
                                             absl::Seconds(2), absl::Seconds(90), 1);
  std::vector<v1::StoryEvent> all = received;
  all.insert(all.end(), rest.begin(), rest.end());
  std::vector<Published> everything = first;
  everything.insert(everything.end(), second.begin(), second.end());
  ExpectExactlyOnce(all, everything);
}

TEST_F(ServingE2eTest, SlowSubscriberCostsNoMemoryAndSlowsNobody) {
  StartIngestd(0);
  const pid_t pid = instance(0).process->pid();
  std::atomic<bool> stop{false};
  std::atomic<int> slow_read{0};
  std::vector<v1::StoryEvent> slow_events;
  std::thread slow([&] {
    auto stub = Stub(instance(0).grpc_port);
    grpc::ClientContext context;
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    auto reader = stub->Subscribe(&context, request);
    v1::StoryEvent event;
    while (!stop && reader->Read(&event)) {
      if (event.kind() == v1::EVENT_KIND_HEARTBEAT) continue;
      slow_events.push_back(event);
      ++slow_read;
      absl::SleepFor(absl::Milliseconds(200));  // five events a second
    }
    context.TryCancel();
    reader->Finish();
  });
  // The slow stream is open before the baseline is taken.
  WaitFor([&] { return MetricValue(Metrics(), "newswire_subscribers") == 1; },
          absl::Seconds(30), absl::Milliseconds(50));
  const long rss_before = RssKib(pid);
  absl::Time start = absl::Now();
  std::vector<Published> flood = PublishSynthetic("flood", 3000);
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  std::vector<v1::StoryEvent> fast = Collect(request, flood.size(), absl::Seconds(1), absl::Seconds(120));
  const absl::Duration fast_took = absl::Now() - start;
  ExpectExactlyOnce(fast, flood);
  const long rss_after = RssKib(pid);
  std::printf("flood of %zu: fast subscriber done in %.2f s while the slow one read %d; "
              "ingestd RSS %ld -> %ld KiB\n",
              flood.size(), absl::ToDoubleSeconds(fast_took), slow_read.load(), rss_before,
              rss_after);
  EXPECT_LT(slow_read.load(), 100) << "the slow subscriber was not slow";
  EXPECT_LT(rss_after - rss_before, 64 * 1024) << "a slow subscriber must not cost memory";
  stop = true;
  slow.join();
  // It still gets everything, in order, when it reads on from its cursor.
  ASSERT_FALSE(slow_events.empty());
  v1::SubscribeRequest resume;
  resume.set_after_cursor(slow_events.back().cursor());
  std::vector<v1::StoryEvent> rest = Collect(resume, flood.size() - slow_events.size());
  slow_events.insert(slow_events.end(), rest.begin(), rest.end());
  ExpectExactlyOnce(slow_events, flood);
}

// A subscriber at the live tail gets a burst without pause. Once, writes
// were corked ("buffer hint") while more of a batch followed: the stream then
// waited for something else to flush the connection (a heartbeat, 15 s by
// default here, or the 30 s keepalive ping). Deadline well under both.
TEST_F(ServingE2eTest, TailSubscriberGetsABurstWithoutStalling) {
  StartIngestd(0);
  auto stub = Stub(instance(0).grpc_port);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  v1::SubscribeRequest request;
  request.set_from_now(true);  // server default heartbeat: no flush from heartbeats
  auto reader = stub->Subscribe(&context, request);
  // The stream is admitted (it takes its start cursor right after) before
  // the burst is published.
  ASSERT_TRUE(WaitFor(
      [&] { return MetricValue(Metrics(), "newswire_subscribers") == 1; },
      absl::Seconds(30), absl::Milliseconds(10)));
  const absl::Time start = absl::Now();
  std::vector<Published> burst = PublishSynthetic("burst", 2000);
  std::vector<v1::StoryEvent> events;
  v1::StoryEvent event;
  while (events.size() < burst.size() && absl::Now() - start < absl::Seconds(10) &&
         reader->Read(&event)) {
    if (event.kind() != v1::EVENT_KIND_HEARTBEAT) events.push_back(event);
  }
  const absl::Duration took = absl::Now() - start;
  context.TryCancel();
  reader->Finish();
  std::printf("burst of %zu at the tail: %zu received in %.2f s\n", burst.size(), events.size(),
              absl::ToDoubleSeconds(took));
  EXPECT_LT(took, absl::Seconds(10)) << "the stream stalled";
  ExpectExactlyOnce(events, burst);
}

// SubscribeBatches keeps each message within 1 MiB: a catch-up batch of 60
// large stories (several MiB together) goes out in several messages, none
// over the client's default 4 MiB receive limit.
TEST_F(ServingE2eTest, BatchesOfLargeStoriesAreSplitUnderTheMessageLimit) {
  StartIngestd(0);
  std::vector<std::pair<std::string, std::string>> records;
  std::vector<Published> published;
  for (int i = 0; i < 60; ++i) {
    std::string headline = absl::StrCat("Large story ", i);
    std::string text = headline + "\n\n";
    for (int p = 0; p < 100; ++p) {
      absl::StrAppend(&text, "Paragraph ", p, " of large story ", i, ":");
      for (int w = 0; w < 100; ++w) absl::StrAppend(&text, " w", i, "x", p, "y", w);
      text += ".\n\n";
    }
    std::string url = absl::StrCat("e2e://large/", i);
    published.push_back({"url:" + url, headline});
    records.emplace_back(url, std::move(text));
  }
  Publish(records, {{"content-type", "text/plain"}});
  v1::SubscribeRequest request;
  request.set_from_beginning(true);
  request.set_include_duplicates(true);
  // All applied first, so the batched stream starts with one large catch-up.
  ASSERT_EQ(Collect(request, published.size(), absl::Seconds(1)).size(), published.size());

  auto stub = Stub(instance(0).grpc_port);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  auto reader = stub->SubscribeBatches(&context, request);
  std::vector<v1::StoryEvent> events;
  size_t messages = 0, largest = 0, bytes = 0;
  v1::StoryEventBatch batch;
  while (events.size() < published.size() && reader->Read(&batch)) {
    ++messages;
    largest = std::max(largest, batch.ByteSizeLong());
    bytes += batch.ByteSizeLong();
    for (const v1::StoryEvent& event : batch.events()) {
      if (event.kind() != v1::EVENT_KIND_HEARTBEAT) events.push_back(event);
    }
  }
  context.TryCancel();
  const grpc::Status end = reader->Finish();
  std::printf("%zu events, %zu bytes in %zu messages, largest %zu\n", events.size(), bytes,
              messages, largest);
  EXPECT_GT(bytes, size_t{4} << 20) << "stories too small to need splitting";
  EXPECT_LE(largest, size_t{1} << 20);
  EXPECT_GE(messages, 5u);
  ExpectExactlyOnce(events, published);
  EXPECT_TRUE(end.ok() || end.error_code() == grpc::StatusCode::CANCELLED) << end.error_message();
}

TEST_F(ServingE2eTest, BadRequestsAreRefusedWithTheRightStatus) {
  const std::string tokens = absl::StrCat(work_dir_, "/tokens");
  std::ofstream(tokens) << "0123456789abcdef-subscriber\n";
  StartIngestd(0, {absl::StrCat("--auth_tokens_file=", tokens)});
  auto stub = Stub(instance(0).grpc_port);

  v1::GetStoryRequest get;
  get.set_id("nothing");
  v1::Story story;
  {
    grpc::ClientContext context;
    EXPECT_EQ(stub->GetStory(&context, get, &story).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer wrong-token-wrong-token");
    EXPECT_EQ(stub->GetStory(&context, get, &story).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer 0123456789abcdef-subscriber");
    EXPECT_EQ(stub->GetStory(&context, get, &story).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  {
    v1::GetStoryRequest huge;
    huge.set_id(std::string(200 << 10, 'x'));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer 0123456789abcdef-subscriber");
    EXPECT_EQ(stub->GetStory(&context, huge, &story).error_code(),
              grpc::StatusCode::RESOURCE_EXHAUSTED);
  }
}

TEST_F(ServingE2eTest, MissingClientCertificateIsRefusedWhenRequired) {
  const std::string dir = work_dir_;
  ASSERT_TRUE(MakeTestCertificates(dir).ok()) << "openssl could not make test certificates";
  StartIngestd(0, {absl::StrCat("--tls_cert=", dir, "/server.pem"),
                   absl::StrCat("--tls_key=", dir, "/server.key"),
                   absl::StrCat("--tls_client_ca=", dir, "/ca.pem")});
  const std::string ca = ReadFile(dir + "/ca.pem").value_or("");
  grpc::SslCredentialsOptions no_client_cert;
  no_client_cert.pem_root_certs = ca;
  auto stub = v1::NewsService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", instance(0).grpc_port),
                          grpc::SslCredentials(no_client_cert)));
  v1::GetStoryRequest get;
  get.set_id("nothing");
  v1::Story story;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::Status status = stub->GetStory(&context, get, &story);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  // Plaintext is refused too.
  grpc::ClientContext plain_context;
  plain_context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  EXPECT_NE(Stub(instance(0).grpc_port)->GetStory(&plain_context, get, &story).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace newswire::e2e
