#include "services/wirectl/news_connection.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/ingest/common/file.h"

namespace newswire {
namespace {

// The first line that is neither blank nor a '#' comment, trimmed: the same
// layout as ingestd's --auth_tokens_file, so one line can be copied over.
std::string FirstToken(absl::string_view text) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && line[0] != '#') return std::string(line);
  }
  return "";
}

// grpc::StatusCode as its canonical name (UNAVAILABLE): the codes share
// their numbers with absl's.
std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace

absl::StatusOr<std::unique_ptr<NewsConnection>> NewsConnection::Create(
    std::string server, const ClientSecurity& security, const char* environment_token) {
  std::unique_ptr<NewsConnection> connection(new NewsConnection());
  connection->server_ = std::move(server);
  if (security.tls_cert.empty() != security.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert and --tls_key go together (the client certificate and its key)");
  }
  if (!security.tls_cert.empty() && security.tls_ca.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert needs --tls_ca (the CA that signed the server's certificate): a client "
        "certificate is only sent over TLS");
  }
  if (!security.tls_ca.empty()) {
    auto ca = ReadFile(security.tls_ca, "--tls_ca");
    if (!ca.ok()) return ca.status();
    connection->ca_pem_ = *std::move(ca);
    if (connection->ca_pem_.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("--tls_ca ", security.tls_ca, " is empty"));
    }
  }
  if (!security.tls_cert.empty()) {
    auto cert = ReadFile(security.tls_cert, "--tls_cert");
    if (!cert.ok()) return cert.status();
    auto key = ReadFile(security.tls_key, "--tls_key");
    if (!key.ok()) return key.status();
    connection->cert_pem_ = *std::move(cert);
    connection->key_pem_ = *std::move(key);
  }
  if (!security.token_file.empty()) {
    auto text = ReadFile(security.token_file, "--token_file");
    if (!text.ok()) return text.status();
    connection->token_ = FirstToken(*text);
    connection->token_origin_ = absl::StrCat("--token_file=", security.token_file);
    if (connection->token_.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--token_file ", security.token_file, " holds no token"));
    }
  } else if (environment_token != nullptr && *environment_token != '\0') {
    connection->token_ = std::string(absl::StripAsciiWhitespace(environment_token));
    connection->token_origin_ = kTokenEnvironmentVariable;
  }
  return connection;
}

std::shared_ptr<grpc::Channel> NewsConnection::NewChannel(
    const grpc::ChannelArguments& arguments) const {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (tls()) {
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = ca_pem_;
    options.pem_cert_chain = cert_pem_;
    options.pem_private_key = key_pem_;
    credentials = grpc::SslCredentials(options);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  return grpc::CreateCustomChannel(server_, credentials, arguments);
}

void NewsConnection::Authorize(grpc::ClientContext* context) const {
  if (!token_.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
}

std::string NewsConnection::Explain(const grpc::Status& status) const {
  const std::string& detail = status.error_message();
  const std::string grpc_words = absl::StrCat(" [gRPC ", CodeName(status.error_code()), ": ",
                                              detail, "]");
  const std::string lower_detail = absl::AsciiStrToLower(detail);
  const auto mentions = [&lower_detail](absl::string_view words) {
    return absl::StrContains(lower_detail, absl::AsciiStrToLower(words));
  };
  std::string what;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
      if (token_.empty()) {
        what = absl::StrCat("the server at ", server_,
                            " wants a bearer token and none was given: put it in a file and pass "
                            "--token_file=FILE, or set ",
                            kTokenEnvironmentVariable);
      } else {
        what = absl::StrCat("the server at ", server_, " refused the bearer token from ",
                            token_origin_,
                            ": it is not one of the tokens in the server's --auth_tokens_file");
      }
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
      what = absl::StrCat("the server at ", server_, " does not allow this call");
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      what = absl::StrCat("no answer from ", server_, " in time");
      break;
    case grpc::StatusCode::UNAVAILABLE:
      if (mentions("connection refused")) {
        what = absl::StrCat("nothing accepts connections at ", server_,
                            ": is ingestd running there (--server)?");
      } else if (mentions("DNS") || mentions("resolve")) {
        what = absl::StrCat("cannot resolve the address ", server_, " (--server)");
      } else if (tls() && mentions("certificate verify failed")) {
        what = absl::StrCat("the TLS handshake with ", server_,
                            " failed: the server's certificate is not signed by the CA in "
                            "--tls_ca, or does not name the address in --server");
      } else if (tls() && cert_pem_.empty()) {
        what = absl::StrCat(
            "the TLS handshake with ", server_,
            " failed: the server requires a client certificate and none was given; pass "
            "--tls_cert and --tls_key (mutual TLS)");
      } else if (tls()) {
        what = absl::StrCat("the TLS handshake with ", server_,
                            " failed: the server did not accept the client certificate in "
                            "--tls_cert (is it signed by the CA of the server's "
                            "--tls_client_ca?), or it does not speak TLS");
      } else {
        what = absl::StrCat("the connection to ", server_,
                            " failed or was closed: if the server uses TLS, pass --tls_ca (and "
                            "--tls_cert/--tls_key when it wants a client certificate)");
      }
      break;
    default:
      return absl::StrCat(CodeName(status.error_code()), ": ", detail);
  }
  return what + grpc_words;
}

}  // namespace newswire
