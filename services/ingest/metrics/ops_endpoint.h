// OpsEndpoint: the ingest service's operational HTTP endpoint.
//
// Serves, on one HttpServer:
//   /metrics  Prometheus text exposition (format 0.0.4) of a registry
//   /healthz  200 "ok\n" + Health::Liveness() text, or 503 "unhealthy\n" + it
//   /readyz   200 "ok\n" + Health::Readiness() text, or 503 "not ready\n" + it
// and 404 for any other path (405 for methods other than GET and HEAD).
//
//   auto registry = std::make_shared<prometheus::Registry>();
//   Health health(Clock::Real(), absl::Seconds(30));
//   HttpServer::Options options;
//   options.port = 9464;
//   absl::StatusOr<std::unique_ptr<OpsEndpoint>> ops =
//       OpsEndpoint::Create(options, registry, &health);
//
// The ingest server builds one at startup and shuts it down last, so probes
// and scrapes keep working while the rest drains.

#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_OPS_ENDPOINT_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_OPS_ENDPOINT_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "services/ingest/metrics/health.h"
#include "services/ingest/metrics/http_server.h"

namespace prometheus {
class Collectable;
class Registry;
}  // namespace prometheus

namespace newswire::ingest::metrics {

// Owns the HttpServer that serves /metrics, /healthz and /readyz.
//
// Lifetime: `health` is not owned and must outlive the OpsEndpoint (or at
// least its Shutdown()); the registry is shared. Thread-safe: port() and
// Shutdown() may be called from any thread, and requests only read the
// registry and Health, both of which are thread-safe.
class OpsEndpoint {
 public:
  static constexpr char kMetricsContentType[] =
      "text/plain; version=0.0.4; charset=utf-8";

  // Starts serving on `options.host:options.port`. InvalidArgument if
  // `registry` or `health` is null; otherwise HttpServer::Create's errors.
  static absl::StatusOr<std::unique_ptr<OpsEndpoint>> Create(
      HttpServer::Options options,
      std::shared_ptr<prometheus::Collectable> registry, Health* health);

  // The request handler on its own, for embedding in another server. The
  // same lifetime rules apply to `health`; neither argument may be null.
  static HttpHandler MakeHandler(
      std::shared_ptr<prometheus::Collectable> registry, Health* health);

  OpsEndpoint(const OpsEndpoint&) = delete;
  OpsEndpoint& operator=(const OpsEndpoint&) = delete;

  // The port actually bound.
  int port() const { return server_->port(); }

  // Stops serving; idempotent, also done by the destructor.
  void Shutdown() { server_->Shutdown(); }

 private:
  explicit OpsEndpoint(std::unique_ptr<HttpServer> server)
      : server_(std::move(server)) {}

  const std::unique_ptr<HttpServer> server_;
};

}  // namespace newswire::ingest::metrics

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_OPS_ENDPOINT_H_
