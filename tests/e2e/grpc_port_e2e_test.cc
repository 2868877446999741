// The gRPC port against strangers, end to end with a real ingestd and
// tokens required: hundreds of Subscribe streams opened without a token and
// held idle cost the server no threads, so a subscriber with a token is
// served at once and health tells the truth; streams held by token holders
// stop at --max_subscribers and leave threads for everything else;
// reflection is off unless asked for, and then needs a token.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "services/ingest/common/wait_for.h"
#include "services/ingest/common/file.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/testing/runfiles.h"

namespace newswire::e2e {
namespace {

constexpr char kToken[] = "0123456789abcdef-subscriber";
constexpr char kBearer[] = "Bearer 0123456789abcdef-subscriber";
constexpr char kSubscribe[] = "/newswire.v1.NewsService/Subscribe";
constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kHealthWatch[] = "/grpc.health.v1.Health/Watch";
constexpr char kReflection[] = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
// Acceptance: well under 100 ms. Asserted only as a liveness bound.
constexpr absl::Duration kLiveness = absl::Seconds(5);

// A channel on a connection of its own.
std::shared_ptr<grpc::Channel> OwnConnection(int port) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials(), args);
}

grpc::ByteBuffer Bytes(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// Streams of `method` opened over `connections` connections and never read:
// each sends its headers and, given one, its request, then nothing.
// Records how the server ends them. Cancels whatever is left when destroyed.
class HeldStreams {
 public:
  // `request`: the request's bytes, or nullopt to send none.
  HeldStreams(int port, const std::string& method, int streams, int connections,
              const std::string& authorization, const std::optional<std::string>& request)
      : poller_([this] { Poll(); }) {
    for (int c = 0; c < connections; ++c) stubs_.emplace_back(OwnConnection(port));
    for (int i = 0; i < streams; ++i) streams_.push_back(std::make_unique<Stream>());
    for (int i = 0; i < streams; ++i) {
      Stream& stream = *streams_[i];
      if (!authorization.empty()) stream.context.AddMetadata("authorization", authorization);
      stream.call = stubs_[i % connections].PrepareCall(&stream.context, method, &cq_);
      if (request.has_value()) stream.request = Bytes(*request);
      stream.call->StartCall(Tag(i, kStarted));  // the request follows once started
      stream.call->Finish(&stream.status, Tag(i, kEnded));
    }
  }

  ~HeldStreams() {
    for (auto& stream : streams_) stream->context.TryCancel();
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](HeldStreams* self) { return self->ended_total_ == static_cast<int>(self->streams_.size()); },
          this));
    }
    cq_.Shutdown();
    poller_.join();
  }

  // Waits until `count` streams have ended or `timeout` passed; how they ended.
  std::map<grpc::StatusCode, int> WaitEnded(int count, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto enough = [this, count] { return ended_total_ >= count; };
    mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
    return ended_;
  }

 private:
  enum Op : intptr_t { kStarted = 0, kWritten = 1, kEnded = 2 };
  static void* Tag(int stream, Op op) { return reinterpret_cast<void*>(intptr_t{stream} * 4 + op); }

  void Poll() {
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
      const intptr_t value = reinterpret_cast<intptr_t>(tag);
      Stream& stream = *streams_[value / 4];
      if (value % 4 == kStarted) {
        if (ok && stream.request.Valid()) stream.call->Write(stream.request, Tag(value / 4, kWritten));
        continue;
      }
      if (value % 4 != kEnded) continue;
      absl::MutexLock lock(&mu_);
      ++ended_[stream.status.error_code()];
      ++ended_total_;
    }
  }

  struct Stream {
    grpc::ClientContext context;
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call;
    grpc::ByteBuffer request;
    grpc::Status status;
  };

  grpc::CompletionQueue cq_;
  std::vector<grpc::GenericStub> stubs_;
  std::vector<std::unique_ptr<Stream>> streams_;  // all made before the first call starts
  absl::Mutex mu_;
  std::map<grpc::StatusCode, int> ended_ ABSL_GUARDED_BY(mu_);
  int ended_total_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread poller_;
};

// A call that gives up after 30 s, with `authorization` unless empty.
void Prepare(grpc::ClientContext* context, const std::string& authorization) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  if (!authorization.empty()) context->AddMetadata("authorization", authorization);
}

