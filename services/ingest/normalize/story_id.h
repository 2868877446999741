// Story ids: stable identity for a story across its versions.
//
//   "<AGENCY or provider>:<source guid>"  when the source carries a guid
//   "url:<source url>"                    for pages and files without a guid
//   "sha256:<hex>"                        of headline + body otherwise
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_

#include <string>

#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

// The id for `story` from its source_guid, agency/provider, source_url or text.
std::string MakeStoryId(const v1::Story& story);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_STORY_ID_H_
