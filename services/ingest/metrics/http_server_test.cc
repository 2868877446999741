#include "services/ingest/metrics/http_server.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/wait_for.h"
#include "services/ingest/metrics/test_http_client.h"

namespace newswire::ingest::metrics {
namespace {

using ::newswire::ingest::metrics::http_test::Fetch;
using ::newswire::ingest::metrics::http_test::RoundTrip;
using ::newswire::ingest::metrics::http_test::TestConnection;
using ::newswire::ingest::metrics::http_test::TestResponse;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Options under which only the connection cap can make room: waiting for a
// timeout would take longer than any test client waits.
HttpServer::Options WithoutTimeouts(int max_connections) {
  HttpServer::Options options;
  options.max_connections = max_connections;
  options.idle_timeout = absl::Minutes(10);
  options.read_timeout = absl::Minutes(10);
  return options;
}

// Echoes the parsed request and counts calls, so tests can check the handler
// was (or was not) reached.
class EchoServerTest : public ::testing::Test {
 protected:
  void Start(HttpServer::Options options = {}) {
    absl::StatusOr<std::unique_ptr<HttpServer>> server = HttpServer::Create(
        options, [this](const HttpRequest& request) {
          calls_.fetch_add(1);
          HttpResponse response;
          response.body = absl::StrCat(request.method, " ", request.path, " ",
                                       request.query, "\n");
          return response;
        });
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  int port() const { return server_->port(); }

  std::atomic<int> calls_{0};
  std::unique_ptr<HttpServer> server_;
};

TEST_F(EchoServerTest, ServesGetWithPathAndQuery) {
  Start();
  ASSERT_GT(port(), 0);
  absl::StatusOr<TestResponse> response = Fetch(port(), "/hello?name=x&y=1");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /hello name=x&y=1\n");
  EXPECT_EQ(response->Header("Content-Length"),
            std::to_string(response->body.size()));
  EXPECT_EQ(response->Header("Connection"), "close");
  EXPECT_EQ(response->Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(EchoServerTest, HeadSendsLengthButNoBody) {
  Start();
  absl::StatusOr<TestResponse> response = Fetch(port(), "/x", "HEAD");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(response->body, IsEmpty());
  EXPECT_EQ(response->Header("Content-Length"),
            std::to_string(std::string("HEAD /x \n").size()));
}

TEST_F(EchoServerTest, AcceptsHttp10BareLineFeedsAndAbsoluteForm) {
  Start();
  absl::StatusOr<TestResponse> response =
      RoundTrip(port(), "GET /lf?a HTTP/1.0\nHost: x\n\n");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /lf a\n");

  response = RoundTrip(
      port(), "GET http://localhost:1/abs?q#frag HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /abs q\n");
}

TEST_F(EchoServerTest, OtherMethodsGet405WithoutReachingHandler) {
  Start();
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    absl::StatusOr<TestResponse> response = Fetch(port(), "/x", method);
    ASSERT_TRUE(response.ok()) << method << ": " << response.status();
    EXPECT_EQ(response->status, 405) << method;
    EXPECT_EQ(response->Header("Allow"), "GET, HEAD") << method;
    EXPECT_EQ(response->Header("Connection"), "close") << method;
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(EchoServerTest, MalformedRequestsGet400WithoutReachingHandler) {
  Start();
  const std::vector<std::string> requests = {
      "GARBAGE\r\n\r\n",
      "GET /\r\n\r\n",                          // HTTP/0.9 style.
      "GET  / HTTP/1.1\r\n\r\n",                // Double space.
      "GET / HTTP/1.1 extra\r\n\r\n",           // Too many parts.
      "G(T / HTTP/1.1\r\n\r\n",                 // Method is not a token.
      "GET nopath HTTP/1.1\r\n\r\n",            // Not origin-form.
      "GET / FTP/1.1\r\n\r\n",                  // Not HTTP.
      "GET / HTTP/1.1x\r\n\r\n",                // Bad version.
      "GET /a\x01z HTTP/1.1\r\n\r\n",           // Control byte in target.
      "GET / HTTP/1.1\r\nNoColonHere\r\n\r\n",  // Header without colon.
      "GET / HTTP/1.1\r\nBad Name: v\r\n\r\n",  // Space in header name.
      "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",  // Obsolete folding.
      "GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
      "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),  // NUL in target.
  };
  for (const std::string& request : requests) {
    absl::StatusOr<TestResponse> response = RoundTrip(port(), request);
    ASSERT_TRUE(response.ok()) << request << ": " << response.status();
    EXPECT_EQ(response->status, 400) << request;
    EXPECT_EQ(response->Header("Connection"), "close");
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(EchoServerTest, OtherHttpMajorVersionGets505) {
  Start();
  absl::StatusOr<TestResponse> response =
      RoundTrip(port(), "GET / HTTP/2.0\r\n\r\n");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 505);
}

TEST_F(EchoServerTest, OversizeHeadGets431) {
  HttpServer::Options options;
  options.max_request_bytes = 1024;
  Start(options);

  const std::string just_fits =
      "GET / HTTP/1.1\r\nX-Pad: " + std::string(1024 - 27, 'a') + "\r\n\r\n";
  ASSERT_EQ(just_fits.size(), 1024u);
  absl::StatusOr<TestResponse> response = RoundTrip(port(), just_fits);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);

  const std::string too_big =
      "GET / HTTP/1.1\r\nX-Pad: " + std::string(1024 - 26, 'a') + "\r\n\r\n";
  response = RoundTrip(port(), too_big);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 431);

  // A head that never ends is cut off at the limit, not read forever.
  response = RoundTrip(port(), std::string(20000, 'A'));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(calls_.load(), 1);
}

TEST_F(EchoServerTest, OversizeDeclaredBodyGets413) {
  HttpServer::Options options;
  options.max_request_bytes = 1024;
  Start(options);
  for (const char* length : {"1025", "99999999999999999999999999"}) {
    absl::StatusOr<TestResponse> response = RoundTrip(
        port(), absl::StrCat("GET / HTTP/1.1\r\nContent-Length: ", length,
                             "\r\n\r\n"));
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->status, 413) << length;
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(EchoServerTest, SmallBodyOnGetIsIgnored) {
  Start();
  absl::StatusOr<TestResponse> response = RoundTrip(
      port(), "GET /b HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /b \n");
}

TEST_F(EchoServerTest, ClientClosingMidRequestGets400) {
  Start();
  absl::StatusOr<TestConnection> connection = TestConnection::Open(port());
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_TRUE(connection->Send("GET / HTT").ok());
  ASSERT_TRUE(connection->ShutdownWrite().ok());
  absl::StatusOr<std::string> raw = connection->ReadUntilClosed();
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_THAT(*raw, HasSubstr("HTTP/1.1 400 "));
}

TEST_F(EchoServerTest, ConnectionsThatSendNothingAreHarmless) {
  Start();
  for (int i = 0; i < 5; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port());
    ASSERT_TRUE(connection.ok()) << connection.status();
  }  // Closed right away.
  absl::StatusOr<TestResponse> response = Fetch(port(), "/after");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
}

TEST_F(EchoServerTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  HttpServer::Options options;
  options.idle_timeout = absl::Milliseconds(200);
  options.read_timeout = absl::Minutes(10);  // Only the idle timeout can act.
  Start(options);

  absl::StatusOr<TestConnection> idle = TestConnection::Open(port());
  ASSERT_TRUE(idle.ok()) << idle.status();
  absl::StatusOr<TestConnection> started = TestConnection::Open(port());
  ASSERT_TRUE(started.ok()) << started.status();
  ASSERT_TRUE(started->Send("GET /st").ok());

  // Not a speed target: a generous bound far below read_timeout.
  absl::StatusOr<bool> closed = idle->ClosedByPeer(absl::Seconds(30));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_TRUE(*closed);
  // A client that has begun its request is no longer idle, and may finish.
  closed = started->ClosedByPeer(absl::Milliseconds(500));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_FALSE(*closed);
  ASSERT_TRUE(started->Send(" HTTP/1.1\r\n\r\n").ok());
  absl::StatusOr<std::string> raw = started->ReadUntilClosed();
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_THAT(*raw, HasSubstr("GET /st \n"));
}

TEST_F(EchoServerTest, AtTheCapTheOldestIdleConnectionMakesRoom) {
  Start(WithoutTimeouts(4));

  // Accepted in the order they connect.
  std::vector<TestConnection> idle;
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port());
    ASSERT_TRUE(connection.ok()) << connection.status();
    idle.push_back(*std::move(connection));
  }

  absl::StatusOr<TestResponse> response = Fetch(port(), "/probe");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /probe \n");

  absl::StatusOr<bool> closed = idle[0].ClosedByPeer(absl::Seconds(10));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_TRUE(*closed) << "the oldest idle connection made room";
  for (int i = 1; i < 4; ++i) {
    closed = idle[i].ClosedByPeer(absl::ZeroDuration());
    ASSERT_TRUE(closed.ok()) << closed.status();
    EXPECT_FALSE(*closed) << "idle connection " << i;
  }
}

TEST_F(EchoServerTest, AtTheCapAnIdleConnectionGoesBeforeAStartedRequest) {
  Start(WithoutTimeouts(2));

  absl::StatusOr<TestConnection> started = TestConnection::Open(port());
  ASSERT_TRUE(started.ok()) << started.status();
  ASSERT_TRUE(started->Send("GET /older HTTP/1.1\r\n").ok());
  // The server has read those bytes before the next connection arrives.
  ASSERT_TRUE(WaitFor([&] { return server_->requests_started() == 1; }));
  absl::StatusOr<TestConnection> idle = TestConnection::Open(port());
  ASSERT_TRUE(idle.ok()) << idle.status();

  absl::StatusOr<TestResponse> response = Fetch(port(), "/probe");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);

