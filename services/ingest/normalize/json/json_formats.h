// JSON formats: AP Media API envelopes and IPTC ninjs (1.x, 2.x, 3.x), as
// FormatParsers in the order the Normalizer tries them. See json_ap_media.h
// and json_ninjs.h for what each reads.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FORMATS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FORMATS_H_

#include <vector>

#include "services/ingest/normalize/rules/format_parser.h"

namespace newswire {

std::vector<FormatParser> JsonFormatParsers();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FORMATS_H_
