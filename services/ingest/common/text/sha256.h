// Sha256Hex: the lower-case hex SHA-256 of some bytes, as story ids, content
// fingerprints and the DLQ's x-newswire-original-sha256 header write it.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_SHA256_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_SHA256_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(absl::string_view bytes);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_SHA256_H_
