// IPTC ninjs (News in JSON), generations 1.x, 2.x and 3.x, to Stories.
//
// A record may hold one item, an array of items, or a feed object whose
// "items" / "item" / "_items" array holds them (BBC and Superdesk APIs). Each
// text item gives one story; pictures, graphics, video, audio, events,
// plannings and packages without text of their own give none, with a reason.
//
// Spellings read, per Story field (1.x snake case / 2.x lower case / 3.x
// camel case; Superdesk's 1.x extensions marked *):
//   source_guid      guid*, else uri          source_uri   uri
//   headline         headline, headlines[role main]
//   subheadline      headlines[role sub], description_text / _html, descriptions[]
//   paragraphs       body_html, body_xhtml, body_text, bodies[] (HTML preferred)
//   byline           byline, by               dateline     located
//   first_created    firstcreated, firstCreated
//   version_created  versioncreated, versionCreated
//   embargoed_until  embargoed, embargoedUntil
//   pub_status       pubstatus, pubStatus     copyright    copyrightnotice, copyrightNotice
//   editorial_note   ednote, edNote           keywords, slugline, language, urgency, version
//   subjects         subject[] {scheme, code}, subjects[] {uri | literal}, service[]*
//   source_section   service[0]*              agency       source*, infosources[], copyrightholder
//   provider         copyrightholder
//
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_NINJS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_NINJS_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True for anything that starts like a JSON object or array: the AP Media
// sniffer runs first, and JSON that is neither is refused by ParseNinjs with
// a reason rather than read as plain text.
bool SniffNinjs(const ParseInput& input);

// InvalidArgument "json: ..." for JSON that is not well-formed, "ninjs: ..."
// for JSON that holds no ninjs item.
absl::StatusOr<ParseResult> ParseNinjs(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_NINJS_H_
