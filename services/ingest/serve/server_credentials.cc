#include "services/ingest/serve/server_credentials.h"

#include <optional>
#include <utility>

#include "absl/strings/string_view.h"
#include "grpc/grpc.h"
#include "grpc/grpc_security.h"

namespace newswire {
namespace {

absl::string_view View(const grpc_slice& slice) {
  return absl::string_view(reinterpret_cast<const char*>(GRPC_SLICE_START_PTR(slice)),
                           GRPC_SLICE_LENGTH(slice));
}

using SharedAuth = std::shared_ptr<const TokenAuthenticator>;

// grpc_auth_metadata_processor.process: runs on gRPC's transport thread as a
// call's headers arrive (cheap: no I/O, no locks), and answers at once.
void CheckCallHeaders(void* state, grpc_auth_context* /*context*/, const grpc_metadata* headers,
                      size_t count, grpc_process_auth_metadata_done_cb done, void* user_data) {
  absl::string_view path, authorization;
  bool have_authorization = false;
  for (size_t i = 0; i < count; ++i) {
    const absl::string_view key = View(headers[i].key);
    if (key == ":path") {
      path = View(headers[i].value);
    } else if (key == "authorization" && !have_authorization) {
      authorization = View(headers[i].value);
      have_authorization = true;
    }
  }
  const absl::Status status = (*static_cast<SharedAuth*>(state))->CheckCall(path, authorization);
  const std::string message(status.message());
  // The canonical codes share their numbers.
  done(user_data, nullptr, 0, nullptr, 0, static_cast<grpc_status_code>(status.code()),
       status.ok() ? nullptr : message.c_str());
}

class CoreServerCredentials final : public grpc::ServerCredentials {
 public:
  CoreServerCredentials(std::optional<TlsPems> tls, SharedAuth auth)
      : tls_(std::move(tls)), auth_(std::move(auth)) {}

  // The token check is fixed at creation; another processor is not taken.
  void SetAuthMetadataProcessor(const std::shared_ptr<grpc::AuthMetadataProcessor>&) override {}

 private:
  int AddPortToServer(const std::string& address, grpc_server* server) override {
    grpc_server_credentials* credentials = nullptr;
    if (tls_.has_value()) {
      grpc_ssl_pem_key_cert_pair pair = {tls_->private_key.c_str(), tls_->cert_chain.c_str()};
      const bool verify_clients = !tls_->client_ca.empty();
      credentials = grpc_ssl_server_credentials_create_ex(
          verify_clients ? tls_->client_ca.c_str() : nullptr, &pair, 1,
          verify_clients ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                         : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE,
          nullptr);
    } else {
      credentials = grpc_insecure_server_credentials_create();
    }
    if (auth_ != nullptr) {
      grpc_auth_metadata_processor processor;
      processor.process = &CheckCallHeaders;
      processor.destroy = [](void* state) { delete static_cast<SharedAuth*>(state); };
      processor.state = new SharedAuth(auth_);
      grpc_server_credentials_set_auth_metadata_processor(credentials, processor);
    }
    const int port = grpc_server_add_http2_port(server, address.c_str(), credentials);
    grpc_server_credentials_release(credentials);
    return port;
  }

  const std::optional<TlsPems> tls_;
  const SharedAuth auth_;
};

}  // namespace

std::shared_ptr<grpc::ServerCredentials> TokenCheckingCredentials(
    const TlsPems* tls, std::shared_ptr<const TokenAuthenticator> auth) {
  return std::make_shared<CoreServerCredentials>(
      tls != nullptr ? std::optional<TlsPems>(*tls) : std::nullopt, std::move(auth));
}

}  // namespace newswire
