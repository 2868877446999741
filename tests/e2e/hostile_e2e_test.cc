// The hostile suite (tests/hostile) against the real ingestd and the real
// broker. For each case, the hostile record and right after it a good
// record go to the same raw partition; the good record must reach a
// subscriber within 5 s. At the end, every hostile record must be in the
// DLQ (matched by the FIRST x-newswire-origin-partition/offset headers) or
// be a story exactly once, as its case expects; the DLQ record must follow
// the DLQ contract (kind copy/reference, renamed incoming x-newswire-*
// headers, tombstones kept null); the ingestd process is the same one
// throughout and /healthz answers 200.
//
// Prints one table row per case: size, outcome, the good record's latency
// and the CPU time ingestd spent during the case. Latency is a figure, not
// an assertion, except the 5 s liveness bound of the acceptance.
//
// If a case blocks its partition (the good record never comes), later
// cases move to the next partition so they are still judged; after two
// such cases in a row ingest counts as stalled and the rest are skipped.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/ingest/common/wait_for.h"
#include "services/ingest/common/file.h"
#include "tests/e2e/e2e_fixture.h"
#include "tests/hostile/hostile_generators.h"
#include "tests/hostile/hostile_records.h"
#include "tests/hostile/hostile_verdict.h"
#include "tests/hostile/kafka_probe.h"

namespace newswire::e2e {
namespace {

using hostile::DlqOrigin;
using hostile::HostileCase;
using hostile::Printable;
using hostile::ProbeRecord;

constexpr int kRawPartitions = 8;
// The acceptance: the good record after a hostile one arrives within this.
constexpr absl::Duration kLiveness = absl::Seconds(5);
// After a miss, how long to keep waiting to learn how late it came.
constexpr absl::Duration kLateWait = absl::Seconds(90);
// Cases stop being started after this (the target's timeout is 900 s).
constexpr absl::Duration kCaseBudget = absl::Seconds(540);

// Story events from one Subscribe stream (from the beginning, duplicates
// included), by story id, with when each first arrived. Thread-safe.
class StoryWatcher {
 public:
  explicit StoryWatcher(int grpc_port) {
    stub_ = v1::NewsService::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", grpc_port),
                                                         grpc::InsecureChannelCredentials()));
    thread_ = std::thread([this] { Run(); });
  }
  ~StoryWatcher() {
    context_.TryCancel();
    thread_.join();
  }

  // When story `id` first arrived, waiting for it until `deadline`.
  std::optional<absl::Time> WaitFor(const std::string& id, absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    auto arrived = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return ended_ || arrived_.count(id) > 0;
    };
    mu_.AwaitWithDeadline(absl::Condition(&arrived), deadline);
    auto it = arrived_.find(id);
    if (it == arrived_.end()) return std::nullopt;
    return it->second;
  }
  bool ended() {
    absl::MutexLock lock(&mu_);
    return ended_;
  }

 private:
  void Run() {
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    request.set_include_duplicates(true);
    request.set_heartbeat_seconds(1);
    auto reader = stub_->Subscribe(&context_, request);
    v1::StoryEvent event;
    while (reader->Read(&event)) {
      if (event.kind() == v1::EVENT_KIND_HEARTBEAT) continue;
      absl::MutexLock lock(&mu_);
      arrived_.emplace(event.story().id(), absl::Now());
    }
    reader->Finish();
    absl::MutexLock lock(&mu_);
    ended_ = true;
  }

  std::unique_ptr<v1::NewsService::Stub> stub_;
  grpc::ClientContext context_;
  absl::Mutex mu_;
  std::map<std::string, absl::Time> arrived_ ABSL_GUARDED_BY(mu_);
  bool ended_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// Fields of /proc/<pid>/stat after the command name: state, then the rest.
std::vector<std::string> ProcStat(pid_t pid) {
  const std::string line = ReadFile(absl::StrCat("/proc/", pid, "/stat")).value_or("");
  size_t close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

// User + system CPU time of the process so far.
absl::Duration CpuTime(pid_t pid) {
  std::vector<std::string> fields = ProcStat(pid);
  int64_t user = 0, system = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &user) ||
      !absl::SimpleAtoi(fields[12], &system)) {
    return absl::ZeroDuration();
  }
  return absl::Seconds(static_cast<double>(user + system) /
                       static_cast<double>(sysconf(_SC_CLK_TCK)));
}

// Running (not exited, not a zombie waiting for us).
bool Alive(pid_t pid) {
  std::vector<std::string> fields = ProcStat(pid);
  return !fields.empty() && fields[0] != "Z" && fields[0] != "X";
}