  absl::StatusOr<bool> closed = idle->ClosedByPeer(absl::Seconds(10));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_TRUE(*closed) << "the newer but idle connection made room";
  ASSERT_TRUE(started->Send("\r\n").ok());
  absl::StatusOr<std::string> raw = started->ReadUntilClosed();
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_THAT(*raw, HasSubstr("GET /older \n"));
}

// The defect this guards: 64 idle connections from one client used to keep
// /healthz probes waiting for seconds, past the Kubernetes probe timeout.
// Without timeouts, only the server's connection model can get the probes
// answered. Parameter: max_connections (the
// default, which evicts, and one that holds every connection open).
class ProbeUnderLoadTest : public EchoServerTest,
                           public ::testing::WithParamInterface<int> {};

TEST_P(ProbeUnderLoadTest, ProbesAreAnsweredWhileIdleAndSlowClientsHold) {
  constexpr int kIdle = 500;
  constexpr int kSlow = 8;
  constexpr int kProbes = 8;
  const HttpServer::Options options = WithoutTimeouts(GetParam());
  Start(options);

  absl::StatusOr<http_test::HeldLoad> load =
      http_test::HoldLoad(port(), kIdle, kSlow, options.max_connections);
  if (absl::IsFailedPrecondition(load.status())) {
    GTEST_SKIP() << load.status();
  }
  ASSERT_TRUE(load.ok()) << load.status();

  // Spread over about two seconds, so the slow clients keep sending.
  const http_test::FetchSeries probes = http_test::FetchRepeatedly(
      port(), "/healthz", kProbes, absl::Milliseconds(250),
      absl::StrCat("max_connections=", options.max_connections, ", ", kIdle,
                   " idle + ", kSlow, " slow-loris clients"));
  for (const http_test::TimedResponse& probe : probes.fetches) {
    ASSERT_TRUE(probe.response.ok()) << probe.response.status();
    EXPECT_EQ(probe.response->status, 200);
    // Not a speed target (a few ms is typical): the liveness probe's 5 s.
    EXPECT_LT(probe.latency, absl::Seconds(5));
  }

  // Idle connections were the ones to go, the slow clients were not.
  int closed = 0;
  for (TestConnection& connection : load->idle) {
    absl::StatusOr<bool> is_closed =
        connection.ClosedByPeer(absl::ZeroDuration());
    ASSERT_TRUE(is_closed.ok()) << is_closed.status();
    closed += *is_closed ? 1 : 0;
  }
  EXPECT_GE(closed, kIdle - options.max_connections);
  if (options.max_connections > kIdle + kSlow) EXPECT_EQ(closed, 0);
  EXPECT_EQ(load->slow->cut_off(), 0);
}

INSTANTIATE_TEST_SUITE_P(Caps, ProbeUnderLoadTest,
                         ::testing::Values(HttpServer::Options().max_connections,
                                           1000));

TEST_F(EchoServerTest, TricklingClientIsCutOffAtTheDeadline) {
  HttpServer::Options options;
  options.read_timeout = absl::Milliseconds(200);
  Start(options);

  absl::StatusOr<TestConnection> slow = TestConnection::Open(port());
  ASSERT_TRUE(slow.ok()) << slow.status();
  ASSERT_TRUE(slow->Send("GET / HTTP/1.1\r\n").ok());
  // Each header line arrives well within the timeout, but the deadline is
  // for the whole head, so the server must hang up long before 200 lines.
  bool cut_off = false;
  for (int i = 0; i < 200 && !cut_off; ++i) {
    absl::SleepFor(absl::Milliseconds(25));
    cut_off = !slow->Send("X-Slow: 1\r\n").ok();
  }
  EXPECT_TRUE(cut_off);
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(EchoServerTest, ServesConcurrentClients) {
  Start();
  std::atomic<int> ok_responses{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([this, t, &ok_responses] {
      for (int i = 0; i < 20; ++i) {
        const std::string path = absl::StrCat("/c", t, "_", i);
        absl::StatusOr<TestResponse> response = Fetch(port(), path);
        if (response.ok() && response->status == 200 &&
            response->body == absl::StrCat("GET ", path, " \n")) {
          ok_responses.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(ok_responses.load(), 160);
}

// Leaves the process exactly one free file descriptor until destroyed (by
// lowering the soft limit just above the highest descriptor in use and
// filling the holes below it), then restores the limit.
class OneFreeDescriptor {
 public:
  OneFreeDescriptor() {
    EXPECT_EQ(getrlimit(RLIMIT_NOFILE, &saved_), 0);
    int highest = -1;
    for (const auto& entry : std::filesystem::directory_iterator(
             "/proc/self/fd",
             std::filesystem::directory_options::skip_permission_denied)) {
      highest = std::max(highest, std::stoi(entry.path().filename().string()));
    }
    rlimit lowered = saved_;
    lowered.rlim_cur = static_cast<rlim_t>(highest) + 2;
    EXPECT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
    for (int fd = dup(STDERR_FILENO); fd >= 0; fd = dup(STDERR_FILENO)) {
      fillers_.push_back(fd);
    }
    EXPECT_EQ(errno, EMFILE);
    if (!fillers_.empty()) {
      close(fillers_.back());
      fillers_.pop_back();
    }
  }
  ~OneFreeDescriptor() {
    for (int fd : fillers_) close(fd);
    setrlimit(RLIMIT_NOFILE, &saved_);
  }

 private:
  rlimit saved_;
  std::vector<int> fillers_;
};

TEST_F(EchoServerTest, OutOfDescriptorsAnIdleConnectionMakesRoom) {
  Start(WithoutTimeouts(100));  // The cap is not what is reached here.
  std::vector<TestConnection> idle;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port());
    ASSERT_TRUE(connection.ok()) << connection.status();
    idle.push_back(*std::move(connection));
  }
  // Nothing left for the server to read: the idle connections are open.
  absl::StatusOr<bool> closed = idle[2].ClosedByPeer(absl::Milliseconds(100));
  ASSERT_TRUE(closed.ok()) << closed.status();
  ASSERT_FALSE(*closed);

  absl::StatusOr<TestResponse> response;
  {
    // The probe's client socket takes the last descriptor, so the server's
    // accept() fails with EMFILE.
    OneFreeDescriptor limit;
    response = Fetch(port(), "/probe");
  }
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  closed = idle[0].ClosedByPeer(absl::Seconds(10));
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_TRUE(*closed) << "the oldest idle connection made room";
}

TEST(HttpServerTest, PassesHandlerStatusContentTypeAndLargeBodies) {
  const std::string big(4 << 20, 'z');
  absl::StatusOr<std::unique_ptr<HttpServer>> server = HttpServer::Create(
      {}, [&big](const HttpRequest& request) {
        if (request.path == "/big") return HttpResponse{200, "x/big", big};
        if (request.path == "/empty") return HttpResponse{204, "x/y", "dropped"};
        if (request.path == "/weird") return HttpResponse{42, "x/y", ""};
        if (request.path == "/inject") {
          return HttpResponse{200, "text/plain\r\nX-Evil: 1", "ok"};
        }
        return HttpResponse{404, "application/json", "{}"};
      });
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = (*server)->port();

  absl::StatusOr<TestResponse> response = Fetch(port, "/missing");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->Header("Content-Type"), "application/json");
  EXPECT_EQ(response->body, "{}");

  response = Fetch(port, "/big");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.size(), big.size());
  EXPECT_TRUE(response->body == big);

  response = Fetch(port, "/empty");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 204);
  EXPECT_THAT(response->body, IsEmpty());
  EXPECT_THAT(response->head, Not(HasSubstr("Content-Length")));

  response = Fetch(port, "/weird");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 500);

  response = Fetch(port, "/inject");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_THAT(response->head, Not(HasSubstr("\r\nX-Evil")));
}

TEST(HttpServerTest, ShutdownReturnsPromptlyDespiteIdleClients) {
  HttpServer::Options options;
  options.read_timeout = absl::Minutes(10);  // Waiting them out would hang.
  absl::StatusOr<std::unique_ptr<HttpServer>> server =
      HttpServer::Create(options, [](const HttpRequest&) {
        return HttpResponse{};
      });
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = (*server)->port();

  std::vector<TestConnection> idle;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port);
    ASSERT_TRUE(connection.ok()) << connection.status();
    ASSERT_TRUE(connection->Send("GET / HT").ok());
    idle.push_back(*std::move(connection));
  }

