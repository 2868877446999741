#include "services/ingest/metrics/http_server.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace newswire::ingest::metrics {
namespace {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

constexpr size_t kReadChunkBytes = 4096;
// After the response is sent, at most this much unread request data is
// discarded before the connection is closed anyway.
constexpr size_t kMaxDrainBytes = 64 * 1024;
// How long to stop accepting after accept() fails for lack of resources
// (EMFILE and friends), so the loop does not spin on a readable listener.
constexpr std::chrono::milliseconds kAcceptBackoff(100);
// Connections accepted per pass of the loop, so a flood of connects cannot
// starve the connections already open.
constexpr int kMaxAcceptsPerPass = 64;

// Owns a file descriptor; closes it on destruction unless released.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    reset(other.release());
    return *this;
  }
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// ---------------------------------------------------------------------------
// Request parsing and response serialization.

// A response together with headers only the server sets.
struct Reply {
  HttpResponse response;
  std::string extra_headers;  // Complete "Name: value\r\n" lines.
};

Reply ErrorReply(int status, absl::string_view message) {
  Reply reply;
  reply.response.status = status;
  reply.response.body = absl::StrCat(message, "\n");
  return reply;
}

absl::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "";  // The reason phrase may be empty (RFC 9112 4).
  }
}

// RFC 9110 5.6.2 token characters.
bool IsTokenChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         absl::string_view("!#$%&'*+-.^_`|~").find(c) !=
             absl::string_view::npos;
}

bool IsToken(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

// Visible ASCII only: no controls, spaces or bytes >= 0x80 in a target.
bool IsVisibleAscii(absl::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c > 0x20 && c < 0x7f; });
}

// Returns the offset just past the blank line ending the request head,
// accepting bare LF line ends as well as CRLF, or npos if it has not arrived.
// Only looks at terminators starting at or after `from`.
size_t FindEndOfHead(absl::string_view data, size_t from) {
  for (size_t i = from; i < data.size(); ++i) {
    if (data[i] != '\n') continue;
    if (i + 1 < data.size() && data[i + 1] == '\n') return i + 2;
    if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') {
      return i + 3;
    }
  }
  return absl::string_view::npos;
}

// Parses `head` (request line and headers, through the blank line) and
// produces the reply: the handler's, or the server's own error reply.
// Sets `*head_only` for HEAD requests.
Reply HandleRequestHead(absl::string_view head,
                        const HttpServer::Options& options,
                        const HttpHandler& handler, bool* head_only) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, '\n');
  for (absl::string_view& line : lines) absl::ConsumeSuffix(&line, "\r");

  // Request line: method SP request-target SP HTTP-version.
  const std::vector<absl::string_view> parts = absl::StrSplit(lines[0], ' ');
  if (parts.size() != 3) return ErrorReply(400, "malformed request line");
  const absl::string_view method = parts[0];
  absl::string_view target = parts[1];
  const absl::string_view version = parts[2];
  if (!IsToken(method) || target.empty() || !IsVisibleAscii(target)) {
    return ErrorReply(400, "malformed request line");
  }
  if (version.size() != 8 || !absl::StartsWith(version, "HTTP/") ||
      !absl::ascii_isdigit(static_cast<unsigned char>(version[5])) ||
      version[6] != '.' ||
      !absl::ascii_isdigit(static_cast<unsigned char>(version[7]))) {
    return ErrorReply(400, "malformed HTTP version");
  }
  if (version[5] != '1') return ErrorReply(505, "only HTTP/1.x is supported");

  // Headers: only their syntax and Content-Length matter here.
  std::optional<uint64_t> content_length;
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    if (line.empty()) continue;  // The terminating blank line.
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos || !IsToken(line.substr(0, colon))) {
      // Also rejects obsolete line folding (RFC 9112 5.2).
      return ErrorReply(400, "malformed header line");
    }
    if (!absl::EqualsIgnoreCase(line.substr(0, colon), "content-length")) {
      continue;
    }
    const absl::string_view value =
        absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (value.empty() ||
        !std::all_of(value.begin(), value.end(), [](char c) {
          return absl::ascii_isdigit(static_cast<unsigned char>(c));
        })) {
      return ErrorReply(400, "malformed Content-Length");
    }
    uint64_t length = 0;
    if (!absl::SimpleAtoi(value, &length)) {
      return ErrorReply(413, "request body too large");  // Overflowed.
    }
    if (content_length.has_value() && *content_length != length) {
      return ErrorReply(400, "conflicting Content-Length headers");
    }
    content_length = length;
  }

  if (method != "GET" && method != "HEAD") {
    Reply reply = ErrorReply(405, "method not allowed");
    reply.extra_headers = "Allow: GET, HEAD\r\n";
    return reply;
  }
  // GET and HEAD bodies have no meaning; an acceptable one is drained unread
  // before close, an oversized one is refused.
  if (content_length.has_value() && *content_length > options.max_request_bytes) {
    return ErrorReply(413, "request body too large");
  }

  // Absolute-form targets (RFC 9112 3.2.2) are reduced to their path.
  if (absl::StartsWithIgnoreCase(target, "http://") ||
      absl::StartsWithIgnoreCase(target, "https://")) {
    const size_t authority = target.find("://") + 3;
    const size_t path = target.find_first_of("/?", authority);
    target = path == absl::string_view::npos ? "/" : target.substr(path);
  }
  target = target.substr(0, target.find('#'));
  if (!absl::StartsWith(target, "/")) {
    return ErrorReply(400, "request target must be a path");
  }

  HttpRequest request;
  request.method = std::string(method);
  const size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != absl::string_view::npos) {
    request.query = std::string(target.substr(question + 1));
  }
  *head_only = method == "HEAD";

  Reply reply;
  reply.response = handler(request);
  if (reply.response.status < 200 || reply.response.status > 599) {
    return ErrorReply(500, "handler returned an invalid status");
  }
  return reply;
}

