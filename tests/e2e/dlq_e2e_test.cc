// The DLQ end to end, with the real broker and the real ingestd:
//   - raw records the broker accepted compressed (40 MiB of text under zstd,
//     a 16 MiB record) are too large to copy to the DLQ: each becomes a
//     reference record (first 64 KiB, size, sha256), the good record after
//     them is served at once, and after a restart nothing stalls;
//   - zstd batches ingestd cannot decompress (a bomb: over its
//     receive.message.max.bytes, lowered for the test) pin no partition:
//     each of their offsets becomes an "unreadable" DLQ record, the good
//     records after them are served, and a restart repeats none;
//   - a producer's own x-newswire-* headers do not come before the DLQ's, and
//     a tombstone stays a tombstone;
//   - the broker's own refusal of an oversized message is told apart from a
//     retriable error.
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/common/text/sha256.h"
#include "tests/e2e/e2e_fixture.h"

namespace newswire::e2e {
namespace {

// Wire-like text of `bytes` bytes: compresses well, as agency copy does.
std::string LongText(size_t bytes) {
  std::string text = "A story far too long to be one\n\n";
  for (int i = 0; text.size() < bytes; ++i) {
    absl::StrAppend(&text, "Paragraph ", i, ": the council met for the ", i % 97,
                    "th time and voted ", i % 13, " to ", i % 7, " on the budget.\n");
  }
  text.resize(bytes);
  return text;
}

class DlqE2eTest : public E2eFixture {
 protected:
  // A producer like a capture agent's that compresses with zstd and allows
  // messages far over the broker's 16 MiB (which counts compressed bytes);
  // `batched`: it also puts what it is given at once in one batch per
  // partition.
  std::unique_ptr<Producer> CompressingProducer(bool batched = false) {
    KafkaOptions kafka = kafka_;
    kafka.properties["compression.type"] = "zstd";
    kafka.properties["message.max.bytes"] = "100000000";
    if (batched) {
      kafka.properties["batch.size"] = "100000000";
      kafka.properties["linger.ms"] = "200";
    }
    auto producer = Producer::Create(kafka);
    EXPECT_TRUE(producer.ok()) << producer.status();
    return producer.ok() ? *std::move(producer) : nullptr;
  }

  // Every DLQ record, once `want` are in and none came for `quiet` (or 60 s
  // passed).
  std::vector<RawRecord> ReadDlqRecords(size_t want, absl::Duration quiet = absl::ZeroDuration()) {
    auto dlq = GroupConsumer::Create(kafka_, UniqueName("dlq-reader"), {dlq_topic_});
    EXPECT_TRUE(dlq.ok()) << dlq.status();
    std::vector<RawRecord> dead;
    if (!dlq.ok()) return dead;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    for (absl::Time last = absl::Now(); absl::Now() < deadline;) {
      if (dead.size() >= want && absl::Now() - last >= quiet) break;
      auto record = (*dlq)->Poll(absl::Milliseconds(200));
      EXPECT_TRUE(record.ok()) << record.status();
      if (!record.ok()) break;
      if (!record->has_value()) continue;
      dead.push_back(**record);
      last = absl::Now();
    }
    (*dlq)->Close(absl::Seconds(5));
    return dead;
  }

  // Every DLQ record by key, once `want` are in (or 60 s passed).
  std::map<std::string, RawRecord> ReadDlq(size_t want) {
    std::map<std::string, RawRecord> dead;
    for (RawRecord& record : ReadDlqRecords(want)) dead[record.key] = std::move(record);
    return dead;
  }

