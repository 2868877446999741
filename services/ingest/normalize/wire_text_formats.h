// WireText formats: sniffers and parsers, in the order the Normalizer tries them.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_TEXT_FORMATS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_TEXT_FORMATS_H_

#include <vector>

#include "services/ingest/normalize/format_parser.h"

namespace newswire {

std::vector<FormatParser> WireTextFormatParsers();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_TEXT_FORMATS_H_