std::string SerializeReply(const Reply& reply, bool head_only) {
  const HttpResponse& response = reply.response;
  // 204 and 304 must carry neither a body nor Content-Length.
  const bool bodiless = response.status == 204 || response.status == 304;
  // A handler must not be able to inject headers through the content type.
  std::string content_type = response.content_type;
  content_type.erase(std::remove_if(content_type.begin(), content_type.end(),
                                    [](char c) { return c == '\r' || c == '\n'; }),
                     content_type.end());

  std::string out = absl::StrCat("HTTP/1.1 ", response.status, " ",
                                 ReasonPhrase(response.status), "\r\n");
  if (!bodiless) {
    absl::StrAppend(&out, "Content-Type: ", content_type, "\r\n",
                    "Content-Length: ", response.body.size(), "\r\n");
  }
  absl::StrAppend(&out, "Connection: close\r\n", reply.extra_headers, "\r\n");
  if (!head_only && !bodiless) out.append(response.body);
  return out;
}

// ---------------------------------------------------------------------------
// Connections.

// One accepted connection, driven by the server loop through three phases,
// each with its own deadline.
class Connection {
 public:
  // `serial` numbers connections in the order they were accepted (several
  // are often accepted at the same `accepted` time). Until its first byte
  // arrives the connection is idle and gets the shorter of the two timeouts.
  Connection(UniqueFd fd, uint64_t serial, TimePoint accepted,
             const HttpServer::Options& options)
      : fd_(std::move(fd)),
        serial_(serial),
        accepted_(accepted),
        deadline_(accepted + absl::ToChronoNanoseconds(std::min(
                                 options.idle_timeout, options.read_timeout))) {}

  int fd() const { return fd_.get(); }
  uint64_t serial() const { return serial_; }
  TimePoint deadline() const { return deadline_; }
  short poll_events() const {
    return phase_ == Phase::kWriting ? POLLOUT : POLLIN;
  }

  // Which connection to close when a newcomer needs room, lowest first: one
  // that has sent nothing, then one still sending its head, then one whose
  // response is sent and only waits for the client to close, then one being
  // answered.
  // Nothing of a request has arrived yet.
  bool Idle() const { return phase_ == Phase::kReading && in_.empty(); }

  int EvictionRank() const {
    switch (phase_) {
      case Phase::kReading: return in_.empty() ? 0 : 1;
      case Phase::kDraining: return 2;
      case Phase::kWriting: return 3;
    }
    return 3;
  }

