// Wire text formats: ANPA-1312 and IPTC 7901, recognised by their control
// characters, as FormatParsers in the order the Normalizer tries them. Plain
// text without those controls is not theirs. See wire_anpa.h and
// wire_iptc7901.h for what each reads.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_TEXT_FORMATS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_TEXT_FORMATS_H_

#include <vector>

#include "services/ingest/normalize/rules/format_parser.h"

namespace newswire {

std::vector<FormatParser> WireTextFormatParsers();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_TEXT_FORMATS_H_
