// End-to-end: records that would cost too much, against the real ingestd and
// broker. The reproduction of the defect (an XML record of under 2 MiB with
// 200,000 attributes on one element: minutes of libxml2 before the limits) is
// refused by a structural limit; a long feed, within the limits, by its CPU
// budget. Both go to the DLQ with a "too costly: ..." reason, the stories
// published after them are served, and /healthz answers 200 all along.
#include <cstdio>
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

using LimitsE2eTest = E2eFixture;

// An element with as many attributes as fit in 2 MiB (about 200,000).
std::string ManyAttributes(int* count) {
  std::string nitf = "<?xml version=\"1.0\"?><nitf><body><body.content><p";
  for (*count = 0; nitf.size() < (2 << 20) - 64; ++*count) {
    absl::StrAppend(&nitf, " a", *count, "=\"\"");
  }
  return nitf + ">x</p></body.content></body></nitf>";
}

// As many items as a record may carry (normalize/rules/record_limits.h; more are
// refused before any is read), each with enough text that the whole costs
// well over the 50 ms budget (about 100 ms of CPU with -c opt).
std::string LongFeed() {
  std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>";
  for (size_t i = 0; i < kMaxItemsPerRecord; ++i) {
    absl::StrAppend(&rss, "<item><title>Item ", i, "</title><description>");
    for (int sentence = 0; sentence < 20; ++sentence) {
      absl::StrAppend(&rss, "The minister said on Tuesday that talks ", i, " would resume. ");
    }
    rss += "</description></item>";
  }
  return rss + "</channel></rss>";
}

TEST_F(LimitsE2eTest, CostlyRecordsGoToTheDlqAndTheNextStoriesFlow) {
  StartIngestd(0, {"--record_cpu_budget=50ms"});
  int attributes = 0;
  const std::map<std::string, std::string> costly = {{"hostile://attributes", ManyAttributes(&attributes)},
                                                     {"hostile://feed", LongFeed()}};
  const absl::Time start = absl::Now();
  Publish({costly.begin(), costly.end()});
  std::vector<Published> good = PublishSynthetic("after-costly", 3);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(Collect(from_beginning, good.size(), absl::Seconds(1)), good);
  std::printf("stories after the costly records served %.0f ms after publishing began\n",
              absl::ToDoubleMilliseconds(absl::Now() - start));
  std::string body;
  EXPECT_EQ(HttpGet(instance().ops_port, "/healthz", &body), 200) << body;

  auto dlq = GroupConsumer::Create(kafka_, UniqueName("dlq-reader"), {dlq_topic_});
  ASSERT_TRUE(dlq.ok()) << dlq.status();
  std::map<std::string, std::string> reasons;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (reasons.size() < costly.size() && absl::Now() < deadline) {
    auto record = (*dlq)->Poll(absl::Milliseconds(200));
    ASSERT_TRUE(record.ok()) << record.status();
    if (record->has_value()) reasons[(*record)->key] = (*record)->Header("x-newswire-error").value_or("");
  }
  (*dlq)->Close(absl::Seconds(5));
  EXPECT_EQ(reasons["hostile://attributes"],
            absl::StrCat("too costly: ", attributes, " attributes on one element (limit 256)"));
  EXPECT_EQ(reasons["hostile://feed"], "too costly: CPU budget of 50ms per record spent");
  EXPECT_NE(Metrics().find("newswire_dlq_records_total{reason=\"too_costly\"} 2"),
            std::string::npos)
      << Metrics();
}

}  // namespace
}  // namespace newswire::e2e
