// The hostile suite: named raw records that attack ingest (oversized values,
// parser bombs, broken encodings, odd Kafka records), each with what the
// service must make of it. The e2e test (tests/e2e/hostile_e2e_test.cc)
// publishes every case to a real ingestd; other tools may write them out.
//
//   for (const HostileCase& c : hostile::AllHostileCases()) { ... }
//
// Deterministic: the same build always gives the same bytes. Expectations
// follow the shared contracts of the hostile-input fixes (DLQ kinds, the
// "too costly" reason, the UTF-8 repair policy), not today's behaviour.
#ifndef NEWSWIRE_TESTS_HOSTILE_HOSTILE_RECORDS_H_
#define NEWSWIRE_TESTS_HOSTILE_HOSTILE_RECORDS_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newswire/v1/story.pb.h"

namespace newswire::hostile {

enum class Expect {
  kDlq,         // must go to the DLQ
  kStory,       // must become a story (and pass the story checks)
  kDlqOrStory,  // either, but exactly one of them
};

// A property a story made of the case must have. `check` returns "" when
// it holds, else what is wrong.
struct StoryCheck {
  std::string what;
  std::function<std::string(const v1::Story&)> check;
};

struct HostileCase {
  std::string name;   // unique, "class/what-size"
  std::string klass;  // oversized, xml, html, json, text, kafka
  std::optional<std::string> key;    // nullopt: a null key
  std::optional<std::string> value;  // nullopt: a null value (a tombstone)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string compression = "none";  // the producer's compression.type
  Expect expect = Expect::kDlqOrStory;
  // When it lands in the DLQ: the expected reason label (x-newswire-reason,
  // the metric label, e.g. "too_costly") and x-newswire-dlq-kind
  // ("copy" or "reference"); "" accepts any.
  std::string dlq_reason;
  std::string dlq_kind;
  // When it becomes a story: checks on every story it makes.
  std::vector<StoryCheck> story_checks;

  // Bytes the case puts on the wire: key + value + headers.
  size_t WireBytes() const;
};

// Every case, ordered so that the ones most likely to stall a service that
// lacks the fixes (oversized records) come last.
std::vector<HostileCase> AllHostileCases();

// "" when every story field (headline, paragraphs, byline, ...) is valid
// UTF-8 without surrogates, overlong forms or NUL; else the first bad field.
std::string CheckStoryText(const v1::Story& story);

const char* ExpectName(Expect expect);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_HOSTILE_HOSTILE_RECORDS_H_
