// What became of one hostile record, judged against its case: the stories
// logged with its origin and the DLQ records naming it (by the FIRST
// x-newswire-origin-* headers, the service's by the DLQ contract). Pure:
// the e2e test gathers the records, this decides.
//
//   Verdict verdict = JudgeCase(c, raw_topic, stories_of_record, dlq_of_record);
//   if (!verdict.problems.empty()) ...
#ifndef NEWSWIRE_TESTS_HOSTILE_HOSTILE_VERDICT_H_
#define NEWSWIRE_TESTS_HOSTILE_HOSTILE_VERDICT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "newswire/v1/story.pb.h"
#include "tests/hostile/hostile_records.h"
#include "tests/hostile/kafka_probe.h"

namespace newswire::hostile {

// A DLQ reference carries at most this much of the raw value.
inline constexpr size_t kReferencePrefixLimit = 64 * 1024;

struct Verdict {
  // "story", "N stories", "dlq <reason label> <kind>", "VANISHED" or "BOTH".
  std::string outcome;
  // Each way the record's fate breaks its case or a contract; empty: fine.
  std::vector<std::string> problems;
};

Verdict JudgeCase(const HostileCase& c, const std::string& raw_topic,
                  const std::vector<v1::Story>& stories, const std::vector<ProbeRecord>& dlq);

// (partition, offset) a DLQ record names by its first origin headers;
// -1 where a header is missing or not a number.
std::pair<int32_t, int64_t> DlqOrigin(const ProbeRecord& record);

// Lowercase hex SHA-256, as x-newswire-original-sha256 carries it.
std::string Sha256Hex(const std::string& bytes);

// `text` cut to `limit` bytes with non-printable bytes as \xNN, for messages.
std::string Printable(const std::string& text, size_t limit = 80);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_HOSTILE_HOSTILE_VERDICT_H_
