// wirectl against a secured ingestd (issue 21): TLS with client certificates
// required (--tls_client_ca) and bearer tokens (--auth_tokens_file). With the
// CA, a client certificate and the token (from --token_file or
// NEWSWIRE_TOKEN), `wirectl subscribe`, `get` and `bench` are served; a wrong
// token, no token, no client certificate, a certificate of another CA, a
// server the given CA did not sign and plaintext are refused, each with
// a message that says what to change. The real wirectl binary is run, as a
// user would.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "services/ingest/common/file.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/e2e/test_certificates.h"
#include "tests/testing/runfiles.h"

namespace newswire::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "wirectl-e2e-token-0123456789";
constexpr char kWrongToken[] = "not-the-token-9876543210";

struct WirectlRun {
  int exit_code = -1;
  std::string out, err;
};

class WirectlTlsE2eTest : public E2eFixture {
 protected:
  void SetUp() override {
    E2eFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    dir_ = work_dir_;
    ASSERT_TRUE(MakeTestCertificates(dir_).ok());
    std::ofstream(dir_ + "/tokens") << "# ingestd's tokens\n" << kToken << "\n";
    std::ofstream(dir_ + "/token") << kToken << "\n";
    StartIngestd(0, {absl::StrCat("--tls_cert=", dir_, "/server.pem"),
                     absl::StrCat("--tls_key=", dir_, "/server.key"),
                     absl::StrCat("--tls_client_ca=", dir_, "/ca.pem"),
                     absl::StrCat("--auth_tokens_file=", dir_, "/tokens")});
    grpc_port_ = instance().grpc_port;
  }

  // Connection flags without the token: TLS trusting `ca` (a file of
  // MakeTestCertificates, "" = plaintext) and the client certificate
  // `client`.pem/.key ("" = none). By default a fully credentialed client.
  std::vector<std::string> Secured(const std::string& client = "client",
                                   const std::string& ca = "ca") const {
    std::vector<std::string> flags = {absl::StrCat("--server=127.0.0.1:", grpc_port_)};
    if (!ca.empty()) flags.push_back(absl::StrCat("--tls_ca=", dir_, "/", ca, ".pem"));
    if (!client.empty()) {
      flags.push_back(absl::StrCat("--tls_cert=", dir_, "/", client, ".pem"));
      flags.push_back(absl::StrCat("--tls_key=", dir_, "/", client, ".key"));
    }
    return flags;
  }

  // Runs wirectl with `args` (and NEWSWIRE_TOKEN=`environment_token` when
  // not empty; unset otherwise), at most 90 s.
  WirectlRun Wirectl(const std::vector<std::string>& args, const std::string& environment_token = "") {
    const std::string out = dir_ + "/wirectl.out", err = dir_ + "/wirectl.err";
    std::string command = environment_token.empty()
                              ? "env -u NEWSWIRE_TOKEN"
                              : absl::StrCat("env NEWSWIRE_TOKEN=", environment_token);
    absl::StrAppend(&command, " timeout 90 ", testing::RunfilePath("services/wirectl/wirectl"));
    for (const std::string& arg : args) absl::StrAppend(&command, " '", arg, "'");
    absl::StrAppend(&command, " >", out, " 2>", err);
    const int status = std::system(command.c_str());
    WirectlRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadFile(out).value_or("");
    run.err = ReadFile(err).value_or("");
    std::printf("wirectl %s\n  exit %d, stderr: %s\n", absl::StrJoin(args, " ").c_str(),
                run.exit_code, run.err.c_str());
    return run;
  }

  std::vector<std::string> With(std::vector<std::string> flags,
                                const std::vector<std::string>& more) const {
    flags.insert(flags.end(), more.begin(), more.end());
    return flags;
  }

  std::string dir_;
  int grpc_port_ = 0;
};

TEST_F(WirectlTlsE2eTest, SubscribesAndGetsWithCertificateAndToken) {
  const std::vector<Published> published = PublishTestStories(0, 4);
  WirectlRun run = Wirectl(With(Secured(), {absl::StrCat("--token_file=", dir_, "/token"), "subscribe",
                                     "--from_beginning", "--max_events=4", "--output=brief"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const Published& story : published) {
    EXPECT_THAT(run.out, HasSubstr(story.headline)) << run.out;
    EXPECT_THAT(run.out, HasSubstr(absl::StrCat("<", story.id, ">")));
  }
  // The token from the environment instead of a file.
  run = Wirectl(With(Secured(), {"get", published[0].id}), kToken);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr(absl::StrCat("\"headline\":\"", published[0].headline, "\"")));
}

TEST_F(WirectlTlsE2eTest, WrongOrMissingTokenIsRefusedInWords) {
  WirectlRun run = Wirectl(With(Secured(), {"subscribe", "--from_beginning", "--max_events=1"}),
                    kWrongToken);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("wirectl subscribe: the server at 127.0.0.1:"));
  EXPECT_THAT(run.err, HasSubstr("refused the bearer token from NEWSWIRE_TOKEN: it is not one of "
                                 "the tokens in the server's --auth_tokens_file"));
  EXPECT_THAT(run.err, HasSubstr("UNAUTHENTICATED"));
  EXPECT_THAT(run.err, Not(HasSubstr(kWrongToken))) << "a token is never printed";

  run = Wirectl(With(Secured(), {"get", "url:nothing"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("wants a bearer token and none was given: put it in a file and "
                                 "pass --token_file=FILE, or set NEWSWIRE_TOKEN"));
}

TEST_F(WirectlTlsE2eTest, MissingClientCertificateOrTlsIsRefusedInWords) {
  const std::string token_file = absl::StrCat("--token_file=", dir_, "/token");
  WirectlRun run = Wirectl(With(Secured(/*client=*/""),
                                {token_file, "subscribe", "--from_beginning", "--max_events=1"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("the TLS handshake with 127.0.0.1:"));
  EXPECT_THAT(run.err, HasSubstr("failed: the server requires a client certificate and none was "
                                 "given; pass --tls_cert and --tls_key (mutual TLS)"));

  // A client certificate the server's CA did not sign.
  run = Wirectl(With(Secured("stranger"), {token_file, "get", "url:nothing"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("failed: the server did not accept the client certificate in "
                                 "--tls_cert (is it signed by the CA of the server's "
                                 "--tls_client_ca?)"));

  // A CA that did not sign the server's certificate.
  run = Wirectl(With(Secured("client", "stranger-ca"), {token_file, "get", "url:nothing"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("the server's certificate is not signed by the CA in --tls_ca"));

  // Plaintext to the TLS port.
  run = Wirectl(With(Secured("", ""), {token_file, "get", "url:nothing"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("if the server uses TLS, pass --tls_ca"));
}

// The bench runs with nothing but the binary: its text is built in (the
// test's working folder has no ../shared), through TLS and a token.
TEST_F(WirectlTlsE2eTest, BenchRunsSecuredOnItsBuiltInText) {
  WirectlRun run = Wirectl(
      With(Secured(), {"bench", absl::StrCat("--brokers=", kafka_.brokers),
                       absl::StrCat("--topic=", raw_topic_), "--stories=60", "--rate=60",
                       "--kcat=false", absl::StrCat("--ops_port=", instance().ops_port)}),
      kToken);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_THAT(run.out, HasSubstr("16 headlines"));
  EXPECT_THAT(run.out, HasSubstr("from the built-in stories (testdata/stories)"));
  EXPECT_THAT(run.out, HasSubstr("subscribers 1 of 1 received all 60 stories"));
  std::printf("%s", run.out.c_str());
}

}  // namespace
}  // namespace newswire::e2e
