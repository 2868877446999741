// create_topics: creates Kafka topics for end-to-end suites that are not
// written in C++ (the Python client's, tests/e2e/python_client_e2e_test.sh)
// with the same CreateTopics() the C++ fixture uses, so it returns only once
// every partition answers on its leader (records produced earlier could be
// acknowledged and lost).
//
//   create_topics --brokers=127.0.0.1:19092 name.raw:3 name.stories:1 ...
//
// Exit 0 when every topic exists, 1 with a message on stderr otherwise.
#include <iostream>
#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "services/ingest/kafka/kafka_client.h"

int main(int argc, char** argv) {
  newswire::KafkaOptions options;
  std::map<std::string, int> topics;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (absl::StartsWith(arg, "--brokers=")) {
      options.brokers = arg.substr(10);
      continue;
    }
    size_t colon = arg.rfind(':');
    int partitions = 0;
    if (colon == std::string::npos || colon == 0 ||
        !absl::SimpleAtoi(arg.substr(colon + 1), &partitions) || partitions < 1) {
      std::cerr << "create_topics: want NAME:PARTITIONS, got '" << arg << "'\n";
      return 1;
    }
    topics[arg.substr(0, colon)] = partitions;
  }
  if (topics.empty()) {
    std::cerr << "usage: create_topics --brokers=HOST:PORT NAME:PARTITIONS...\n";
    return 1;
  }
  absl::Status status = newswire::CreateTopics(options, topics, absl::Seconds(30));
  if (!status.ok()) {
    std::cerr << "create_topics: " << status << "\n";
    return 1;
  }
  return 0;
}