  // Makes as much progress as the socket allows without blocking. Returns
  // false once the connection is finished and should be dropped.
  bool Advance(const HttpServer::Options& options, const HttpHandler& handler) {
    if (phase_ == Phase::kReading && !Read(options, handler)) return false;
    if (phase_ == Phase::kWriting && !Write(options)) return false;
    if (phase_ == Phase::kDraining) return Drain();
    return true;
  }

 private:
  enum class Phase { kReading, kWriting, kDraining };

  bool Read(const HttpServer::Options& options, const HttpHandler& handler) {
    char buffer[kReadChunkBytes];
    while (true) {
      const size_t room = options.max_request_bytes - in_.size();
      if (room == 0) {
        Respond(ErrorReply(431, "request head too large"), false, options);
        return true;
      }
      const ssize_t n = recv(fd(), buffer, std::min(room, sizeof(buffer)), 0);
      if (n > 0) {
        const size_t old_size = in_.size();
        if (old_size == 0) {
          // No longer idle: from now on only the head deadline applies.
          deadline_ =
              accepted_ + absl::ToChronoNanoseconds(options.read_timeout);
        }
        in_.append(buffer, static_cast<size_t>(n));
        // A terminator not seen before can only start in the last 2 old bytes.
        const size_t end =
            FindEndOfHead(in_, old_size >= 2 ? old_size - 2 : 0);
        if (end != absl::string_view::npos) {
          bool head_only = false;
          Reply reply = HandleRequestHead(absl::string_view(in_).substr(0, end),
                                          options, handler, &head_only);
          Respond(reply, head_only, options);
          return true;
        }
        continue;
      }
      if (n == 0) {
        // The client stopped sending. Nothing at all: just a probe, close.
        if (in_.empty()) return false;
        Respond(ErrorReply(400, "incomplete request"), false, options);
        return true;
      }
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
  }

  void Respond(const Reply& reply, bool head_only,
               const HttpServer::Options& options) {
    out_ = SerializeReply(reply, head_only);
    in_.clear();
    in_.shrink_to_fit();
    phase_ = Phase::kWriting;
    // Measured after the handler ran, so a slow handler does not eat into
    // the time the client gets to read the response.
    deadline_ =
        SteadyClock::now() + absl::ToChronoNanoseconds(options.read_timeout);
  }

  bool Write(const HttpServer::Options& options) {
    while (written_ < out_.size()) {
      const ssize_t n = send(fd(), out_.data() + written_,
                             out_.size() - written_, MSG_NOSIGNAL);
      if (n >= 0) {
        written_ += static_cast<size_t>(n);
        continue;
      }
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    // Closing while unread request bytes sit in our receive buffer would
    // make the kernel send RST, which can destroy the response before the
    // client reads it. So send FIN, then drain until the client closes.
    shutdown(fd(), SHUT_WR);
    out_.clear();
    out_.shrink_to_fit();
    phase_ = Phase::kDraining;
    deadline_ =
        SteadyClock::now() + absl::ToChronoNanoseconds(options.read_timeout);
    return true;
  }

  bool Drain() {
    char buffer[kReadChunkBytes];
    while (drained_ < kMaxDrainBytes) {
      const ssize_t n = recv(fd(), buffer, sizeof(buffer), 0);
      if (n > 0) {
        drained_ += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
    return false;
  }

  UniqueFd fd_;
  const uint64_t serial_;
  const TimePoint accepted_;
  TimePoint deadline_;
  Phase phase_ = Phase::kReading;
  std::string in_;
  std::string out_;
  size_t written_ = 0;
  size_t drained_ = 0;
};

// Closes the connection a newcomer should replace (see EvictionRank), the
// oldest of its rank.
void EvictOne(std::vector<std::unique_ptr<Connection>>& connections) {
  if (connections.empty()) return;
  const auto victim = std::min_element(
      connections.begin(), connections.end(),
      [](const std::unique_ptr<Connection>& a,
         const std::unique_ptr<Connection>& b) {
        return std::make_pair(a->EvictionRank(), a->serial()) <
               std::make_pair(b->EvictionRank(), b->serial());
      });
  connections.erase(victim);
}

int PollTimeoutMs(TimePoint now, std::optional<TimePoint> wake_at) {
  if (!wake_at.has_value()) return -1;
  if (*wake_at <= now) return 0;
  // Round up so the loop does not wake just before a deadline and spin.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*wake_at - now);
  return static_cast<int>(std::min<int64_t>(ms.count(), INT_MAX));
}

// Connection::Advance, counting the connection in `started` when the first
// bytes of its request arrive.
bool AdvanceCounted(Connection& connection, const HttpServer::Options& options,
                    const HttpHandler& handler, std::atomic<int64_t>& started) {
  const bool was_idle = connection.Idle();
  const bool open = connection.Advance(options, handler);
  if (was_idle && !connection.Idle()) started.fetch_add(1);
  return open;
}

}  // namespace

// ---------------------------------------------------------------------------
// HttpServer.

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Create(
    const Options& options, HttpHandler handler) {
  if (!handler) return absl::InvalidArgumentError("handler is empty");
  if (options.port < 0 || options.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("port out of range: ", options.port));
  }
  if (options.max_connections < 1) {
    return absl::InvalidArgumentError("max_connections must be at least 1");
  }
  if (options.read_timeout <= absl::ZeroDuration() ||
      options.idle_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        "read_timeout and idle_timeout must be positive");
  }
  if (options.max_request_bytes < 16) {
    return absl::InvalidArgumentError("max_request_bytes must be at least 16");
  }

  addrinfo hints;
  std::memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  const std::string port_text = std::to_string(options.port);
  addrinfo* addresses = nullptr;
  const int gai = getaddrinfo(options.host.empty() ? nullptr : options.host.c_str(),
                              port_text.c_str(), &hints, &addresses);
  if (gai != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot resolve host \"", options.host, "\": ", gai_strerror(gai)));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses_owner(
      addresses, &freeaddrinfo);

