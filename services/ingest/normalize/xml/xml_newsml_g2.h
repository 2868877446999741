// NewsML-G2 2.x (IPTC): a newsItem, or a newsMessage whose itemSet carries
// several items (one story per text item, in document order).
//
// A text newsItem gives a story: @guid/@version, itemMeta (provider, times,
// pubStatus, embargoed, signals, edNotes, service), contentMeta (headline,
// subheadline or summary, by/creator, dateline/located, urgency, subjects
// with their qcode scheme, keywords, slugline, language) and the body from
// contentSet inlineXML (XHTML or NITF) or inlineData (plain text or HTML).
// Items with no text story give a reason instead: "package of links"
// (packageItem), "picture item"/"video item"/"graphic item"/... (non-text
// itemClass without text content), "knowledge item", "concept item",
// "planning item".
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML_G2_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML_G2_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True when the root element is a NewsML-G2 item or newsMessage (in the G2
// namespace, or in none).
bool SniffNewsMlG2(const ParseInput& input);

// InvalidArgument "xml: ..." when not well-formed, "newsml-g2: ..." when the
// root is not a G2 item or message.
absl::StatusOr<ParseResult> ParseNewsMlG2(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML_G2_H_