std::string Size(size_t bytes) {
  if (bytes >= (1u << 20)) return absl::StrFormat("%.1fMiB", bytes / 1048576.0);
  if (bytes >= 1024) return absl::StrFormat("%.1fKiB", bytes / 1024.0);
  return absl::StrCat(bytes, "B");
}

// One case as it ran.
struct CaseRun {
  const HostileCase* c = nullptr;
  int32_t partition = -1;
  int64_t hostile_offset = -1;
  std::optional<absl::Duration> latency;  // good record: sent -> subscriber
  absl::Duration cpu;
  // Ran while the record of an earlier case that blocked was perhaps still
  // being worked on: its latency and CPU time include that work.
  bool after_block = false;
  std::string outcome = "not run";
  std::vector<std::string> problems;
};

using Origin = std::pair<int32_t, int64_t>;  // raw partition, offset

class HostileE2eTest : public E2eFixture {
 protected:
  // One producer per compression codec, made on first use.
  absl::StatusOr<hostile::ProbeProducer*> ProducerFor(const std::string& compression) {
    std::unique_ptr<hostile::ProbeProducer>& producer = producers_[compression];
    if (!producer) {
      auto created = hostile::ProbeProducer::Create(kafka_.brokers, compression);
      if (!created.ok()) return created.status();
      producer = *std::move(created);
    }
    return producer.get();
  }

  absl::StatusOr<int64_t> Send(const std::string& compression, int32_t partition,
                               const ProbeRecord& record) {
    absl::StatusOr<hostile::ProbeProducer*> producer = ProducerFor(compression);
    if (!producer.ok()) return producer.status();
    return (*producer)->Send(raw_topic_, partition, record, absl::Seconds(60));
  }

  // The good record sent after case `name`; returns its story id.
  absl::StatusOr<std::string> SendGood(const std::string& name, int32_t partition, uint64_t seed) {
    ProbeRecord good;
    good.key = "good/" + name;
    good.value = hostile::PlainStory(absl::StrCat("Control story after ", name), seed);
    good.headers = {{"source-url", "hostile-good://" + name}, {"content-type", "text/plain"}};
    absl::StatusOr<int64_t> offset = Send("none", partition, good);
    if (!offset.ok()) return offset.status();
    good_origins_.insert({partition, *offset});
    return "url:hostile-good://" + name;
  }

  std::map<std::string, std::unique_ptr<hostile::ProbeProducer>> producers_;
  std::set<Origin> good_origins_;
};

