// JSON log lines: one object per line on stderr, for operators and log shippers.
//
//   LogInfo("ingest started", {{"brokers", brokers}});
//   LogError("record to DLQ", {{"topic", t}, {"partition", "2"}, {"offset", "41"}});
//
// Thread-safe (one write(2) per line).
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_JSON_LOG_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_JSON_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

using LogFields = std::vector<std::pair<std::string, std::string>>;

void LogLine(absl::string_view level, absl::string_view message, const LogFields& fields = {});
inline void LogInfo(absl::string_view message, const LogFields& fields = {}) {
  LogLine("info", message, fields);
}
inline void LogWarning(absl::string_view message, const LogFields& fields = {}) {
  LogLine("warning", message, fields);
}
inline void LogError(absl::string_view message, const LogFields& fields = {}) {
  LogLine("error", message, fields);
}

// `s` as a JSON string literal, quotes included; invalid UTF-8 bytes become U+FFFD.
std::string JsonQuote(absl::string_view s);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_JSON_LOG_H_
