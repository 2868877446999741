#include "services/ingest/common/proto_time.h"

#include <cstdint>

namespace newswire {

absl::Time FromProtoTime(const google::protobuf::Timestamp& time) {
  return absl::FromUnixSeconds(time.seconds()) + absl::Nanoseconds(time.nanos());
}

google::protobuf::Timestamp ToProtoTime(absl::Time time) {
  constexpr int64_t kMicrosPerSecond = 1000000;
  const int64_t micros = absl::ToUnixMicros(time);  // rounds toward the past
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t rest = micros % kMicrosPerSecond;
  if (rest < 0) {  // C++ division truncates toward zero
    rest += kMicrosPerSecond;
    --seconds;
  }
  google::protobuf::Timestamp out;
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(rest * 1000));
  return out;
}

}  // namespace newswire
