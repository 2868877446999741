// End-to-end: the real ingestd against a real Kafka broker.
//
// Publishes the project's test stories to a raw topic of its own, reads them
// back through NewsService.Subscribe, and checks each arrives exactly once
// with its headline: first on a fresh start, then after a clean stop and
// restart (resuming from the last cursor), then after kill -9 while stories
// are in flight. The check compares story ids, not counts.
#include "absl/time/clock.h"
#include "services/ingest/common/wait_for.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

using IngestE2eTest = E2eFixture;

TEST_F(IngestE2eTest, EachStoryOnceAcrossCleanStopAndKill9) {
  StartIngestd();
  std::vector<Published> all = PublishTestStories(0, 12);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  std::vector<v1::StoryEvent> first = Collect(from_beginning, 12);
  ExpectExactlyOnce(first, all);
  ASSERT_FALSE(first.empty());
  int64_t cursor = first.back().cursor();

  // Clean stop; stories published while it is down arrive after restart.
  EXPECT_EQ(instance().process->Stop(absl::Seconds(30)), 0);
  std::vector<Published> second = PublishTestStories(12, 16);
  StartIngestd();
  v1::SubscribeRequest resume;
  resume.set_after_cursor(cursor);
  std::vector<v1::StoryEvent> after_restart = Collect(resume, second.size());
  ExpectExactlyOnce(after_restart, second);
  ASSERT_FALSE(after_restart.empty());
  cursor = after_restart.back().cursor();
  all.insert(all.end(), second.begin(), second.end());

  // kill -9 while a batch is in flight, then more while it is down.
  // Stories the running ingestd has written, over all its source formats.
  auto StoriesProduced = [&] { return MetricValue(Metrics(), "newswire_stories_produced_total"); };
  const double produced_before = StoriesProduced();
  std::vector<Published> third = PublishSynthetic("before-kill", 40);
  // Killed once the batch has started to reach the stories log, not after
  // a guessed pause.
  ASSERT_TRUE(WaitFor([&] { return StoriesProduced() > produced_before; }, absl::Seconds(60),
                      absl::Milliseconds(5)));
  instance().process->Kill();
  std::vector<Published> fourth = PublishSynthetic("while-down", 10);
  third.insert(third.end(), fourth.begin(), fourth.end());
  StartIngestd();
  resume.set_after_cursor(cursor);
  ExpectExactlyOnce(Collect(resume, third.size()), third);
  all.insert(all.end(), third.begin(), third.end());

  // The whole log read again, duplicates and old versions included: every
  // story exactly once.
  from_beginning.set_include_duplicates(true);
  ExpectExactlyOnce(Collect(from_beginning, all.size()), all);
}

TEST_F(IngestE2eTest, UnparsableRecordGoesToDlqAndNextStoryIsServed) {
  StartIngestd();
  Publish({{"bad://empty", "   \n  "}});
  std::vector<Published> good = PublishSynthetic("after-bad", 1);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(Collect(from_beginning, 1), good);
  EXPECT_NE(Metrics().find("newswire_dlq_records_total{reason=\"empty_record\"} 1"),
            std::string::npos)
      << Metrics();
}

}  // namespace
}  // namespace newswire::e2e
