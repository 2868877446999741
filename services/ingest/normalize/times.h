// Time stamps as news formats write them, to google.protobuf.Timestamp (UTC).
//
// ParseNewsTime accepts, with or without zone (no zone = UTC):
//   ISO 8601 / RFC 3339   2022-11-07T12:30:00Z, 2022-11-07T12:30:00.123+09:00,
//                         2017-08-24T04:38:34+0000, 2022-11-07 12:30:00, 2022-11-07
//   compact ISO (NITF)    20221107T123000+0900, 20221107T123000Z, 20221107
//   RFC 822 / 1123 (RSS)  Mon, 07 Nov 2022 12:30:00 GMT, 7 Nov 2022 12:30 +0900
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_TIMES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_TIMES_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace newswire {

std::optional<absl::Time> ParseNewsTime(absl::string_view text);

// ParseNewsTime into a Timestamp; false (and `out` untouched) if unparsable.
bool ParseNewsTimestamp(absl::string_view text, google::protobuf::Timestamp* out);

google::protobuf::Timestamp ToTimestamp(absl::Time time);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_TIMES_H_
