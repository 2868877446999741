// AP Media API JSON (api.ap.org/media/v) to Stories.
//
// A record is a content response ({"api_version", "data": {"item": {...}}})
// or a feed/search page ({"data": {"items": [{"meta", "item"}]}}). The API
// describes items and links their text: a text item's story is a rendition
// (renditions.nitf.href, renditions.anpa.href) fetched and ingested on its
// own. So an item gives a story only when the record carries its text
// (body_html / body_text, as some relays inline it); metadata-only text
// items, pictures, graphics, video and audio give a reason instead.
//
// Fields read: altids.itemid (source_guid), uri, version, headline,
// headline_extended (subheadline), bylines[].by + title, datelinelocation.city
// (dateline place), firstcreated, versioncreated, embargoed, pubstatus,
// urgency, signals, language, subject[] (rels category -> "ap-category" and
// source_section), keywords, slugline, ednote, copyrightnotice, provider.
// Agency is always "AP". Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_AP_MEDIA_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_AP_MEDIA_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True for a JSON object with the AP envelope: "api_version", or "data"
// holding "item" or "items".
bool SniffApMedia(const ParseInput& input);

// InvalidArgument "json: ..." for JSON that is not well-formed,
// "ap media: ..." when the envelope holds no item.
absl::StatusOr<ParseResult> ParseApMedia(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_AP_MEDIA_H_
