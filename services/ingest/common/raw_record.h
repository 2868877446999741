// RawRecord: one record of the raw topic as plain data, free of librdkafka
// types. The Kafka source builds it; the normalize pipeline and the DLQ read it.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_RAW_RECORD_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_RAW_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire {

// Header names the raw topic uses (set by `wirectl publish` and scrapers).
inline constexpr absl::string_view kHeaderContentType = "content-type";
inline constexpr absl::string_view kHeaderSourceUrl = "source-url";
inline constexpr absl::string_view kHeaderAgency = "agency";

struct RawRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  absl::Time timestamp = absl::UnixEpoch();  // Kafka record timestamp
  std::string key;
  std::string value;
  // A Kafka tombstone: the value is null, not empty (`value` is then empty).
  // Kept so that a DLQ copy of it is a tombstone too.
  bool value_is_null = false;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the consumer could not read the record at `offset` at all (a
  // batch that does not decompress, a corrupt batch): the error, as
  // "<error name>: <message>". Key, value and headers are then empty and the
  // value null; the source has already moved past the offset.
  std::string unreadable;

  // First header with this name (case-insensitive), if any.
  std::optional<std::string> Header(absl::string_view name) const;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_RAW_RECORD_H_
