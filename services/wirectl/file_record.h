// Files as raw records: what `wirectl publish` sends and `wirectl normalize`
// reads, built the same way so both see the same headers.
#ifndef NEWSWIRE_SERVICES_WIRECTL_FILE_RECORD_H_
#define NEWSWIRE_SERVICES_WIRECTL_FILE_RECORD_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/ingest/common/raw_record.h"

namespace newswire {

// Content type from the file name: .xml, .json, .html/.htm, else text/plain.
std::string GuessContentType(const std::string& path);

// Reads `path` into a record: value = the bytes, key = source URL,
// headers content-type (given, else guessed) and source-url (given, else the
// path), timestamp = the file's modification time.
absl::StatusOr<RawRecord> RecordFromFile(const std::string& path, const std::string& content_type,
                                         const std::string& source_url);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_FILE_RECORD_H_
