// Measures the ops endpoint's HTTP server against civetweb (the embedded
// server Debian's prometheus-cpp brings, used through its C API) under the
// load an ops port must survive: 500 (then 1000) idle and 8 slow-loris
// connections held open while a probe asks /healthz and a scraper /metrics (25 KB). Prints, per
// server and configuration, the latency of each request (or that it was not
// answered within 30 s), the threads the server holds and the
// process's resident memory. Figures for the decision recorded in http_server.h;
// no assertions.
//
//   bazel run -c opt //services/ingest/metrics:ops_server_comparison
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "civetweb.h"
#include "services/ingest/metrics/http_server.h"
#include "services/ingest/metrics/test_http_client.h"

namespace newswire::ingest::metrics {
namespace {

using http_test::HeldLoad;
using http_test::HoldLoad;
using http_test::TestConnection;

constexpr int kSlow = 8;
constexpr absl::Duration kGiveUp = absl::Seconds(30);

const std::string& MetricsBody() {
  static const std::string* const kBody = [] {
    auto* body = new std::string();
    for (int i = 0; body->size() < 25000; ++i) {
      absl::StrAppend(body, "newswire_stage_seconds_bucket{stage=\"normalize\",le=\"", i,
                      "\"} ", i * 17, "\n");
    }
    return body;
  }();
  return *kBody;
}

int ThreadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return -1;
}

// Resident memory of the process, MiB.
double ResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024;
  }
  return -1;
}

// One GET, with its own deadline: "-" when not answered within kGiveUp.
std::string TimedGet(int port, const std::string& path) {
  const absl::Time start = absl::Now();
  absl::StatusOr<TestConnection> connection = TestConnection::Open(port);
  if (!connection.ok()) return "connect failed";
  if (!connection->Send(absl::StrCat("GET ", path, " HTTP/1.1\r\nHost: x\r\n\r\n")).ok()) {
    return "send failed";
  }
  absl::StatusOr<std::string> raw = connection->ReadUntilClosed(kGiveUp);
  if (!raw.ok()) return absl::StrFormat("unanswered after %.0f s", absl::ToDoubleSeconds(kGiveUp));
  if (raw->rfind("HTTP/1.1 200", 0) != 0 && raw->rfind("HTTP/1.0 200", 0) != 0) {
    return absl::StrCat("not 200: ", raw->substr(0, 20));
  }
  return absl::StrFormat("%.1f ms", absl::ToDoubleMilliseconds(absl::Now() - start));
}

// Requests alone, then under the held load; prints one block.
void Measure(const std::string& label, int port, int threads_before, int idle) {
  std::printf("== %s\n", label.c_str());
  std::printf("  threads of the server: %d; process resident memory %.1f MiB\n",
              ThreadCount() - threads_before, ResidentMiB());
  std::printf("  unloaded: /healthz %s, /metrics %s\n", TimedGet(port, "/healthz").c_str(),
              TimedGet(port, "/metrics").c_str());
  absl::StatusOr<HeldLoad> load = HoldLoad(port, idle, kSlow, /*server_fds=*/idle + kSlow + 64);
  if (!load.ok()) {
    std::printf("  could not hold the load: %s\n", std::string(load.status().message()).c_str());
    return;
  }
  absl::SleepFor(absl::Milliseconds(300));
  std::printf("  with %d idle + %d slow-loris connections held (threads %d besides the "
              "client's one, resident %.1f MiB):\n",
              idle, kSlow, ThreadCount() - threads_before - 1, ResidentMiB());
  for (int i = 0; i < 7; ++i) {
    const std::string healthz = TimedGet(port, "/healthz");
    const std::string metrics = TimedGet(port, "/metrics");
    std::printf("    round %d: /healthz %s, /metrics %s\n", i, healthz.c_str(), metrics.c_str());
    std::fflush(stdout);
    absl::SleepFor(absl::Seconds(1));
  }
  std::printf("    slow-loris connections cut off by the server: %d of %d\n",
              load->slow->cut_off(), kSlow);
}

int CivetHandler(mg_connection* connection, void* body) {
  const std::string& text = *static_cast<const std::string*>(body);
  mg_send_http_ok(connection, "text/plain; version=0.0.4", static_cast<long long>(text.size()));
  mg_write(connection, text.data(), text.size());
  return 200;
}

void MeasureCivetweb(int threads, int request_timeout_ms, int idle) {
  const int threads_before = ThreadCount();
  const std::string num_threads = absl::StrCat(threads);
  const std::string timeout = absl::StrCat(request_timeout_ms);
  const char* options[] = {"listening_ports", "127.0.0.1:0",
                           "num_threads", num_threads.c_str(),
                           "request_timeout_ms", timeout.c_str(),
                           "listen_backlog", "1024",
                           "enable_keep_alive", "no",
                           nullptr};
  mg_callbacks callbacks = {};
  mg_context* context = mg_start(&callbacks, nullptr, options);
  if (context == nullptr) {
    std::printf("civetweb did not start\n");
    return;
  }
  static const std::string kHealthy = "ok\n";
  mg_set_request_handler(context, "/healthz", &CivetHandler, const_cast<std::string*>(&kHealthy));
  mg_set_request_handler(context, "/metrics", &CivetHandler,
                         const_cast<std::string*>(&MetricsBody()));
  mg_server_port ports[1] = {};
  mg_get_server_ports(context, 1, ports);
  Measure(absl::StrFormat("civetweb 1.15: num_threads=%d request_timeout_ms=%d", threads,
                          request_timeout_ms),
          ports[0].port, threads_before, idle);
  mg_stop(context);
}

void MeasureHttpServer(int idle) {
  const int threads_before = ThreadCount();
  HttpServer::Options options;  // the defaults ingestd runs with
  auto server = HttpServer::Create(options, [](const HttpRequest& request) {
    if (request.path == "/metrics") {
      return HttpResponse{200, "text/plain; version=0.0.4", MetricsBody()};
    }
    return HttpResponse{200, "text/plain; charset=utf-8", "ok\n"};
  });
  if (!server.ok()) {
    std::printf("HttpServer did not start: %s\n", std::string(server.status().message()).c_str());
    return;
  }
  Measure("newswire HttpServer (defaults: idle 2 s, head 5 s, cap 128)", (*server)->port(),
          threads_before, idle);
}

}  // namespace
}  // namespace newswire::ingest::metrics

int main() {
  mg_init_library(0);
  using newswire::ingest::metrics::MeasureCivetweb;
  using newswire::ingest::metrics::MeasureHttpServer;
  // civetweb with its default thread count (50) and with more threads than
  // idle clients (600), at the timeout ingestd's server gives idle
  // connections (2 s); then more idle clients than threads.
  MeasureHttpServer(500);
  MeasureCivetweb(50, 2000, 500);
  MeasureCivetweb(600, 2000, 500);
  MeasureHttpServer(1000);
  MeasureCivetweb(600, 2000, 1000);
  mg_exit_library();
  return 0;
}
