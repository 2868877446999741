#include "tests/golden/story_fields.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace newswire::golden {
namespace {

std::string Collapse(absl::string_view text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
}

std::string TimeText(const google::protobuf::Timestamp& time, absl::Time record_time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "-";
  absl::Time value = absl::FromUnixSeconds(time.seconds());
  if (value == absl::FromUnixSeconds(absl::ToUnixSeconds(record_time))) return "-";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", value, absl::UTCTimeZone());
}

std::string PubStatusText(v1::PubStatus status) {
  switch (status) {
    case v1::PUB_STATUS_USABLE:
      return "usable";
    case v1::PUB_STATUS_WITHHELD:
      return "withheld";
    case v1::PUB_STATUS_CANCELED:
      return "canceled";
    default:
      return "unspecified";
  }
}

std::string SignalText(v1::Signal signal) {
  switch (signal) {
    case v1::SIGNAL_UPDATE:
      return "update";
    case v1::SIGNAL_CORRECTION:
      return "correction";
    case v1::SIGNAL_KILL:
      return "kill";
    default:
      return "none";
  }
}

// "wire", "url" and "sha256" ids name their scheme; any other id is the
// owner's prefix on the source's guid, or the guid alone when the story
// names no agency or provider (story_id.h).
std::string IdScheme(const v1::Story& story) {
  for (absl::string_view scheme : {"wire", "url", "sha256"}) {
    if (absl::StartsWith(story.id(), absl::StrCat(scheme, ":"))) return std::string(scheme);
  }
  if (!story.source_guid().empty() && (story.id() == story.source_guid() ||
                                       absl::EndsWith(story.id(), ":" + story.source_guid()))) {
    return "guid";
  }
  return absl::StrCat("other(", story.id(), ")");
}

}  // namespace

std::string ActualField(const v1::Story& story, absl::string_view field, absl::Time record_time) {
  if (field == "headline") return story.headline();
  if (field == "byline") return story.byline();
  if (field == "dateline_place") return story.dateline().place();
  if (field == "dateline_agency") return story.dateline().agency();
  if (field == "first_words") return story.paragraphs().empty() ? "" : story.paragraphs(0);
  if (field == "last_words") {
    return story.paragraphs().empty() ? "" : story.paragraphs(story.paragraphs_size() - 1);
  }
  if (field == "paragraphs") return absl::StrCat(story.paragraphs_size());
  if (field == "version") return absl::StrCat(story.version());
  if (field == "first_created") return TimeText(story.first_created(), record_time);
  if (field == "version_created") return TimeText(story.version_created(), record_time);
  if (field == "pub_status") return PubStatusText(story.pub_status());
  if (field == "signal") return SignalText(story.signal());
  if (field == "urgency") return absl::StrCat(story.urgency());
  if (field == "agency") return story.agency();
  if (field == "editorial_note") return story.editorial_note();
  if (field == "credit_line") return story.credit_line();
  if (field == "id_scheme") return IdScheme(story);
  if (field == "id") return story.id();
  return absl::StrCat("<unknown field ", field, ">");
}

bool FieldMatches(absl::string_view field, absl::string_view expected, absl::string_view actual) {
  std::string want = Collapse(expected);
  std::string have = Collapse(actual);
  if (field == "first_words") return want.empty() ? have.empty() : absl::StartsWith(have, want);
  if (field == "last_words") return want.empty() ? have.empty() : absl::EndsWith(have, want);
  return want == have;
}

std::string MutatedValue(absl::string_view field, absl::string_view value) {
  int64_t number = 0;
  if (absl::SimpleAtoi(value, &number)) return absl::StrCat(number + 1);
  if (field == "first_created" || field == "version_created") {
    // One hour later, or a time where there was none.
    absl::Time time;
    std::string error;
    if (absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", std::string(value), absl::UTCTimeZone(), &time,
                        &error)) {
      return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time + absl::Hours(1), absl::UTCTimeZone());
    }
    return "2001-02-03T04:05:06Z";
  }
  if (field == "first_words") return absl::StrCat("Mutated ", value);
  if (value.empty()) return "mutated";
  return absl::StrCat(value, " mutated");
}

}  // namespace newswire::golden
