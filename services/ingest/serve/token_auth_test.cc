#include "services/ingest/serve/token_auth.h"

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(TokenAuthTest, AcceptsKnownBearerTokensOnly) {
  auto auth = TokenAuthenticator::FromTokens({"0123456789abcdef", "fedcba9876543210"});
  ASSERT_TRUE(auth.ok());
  EXPECT_TRUE((*auth)->Check("Bearer 0123456789abcdef").ok());
  EXPECT_TRUE((*auth)->Check("bearer fedcba9876543210").ok());
  EXPECT_TRUE(absl::IsUnauthenticated((*auth)->Check("Bearer 0123456789abcdeX")));
  EXPECT_TRUE(absl::IsUnauthenticated((*auth)->Check("")));
  EXPECT_TRUE(absl::IsUnauthenticated((*auth)->Check("Basic 0123456789abcdef")));
  EXPECT_EQ((*auth)->Check("Bearer nope-nope-nope-nope").message().find("nope"), std::string::npos);
}

TEST(TokenAuthTest, FileSkipsCommentsAndRefusesShortTokens) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/tokens";
  std::ofstream(path) << "# subscribers\n\n  0123456789abcdef  \n";
  auto auth = TokenAuthenticator::FromFile(path);
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_TRUE((*auth)->Check("Bearer 0123456789abcdef").ok());
  EXPECT_FALSE(TokenAuthenticator::FromTokens({"short"}).ok());
  EXPECT_FALSE(TokenAuthenticator::FromFile("/nonexistent").ok());
}

TEST(TokenAuthTest, OnlyTheHealthServiceIsOpenWithoutAToken) {
  auto auth = TokenAuthenticator::FromTokens({"0123456789abcdef"});
  ASSERT_TRUE(auth.ok());
  EXPECT_TRUE((*auth)->CheckCall("/grpc.health.v1.Health/Check", "").ok());
  EXPECT_TRUE((*auth)->CheckCall("/grpc.health.v1.Health/Watch", "").ok());
  for (const char* path : {"/newswire.v1.NewsService/Subscribe", "/newswire.v1.NewsService/GetStory",
                           "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                           "/grpc.health.v1.HealthX/Check", "/x/grpc.health.v1.Health/Check", ""}) {
    EXPECT_TRUE(absl::IsUnauthenticated((*auth)->CheckCall(path, ""))) << path;
    EXPECT_TRUE((*auth)->CheckCall(path, "Bearer 0123456789abcdef").ok()) << path;
  }
}

}  // namespace
}  // namespace newswire
