#include "services/ingest/normalize/wire/wire_text_formats.h"

#include "services/ingest/normalize/wire/wire_anpa.h"
#include "services/ingest/normalize/wire/wire_iptc7901.h"

namespace newswire {

std::vector<FormatParser> WireTextFormatParsers() {
  // ANPA first: its SYN SYN SOH opening is the more specific one.
  return {
      {v1::SOURCE_FORMAT_ANPA_1312, &SniffAnpa, &ParseAnpa},
      {v1::SOURCE_FORMAT_IPTC_7901, &SniffIptc7901, &ParseIptc7901},
  };
}

}  // namespace newswire
