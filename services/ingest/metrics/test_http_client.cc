#include "services/ingest/metrics/test_http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace newswire::ingest::metrics::http_test {

absl::StatusOr<TestConnection> TestConnection::Open(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::ErrnoToStatus(errno, "socket");
  TestConnection connection(fd);
  sockaddr_in address;
  std::memset(&address, 0, sizeof(address));
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address),
              sizeof(address)) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("connect to port ", port));
  }
  return connection;
}

TestConnection::TestConnection(TestConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

TestConnection& TestConnection::operator=(TestConnection&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

TestConnection::~TestConnection() {
  if (fd_ >= 0) close(fd_);
}

absl::Status TestConnection::Send(absl::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "send");
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status TestConnection::ShutdownWrite() {
  if (shutdown(fd_, SHUT_WR) != 0) return absl::ErrnoToStatus(errno, "shutdown");
  return absl::OkStatus();
}

absl::StatusOr<std::string> TestConnection::ReadUntilClosed(
    absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string received;
  char buffer[4096];
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(absl::StrCat(
          "peer did not close; received so far: ", received));
    }
    pollfd poll_fd = {fd_, POLLIN, 0};
    const int ready =
        poll(&poll_fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "poll");
    }
    if (ready == 0) continue;
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n == 0) return received;
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "recv");
    }
    received.append(buffer, static_cast<size_t>(n));
  }
}

absl::StatusOr<bool> TestConnection::ClosedByPeer(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  char buffer[4096];
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    pollfd poll_fd = {fd_, POLLIN, 0};
    const int ready = poll(
        &poll_fd, 1,
        static_cast<int>(absl::ToInt64Milliseconds(
            std::max(left, absl::ZeroDuration()))));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "poll");
    }
    if (ready == 0) return false;
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      if (errno == ECONNRESET) return true;
      return absl::ErrnoToStatus(errno, "recv");
    }
  }
}

std::string TestResponse::Header(absl::string_view name) const {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos) continue;
    if (absl::EqualsIgnoreCase(lines[i].substr(0, colon), name)) {
      return std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1)));
    }
  }
  return "";
}

absl::StatusOr<TestResponse> ParseResponse(absl::string_view raw) {
  const size_t end_of_head = raw.find("\r\n\r\n");
  if (end_of_head == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("no end of response head in: ", raw));
  }
  TestResponse response;
  response.head = std::string(raw.substr(0, end_of_head));
  response.body = std::string(raw.substr(end_of_head + 4));
  // "HTTP/1.1 200 OK"
  const std::vector<absl::string_view> status_line =
      absl::StrSplit(raw.substr(0, raw.find("\r\n")), absl::MaxSplits(' ', 2));
  if (status_line.size() < 2 || status_line[0] != "HTTP/1.1" ||
      !absl::SimpleAtoi(status_line[1], &response.status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad status line in: ", raw));
  }
  return response;
}

absl::StatusOr<TestResponse> RoundTrip(int port, absl::string_view request) {
  absl::StatusOr<TestConnection> connection = TestConnection::Open(port);
  if (!connection.ok()) return connection.status();
  if (absl::Status sent = connection->Send(request); !sent.ok()) return sent;
  absl::StatusOr<std::string> raw = connection->ReadUntilClosed();
  if (!raw.ok()) return raw.status();
  return ParseResponse(*raw);
}

absl::StatusOr<TestResponse> Fetch(int port, absl::string_view target,
                                   absl::string_view method) {
  return RoundTrip(port, absl::StrCat(method, " ", target,
                                      " HTTP/1.1\r\nHost: localhost\r\n"
                                      "User-Agent: test\r\n\r\n"));
}

TimedResponse TimedFetch(int port, absl::string_view target) {
  const absl::Time start = absl::Now();
  absl::StatusOr<TestResponse> response = Fetch(port, target);
  return {std::move(response), absl::Now() - start};
}

