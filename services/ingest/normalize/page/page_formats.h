// Scraped pages: HTML article pages and whole-page text, with sniffers and
// parsers in the order the Normalizer tries them (after the feed formats,
// before plain text).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_FORMATS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_FORMATS_H_

#include <vector>

#include "services/ingest/normalize/rules/format_parser.h"

namespace newswire {

std::vector<FormatParser> PageFormatParsers();

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_FORMATS_H_
