// Story ids: stable identity for a story across its versions.
//
//   "<AGENCY or provider>:<source guid>"  when the source carries a guid
//   "wire:<OWNER>:<YYYYMMDD>:<key>"       wire items without a guid
//                                         (ANPA-1312, IPTC 7901, NITF
//                                         without doc-id or du-key)
//   "url:<source url>"                    for pages, feed entries and plain
//                                         files without a guid
//   "sha256:<hex>"                        of headline + body otherwise
//
// The wire id is what the agencies mean by one story: OWNER is the story's
// agency (else provider, else the format: "anpa", "iptc7901", "nitf"),
// YYYYMMDD the day of the agency's news cycle where the format writes it
// (AP's ANPA header date: a lead sent at 23:50 GMT and its write-thru at
// 00:10 GMT carry the same date, AP's, and share the id), else the UTC day
// of version_created (the transmission date), and key the slugline as a story key. For ANPA and NITF the
// slugline is AP's keyword, one per story across its leads and write-thrus
// (wire_keyword.h: "us--giantlobsterdeath"). IPTC 7901 keyword lines are
// topics ("Germany-politics"), shared by the day's stories, and AP news
// alerts all say "APNewsAlert": their key adds the first 12 hex digits of
// the SHA-256 of the lower-cased headline ("germany-politics/3f2a...").
// A wire item's source url is where the file lay, never its identity.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

// The id for `story` from its source_guid, agency/provider, format,
// slugline and version_created (or `cycle_day`, the format's own cycle date,
// for a wire id), source_url or text.
std::string MakeStoryId(const v1::Story& story,
                        std::optional<absl::CivilDay> cycle_day = std::nullopt);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_
