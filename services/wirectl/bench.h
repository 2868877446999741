// `wirectl bench`: the end-to-end load tool. Publishes N stories in a mix of
// formats (plain text, NITF, ninjs, ANPA-1312, HTML page; each with its own
// id) through the real broker at a target rate, while K subscribers follow
// NewsService; prints sustained throughput and publish-to-subscriber
// latency percentiles, and the rate at which `kcat` alone consumes the same
// raw records, for the ratio.
#ifndef NEWSWIRE_SERVICES_WIRECTL_BENCH_H_
#define NEWSWIRE_SERVICES_WIRECTL_BENCH_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/wirectl/news_connection.h"

namespace newswire {

struct BenchOptions {
  std::string brokers = "127.0.0.1:9092";
  std::string raw_topic = "newswire.raw";
  std::string server = "127.0.0.1:7070";
  int stories = 10000;
  // Stories/s; 0 = as fast as the broker takes them. At a rate, the
  // stories (up to 1 GiB) are made before the clock starts.
  double rate = 0;
  int subscribers = 1;
  // gRPC connections the subscribers share, round-robin (0 = one each).
  int connections = 0;
  // Subscribe with SubscribeBatches (several events per message) rather
  // than Subscribe (one per message).
  bool batches = true;
  bool kcat = true;
  // The publisher's linger.ms: how long it gathers records into a produce
  // request (librdkafka's default, 5, as a feed connector would run).
  int linger_ms = 5;
  // The publisher's compression.type. A capture agent's choice, and its CPU
  // is the agent's: none by default, so the figures are newswire's. "lz4"
  // adds the compression to the publisher and the decompression to ingestd.
  std::string compression = "none";
  int ops_port = 9464;  // ingestd's, for its memory after the run
  // Where the server is and how to reach it (TLS, client certificate, token
  // file); environment_token: the token from the environment, if any.
  ClientSecurity security;
  std::string environment_token;
  // A folder of articles the stories are made of (BBC corpus layout); ""
  // = the built-in stories (the repository's testdata/stories, compiled in).
  std::string text_dir;
  // Generated words instead of any text (text_dir is then unused).
  bool generated_words = false;
  // Their paragraphs as printed (BenchText::reuse_paragraphs).
  bool reuse_paragraphs = false;
};

// Real text for bench stories: headlines and paragraphs of a collection of
// articles (*.txt: headline, blank line, paragraphs), in file-name order.
struct BenchText {
  std::vector<std::string> headlines;
  std::vector<std::string> paragraphs;
  std::vector<int> lengths;  // paragraphs per article
  // Where each paragraph's words are in it.
  struct Span {
    uint32_t begin;
    uint32_t size;
  };
  std::vector<std::vector<Span>> words;
  // Stories use the paragraphs as printed rather than with about a fourth
  // of their words replaced: each paragraph is then in thousands of a
  // million stories, each new story meets ~200 near-duplicate index
  // entries and ~10% come out near duplicates (the index's worst case).
  bool reuse_paragraphs = false;
};
absl::StatusOr<BenchText> LoadBenchText(const std::string& dir);
// The same of articles in memory (their bytes, in order); `origin` names
// them in an error.
absl::StatusOr<BenchText> BenchTextFromArticles(std::vector<std::string> articles,
                                                absl::string_view origin);
// The stories of the repository's testdata/stories, compiled into wirectl,
// so the bench runs from a fresh clone with nothing else.
absl::StatusOr<BenchText> BuiltinBenchText();

// Story `n` in format `format` (of 5), the same every run but with ids of
// this run and "Bench <run_id> story <n>" leading the headline; made of
// `text` (a real headline, as many paragraphs as one of its articles has,
// at least 5, drawn from all, about a fourth of their words replaced by
// others of the text) or, when null, of generated words. Formats
// that carry a time carry `published`, so a run's stories are all of the
// same day, as a day's traffic is, and stay in the near-duplicate window.
std::string BenchStory(int format, int n, const std::string& run_id, const BenchText* text,
                       absl::Time published, std::string* content_type);

absl::Status RunBench(const BenchOptions& options, std::ostream& out);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_BENCH_H_
