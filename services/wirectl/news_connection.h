// NewsConnection: how wirectl reaches a NewsService, plaintext or secured the
// way ingestd can be (ingestd's --tls_cert/--tls_key, --tls_client_ca and
// --auth_tokens_file): TLS with a CA to trust, a client certificate for
// mutual TLS, and a bearer token sent with every call.
//
// The token is read from a file or from the environment variable
// kTokenEnvironmentVariable, never from a flag's value (it would land in
// shell history and in `ps`).
//
//   ClientSecurity security{.tls_ca = "ca.pem", .token_file = "token"};
//   auto connection = NewsConnection::Create("host:7070", security, getenv(...));
//   auto stub = v1::NewsService::NewStub(connection->NewChannel());
//   grpc::ClientContext context;
//   connection->Authorize(&context);
//   grpc::Status status = stub->GetStory(&context, request, &story);
//   if (!status.ok()) std::cerr << connection->Explain(status);
//
// Immutable after creation; thread-safe.
#ifndef NEWSWIRE_SERVICES_WIRECTL_NEWS_CONNECTION_H_
#define NEWSWIRE_SERVICES_WIRECTL_NEWS_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/support/status.h"

namespace newswire {

// The environment variable a bearer token may come from (when no
// --token_file is given).
inline constexpr char kTokenEnvironmentVariable[] = "NEWSWIRE_TOKEN";

// Paths of PEM files and of the token file; empty = not used.
struct ClientSecurity {
  std::string tls_ca;     // CA bundle the server's certificate must chain to; enables TLS
  std::string tls_cert;   // client certificate (mutual TLS), with tls_key
  std::string tls_key;
  std::string token_file; // first non-blank, non-'#' line is the bearer token
};

class NewsConnection {
 public:
  // Reads the files named in `security`. `environment_token`: the value of
  // kTokenEnvironmentVariable, or null; used when there is no token file.
  // InvalidArgument for a half-given pair or an empty token, NotFound for a
  // file that cannot be read.
  static absl::StatusOr<std::unique_ptr<NewsConnection>> Create(std::string server,
                                                               const ClientSecurity& security,
                                                               const char* environment_token);

  // A channel to the server with these credentials. Channels with distinct
  // `arguments` get connections of their own.
  std::shared_ptr<grpc::Channel> NewChannel(
      const grpc::ChannelArguments& arguments = grpc::ChannelArguments()) const;

  // Adds the bearer token (if any) to a call's metadata. Sent as plain
  // metadata rather than call credentials, so that it also goes over a
  // plaintext connection, which ingestd checks the same way.
  void Authorize(grpc::ClientContext* context) const;

  // A message for a user about a failed call: what the server refused and
  // what to change (token, certificates, address), then gRPC's own words.
  std::string Explain(const grpc::Status& status) const;

  const std::string& server() const { return server_; }
  bool tls() const { return !ca_pem_.empty(); }

 private:
  NewsConnection() = default;

  std::string server_;
  std::string ca_pem_, cert_pem_, key_pem_;
  std::string token_;
  std::string token_origin_;  // "--token_file=PATH" or the variable's name
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_NEWS_CONNECTION_H_
