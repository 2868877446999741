#include "services/wirectl/news_connection.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/", name);
  std::ofstream(path) << text;
  return path;
}

TEST(NewsConnectionTest, TokenFileWinsOverTheEnvironmentAndSkipsComments) {
  const std::string file = WriteFile("token", "# rotated 2026-12-01\n\n  file-token-0123456789  \n");
  auto connection =
      NewsConnection::Create("127.0.0.1:7070", {.token_file = file}, "env-token-0123456789");
  ASSERT_TRUE(connection.ok()) << connection.status();
  // A refused token is named by where it came from, never by its value.
  const std::string refused = (*connection)->Explain(
      grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "unknown bearer token"));
  EXPECT_THAT(refused, HasSubstr(absl::StrCat("refused the bearer token from --token_file=", file)));
  EXPECT_THAT(refused, Not(HasSubstr("file-token-0123456789")));
}

TEST(NewsConnectionTest, TokenFromTheEnvironmentWithoutAFile) {
  auto connection = NewsConnection::Create("127.0.0.1:7070", {}, "env-token-0123456789");
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_THAT((*connection)->Explain(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "x")),
              HasSubstr("refused the bearer token from NEWSWIRE_TOKEN"));
}

TEST(NewsConnectionTest, NoTokenSaysHowToGiveOne) {
  auto connection = NewsConnection::Create("news:7070", {}, nullptr);
  ASSERT_TRUE(connection.ok()) << connection.status();
  const std::string message = (*connection)->Explain(
      grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing bearer token"));
  EXPECT_THAT(message, HasSubstr("wants a bearer token and none was given"));
  EXPECT_THAT(message, HasSubstr("--token_file=FILE, or set NEWSWIRE_TOKEN"));
  EXPECT_THAT(message, HasSubstr("[gRPC UNAUTHENTICATED: missing bearer token]"));
  EXPECT_FALSE((*connection)->tls());
}

TEST(NewsConnectionTest, RefusesHalfAClientCertificateAndUnreadableFiles) {
  const std::string ca = WriteFile("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  EXPECT_EQ(NewsConnection::Create("h:1", {.tls_ca = ca, .tls_cert = ca}, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NewsConnection::Create("h:1", {.tls_cert = ca, .tls_key = ca}, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NewsConnection::Create("h:1", {.tls_ca = "/nonexistent/ca.pem"}, nullptr).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(NewsConnection::Create("h:1", {.token_file = WriteFile("empty", "# none\n")}, nullptr)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(NewsConnectionTest, FailedHandshakeWithoutClientCertificateSaysSo) {
  const std::string ca = WriteFile("ca2.pem", "-----BEGIN CERTIFICATE-----\n");
  auto connection = NewsConnection::Create("news:7070", {.tls_ca = ca}, nullptr);
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_TRUE((*connection)->tls());
  const std::string message = (*connection)->Explain(
      grpc::Status(grpc::StatusCode::UNAVAILABLE, "failed to connect to all addresses"));
  EXPECT_THAT(message, HasSubstr("the TLS handshake with news:7070 failed"));
  EXPECT_THAT(message, HasSubstr("requires a client certificate and none was given"));
  EXPECT_THAT(
      (*connection)->Explain(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                          "Ssl handshake failed: certificate verify failed")),
      HasSubstr("not signed by the CA in --tls_ca"));
}

TEST(NewsConnectionTest, PlaintextRefusedConnectionNamesTheAddress) {
  auto connection = NewsConnection::Create("127.0.0.1:1", {}, nullptr);
  ASSERT_TRUE(connection.ok());
  EXPECT_THAT((*connection)->Explain(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                                  "Failed to connect: Connection refused")),
              HasSubstr("nothing accepts connections at 127.0.0.1:1"));
}

}  // namespace
}  // namespace newswire
