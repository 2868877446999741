// Test certificates made with openssl for the TLS end-to-end tests: a CA, a
// server certificate for 127.0.0.1 and a client certificate, both signed by
// that CA, and a client certificate signed by another CA that the server
// does not trust. Files in `dir`: ca.pem, server.pem, server.key, client.pem,
// client.key, stranger.pem, stranger.key.
#ifndef NEWSWIRE_TESTS_E2E_TEST_CERTIFICATES_H_
#define NEWSWIRE_TESTS_E2E_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/status.h"

namespace newswire::e2e {

absl::Status MakeTestCertificates(const std::string& dir);

}  // namespace newswire::e2e

#endif  // NEWSWIRE_TESTS_E2E_TEST_CERTIFICATES_H_