  // Publishes one good story and returns how long until a subscriber got it.
  absl::Duration PublishAndTimeOne(const std::string& tag, std::vector<Published>& good) {
    std::vector<Published> one = PublishSynthetic(tag, 1);
    const absl::Time published = absl::Now();
    v1::SubscribeRequest request;
    request.set_from_beginning(true);
    good.insert(good.end(), one.begin(), one.end());
    std::vector<v1::StoryEvent> events =
        Collect(request, good.size(), absl::ZeroDuration(), absl::Seconds(120));
    const absl::Duration took = absl::Now() - published;
    ExpectExactlyOnce(events, good);
    return took;
  }
};

// librdkafka 2.0.2 decompresses a zstd batch of unknown content size into a
// buffer it triples from twice the compressed size while it stays under
// receive.message.max.bytes (librdkafka's default 100 MB): this 40 MiB text
// (2.2 MB under zstd) needs 119 MB. ingestd's consumer allows 256 MiB.
TEST_F(DlqE2eTest, RecordsTooLargeToCopyBecomeReferencesAndNothingStalls) {
  StartIngestd();
  std::unique_ptr<Producer> agent = CompressingProducer();
  ASSERT_NE(agent, nullptr);
  const std::map<std::string, std::string> huge = {
      {"huge://40mib-zstd", LongText(40 << 20)},
      {"huge://16mib", LongText(16 << 20)},
  };
  for (const auto& [url, text] : huge) {
    absl::Status delivered = absl::UnknownError("no delivery report");
    ASSERT_TRUE(agent->Produce(raw_topic_, url, text, {{"source-url", url}}, absl::UnixEpoch(),
                               [&](absl::Status s) { delivered = s; })
                    .ok());
    ASSERT_TRUE(agent->Flush(absl::Seconds(120)).ok());
    ASSERT_TRUE(delivered.ok()) << url << ": the broker refused the raw record: " << delivered;
  }
  std::vector<Published> good;
  const absl::Duration first = PublishAndTimeOne("after-huge", good);
  std::fprintf(stderr, "good record after the huge ones served in %s\n",
               absl::FormatDuration(first).c_str());
  EXPECT_LT(first, absl::Seconds(60)) << "liveness only; the target is 5 s";

  std::map<std::string, RawRecord> dead = ReadDlq(huge.size());
  for (const auto& [url, text] : huge) {
    ASSERT_TRUE(dead.count(url)) << url << " is not in the DLQ";
    const RawRecord& reference = dead[url];
    EXPECT_EQ(reference.Header("x-newswire-dlq-kind").value_or(""), "reference") << url;
    EXPECT_EQ(reference.Header("x-newswire-original-size").value_or(""),
              absl::StrCat(text.size()))
        << url;
    EXPECT_EQ(reference.Header("x-newswire-original-sha256").value_or(""), Sha256Hex(text)) << url;
    EXPECT_EQ(reference.value, text.substr(0, 64 << 10)) << url;
    EXPECT_EQ(reference.Header("source-url").value_or(""), url);
    EXPECT_EQ(reference.Header("x-newswire-origin-topic").value_or(""), raw_topic_);
    // Over ingestd's --max_record_bytes (2 MiB by default).
    EXPECT_EQ(reference.Header("x-newswire-reason").value_or(""), "record_too_large") << url;
    std::printf("DLQ %-20s %s, %zu bytes kept of %zu, reason %s\n", url.c_str(),
                reference.Header("x-newswire-dlq-kind").value_or("").c_str(),
                reference.value.size(), text.size(),
                reference.Header("x-newswire-error").value_or("").c_str());
  }
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find("newswire_dlq_records_by_kind_total{kind=\"reference\"} 2"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("newswire_dlq_records_total{reason=\"record_too_large\"} 2"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("newswire_produce_retries_total 0"), std::string::npos) << metrics;

  // A restart (kill -9: the huge records may be read again) stalls nothing.
  instance().process->Kill();
  StartIngestd();
  const absl::Duration after_restart = PublishAndTimeOne("after-restart", good);
  std::fprintf(stderr, "good record after a restart served in %s\n",
               absl::FormatDuration(after_restart).c_str());
  EXPECT_LT(after_restart, absl::Seconds(60)) << "liveness only";
  EXPECT_NE(Metrics().find("newswire_produce_retries_total 0"), std::string::npos);
}

// ingestd told to inflate at most 1 MiB: a zstd batch holding more is to it
// what a bomb is at any limit (the 256 MiB default cannot be reached by a
// batch the test could produce). Every bomb record is larger than the limit
// on its own, and they go in one batch per partition.
const std::vector<std::string> kSmallReceiveFlags = {
    "--kafka_property=session.timeout.ms=6000,heartbeat.interval.ms=1000,"
    "receive.message.max.bytes=1048576,fetch.max.bytes=1000000"};

TEST_F(DlqE2eTest, BatchesIngestCannotDecompressPinNoPartition) {
  StartIngestd(0, kSmallReceiveFlags);
  std::unique_ptr<Producer> agent = CompressingProducer(/*batched=*/true);
  ASSERT_NE(agent, nullptr);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  std::vector<Published> good;
  // Publishes `count` records of `bytes` (keys spread over the three raw
  // partitions by hash, one batch per partition), then good records on
  // every partition; returns how long until those were all served.
  auto bombs_then_good = [&](const std::string& tag, int count, size_t bytes) {
    const std::string text = LongText(bytes);
    const absl::Time published = absl::Now();
    int acked = 0;
    for (int i = 0; i < count; ++i) {
      const std::string url = absl::StrCat("bomb://", tag, "/", i);
      EXPECT_TRUE(agent
                      ->Produce(raw_topic_, url, text, {{"source-url", url}}, absl::UnixEpoch(),
                                [&](absl::Status s) { acked += s.ok(); })
                      .ok());
    }
    EXPECT_TRUE(agent->Flush(absl::Seconds(60)).ok());
    EXPECT_EQ(acked, count);
    std::vector<Published> after = PublishSynthetic(absl::StrCat("after-", tag), 12);
    good.insert(good.end(), after.begin(), after.end());
    ExpectExactlyOnce(
        Collect(from_beginning, good.size(), absl::ZeroDuration(), absl::Seconds(120)), good);
    return absl::Now() - published;
  };
  // Nine records each over the limit on its own (1.5 MiB, ~80 KB under
  // zstd), then 3000 of 2 KiB, which the limit reads alone but not as the
  // ~2 MiB batch they travel in.
  constexpr int kLarge = 9, kSmall = 3000, kBombs = kLarge + kSmall;
  const absl::Duration large = bombs_then_good("large", kLarge, 3 << 19);
  std::fprintf(stderr, "good records after %d zstd bombs of 1.5 MiB served %s after them\n", kLarge,
               absl::FormatDuration(large).c_str());
  EXPECT_LT(large, absl::Seconds(60)) << "liveness only; the target is 5 s";
  const absl::Duration small = bombs_then_good("small", kSmall, 2048);
  std::fprintf(stderr, "good records after batches of %d small records served %s after them\n",
               kSmall, absl::FormatDuration(small).c_str());
  EXPECT_LT(small, absl::Seconds(90)) << "liveness only";

  // One unreadable DLQ record per bomb, from offset 0 of each partition.
  std::vector<RawRecord> dead = ReadDlqRecords(kBombs, absl::Seconds(3));
  std::map<int32_t, std::set<int64_t>> offsets;
  std::set<std::string> batches;  // "at <first offset>" in librdkafka's message
  for (const RawRecord& record : dead) {
    EXPECT_EQ(record.Header("x-newswire-dlq-kind").value_or(""), "unreadable");
    EXPECT_EQ(record.Header("x-newswire-stage").value_or(""), "consume");
    EXPECT_EQ(record.Header("x-newswire-reason").value_or(""), "unreadable");
    EXPECT_EQ(record.Header("x-newswire-origin-topic").value_or(""), raw_topic_);
    const std::string reason = record.Header("x-newswire-error").value_or("");
    EXPECT_EQ(reason.rfind("_BAD_COMPRESSION: ", 0), 0u) << reason;
    EXPECT_TRUE(record.value_is_null);
    EXPECT_EQ(record.key, "");
    const int32_t partition =
        std::stoi(record.Header("x-newswire-origin-partition").value_or("-1"));
    const int64_t offset = std::stoll(record.Header("x-newswire-origin-offset").value_or("-1"));
    EXPECT_TRUE(offsets[partition].insert(offset).second)
        << "repeated: " << partition << "@" << offset;
    const std::string batch = reason.substr(0, reason.find(" bytes"));  // "...at <first> of <n>"
    if (batches.insert(absl::StrCat(partition, " ", batch)).second) {
      std::printf("DLQ unreadable %d@%lld: %s\n", partition, static_cast<long long>(offset),
                  reason.c_str());
    }
  }
  EXPECT_EQ(dead.size(), static_cast<size_t>(kBombs));
  EXPECT_EQ(offsets.size(), 3u) << "the bombs did not reach every partition";
  // Every good record was served once (above), and the DLQ holds exactly
  // one record per bomb: no good record was given up on, no bomb repeated.
  for (const auto& [partition, at] : offsets) EXPECT_EQ(*at.begin(), 0) << partition;
  std::printf("%zu unreadable records from %zu batches\n", dead.size(), batches.size());
  EXPECT_LT(batches.size(), dead.size()) << "no batch held several bombs: a path left untested";
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find(absl::StrCat("newswire_dlq_records_by_kind_total{kind=\"unreadable\"} ",
                                      kBombs)),
            std::string::npos)
      << metrics;

  // Stopped and started again, ingest reads on from after the bombs: the
  // DLQ gets nothing more, and a new good record is served.
  ASSERT_EQ(instance().process->Stop(absl::Seconds(30)), 0);
  StartIngestd(0, kSmallReceiveFlags);
  std::vector<Published> more = PublishSynthetic("after-restart", 3);
  good.insert(good.end(), more.begin(), more.end());
  ExpectExactlyOnce(Collect(from_beginning, good.size()), good);
  EXPECT_EQ(ReadDlqRecords(kBombs, absl::Seconds(5)).size(), static_cast<size_t>(kBombs))
      << "the restart dead-lettered a bomb again";
}

// A real bomb at ingestd's defaults: 300 MiB of zeros, a few KB under zstd,
// inflates past the consumer's 256 MiB: one unreadable record, and the good
// records after it are served.
TEST_F(DlqE2eTest, AZstdBombPinsNothingAtTheDefaultLimit) {
  StartIngestd();
  KafkaOptions kafka = kafka_;
  kafka.properties["compression.type"] = "zstd";
  kafka.properties["message.max.bytes"] = "1000000000";
  auto agent = Producer::Create(kafka);
  ASSERT_TRUE(agent.ok()) << agent.status();
  const absl::Time published = absl::Now();
  {
    const std::string zeros(300 << 20, '\0');
    absl::Status delivered = absl::UnknownError("no delivery report");
    ASSERT_TRUE((*agent)
                    ->Produce(raw_topic_, "bomb://300mib", zeros, {}, absl::UnixEpoch(),
                              [&](absl::Status s) { delivered = s; })
                    .ok());
    ASSERT_TRUE((*agent)->Flush(absl::Seconds(120)).ok());
    ASSERT_TRUE(delivered.ok()) << delivered;
  }
  std::vector<Published> good = PublishSynthetic("after-300mib-bomb", 12);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(
      Collect(from_beginning, good.size(), absl::ZeroDuration(), absl::Seconds(120)), good);
  const absl::Duration took = absl::Now() - published;
  std::fprintf(stderr, "good records after a 300 MiB zstd bomb served %s after it\n",
               absl::FormatDuration(took).c_str());
  EXPECT_LT(took, absl::Seconds(60)) << "liveness only; the target is 5 s";
  std::vector<RawRecord> dead = ReadDlqRecords(1, absl::Seconds(3));
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].Header("x-newswire-dlq-kind").value_or(""), "unreadable");
  EXPECT_EQ(dead[0].Header("x-newswire-origin-offset").value_or(""), "0");
  EXPECT_EQ(dead[0].Header("x-newswire-reason").value_or(""), "unreadable");
  std::printf("DLQ: %s\n", dead[0].Header("x-newswire-error").value_or("").c_str());
}

