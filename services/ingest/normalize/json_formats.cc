#include "services/ingest/normalize/json_formats.h"

namespace newswire {

std::vector<FormatParser> JsonFormatParsers() { return {}; }

}  // namespace newswire
