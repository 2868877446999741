// The token check of TokenCheckingCredentials on a real in-process gRPC
// server, plaintext and TLS: health open, every other method (reflection
// included) refused with UNAUTHENTICATED before a handler runs; and
// reflection served only when ReflectionOption asks for it.
#include "services/ingest/serve/server_credentials.h"

#include <cstdlib>
#include <future>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/ingest/common/file.h"
#include "services/ingest/serve/reflection_option.h"

namespace newswire {
namespace {

constexpr char kToken[] = "0123456789abcdef-test";
constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kReflection[] = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
constexpr char kSomeMethod[] = "/newswire.v1.NewsService/GetStory";

struct Reply {
  grpc::Status status;
  std::string body;
};

// One request message, one response message: reflection's bidi stream
// answers a single list_services request that way too.
Reply Call(grpc::GenericStub& stub, const std::string& method, const std::string& request,
           const std::string& authorization) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  grpc::Slice slice(request);
  grpc::ByteBuffer request_bytes(&slice, 1), response_bytes;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_bytes, &response_bytes,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  Reply reply{done.get_future().get(), ""};
  std::vector<grpc::Slice> slices;
  if (reply.status.ok() && response_bytes.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      reply.body.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return reply;
}

class TokenCheckingCredentialsTest : public ::testing::TestWithParam<bool> {
 protected:
  void StartServer(bool reflection) {
    auto auth = TokenAuthenticator::FromTokens({kToken});
    ASSERT_TRUE(auth.ok());
    std::optional<TlsPems> tls;
    if (GetParam()) tls = MakeTls();
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(
        "127.0.0.1:0",
        TokenCheckingCredentials(tls.has_value() ? &*tls : nullptr, std::move(*auth)), &port);
    builder.SetOption(ReflectionOption(reflection));
    // Methods nobody registered end UNIMPLEMENTED, once past the check.
    builder.RegisterCallbackGenericService(&unregistered_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port, 0);
    std::shared_ptr<grpc::ChannelCredentials> channel_credentials =
        grpc::InsecureChannelCredentials();
    if (tls.has_value()) {
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = tls->cert_chain;
      channel_credentials = grpc::SslCredentials(ssl);
    }
    stub_ = std::make_unique<grpc::GenericStub>(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), channel_credentials));
  }

  // A self-signed certificate for 127.0.0.1.
  static TlsPems MakeTls() {
    const std::string dir = std::getenv("TEST_TMPDIR");
    const std::string command = absl::StrCat(
        "cd ", dir, " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost ",
        "-addext subjectAltName=IP:127.0.0.1 -keyout server.key -out server.pem >/dev/null 2>&1");
    EXPECT_EQ(std::system(command.c_str()), 0) << "openssl could not make a test certificate";
    return TlsPems{ReadFile(dir + "/server.pem").value_or(""), ReadFile(dir + "/server.key").value_or(""), ""};
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  grpc::CallbackGenericService unregistered_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::GenericStub> stub_;
};

TEST_P(TokenCheckingCredentialsTest, HealthIsOpenEverythingElseNeedsAToken) {
  StartServer(/*reflection=*/false);
  // HealthCheckRequest{service: ""}: the server as a whole.
  EXPECT_TRUE(Call(*stub_, kHealthCheck, "", "").status.ok());
  for (const std::string& refused : {std::string(""), std::string("Bearer wrong-wrong-wrong-wrong"),
                                     absl::StrCat("Basic ", kToken)}) {
    const grpc::Status status = Call(*stub_, kSomeMethod, "", refused).status;
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << "'" << refused << "': " << status.error_message();
    EXPECT_EQ(status.error_message().find("wrong"), std::string::npos) << "token echoed";
  }
  const grpc::Status let_in = Call(*stub_, kSomeMethod, "", absl::StrCat("Bearer ", kToken)).status;
  EXPECT_EQ(let_in.error_code(), grpc::StatusCode::UNIMPLEMENTED) << let_in.error_message();
}

TEST_P(TokenCheckingCredentialsTest, ReflectionIsAbsentUnlessAsked) {
  StartServer(/*reflection=*/false);
  // ServerReflectionRequest{list_services: ""}.
  const std::string list_services("\x3a\x00", 2);
  const Reply reply = Call(*stub_, kReflection, list_services, absl::StrCat("Bearer ", kToken));
  EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << reply.status.error_message();
}

TEST_P(TokenCheckingCredentialsTest, ReflectionWhenAskedNeedsAToken) {
  StartServer(/*reflection=*/true);
  const std::string list_services("\x3a\x00", 2);
  EXPECT_EQ(Call(*stub_, kReflection, list_services, "").status.error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const Reply reply = Call(*stub_, kReflection, list_services, absl::StrCat("Bearer ", kToken));
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_message();
  EXPECT_NE(reply.body.find("grpc.health.v1.Health"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(PlaintextAndTls, TokenCheckingCredentialsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tls" : "Plaintext";
                         });

}  // namespace
}  // namespace newswire
