#include "services/ingest/normalize/rules/times.h"

#include <string>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/proto_time.h"

namespace newswire {
namespace {

// The innermost open log of this thread.
thread_local ScopedLocalTimeLog* open_log = nullptr;

// absl::ParseTime formats tried in order; %Ez takes +09:00, +0900 and Z.
constexpr const char* kFormats[] = {
    "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*S",  "%Y-%m-%dT%H:%M%Ez",
    "%Y-%m-%dT%H:%M",         "%Y-%m-%d %H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S",
    "%Y-%m-%d %H:%M",         "%Y-%m-%d",
    "%a, %d %b %Y %H:%M:%E*S %Ez", "%d %b %Y %H:%M:%E*S %Ez",
    "%a, %d %b %Y %H:%M %Ez", "%d %b %Y %H:%M %Ez",    "%a, %d %b %Y %H:%M:%E*S",
    "%d %b %Y %H:%M:%E*S",
};

// RFC 822 zone names absl does not know.
std::string ReplaceZoneName(absl::string_view text) {
  static constexpr struct {
    const char* name;
    const char* offset;
  } kZones[] = {{" GMT", " +0000"}, {" UT", " +0000"},  {" UTC", " +0000"}, {" EST", " -0500"},
                {" EDT", " -0400"}, {" CST", " -0600"}, {" CDT", " -0500"}, {" MST", " -0700"},
                {" MDT", " -0600"}, {" PST", " -0800"}, {" PDT", " -0700"}, {" CET", " +0100"},
                {" CEST", " +0200"}, {" JST", " +0900"}};
  std::string s(text);
  for (const auto& zone : kZones) {
    size_t n = std::char_traits<char>::length(zone.name);
    if (s.size() > n && s.compare(s.size() - n, n, zone.name) == 0) {
      return s.substr(0, s.size() - n) + zone.offset;
    }
  }
  return s;
}

bool AllDigits(absl::string_view s) { return !s.empty() && absl::c_all_of(s, absl::ascii_isdigit); }

// The compact ISO form (20221107T123000+0900) with separators put back, as
// absl's %Y would swallow every digit.
std::string ExpandCompactIso(const std::string& s) {
  if (s.size() < 8 || !AllDigits(s.substr(0, 8))) return s;
  std::string out = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
  if (s.size() == 8) return out;
  if (s[8] != 'T') return s;
  size_t digits = 9;
  while (digits < s.size() && absl::ascii_isdigit(s[digits])) ++digits;
  absl::string_view clock = absl::string_view(s).substr(9, digits - 9);
  if (clock.size() != 4 && clock.size() != 6) return s;
  absl::StrAppend(&out, "T", clock.substr(0, 2), ":", clock.substr(2, 2), ":",
                  clock.size() == 6 ? clock.substr(4, 2) : "00", s.substr(digits));
  return out;
}

}  // namespace

std::optional<absl::Time> ParseNewsTime(absl::string_view text) {
  std::string s = ExpandCompactIso(ReplaceZoneName(absl::StripAsciiWhitespace(text)));
  if (s.empty() || s.size() > 64) return std::nullopt;
  for (const char* format : kFormats) {
    absl::Time time;
    std::string error;
    if (absl::ParseTime(format, s, absl::UTCTimeZone(), &time, &error)) {
      ScopedLocalTimeLog::Note(time, absl::StrContains(format, "%Ez"));
      return time;
    }
  }
  return std::nullopt;
}

bool ParseNewsTimestamp(absl::string_view text, google::protobuf::Timestamp* out) {
  std::optional<absl::Time> time = ParseNewsTime(text);
  if (!time.has_value()) return false;
  *out = ToProtoTime(*time);
  return true;
}

ScopedLocalTimeLog::ScopedLocalTimeLog() : outer_(open_log) { open_log = this; }

ScopedLocalTimeLog::~ScopedLocalTimeLog() { open_log = outer_; }

void ScopedLocalTimeLog::Note(absl::Time time, bool had_offset) {
  if (open_log == nullptr) return;
  (had_offset ? open_log->with_offset_ : open_log->local_).push_back(time);
}

bool ScopedLocalTimeLog::ReadAsLocal(absl::Time time) const {
  return absl::c_linear_search(local_, time) && !absl::c_linear_search(with_offset_, time);
}

bool ScopedLocalTimeLog::ReadAsLocal(const google::protobuf::Timestamp& time) const {
  return ReadAsLocal(FromProtoTime(time));
}

absl::Time LocalTimeInZone(absl::Time read_as_utc, const absl::TimeZone& zone) {
  const absl::CivilSecond wall = absl::ToCivilSecond(read_as_utc, absl::UTCTimeZone());
  const absl::Duration fraction = read_as_utc - absl::FromCivil(wall, absl::UTCTimeZone());
  // `pre`: the offset in force before a change, so the first of a repeated
  // hour and the pre-change offset for a skipped one.
  return zone.At(wall).pre + fraction;
}

}  // namespace newswire