absl::Duration ProcessCpuTime() {
  rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) != 0) return absl::ZeroDuration();
  return absl::DurationFromTimeval(usage.ru_utime) +
         absl::DurationFromTimeval(usage.ru_stime);
}

FetchSeries FetchRepeatedly(int port, absl::string_view target, int count,
                            absl::Duration spacing, absl::string_view label) {
  FetchSeries series;
  absl::Duration cpu;
  for (int i = 0; i < count; ++i) {
    if (i > 0) absl::SleepFor(spacing);
    const absl::Duration cpu_before = ProcessCpuTime();
    series.fetches.push_back(TimedFetch(port, target));
    cpu += ProcessCpuTime() - cpu_before;
    std::cerr << label << ": " << target << " " << i << " answered in "
              << absl::ToDoubleMilliseconds(series.fetches.back().latency)
              << " ms\n";
  }
  if (count <= 0) return series;
  series.cpu_per_fetch = cpu / count;
  const TimedResponse& last = series.fetches.back();
  std::cerr << label << ": " << target << " CPU per fetch "
            << absl::ToDoubleMilliseconds(series.cpu_per_fetch) << " ms, body "
            << (last.response.ok() ? last.response->body.size() : 0)
            << " bytes\n";
  return series;
}

absl::StatusOr<std::unique_ptr<SlowLoris>> SlowLoris::Start(
    int port, int count, absl::Duration interval) {
  std::vector<TestConnection> connections;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port);
    if (!connection.ok()) return connection.status();
    connections.push_back(*std::move(connection));
  }
  return std::unique_ptr<SlowLoris>(
      new SlowLoris(std::move(connections), interval));
}

SlowLoris::SlowLoris(std::vector<TestConnection> connections,
                     absl::Duration interval)
    : interval_(interval),
      connections_(std::move(connections)),
      cut_off_(connections_.size(), false) {
  thread_ = std::thread(&SlowLoris::Run, this);
}

SlowLoris::~SlowLoris() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
}

int SlowLoris::cut_off() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(
      std::count(cut_off_.begin(), cut_off_.end(), true));
}

void SlowLoris::Run() {
  // A plausible head that grows by one byte a tick and never ends.
  const std::string head = absl::StrCat("GET /healthz HTTP/1.1\r\nX-Slow: ",
                                        std::string(1 << 16, 'a'));
  size_t sent = 0;
  absl::MutexLock lock(&mu_);
  while (!stop_) {
    const absl::string_view next(&head[sent % head.size()], 1);
    ++sent;
    for (size_t i = 0; i < connections_.size(); ++i) {
      if (!cut_off_[i] && !connections_[i].Send(next).ok()) {
        cut_off_[i] = true;
      }
    }
    mu_.AwaitWithTimeout(absl::Condition(&stop_), interval_);
  }
}

absl::StatusOr<HeldLoad> HoldLoad(int port, int idle, int slow,
                                  int server_fds) {
  // Ours, the server's, and some slack for the test itself and its probes.
  const rlim_t needed = static_cast<rlim_t>(idle + slow) +
                        static_cast<rlim_t>(server_fds) + 64;
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return absl::ErrnoToStatus(errno, "getrlimit");
  }
  if (limit.rlim_cur < needed) {
    if (limit.rlim_max < needed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the load needs ", needed, " open files; the hard limit is ",
          limit.rlim_max));
    }
    limit.rlim_cur = needed;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      return absl::ErrnoToStatus(errno, "setrlimit");
    }
  }
  HeldLoad load;
  for (int i = 0; i < idle; ++i) {
    absl::StatusOr<TestConnection> connection = TestConnection::Open(port);
    if (!connection.ok()) return connection.status();
    load.idle.push_back(*std::move(connection));
  }
  absl::StatusOr<std::unique_ptr<SlowLoris>> slow_loris =
      SlowLoris::Start(port, slow);
  if (!slow_loris.ok()) return slow_loris.status();
  load.slow = *std::move(slow_loris);
  return load;
}

}  // namespace newswire::ingest::metrics::http_test
