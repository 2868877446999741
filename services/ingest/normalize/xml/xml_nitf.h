// NITF 3.x (IPTC News Industry Text Format), as AP, AAP, PA, EFE and NTB send
// it: one <nitf> document is one story.
//
// Read: doc-id (guid), du-key (slugline, version), urgency, date.issue (the
// version's time), date.release (embargo when later than issue or when
// management-status says "embargoed"), management-status, doc.copyright,
// ed-msg, key-list, tobject subjects ("subj" scheme) and ANPA category meta,
// section labels (pubdata position.section, doc-scope, anpa-category,
// tobject.type), hedline hl1/hl2, abstract, byline/byttl, distributor,
// dateline/location, body.content paragraphs. Namespaced NITF (the 2006 NITF
// namespace) reads the same.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NITF_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NITF_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "services/ingest/normalize/xml/xml_doc.h"

namespace newswire {

// True when the root element is <nitf>.
bool SniffNitf(const ParseInput& input);

// One story from a NITF document; InvalidArgument "xml: ..." when the bytes
// are not well-formed XML, "nitf: ..." when the root is not <nitf>.
absl::StatusOr<ParseResult> ParseNitf(const ParseInput& input);

namespace xml {

// The story a <nitf> element describes (source_format NITF).
v1::Story StoryFromNitf(Node nitf);

// The paragraphs of a <nitf> element's body.content (for NITF carried inside
// NewsML-G2 and NewsML 1 items).
std::vector<std::string> NitfBodyParagraphs(Node nitf);

}  // namespace xml
}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NITF_H_