// One request, one response, as bytes (reflection's stream answers one
// request that way too).
grpc::Status UnaryBytes(int port, const std::string& method, const std::string& request,
                        const std::string& authorization, std::string* response) {
  grpc::GenericStub stub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                             grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  Prepare(&context, authorization);
  grpc::ByteBuffer request_bytes = Bytes(request), response_bytes;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_bytes, &response_bytes,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  grpc::Status status = done.get_future().get();
  response->clear();
  std::vector<grpc::Slice> slices;
  if (status.ok() && response_bytes.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      response->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return status;
}

// grpc.health.v1 Check of the whole server, without a token: true if SERVING.
bool HealthServing(int port) {
  std::string response;
  grpc::Status status = UnaryBytes(port, kHealthCheck, "", "", &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response == std::string("\x08\x01", 2);  // HealthCheckResponse{status: SERVING}
}

class GrpcPortE2eTest : public E2eFixture {
 protected:
  // Starts ingestd with tokens required, publishes a story and waits until
  // it can be read with a token.
  void StartWithTokens(const std::vector<std::string>& extra_flags) {
    const std::string tokens = absl::StrCat(work_dir_, "/tokens");
    std::ofstream(tokens) << "# test subscriber\n" << kToken << "\n";
    std::vector<std::string> flags = {absl::StrCat("--auth_tokens_file=", tokens)};
    flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
    StartIngestd(0, flags);
    port_ = instance(0).grpc_port;
    stub_ = v1::NewsService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()));
    story_id_ = PublishSynthetic("strangers", 1)[0].id;
    WaitFor([&] { return GetStory().status.ok(); }, absl::Seconds(60), absl::Milliseconds(100));
    ASSERT_TRUE(GetStory().status.ok()) << "the story was never served";
  }

  struct Timed {
    grpc::Status status;
    absl::Duration took;
  };

  Timed GetStory() {
    grpc::ClientContext context;
    Prepare(&context, kBearer);
    v1::GetStoryRequest request;
    request.set_id(story_id_);
    v1::Story story;
    const absl::Time start = absl::Now();
    grpc::Status status = stub_->GetStory(&context, request, &story);
    return {status, absl::Now() - start};
  }

  // Time from the call to the first story of a subscription from the start.
  Timed FirstStory() {
    grpc::ClientContext context;
    Prepare(&context, kBearer);
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    const absl::Time start = absl::Now();
    auto reader = stub_->Subscribe(&context, request);
    v1::StoryEvent event;
    while (reader->Read(&event)) {
      if (event.kind() == v1::EVENT_KIND_HEARTBEAT) continue;
      const absl::Duration took = absl::Now() - start;
      context.TryCancel();
      reader->Finish();
      return {grpc::Status::OK, took};
    }
    return {reader->Finish(), absl::Now() - start};
  }

  // A token holder's GetStory and Subscribe are served while `situation`;
  // prints their latencies; health says SERVING.
  void ExpectTokenHolderServed(const std::string& situation) {
    const Timed get = GetStory();
    const Timed subscribe = FirstStory();
    std::printf("%s: with a token, GetStory %.2f ms, Subscribe to first story %.2f ms\n",
                situation.c_str(), absl::ToDoubleMilliseconds(get.took),
                absl::ToDoubleMilliseconds(subscribe.took));
    EXPECT_TRUE(get.status.ok()) << get.status.error_code() << " " << get.status.error_message();
    EXPECT_TRUE(subscribe.status.ok())
        << subscribe.status.error_code() << " " << subscribe.status.error_message();
    EXPECT_LT(get.took, kLiveness);
    EXPECT_LT(subscribe.took, kLiveness);
    EXPECT_TRUE(HealthServing(port_));
  }

  int port_ = 0;
  std::unique_ptr<v1::NewsService::Stub> stub_;
  std::string story_id_;
};

// 540 streams over 3 connections, as reproduced: under the old handler-side
// check they held 540 of 512 threads and a token holder got
// RESOURCE_EXHAUSTED while health said SERVING. --max_subscribers=448 gives
// the same 512 threads.
TEST_F(GrpcPortE2eTest, StreamsWithoutATokenHoldNoThreads) {
  StartWithTokens({"--max_subscribers=448"});
  for (const bool send_request : {false, true}) {
    SCOPED_TRACE(send_request ? "request sent without a token" : "headers only, no request");
    // The previous round's subscriber notices its cancellation within 0.5 s.
    WaitFor([&] { return MetricValue(Metrics(), "newswire_subscribers") == 0; }, absl::Seconds(10),
            absl::Milliseconds(50));
    v1::SubscribeRequest request;
    request.set_from_now(true);
    HeldStreams strangers(port_, kSubscribe, 540, 3, /*authorization=*/"",
                          send_request ? std::optional(request.SerializeAsString()) : std::nullopt);
    std::map<grpc::StatusCode, int> ended = strangers.WaitEnded(540, absl::Seconds(10));
    EXPECT_EQ(MetricValue(Metrics(), "newswire_subscribers"), 0)
        << "a stranger counted as a subscriber";
    EXPECT_EQ(ended[grpc::StatusCode::UNAUTHENTICATED], 540) << "strangers' streams left open";
    ExpectTokenHolderServed(absl::StrCat("540 streams without a token (",
                                         send_request ? "request sent" : "no request", "), ",
                                         ended[grpc::StatusCode::UNAUTHENTICATED],
                                         " ended UNAUTHENTICATED"));
  }
}