TEST_F(HostileE2eTest, EveryHostileRecordIsSettledOnceAndNeverBlocksTheNextGoodOne) {
  raw_topic_ = UniqueName("e2e.hostile.raw");
  ASSERT_TRUE(CreateTopics(kafka_, {{raw_topic_, kRawPartitions}}, absl::Seconds(30)).ok());
  StartIngestd();
  const pid_t pid = instance().process->pid();
  StoryWatcher watcher(instance().grpc_port);

  // Warm up: the group's first assignment is not the cases' latency.
  absl::StatusOr<std::string> warm = SendGood("warm-up", 0, 1);
  ASSERT_TRUE(warm.ok()) << warm.status();
  ASSERT_TRUE(watcher.WaitFor(*warm, absl::Now() + absl::Seconds(60)).has_value())
      << "the warm-up story never reached the subscriber";

  // NEWSWIRE_HOSTILE_CASES=text/,xml/bill runs only cases whose name holds
  // one of the comma-separated parts (to rerun one while fixing it).
  std::vector<HostileCase> cases = hostile::AllHostileCases();
  if (const char* only = std::getenv("NEWSWIRE_HOSTILE_CASES"); only != nullptr && *only) {
    std::vector<std::string> parts = absl::StrSplit(only, ',', absl::SkipEmpty());
    cases.erase(std::remove_if(cases.begin(), cases.end(),
                               [&](const HostileCase& c) {
                                 return std::none_of(parts.begin(), parts.end(),
                                                     [&](const std::string& part) {
                                                       return absl::StrContains(c.name, part);
                                                     });
                               }),
                cases.end());
    ASSERT_FALSE(cases.empty()) << "no case matches NEWSWIRE_HOSTILE_CASES=" << only;
  }
  std::vector<CaseRun> runs(cases.size());
  int32_t partition = 0;
  int misses_in_a_row = 0;
  bool blocked_before = false;
  std::string stalled;  // why cases stopped being run
  const absl::Time budget_end = absl::Now() + kCaseBudget;
  for (size_t i = 0; i < cases.size(); ++i) {
    CaseRun& run = runs[i];
    run.c = &cases[i];
    if (stalled.empty() && absl::Now() > budget_end) stalled = "the case time budget ran out";
    if (!stalled.empty()) {
      run.problems.push_back("not run: " + stalled);
      continue;
    }
    run.partition = partition;
    run.after_block = blocked_before;
    const absl::Duration cpu_before = CpuTime(pid);
    ProbeRecord hostile_record;
    hostile_record.key = run.c->key;
    hostile_record.value = run.c->value;
    hostile_record.headers = run.c->headers;
    absl::StatusOr<int64_t> offset = Send(run.c->compression, partition, hostile_record);
    if (!offset.ok()) {
      run.outcome = "not sent";
      run.problems.push_back(absl::StrCat("the broker refused the hostile record: ",
                                          offset.status().ToString()));
      continue;
    }
    run.hostile_offset = *offset;
    const absl::Time sent = absl::Now();
    absl::StatusOr<std::string> good = SendGood(run.c->name, partition, 1000 + i);
    ASSERT_TRUE(good.ok()) << run.c->name << ": good record not sent: " << good.status();
    std::optional<absl::Time> arrived = watcher.WaitFor(*good, sent + kLiveness);
    if (!arrived.has_value()) {
      arrived = watcher.WaitFor(*good, absl::Now() + kLateWait);
      run.problems.push_back(
          arrived.has_value()
              ? absl::StrFormat("the good record after it took %.1f s (limit %.0f s)",
                                absl::ToDoubleSeconds(*arrived - sent),
                                absl::ToDoubleSeconds(kLiveness))
              : absl::StrCat("the good record after it never reached the subscriber "
                             "(waited ", absl::FormatDuration(kLiveness + kLateWait),
                             "): raw partition ", partition, " blocked"));
    }
    run.cpu = CpuTime(pid) - cpu_before;
    blocked_before = !arrived.has_value();
    if (arrived.has_value()) {
      run.latency = *arrived - sent;
      misses_in_a_row = 0;
    } else if (++misses_in_a_row >= 2 || ++partition >= kRawPartitions) {
      stalled = absl::StrCat("ingest stalled after ", run.c->name);
    }
    if (!Alive(pid) || watcher.ended()) {
      run.problems.push_back("ingestd died or the subscription ended during this case");
      stalled = absl::StrCat("ingestd died during ", run.c->name);
    }
  }

  // A hostile record may stall ingest only after the good record behind it
  // was read (in the same batch): one more control record must get through.
  if (stalled.empty()) {
    absl::StatusOr<std::string> last = SendGood("final-control", partition, 999);
    ASSERT_TRUE(last.ok()) << last.status();
    const absl::Time sent = absl::Now();
    std::optional<absl::Time> arrived = watcher.WaitFor(*last, sent + kLiveness);
    EXPECT_TRUE(arrived.has_value())
        << "the final control record, sent after every case, did not reach the subscriber "
           "within 5 s: ingest stalled after the last case ("
        << runs.back().c->name << ")";
  }

  // Settle: read the stories log and the DLQ until every hostile record sent
  // is accounted for, or a little while passes (vanished records never are).
  std::map<Origin, std::vector<v1::Story>> stories;
  std::map<Origin, std::vector<hostile::ProbeRecord>> dead;
  std::vector<hostile::ProbeRecord> dlq_records;
  std::string read_error;  // a log that cannot be read or parsed ends the wait
  WaitFor(
      [&] {
        stories.clear();
        dead.clear();
        auto logged = hostile::ReadPartition(kafka_.brokers, stories_topic_, 0, absl::Seconds(60));
        if (!logged.ok()) {
          read_error = absl::StrCat("stories log: ", logged.status().ToString());
          return true;
        }
        for (const hostile::ProbeRecord& record : *logged) {
          v1::Story story;
          if (!story.ParseFromString(record.value.value_or(""))) {
            read_error = absl::StrCat("stories log ", record.offset, " does not parse");
            return true;
          }
          if (story.origin().topic() != raw_topic_) continue;
          stories[{story.origin().partition(), story.origin().offset()}].push_back(story);
        }
        auto dlq = hostile::ReadPartition(kafka_.brokers, dlq_topic_, 0, absl::Seconds(60));
        if (!dlq.ok()) {
          read_error = absl::StrCat("DLQ: ", dlq.status().ToString());
          return true;
        }
        dlq_records = *dlq;
        for (const hostile::ProbeRecord& record : dlq_records) {
          dead[DlqOrigin(record)].push_back(record);
        }
        for (const CaseRun& run : runs) {
          Origin origin = {run.partition, run.hostile_offset};
          if (run.hostile_offset >= 0 && !stories.count(origin) && !dead.count(origin)) return false;
        }
        return true;
      },
      absl::Seconds(10), absl::Milliseconds(500));
  ASSERT_TRUE(read_error.empty()) << read_error;

  // Judge each case.
  std::set<Origin> known = good_origins_;
  for (CaseRun& run : runs) {
    if (run.hostile_offset < 0) continue;
    const Origin origin = {run.partition, run.hostile_offset};
    known.insert(origin);
    hostile::Verdict verdict = hostile::JudgeCase(*run.c, raw_topic_, stories[origin], dead[origin]);
    run.outcome = verdict.outcome;
    run.problems.insert(run.problems.end(), verdict.problems.begin(), verdict.problems.end());
  }
  for (const Origin& origin : good_origins_) {
    EXPECT_EQ(stories[origin].size(), 1u) << "good record at " << origin.first << "@"
                                          << origin.second << " is not one story";
    EXPECT_TRUE(dead[origin].empty()) << "good record at " << origin.first << "@" << origin.second
                                      << " went to the DLQ";
  }
  for (const hostile::ProbeRecord& record : dlq_records) {
    const Origin origin = DlqOrigin(record);
    EXPECT_TRUE(known.count(origin))
        << "DLQ record at DLQ offset " << record.offset << " names origin " << origin.first << "@"
        << origin.second << ", which no case sent (first x-newswire-error: "
        << Printable(record.FirstHeader("x-newswire-error").value_or("")) << ")";
  }

  // The table, then one failure per problem.
  std::printf("\n%-40s %-9s %9s %-13s %-34s %10s %9s %4s\n", "case", "class", "size", "expect",
              "outcome", "good_ms", "cpu_ms", "part");
  absl::Duration worst = absl::ZeroDuration(), cpu_total = absl::ZeroDuration();
  int failed_cases = 0;
  for (const CaseRun& run : runs) {
    std::string latency = run.latency ? absl::StrFormat("%.0f", absl::ToDoubleMilliseconds(*run.latency))
                                      : std::string("-");
    if (run.after_block) latency += "*";
    std::printf("%-40s %-9s %9s %-13s %-34s %10s %9.0f %4d%s\n", run.c->name.c_str(),
                run.c->klass.c_str(), Size(run.c->WireBytes()).c_str(),
                hostile::ExpectName(run.c->expect), run.outcome.c_str(), latency.c_str(),
                absl::ToDoubleMilliseconds(run.cpu), run.partition,
                run.problems.empty() ? "" : "  FAIL");
    if (run.latency) worst = std::max(worst, *run.latency);
    cpu_total += run.cpu;
    if (!run.problems.empty()) ++failed_cases;
  }
  std::printf("cases %zu, failed %d; slowest good record %.0f ms; ingestd CPU over the cases %.0f ms\n"
              "(* ran right after a case whose good record never came: its figures include "
              "that record's work)\n\n",
              runs.size(), failed_cases, absl::ToDoubleMilliseconds(worst),
              absl::ToDoubleMilliseconds(cpu_total));
  std::fflush(stdout);
  for (const CaseRun& run : runs) {
    for (const std::string& problem : run.problems) {
      ADD_FAILURE() << "case " << run.c->name << " (" << run.c->klass << ", "
                    << Size(run.c->WireBytes()) << ", expected "
                    << hostile::ExpectName(run.c->expect) << "): " << problem;
    }
  }

  // The DLQ metric counts each reason the DLQ holds.
  std::map<std::string, int> reasons;
  for (const hostile::ProbeRecord& record : dlq_records) {
    ++reasons[record.FirstHeader("x-newswire-reason").value_or("")];
  }
  const std::string metrics = Metrics();
  for (const auto& [label, count] : reasons) {
    EXPECT_TRUE(absl::StrContains(
        metrics, absl::StrCat("newswire_dlq_records_total{reason=\"", label, "\"} ", count)))
        << "metric newswire_dlq_records_total{reason=\"" << label << "\"} is not " << count;
  }

  EXPECT_TRUE(Alive(pid)) << "ingestd (pid " << pid << ") is gone; see "
                          << instance().process->log_path();
  EXPECT_EQ(instance().process->pid(), pid);
  std::string body;
  EXPECT_EQ(HttpGet(instance().ops_port, "/healthz", &body), 200) << body;
}

}  // namespace
}  // namespace newswire::e2e
