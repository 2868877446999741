// The XML wire formats the Normalizer knows, in the order it tries them:
// NITF, NewsML-G2, NewsML 1.2, Atom, RSS 2.0/1.0 and Ritzau XML.
//
// Each sniffer reads only the root element of the raw bytes (after a BOM,
// the XML declaration, comments and a DOCTYPE); the content-type header is
// not needed. HTML pages (<html> roots) match none of them. Parsers are in
// xml_nitf.h, xml_newsml_g2.h, xml_newsml1.h, xml_feeds.h and xml_ritzau.h;
// all parse with the safe libxml2 wrapper in xml_doc.h.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FORMATS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FORMATS_H_

#include <vector>

#include "services/ingest/normalize/rules/format_parser.h"

namespace newswire {

std::vector<FormatParser> XmlFormatParsers();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FORMATS_H_
