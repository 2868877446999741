// What the version words of a wire message say about it: ANPA's version
// field ("1st Ld-Writethru", "Correction", "Kill") and dpa's flag lines
// ("1ST LEAD", "(Achtung Korrektur)", "REFILE").
//
//   VersionWords words = ReadVersionWords("2nd Ld-Writethru");
//   // words.version == 3, words.signal == SIGNAL_UPDATE
//
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_VERSION_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_VERSION_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire::wire {

struct VersionWords {
  // The n-th new lead or write-through is the story's version n + 1 ("1st
  // Ld" -> 2); an unnumbered lead ("Ld-Writethru", "Lead") is the first,
  // 2; a write-thru without a lead ("Writethru") 1: each orders after the
  // first transmission, 0, as do words that give no version.
  int64_t version = 0;
  // Kill ("Kill", "Elimination", "withdrawn", "zurückgezogen") over
  // correction ("Correction", "Corrective", "Korrektur", "Berichtigung")
  // over update ("Ld", "Lead", "Writethru", "Sub", "Update", "Neufassung").
  v1::Signal signal = v1::SIGNAL_UNSPECIFIED;
};

// Reads `words` in any case, spacing and hyphenation. A resend ("REFILE",
// "Repeat") and a priority word ("Urgent", "Advisory") say nothing.
VersionWords ReadVersionWords(absl::string_view words);

}  // namespace newswire::wire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_WIRE_VERSION_H_
