// Reading a whole file into memory: configuration files (mapping tables,
// provider profiles, tokens, TLS keys), models and `wirectl` inputs.
//
//   NW_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, "model file"));
//
// Pure apart from the file system; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_FILE_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire {

// The bytes of the file at `path`, unchanged. NotFound when it cannot be
// opened (missing, a folder, no permission), DataLoss when reading fails part
// way. Messages read "`what` `path`: cannot open" ("model file /m.nwtm:
// cannot open"); `what` may be empty.
absl::StatusOr<std::string> ReadFile(const std::string& path, absl::string_view what = "");

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_FILE_H_
