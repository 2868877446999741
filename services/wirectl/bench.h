// `wirectl bench`: the end-to-end load tool. Publishes N stories in a mix of
// formats (plain text, NITF, ninjs, ANPA-1312, HTML page; each with its own
// id) through the real broker at a target rate, while K subscribers follow
// NewsService; prints sustained throughput and publish-to-subscriber
// latency percentiles, and the rate at which `kcat` alone consumes the same
// raw records, for the ratio.
#ifndef NEWSWIRE_SERVICES_WIRECTL_BENCH_H_
#define NEWSWIRE_SERVICES_WIRECTL_BENCH_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"

namespace newswire {

struct BenchOptions {
  std::string brokers = "127.0.0.1:9092";
  std::string raw_topic = "newswire.raw";
  std::string server = "127.0.0.1:7070";
  int stories = 10000;
  double rate = 0;  // stories/s; 0 = as fast as the broker takes them
  int subscribers = 1;
  // gRPC connections the subscribers share, round-robin (0 = one each).
  int connections = 0;
  bool kcat = true;
  int ops_port = 9464;  // ingestd's, for its memory after the run
};

// Stories of each format, the same every run but with ids of this run.
std::string BenchStory(int format, int n, const std::string& run_id, std::string* content_type);

absl::Status RunBench(const BenchOptions& options, std::ostream& out);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_BENCH_H_