TEST_F(DlqE2eTest, SpoofedServiceHeadersComeAfterTheDlqsAndATombstoneStaysNull) {
  StartIngestd();
  Publish({{"spoof://binary", std::string("\0\0binary", 8)}},
          {{"x-newswire-error", "all is well"},
           {"x-newswire-reason", "none"},
           {"x-newswire-origin-topic", "elsewhere"}});
  int acked = 0;
  ASSERT_TRUE(producer_
                  ->ProduceTombstone(raw_topic_, "tombstone://gone",
                                     {{"source-url", "tombstone://gone"}}, absl::UnixEpoch(),
                                     [&](absl::Status s) { acked += s.ok(); })
                  .ok());
  ASSERT_TRUE(producer_->Flush(absl::Seconds(30)).ok());
  ASSERT_EQ(acked, 1);
  std::vector<Published> good = PublishSynthetic("after-spoof", 1);
  v1::SubscribeRequest from_beginning;
  from_beginning.set_from_beginning(true);
  ExpectExactlyOnce(Collect(from_beginning, good.size()), good);

  std::map<std::string, RawRecord> dead = ReadDlq(2);
  ASSERT_TRUE(dead.count("spoof://binary"));
  const RawRecord& spoofed = dead["spoof://binary"];
  // RawRecord::Header takes the first: the service's.
  EXPECT_EQ(spoofed.Header("x-newswire-error").value_or(""), "binary content");
  EXPECT_EQ(spoofed.Header("x-newswire-origin-topic").value_or(""), raw_topic_);
  EXPECT_EQ(spoofed.Header("x-incoming-newswire-error").value_or(""), "all is well");
  EXPECT_EQ(spoofed.Header("x-newswire-reason").value_or(""), "binary_content");
  EXPECT_EQ(spoofed.Header("x-incoming-newswire-reason").value_or(""), "none");
  EXPECT_EQ(spoofed.Header("x-newswire-dlq-kind").value_or(""), "copy");
  EXPECT_EQ(spoofed.value, std::string("\0\0binary", 8));
  ASSERT_TRUE(dead.count("tombstone://gone"));
  const RawRecord& tombstone = dead["tombstone://gone"];
  EXPECT_TRUE(tombstone.value_is_null) << "the DLQ copy of a tombstone has a value";
  EXPECT_EQ(tombstone.Header("x-newswire-dlq-kind").value_or(""), "copy");
  EXPECT_EQ(tombstone.Header("x-newswire-reason").value_or(""), "empty_record");
  std::printf("tombstone DLQ reason: %s\n", tombstone.Header("x-newswire-error").value_or("").c_str());
}

