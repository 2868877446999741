#include "services/ingest/normalize/wire_text_formats.h"

namespace newswire {

std::vector<FormatParser> WireTextFormatParsers() { return {}; }

}  // namespace newswire
