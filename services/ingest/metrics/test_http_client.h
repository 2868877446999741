// A deliberately dumb HTTP client over raw sockets, for tests of HttpServer
// and OpsEndpoint. It sends exactly the bytes it is given (so tests can send
// malformed or partial requests) and reads the reply until the server closes
// the connection, which HttpServer always does.
//
// It can also hold a load of misbehaving clients open against a server
// (HoldLoad: idle connections and slow-loris clients) while a test measures
// how fast real requests are still answered (TimedFetch).
//
// Test-only. Functions are thread-safe (no shared state); a TestConnection
// is used by one thread at a time.

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace newswire::ingest::metrics::http_test {

// A connected TCP socket to 127.0.0.1; closes it on destruction.
class TestConnection {
 public:
  static absl::StatusOr<TestConnection> Open(int port);

  TestConnection(TestConnection&& other) noexcept;
  TestConnection& operator=(TestConnection&& other) noexcept;
  ~TestConnection();

  // Sends all of `data` (MSG_NOSIGNAL, so a closed peer is an error).
  absl::Status Send(absl::string_view data);

  // Half-closes: the server sees end of stream, replies can still be read.
  absl::Status ShutdownWrite();

  // Reads until the peer closes the connection; DeadlineExceeded if it has
  // not closed within `timeout`.
  absl::StatusOr<std::string> ReadUntilClosed(
      absl::Duration timeout = absl::Seconds(10));

  // Whether the peer has closed (or reset) the connection, waiting at most
  // `timeout` for it; data the peer sent first is discarded.
  absl::StatusOr<bool> ClosedByPeer(absl::Duration timeout);

 private:
  explicit TestConnection(int fd) : fd_(fd) {}
  int fd_;
};

// A response split into its parts; header names are kept as sent.
struct TestResponse {
  int status = 0;
  std::string head;  // Status line and headers, without the blank line.
  std::string body;

  // The value of the first header named `name` (case-insensitive), or "".
  std::string Header(absl::string_view name) const;
};

absl::StatusOr<TestResponse> ParseResponse(absl::string_view raw);

// Sends `request` verbatim on a new connection and parses the reply.
absl::StatusOr<TestResponse> RoundTrip(int port, absl::string_view request);

// RoundTrip with a well-formed `method target HTTP/1.1` request.
absl::StatusOr<TestResponse> Fetch(int port, absl::string_view target,
                                   absl::string_view method = "GET");

// Fetch, also returning how long it took from connect to the server's close.
struct TimedResponse {
  absl::StatusOr<TestResponse> response;
  absl::Duration latency;
};
TimedResponse TimedFetch(int port, absl::string_view target);

// User plus system CPU time this process has used so far.
absl::Duration ProcessCpuTime();

// `count` TimedFetches of `target`, `spacing` apart. Prints each latency to
// stderr after `label`, then the CPU time the process used per fetch (the
// server's and this client's) and the size of the last body.
struct FetchSeries {
  std::vector<TimedResponse> fetches;
  absl::Duration cpu_per_fetch;
};
FetchSeries FetchRepeatedly(int port, absl::string_view target, int count,
                            absl::Duration spacing, absl::string_view label);

// Slow-loris clients: connections that each send one more byte of a request
// head that never ends every `interval`, from one background thread, until
// destroyed. Thread-safe.
class SlowLoris {
 public:
  static absl::StatusOr<std::unique_ptr<SlowLoris>> Start(
      int port, int count, absl::Duration interval = absl::Seconds(1));
  // Stops the thread and closes the connections.
  ~SlowLoris();

  // Connections on which a send failed: the server hung up on them.
  int cut_off() const;

 private:
  SlowLoris(std::vector<TestConnection> connections, absl::Duration interval);
  void Run();

  const absl::Duration interval_;
  mutable absl::Mutex mu_;
  std::vector<TestConnection> connections_ ABSL_GUARDED_BY(mu_);
  std::vector<bool> cut_off_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// Misbehaving clients held open against a server until destroyed.
struct HeldLoad {
  std::vector<TestConnection> idle;  // Connected, never send a byte.
  std::unique_ptr<SlowLoris> slow;
};

// Opens `idle` connections that send nothing and starts `slow` slow-loris
// clients (a byte a second). First raises the soft open-file limit if the
// load needs more descriptors than it allows (counting `server_fds` the
// server under test may hold); FailedPrecondition if the hard limit is lower.
absl::StatusOr<HeldLoad> HoldLoad(int port, int idle, int slow,
                                  int server_fds);

}  // namespace newswire::ingest::metrics::http_test

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_