  UniqueFd listener;
  absl::Status last_error = absl::UnavailableError("no address to bind");
  for (const addrinfo* address = addresses; address != nullptr;
       address = address->ai_next) {
    UniqueFd fd(socket(address->ai_family,
                       address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                       address->ai_protocol));
    if (fd.get() < 0) {
      last_error = absl::ErrnoToStatus(errno, "socket");
      continue;
    }
    const int one = 1;
    if (setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) !=
        0) {
      last_error = absl::ErrnoToStatus(errno, "setsockopt(SO_REUSEADDR)");
      continue;
    }
    if (bind(fd.get(), address->ai_addr, address->ai_addrlen) != 0) {
      last_error = absl::ErrnoToStatus(
          errno, absl::StrCat("bind ", options.host, ":", options.port));
      continue;
    }
    if (listen(fd.get(), SOMAXCONN) != 0) {
      last_error = absl::ErrnoToStatus(errno, "listen");
      continue;
    }
    listener = std::move(fd);
    break;
  }
  if (listener.get() < 0) return last_error;

  sockaddr_storage bound;
  socklen_t bound_size = sizeof(bound);
  if (getsockname(listener.get(), reinterpret_cast<sockaddr*>(&bound),
                  &bound_size) != 0) {
    return absl::ErrnoToStatus(errno, "getsockname");
  }
  const int port =
      bound.ss_family == AF_INET6
          ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
          : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);

  int wake[2];
  if (pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0) {
    return absl::ErrnoToStatus(errno, "pipe2");
  }

  std::unique_ptr<HttpServer> server(new HttpServer(
      options, std::move(handler), listener.release(), wake[0], wake[1], port));
  server->thread_ = std::thread(&HttpServer::Serve, server.get());
  return server;
}

HttpServer::HttpServer(const Options& options, HttpHandler handler,
                       int listen_fd, int wake_read_fd, int wake_write_fd,
                       int port)
    : options_(options),
      handler_(std::move(handler)),
      listen_fd_(listen_fd),
      wake_read_fd_(wake_read_fd),
      wake_write_fd_(wake_write_fd),
      port_(port) {}

HttpServer::~HttpServer() { Shutdown(); }

