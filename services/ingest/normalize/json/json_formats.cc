#include "services/ingest/normalize/json/json_formats.h"

#include "services/ingest/normalize/json/json_ap_media.h"
#include "services/ingest/normalize/json/json_ninjs.h"

namespace newswire {

std::vector<FormatParser> JsonFormatParsers() {
  // AP Media first: its sniffer checks the envelope; ninjs takes any other
  // JSON and refuses what is not ninjs with a reason.
  return {
      {v1::SOURCE_FORMAT_AP_MEDIA_JSON, &SniffApMedia, &ParseApMedia},
      {v1::SOURCE_FORMAT_NINJS, &SniffNinjs, &ParseNinjs},
  };
}

}  // namespace newswire
