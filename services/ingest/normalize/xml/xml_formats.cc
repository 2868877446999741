#include "services/ingest/normalize/xml/xml_formats.h"

#include "services/ingest/normalize/xml/xml_feeds.h"
#include "services/ingest/normalize/xml/xml_newsml1.h"
#include "services/ingest/normalize/xml/xml_newsml_g2.h"
#include "services/ingest/normalize/xml/xml_nitf.h"
#include "services/ingest/normalize/xml/xml_ritzau.h"

namespace newswire {

std::vector<FormatParser> XmlFormatParsers() {
  return {
      {v1::SOURCE_FORMAT_NITF, &SniffNitf, &ParseNitf},
      {v1::SOURCE_FORMAT_NEWSML_G2, &SniffNewsMlG2, &ParseNewsMlG2},
      {v1::SOURCE_FORMAT_NEWSML_1, &SniffNewsMl1, &ParseNewsMl1},
      {v1::SOURCE_FORMAT_ATOM, &SniffAtom, &ParseAtom},
      {v1::SOURCE_FORMAT_RSS, &SniffRss, &ParseRss},
      {v1::SOURCE_FORMAT_RITZAU_XML, &SniffRitzau, &ParseRitzau},
  };
}

}  // namespace newswire