void HttpServer::Shutdown() {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) return;
  shut_down_ = true;
  ssize_t n;
  do {
    n = write(wake_write_fd_, "x", 1);
  } while (n < 0 && errno == EINTR);
  // A full pipe (EAGAIN) already holds a wake-up, so any outcome is fine.
  if (thread_.joinable()) thread_.join();
  close(listen_fd_);
  close(wake_read_fd_);
  close(wake_write_fd_);
}

void HttpServer::Serve() {
  const size_t max_connections = static_cast<size_t>(options_.max_connections);
  std::vector<std::unique_ptr<Connection>> connections;
  std::vector<pollfd> poll_fds;
  std::optional<TimePoint> accept_paused_until;
  uint64_t accepted_so_far = 0;

  while (true) {
    TimePoint now = SteadyClock::now();
    // Drop connections whose current phase overran its deadline.
    connections.erase(
        std::remove_if(connections.begin(), connections.end(),
                       [now](const std::unique_ptr<Connection>& connection) {
                         return connection->deadline() <= now;
                       }),
        connections.end());
    if (accept_paused_until.has_value() && *accept_paused_until <= now) {
      accept_paused_until.reset();
    }

    // The listener is polled even at the cap: a newcomer evicts.
    const bool accepting = !accept_paused_until.has_value();
    std::optional<TimePoint> wake_at = accept_paused_until;
    poll_fds.clear();
    poll_fds.push_back({wake_read_fd_, POLLIN, 0});
    // A negative fd makes poll() skip the listener while we are not accepting.
    poll_fds.push_back({accepting ? listen_fd_ : -1, POLLIN, 0});
    for (const std::unique_ptr<Connection>& connection : connections) {
      poll_fds.push_back({connection->fd(), connection->poll_events(), 0});
      if (!wake_at.has_value() || connection->deadline() < *wake_at) {
        wake_at = connection->deadline();
      }
    }

    const int ready = poll(poll_fds.data(), poll_fds.size(),
                           PollTimeoutMs(now, wake_at));
    if (ready < 0) {
      if (errno != EINTR) {
        // Out of memory or similar: back off briefly, staying wakeable.
        pollfd wake = {wake_read_fd_, POLLIN, 0};
        poll(&wake, 1, 10);
      }
      continue;
    }
    if (poll_fds[0].revents != 0) break;  // Shutdown() was called.

    std::vector<std::unique_ptr<Connection>> still_open;
    still_open.reserve(connections.size() + 1);
    for (size_t i = 0; i < connections.size(); ++i) {
      if (poll_fds[i + 2].revents == 0 || AdvanceCounted(*connections[i], options_, handler_, requests_started_)) {
        still_open.push_back(std::move(connections[i]));
      }
    }
    connections = std::move(still_open);

    if (accepting && poll_fds[1].revents != 0) {
      now = SteadyClock::now();
      // Set right after closing a connection for want of descriptors, so a
      // descriptor taken by another thread meanwhile costs one eviction, not
      // all of them.
      bool evicted_for_descriptor = false;
      for (int accepted = 0; accepted < kMaxAcceptsPerPass;) {
        UniqueFd fd(accept4(listen_fd_, nullptr, nullptr,
                            SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (fd.get() >= 0) {
          ++accepted;
          evicted_for_descriptor = false;
          if (connections.size() >= max_connections) EvictOne(connections);
          auto connection = std::make_unique<Connection>(
              std::move(fd), accepted_so_far++, now, options_);
          // A probe's request has usually arrived with its connection: serve
          // it now rather than after another round of poll().
          if (AdvanceCounted(*connection, options_, handler_, requests_started_)) {
            connections.push_back(std::move(connection));
          }
          continue;
        }
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) {
          continue;
        }
        if ((errno == EMFILE || errno == ENFILE) && !evicted_for_descriptor &&
            !connections.empty()) {
          EvictOne(connections);
          evicted_for_descriptor = true;
          continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          // Out of descriptors with nothing left to close, ENOBUFS, ENOMEM:
          // the listener stays readable, so stop polling it for a while
          // instead of spinning.
          accept_paused_until = now + kAcceptBackoff;
        }
        break;
      }
    }
  }
  // Open connections are closed by their destructors.
}

}  // namespace newswire::ingest::metrics
