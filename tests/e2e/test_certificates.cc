#include "tests/e2e/test_certificates.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace newswire::e2e {

absl::Status MakeTestCertificates(const std::string& dir) {
  const std::string make_certs = absl::StrCat(
      "cd ", dir, " && ",
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca "
      "-keyout ca.key -out ca.pem >/dev/null 2>&1 && ",
      "openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 "
      "-keyout server.key -out server.csr >/dev/null 2>&1 && ",
      "printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && ",
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
      "-extfile san.ext -out server.pem >/dev/null 2>&1 && ",
      "openssl req -newkey rsa:2048 -nodes -subj /CN=test-subscriber "
      "-keyout client.key -out client.csr >/dev/null 2>&1 && ",
      "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
      "-out client.pem >/dev/null 2>&1 && ",
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=stranger-ca "
      "-keyout stranger-ca.key -out stranger-ca.pem >/dev/null 2>&1 && ",
      "openssl req -newkey rsa:2048 -nodes -subj /CN=stranger "
      "-keyout stranger.key -out stranger.csr >/dev/null 2>&1 && ",
      "openssl x509 -req -in stranger.csr -CA stranger-ca.pem -CAkey stranger-ca.key "
      "-CAcreateserial -days 2 -out stranger.pem >/dev/null 2>&1");
  if (std::system(make_certs.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("openssl could not make test certificates in ", dir));
  }
  return absl::OkStatus();
}

}  // namespace newswire::e2e