  // Shutdown from several threads at once, and again afterwards: every call
  // returns, and the connections are closed rather than left hanging.
  const absl::Time start = absl::Now();
  std::vector<std::thread> stoppers;
  for (int i = 0; i < 4; ++i) {
    stoppers.emplace_back([&server] { (*server)->Shutdown(); });
  }
  for (std::thread& stopper : stoppers) stopper.join();
  (*server)->Shutdown();
  // Not a benchmark: a generous bound far below read_timeout, which is what
  // a Shutdown() that waited for clients would take.
  EXPECT_LT(absl::Now() - start, absl::Seconds(30));

  for (TestConnection& connection : idle) {
    absl::StatusOr<std::string> raw = connection.ReadUntilClosed();
    if (raw.ok()) {
      EXPECT_THAT(*raw, IsEmpty());
    }
  }
  EXPECT_FALSE(Fetch(port, "/").ok());
}

TEST(HttpServerTest, PortCanBeReboundAfterShutdown) {
  auto handler = [](const HttpRequest&) { return HttpResponse{}; };
  absl::StatusOr<std::unique_ptr<HttpServer>> first =
      HttpServer::Create({}, handler);
  ASSERT_TRUE(first.ok()) << first.status();
  HttpServer::Options options;
  options.port = (*first)->port();
  // Served connections leave TIME_WAIT sockets behind; SO_REUSEADDR must
  // still let a restarted server bind the port.
  ASSERT_TRUE(Fetch(options.port, "/").ok());

  absl::StatusOr<std::unique_ptr<HttpServer>> clash =
      HttpServer::Create(options, handler);
  EXPECT_FALSE(clash.ok()) << "port is in use";

  first->reset();  // Destructor shuts down.
  absl::StatusOr<std::unique_ptr<HttpServer>> second =
      HttpServer::Create(options, handler);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*second)->port(), options.port);
  absl::StatusOr<TestResponse> response = Fetch(options.port, "/");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
}

TEST(HttpServerTest, CreateRejectsBadArguments) {
  auto handler = [](const HttpRequest&) { return HttpResponse{}; };
  EXPECT_EQ(HttpServer::Create({}, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);

  HttpServer::Options options;
  options.port = 70000;
  EXPECT_EQ(HttpServer::Create(options, handler).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  options.max_connections = 0;
  EXPECT_EQ(HttpServer::Create(options, handler).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  options.read_timeout = absl::ZeroDuration();
  EXPECT_EQ(HttpServer::Create(options, handler).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  options.idle_timeout = absl::ZeroDuration();
  EXPECT_EQ(HttpServer::Create(options, handler).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  options.max_request_bytes = 0;
  EXPECT_EQ(HttpServer::Create(options, handler).status().code(),
            absl::StatusCode::kInvalidArgument);

  // An address this host does not own (TEST-NET-1) cannot be bound.
  options = {};
  options.host = "192.0.2.1";
  EXPECT_FALSE(HttpServer::Create(options, handler).ok());
}

}  // namespace
}  // namespace newswire::ingest::metrics
