#include "services/ingest/metrics/ops_endpoint.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "prometheus/collectable.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"

namespace newswire::ingest::metrics {
namespace {

HttpResponse ReportResponse(const Health::Report& report,
                            absl::string_view failure) {
  HttpResponse response;
  response.status = report.ok ? 200 : 503;
  response.body = absl::StrCat(report.ok ? "ok" : failure, "\n", report.text);
  return response;
}

}  // namespace

HttpHandler OpsEndpoint::MakeHandler(
    std::shared_ptr<prometheus::Collectable> registry, Health* health) {
  return [registry = std::move(registry), health](const HttpRequest& request) {
    if (request.path == "/metrics") {
      HttpResponse response;
      response.content_type = kMetricsContentType;
      response.body = prometheus::TextSerializer().Serialize(registry->Collect());
      return response;
    }
    if (request.path == "/healthz") {
      return ReportResponse(health->Liveness(), "unhealthy");
    }
    if (request.path == "/readyz") {
      return ReportResponse(health->Readiness(), "not ready");
    }
    HttpResponse response;
    response.status = 404;
    response.body = "not found; try /metrics, /healthz or /readyz\n";
    return response;
  };
}

absl::StatusOr<std::unique_ptr<OpsEndpoint>> OpsEndpoint::Create(
    HttpServer::Options options, std::shared_ptr<prometheus::Collectable> registry,
    Health* health) {
  if (registry == nullptr) {
    return absl::InvalidArgumentError("registry is null");
  }
  if (health == nullptr) return absl::InvalidArgumentError("health is null");
  absl::StatusOr<std::unique_ptr<HttpServer>> server =
      HttpServer::Create(options, MakeHandler(std::move(registry), health));
  if (!server.ok()) return server.status();
  return std::unique_ptr<OpsEndpoint>(new OpsEndpoint(*std::move(server)));
}

}  // namespace newswire::ingest::metrics
