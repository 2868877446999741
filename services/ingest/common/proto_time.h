// google.protobuf.Timestamp <-> absl::Time, the one conversion every stage uses.
//
//   absl::Time created = FromProtoTime(story.version_created());
//   *event.mutable_log_time() = ToProtoTime(record.timestamp);
//
// Story times are kept to the microsecond (the view's keys, the Kafka
// timestamps), so ToProtoTime drops what is below one, rounding toward the
// past; nanos stay in 0..999,999,999 as timestamp.proto requires, also
// before 1970. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_PROTO_TIME_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace newswire {

absl::Time FromProtoTime(const google::protobuf::Timestamp& time);

google::protobuf::Timestamp ToProtoTime(absl::Time time);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_PROTO_TIME_H_
