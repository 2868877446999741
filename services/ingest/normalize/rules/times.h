// Time stamps as news formats write them, to google.protobuf.Timestamp (UTC).
//
// ParseNewsTime accepts, with or without zone (no zone: read as UTC, and
// noted as a local time, see ScopedLocalTimeLog):
//   ISO 8601 / RFC 3339   2022-11-07T12:30:00Z, 2022-11-07T12:30:00.123+09:00,
//                         2017-08-24T04:38:34+0000, 2022-11-07 12:30:00, 2022-11-07
//   compact ISO (NITF)    20221107T123000+0900, 20221107T123000Z, 20221107
//   RFC 822 / 1123 (RSS)  Mon, 07 Nov 2022 12:30:00 GMT, 7 Nov 2022 12:30 +0900
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TIMES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TIMES_H_

#include <optional>

#include "absl/container/inlined_vector.h"

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace newswire {

std::optional<absl::Time> ParseNewsTime(absl::string_view text);

// ParseNewsTime into a Timestamp; false (and `out` untouched) if unparsable.
bool ParseNewsTimestamp(absl::string_view text, google::protobuf::Timestamp* out);

// A time written without a UTC offset ("2019-04-15T11:12:24") is the local
// time of the provider, which is known only once the record is parsed
// (provider_profiles.h). Parsers read such a time as if it were UTC; while a
// ScopedLocalTimeLog is open on the thread, every time read is noted with
// whether it had an offset, so the Normalizer can move exactly the local
// ones to the provider's zone afterwards. The same pattern as
// ScopedWorkBudget: per thread, nests, nothing shared. Not copyable; must be
// destroyed on the thread that made it.
class ScopedLocalTimeLog {
 public:
  ScopedLocalTimeLog();
  ~ScopedLocalTimeLog();
  ScopedLocalTimeLog(const ScopedLocalTimeLog&) = delete;
  ScopedLocalTimeLog& operator=(const ScopedLocalTimeLog&) = delete;

  // True when `time` came from a time read without an offset in this scope,
  // and no time with an offset read here gave the same instant (then which
  // one a field holds is unknowable, and it is left as read).
  bool ReadAsLocal(absl::Time time) const;
  bool ReadAsLocal(const google::protobuf::Timestamp& time) const;
  // Whether any time without an offset was read in this scope.
  bool AnyLocal() const { return !local_.empty(); }

  // For parsers that build times themselves (wire trailers): notes `time`,
  // read as UTC, with whether the source gave it an offset or zone. A no-op
  // when no log is open.
  static void Note(absl::Time time, bool had_offset);

 private:
  // A record gives a handful of times: no allocation for them.
  absl::InlinedVector<absl::Time, 8> local_;
  absl::InlinedVector<absl::Time, 8> with_offset_;
  ScopedLocalTimeLog* outer_;
};

// The instant whose wall-clock time in `zone` is the wall-clock time
// `read_as_utc` has in UTC: the local time, moved to its zone. Daylight
// saving is the zone's own: a wall time that occurs twice (the hour the
// clocks go back) is the first of the two; one that does not exist (the hour
// they go forward) is read with the offset in force before the change.
absl::Time LocalTimeInZone(absl::Time read_as_utc, const absl::TimeZone& zone);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_TIMES_H_
