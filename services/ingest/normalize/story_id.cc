#include "services/ingest/normalize/story_id.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/normalize/wire/wire_keyword.h"
#include "services/ingest/common/text/sha256.h"

namespace newswire {
namespace {

// Hex digits of the headline digest in a topic key: 48 bits, so two of a
// day's stories under one keyword line collide with odds of 1 in 10^14.
constexpr size_t kHeadlineDigestLength = 12;

bool IsWireFormat(v1::SourceFormat format) {
  return format == v1::SOURCE_FORMAT_ANPA_1312 || format == v1::SOURCE_FORMAT_IPTC_7901 ||
         format == v1::SOURCE_FORMAT_NITF;
}

std::string FormatOwner(v1::SourceFormat format) {
  switch (format) {
    case v1::SOURCE_FORMAT_ANPA_1312:
      return "anpa";
    case v1::SOURCE_FORMAT_IPTC_7901:
      return "iptc7901";
    default:
      return "nitf";
  }
}

// Lower case, whitespace runs as one space, trimmed.
std::string Folded(absl::string_view text) {
  return absl::AsciiStrToLower(
      absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " "));
}

// "wire:AP:20160829:us--giantlobsterdeath", or nullopt when the story has
// no slugline or no time to date it by.
std::optional<std::string> WireId(const v1::Story& story,
                                  std::optional<absl::CivilDay> cycle_day) {
  if (story.slugline().empty() || !story.has_version_created()) return std::nullopt;
  bool topic = story.source_format() == v1::SOURCE_FORMAT_IPTC_7901 ||
               wire::IsAlertKeyword(story.slugline());
  std::string key;
  if (topic) {
    absl::string_view words = story.headline();
    if (words.empty() && story.paragraphs_size() > 0) words = story.paragraphs(0);
    if (words.empty()) return std::nullopt;
    // An alert keyword is an AP keyword: without its cycle, as every other.
    std::string topic_key = wire::IsAlertKeyword(story.slugline())
                                ? wire::KeywordKey(story.slugline())
                                : Folded(absl::StrReplaceAll(story.slugline(), {{" ", ""}}));
    key = absl::StrCat(topic_key, "/", Sha256Hex(Folded(words)).substr(0, kHeadlineDigestLength));
  } else {
    key = wire::KeywordIdentity(story.slugline());
    if (key.empty()) return std::nullopt;
  }
  const std::string& owner = !story.agency().empty()     ? story.agency()
                             : !story.provider().empty() ? story.provider()
                                                         : FormatOwner(story.source_format());
  absl::CivilDay day =
      cycle_day ? *cycle_day
                : absl::ToCivilDay(FromProtoTime(story.version_created()),
                                   absl::UTCTimeZone());
  return absl::StrCat("wire:", owner, ":", absl::Dec(day.year(), absl::kZeroPad4),
                      absl::Dec(day.month(), absl::kZeroPad2),
                      absl::Dec(day.day(), absl::kZeroPad2), ":", key);
}

}  // namespace

std::string MakeStoryId(const v1::Story& story, std::optional<absl::CivilDay> cycle_day) {
  if (!story.source_guid().empty()) {
    const std::string& owner = !story.agency().empty() ? story.agency() : story.provider();
    return owner.empty() ? story.source_guid() : absl::StrCat(owner, ":", story.source_guid());
  }
  bool wire = IsWireFormat(story.source_format());
  if (wire) {
    if (std::optional<std::string> id = WireId(story, cycle_day)) return *id;
  } else if (!story.source_url().empty()) {
    return absl::StrCat("url:", story.source_url());
  }
  std::string text = story.headline();
  for (const std::string& paragraph : story.paragraphs()) absl::StrAppend(&text, "\n", paragraph);
  return absl::StrCat("sha256:", Sha256Hex(text));
}

}  // namespace newswire
