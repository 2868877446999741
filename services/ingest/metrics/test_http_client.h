// A deliberately dumb HTTP client over raw sockets, for tests of HttpServer
// and OpsEndpoint. It sends exactly the bytes it is given (so tests can send
// malformed or partial requests) and reads the reply until the server closes
// the connection, which HttpServer always does.
//
// Test-only. Functions are thread-safe (no shared state).

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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

}  // namespace newswire::ingest::metrics::http_test

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_TEST_HTTP_CLIENT_H_