// The real broker (message.max.bytes 16 MiB) refuses a message a producer
// allowed itself to send: that comes back as OutOfRange, never retried.
TEST_F(DlqE2eTest, TheBrokersRefusalOfAnOversizedMessageIsPermanent) {
  KafkaOptions kafka = kafka_;
  kafka.properties["message.max.bytes"] = "100000000";
  kafka.properties["compression.type"] = "none";
  auto producer = Producer::Create(kafka);
  ASSERT_TRUE(producer.ok()) << producer.status();
  std::string incompressible(20 << 20, '\0');
  uint64_t state = 88172645463325252ull;
  for (char& c : incompressible) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    c = static_cast<char>(state);
  }
  absl::Status delivered = absl::UnknownError("no delivery report");
  const absl::Time start = absl::Now();
  ASSERT_TRUE((*producer)
                  ->Produce(dlq_topic_, "big", incompressible, {}, absl::UnixEpoch(),
                            [&](absl::Status s) { delivered = s; })
                  .ok());
  (void)(*producer)->Flush(absl::Seconds(150));
  std::fprintf(stderr, "broker refusal: %s after %s\n", delivered.ToString().c_str(),
               absl::FormatDuration(absl::Now() - start).c_str());
  EXPECT_TRUE(absl::IsOutOfRange(delivered)) << delivered;
  // And a message over the producer's own limit is refused before it leaves.
  auto plain = Producer::Create(kafka_);
  ASSERT_TRUE(plain.ok());
  absl::Status queued = (*plain)->Produce(dlq_topic_, "big", incompressible, {}, absl::UnixEpoch(),
                                          [](absl::Status) {});
  EXPECT_TRUE(absl::IsOutOfRange(queued)) << queued;
}

}  // namespace
}  // namespace newswire::e2e
