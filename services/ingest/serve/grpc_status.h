// The one place absl::Status becomes grpc::Status.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_GRPC_STATUS_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace newswire {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // The canonical codes share their numbers.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_GRPC_STATUS_H_
