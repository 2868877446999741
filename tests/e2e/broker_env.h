// What end-to-end tests need from their surroundings: the broker address
// (from NEWSWIRE_KAFKA_BROKERS, set by tools/test.sh after it starts the
// broker), topic names of their own, free loopback ports, and runfiles.
#ifndef NEWSWIRE_TESTS_E2E_BROKER_ENV_H_
#define NEWSWIRE_TESTS_E2E_BROKER_ENV_H_

#include <string>

namespace newswire::e2e {

// The broker to use, or "" when none is configured. Tests call
// SkipOrFailWithoutBroker() first.
std::string Brokers();

// True when the suite demands a broker (NEWSWIRE_REQUIRE_BROKER=1, set by
// tools/test.sh and CI): a missing broker is then a failure, not a skip.
bool BrokerRequired();

// A name unique to this test run: "<prefix>-<pid>-<random>".
std::string UniqueName(const std::string& prefix);

// A loopback TCP port that was free a moment ago.
int FreePort();

}  // namespace newswire::e2e

// Skips the test (or fails it when a broker is required) without a broker.
#define NW_REQUIRE_BROKER()                                                         \
  do {                                                                              \
    if (::newswire::e2e::Brokers().empty()) {                                       \
      if (::newswire::e2e::BrokerRequired()) {                                      \
        FAIL() << "NEWSWIRE_KAFKA_BROKERS is not set but NEWSWIRE_REQUIRE_BROKER=1"; \
      }                                                                             \
      GTEST_SKIP() << "no broker: run tools/test.sh, or set NEWSWIRE_KAFKA_BROKERS"; \
    }                                                                               \
  } while (0)

#endif  // NEWSWIRE_TESTS_E2E_BROKER_ENV_H_
