#include "services/ingest/normalize/xml_formats.h"

namespace newswire {

std::vector<FormatParser> XmlFormatParsers() { return {}; }

}  // namespace newswire
