// Ritzau's own XML (Ritzaus Bureau, Denmark): an <RBNews> record, or a
// queue response (<XMLNewsQueuedResponse>) listing several in ListOfRBNews.
// It is neither NITF nor NewsML-G2 but a serialized record of Ritzau's
// system; the stories are marked SOURCE_FORMAT_RITZAU_XML.
//
// Read: NewsID (guid), version, PublishDate, headline, subtitle
// (subheadline), strapline (slugline), byLine, town (dateline place),
// section (section label), Priority (urgency), content (escaped HTML, with
// double-escaped entities and UTF-8 read as Latin-1 repaired), IPTCList
// ("subj" subjects), SubjectKeyword (keywords), TilRedaktionen (editorial
// note), the Annuleret/Korrektion/NyVersion flags (kill, correction,
// update) and origin ("/ritzau/" is Ritzau's own copy; "Via Ritzau" is
// third-party copy Ritzau only distributes: provider Ritzau, no agency).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_RITZAU_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_RITZAU_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True for an <RBNews> root, or a root whose first 8 KiB hold <ListOfRBNews>.
bool SniffRitzau(const ParseInput& input);

absl::StatusOr<ParseResult> ParseRitzau(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_RITZAU_H_
