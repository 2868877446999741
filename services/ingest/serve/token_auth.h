// TokenAuthenticator: optional bearer-token authentication for NewsService.
//
// Tokens come from a file, one per line (blank lines and lines starting with
// '#' ignored), so they can be rotated by replacing a mounted Secret and
// restarting. A request is let in when its `authorization` metadata is
// "Bearer <token>" for one of them; comparison is constant-time.
// CheckCall is the policy of the gRPC port (server_credentials.h applies it
// to every call as its headers arrive): grpc.health.v1 is open to probes,
// every other method, reflection included, needs a token.
//
// Immutable after creation; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_TOKEN_AUTH_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_TOKEN_AUTH_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire {

class TokenAuthenticator {
 public:
  static absl::StatusOr<std::unique_ptr<TokenAuthenticator>> FromFile(const std::string& path);
  static absl::StatusOr<std::unique_ptr<TokenAuthenticator>> FromTokens(std::vector<std::string> tokens);

  // OkStatus, or Unauthenticated saying what is wrong (never echoing the token).
  absl::Status Check(absl::string_view authorization) const;

  // Check for a call to `path` ("/package.Service/Method"): calls to
  // kOpenService pass without a token.
  absl::Status CheckCall(absl::string_view path, absl::string_view authorization) const;
  static constexpr absl::string_view kOpenService = "/grpc.health.v1.Health/";

 private:
  explicit TokenAuthenticator(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}
  std::vector<std::string> tokens_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_TOKEN_AUTH_H_