// Health is open to anyone, so its streaming method must hold no thread:
// 540 Watch streams held open, then a token holder is served.
TEST_F(GrpcPortE2eTest, HealthWatchStreamsHoldNoThreads) {
  StartWithTokens({"--max_subscribers=448"});
  // HealthCheckRequest{service: ""}: an empty message.
  HeldStreams watchers(port_, kHealthWatch, 540, 3, /*authorization=*/"", std::string());
  // Nothing to wait for: open to anyone, the streams stay open.
  std::map<grpc::StatusCode, int> ended = watchers.WaitEnded(540, absl::Seconds(2));
  EXPECT_TRUE(ended.empty()) << ended.begin()->second << " Watch streams ended with "
                             << ended.begin()->first;
  ExpectTokenHolderServed("540 open health Watch streams");
}

// Token holders who open streams and never send a request are subscribers
// from their first byte: they stop at --max_subscribers with an honest
// RESOURCE_EXHAUSTED, and the threads beyond still serve everything else.
TEST_F(GrpcPortE2eTest, IdleStreamsOfTokenHoldersStopAtTheSubscriberLimit) {
  StartWithTokens({"--max_subscribers=100"});  // 164 threads
  HeldStreams held(port_, kSubscribe, 200, 3, kBearer, /*request=*/std::nullopt);
  std::map<grpc::StatusCode, int> ended = held.WaitEnded(100, absl::Seconds(30));
  EXPECT_EQ(ended[grpc::StatusCode::RESOURCE_EXHAUSTED], 100);
  EXPECT_EQ(MetricValue(Metrics(), "newswire_subscribers"), 100);
  const Timed get = GetStory();
  const Timed subscribe = FirstStory();
  std::printf("100 idle token holders at the limit of 100: GetStory %.2f ms; Subscribe ends %d "
              "(%s) in %.2f ms\n",
              absl::ToDoubleMilliseconds(get.took), subscribe.status.error_code(),
              subscribe.status.error_message().c_str(), absl::ToDoubleMilliseconds(subscribe.took));
  EXPECT_TRUE(get.status.ok()) << get.status.error_code() << " " << get.status.error_message();
  EXPECT_LT(get.took, kLiveness);
  EXPECT_EQ(subscribe.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(subscribe.status.error_message().find("subscriber limit"), std::string::npos)
      << subscribe.status.error_message();
  EXPECT_TRUE(HealthServing(port_));
}

TEST_F(GrpcPortE2eTest, ReflectionOnlyWhenAskedAndThenWithAToken) {
  // ServerReflectionRequest{list_services: ""}.
  const std::string list_services("\x3a\x00", 2);
  std::string response;
  StartWithTokens({});
  EXPECT_EQ(UnaryBytes(port_, kReflection, list_services, kBearer, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  instance(0).process->Stop(absl::Seconds(30));
  StartWithTokens({"--grpc_reflection"});
  EXPECT_EQ(UnaryBytes(port_, kReflection, list_services, "", &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status listed = UnaryBytes(port_, kReflection, list_services, kBearer, &response);
  ASSERT_TRUE(listed.ok()) << listed.error_message();
  EXPECT_NE(response.find("newswire.v1.NewsService"), std::string::npos);
}

TEST_F(GrpcPortE2eTest, InconsistentThreadAndSubscriberLimitsAreRefusedAtStart) {
  const std::string log = absl::StrCat(work_dir_, "/refused.log");
  const int ops_port = FreePort();
  IngestdProcess refused(testing::RunfilePath("services/ingest/ingestd"),
                         // The test's own topics: should it start after all, it
                         // must touch nobody else's.
                         {absl::StrCat("--brokers=", kafka_.brokers),
                          absl::StrCat("--raw_topic=", raw_topic_),
                          absl::StrCat("--stories_topic=", stories_topic_),
                          absl::StrCat("--dlq_topic=", dlq_topic_), absl::StrCat("--group=", group_),
                          absl::StrCat("--store=", work_dir_, "/refused-store"),
                          absl::StrCat("--grpc_address=127.0.0.1:", FreePort()),
                          absl::StrCat("--ops_port=", ops_port), "--max_subscribers=1000",
                          "--grpc_max_threads=512"},
                         log);
  ASSERT_TRUE(refused.Start().ok());
  absl::Status ready = refused.WaitReady(ops_port, absl::Seconds(30));
  EXPECT_TRUE(absl::IsInternal(ready)) << "not refused: " << ready;
  const std::string text = ReadFile(log).value_or("");
  EXPECT_NE(text.find("--grpc_max_threads=512 is below --max_subscribers=1000"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace newswire::e2e
