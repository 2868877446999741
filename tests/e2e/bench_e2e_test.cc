// `wirectl bench` end to end, small: the load tool against the real broker
// and a real ingestd, at a steady rate (its stories made before the clock
// starts) and as fast as it goes, with kcat on the same raw records. Every
// subscriber must get every story and the report must carry its figures.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/wirectl/bench.h"
#include "tests/corpus/corpus_files.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

using ::testing::HasSubstr;

class BenchE2eTest : public E2eFixture {
 protected:
  BenchOptions Options(int stories) {
    BenchOptions options;
    options.brokers = kafka_.brokers;
    options.raw_topic = raw_topic_;
    options.server = absl::StrCat("127.0.0.1:", instance().grpc_port);
    options.ops_port = instance().ops_port;
    options.stories = stories;
    options.subscribers = 3;
    const std::optional<std::filesystem::path> corpus = test_corpus::RootFromEnv();
    options.text_dir = corpus ? (*corpus / "bbc").string() : "";
    return options;
  }
};

TEST_F(BenchE2eTest, SteadyRateAndBurstReachEverySubscriber) {
  StartIngestd();
  BenchOptions steady = Options(400);
  steady.rate = 200;
  steady.kcat = false;
  std::ostringstream steady_out;
  ASSERT_TRUE(RunBench(steady, steady_out).ok()) << steady_out.str();
  EXPECT_THAT(steady_out.str(), HasSubstr("400 received by subscriber 0"));
  EXPECT_THAT(steady_out.str(), HasSubstr("subscribers 3 of 3 received all 400 stories"));
  EXPECT_THAT(steady_out.str(), HasSubstr("p99.9"));
  EXPECT_THAT(steady_out.str(), HasSubstr("resident memory after the run"));

  BenchOptions burst = Options(300);
  std::ostringstream burst_out;
  ASSERT_TRUE(RunBench(burst, burst_out).ok()) << burst_out.str();
  EXPECT_THAT(burst_out.str(), HasSubstr("subscribers 3 of 3 received all 300 stories"));
  EXPECT_THAT(burst_out.str(), HasSubstr("kcat        consumed 300 raw records"));
}

}  // namespace
}  // namespace newswire::e2e
