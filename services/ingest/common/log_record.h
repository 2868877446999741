// LogRecord: one record of the stories log as plain data, free of librdkafka
// types. The Kafka log reader builds it; the view's fold reads it.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_LOG_RECORD_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_LOG_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace newswire {

// One record of the stories log.
struct LogRecord {
  int64_t offset = 0;
  absl::Time timestamp = absl::UnixEpoch();  // Kafka timestamp of the log record
  std::string value;                         // serialized v1::Story
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_LOG_RECORD_H_
