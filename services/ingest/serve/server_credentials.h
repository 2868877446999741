// ServerCredentials for the gRPC port: plaintext or TLS, and with a
// TokenAuthenticator, a bearer-token check on every call as its headers
// arrive (TokenAuthenticator::CheckCall). A call refused there ends with
// UNAUTHENTICATED before gRPC matches it to a method: it never gets a handler
// thread, and its request is never read. So strangers cannot tie up the
// threads that subscribers need, however many calls they open.
//
// gRPC's C++ InsecureServerCredentials() aborts on SetAuthMetadataProcessor
// (1.51), although the core runs a processor on plaintext connections too;
// these credentials are built on the core API, so the check is the same for
// plaintext and TLS.
//
//   auto credentials = TokenCheckingCredentials(tls, auth);  // tls: nullptr = plaintext
//   builder.AddListeningPort(address, credentials, &port);
//
// The credentials keep `auth` alive as long as gRPC needs it.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_SERVER_CREDENTIALS_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_SERVER_CREDENTIALS_H_

#include <memory>
#include <string>

#include "grpcpp/security/server_credentials.h"
#include "services/ingest/serve/token_auth.h"

namespace newswire {

// PEM contents (not paths). Empty client_ca: clients need no certificate;
// otherwise they must present one it signed.
struct TlsPems {
  std::string cert_chain;
  std::string private_key;
  std::string client_ca;
};

// `tls` null: plaintext. `auth` null: no token check.
std::shared_ptr<grpc::ServerCredentials> TokenCheckingCredentials(
    const TlsPems* tls, std::shared_ptr<const TokenAuthenticator> auth);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_SERVER_CREDENTIALS_H_
