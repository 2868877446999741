// MappingTables: what the source says about a story's topic, mapped onto the
// 17 top-level media topics.
//
// The tables come from a versioned TSV file (data/mapping.tsv, compiled in as
// the default); an operator adds or overrides rows with a file of the same
// format, read at startup, without a rebuild:
//
//   absl::StatusOr<MappingTables> tables = MappingTables::LoadDefault(override_path);
//   tables->ExpandMedtop("medtop:20000523");        // labour
//   tables->MapCode("anpa-category", "f");          // economy, 0.9
//   tables->MapLabel("Politiikka");                 // politics
//   tables->MapUrl("https://example.com/sport/x");  // sport, segment "sport"
//
// A lookup gives the topic with a confidence, a "known, names no topic"
// answer (topic -1: labels such as "world" or ANPA "a"), or nothing for keys
// the tables do not know. Immutable after loading; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_MAPPING_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_MAPPING_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::tag {

struct MappedTopic {
  int topic = -1;            // index into kTopics; -1: known, but names no topic
  float confidence = 0.0f;   // 0..1

  bool topical() const { return topic >= 0; }
};

struct UrlMatch {
  MappedTopic mapped;
  std::string segment;  // the path segment that named it, as written
};

class MappingTables {
 public:
  // Tables from TSV text; `origin` names it in errors ("mapping.tsv line 7: ...").
  static absl::StatusOr<MappingTables> Parse(absl::string_view tsv, absl::string_view origin);

  // The compiled-in default tables, then the rows of `override_path` (if not
  // empty) added over them.
  static absl::StatusOr<MappingTables> LoadDefault(const std::string& override_path);

  // Adds the rows of `tsv` over the current ones (same kind and key: replaced).
  absl::Status Merge(absl::string_view tsv, absl::string_view origin);

  // The "version" row(s) of the loaded files, joined by "+".
  const std::string& version() const { return version_; }

  // A media topic code at any depth ("20000523", "medtop:20000523") to its
  // top level; top-level codes map to themselves.
  std::optional<MappedTopic> ExpandMedtop(absl::string_view code) const;

  // An IPTC subject code ("15039001", "subj:15039001") to a top level: the
  // full code when listed, else its first two digits.
  std::optional<MappedTopic> MapSubjectCode(absl::string_view code) const;

  // The table a subject scheme's codes are looked up in ("medtop", "subj",
  // "anpa", ...), by the scheme as a source writes it; "" is "(none)".
  std::optional<std::string> TableForScheme(absl::string_view scheme) const;

  // A code of a scheme, through TableForScheme. A code written as a qcode
  // ("medtop:04000000", "subj:04000000") uses its own prefix as the scheme.
  std::optional<MappedTopic> MapCode(absl::string_view scheme, absl::string_view code) const;

  // A section or category label: the whole label, else its parts split at
  // separators ("Sport - Football", "News/Politics"), else its words when
  // every word is known ("UK Politics"). Case and accents as written; case
  // is folded.
  std::optional<MappedTopic> MapLabel(absl::string_view label) const;

  // The first path segment of a web address `url` ("scheme://host/path";
  // anything else, such as a file path, gives nothing), left to right, that
  // names a topic: the
  // url table, then the label table; a trailing article number ("-12345")
  // is ignored, and the last segment (the article's slug) must match whole.
  std::optional<UrlMatch> MapUrl(absl::string_view url) const;

  // Case-folded, "_", "-" and "/" as spaces, whitespace collapsed, trimmed,
  // outer punctuation removed: the form label and url keys are stored in.
  static std::string NormalizeLabel(absl::string_view label);

 private:
  struct Entry {
    MappedTopic mapped;
    std::string target;  // for "scheme" rows: the table name
  };
  using Table = absl::flat_hash_map<std::string, Entry>;

  std::optional<MappedTopic> Lookup(absl::string_view table, absl::string_view key) const;
  std::optional<MappedTopic> LookupLabelExact(absl::string_view normalized) const;

  std::string version_;
  absl::flat_hash_map<uint32_t, MappedTopic> medtop_;  // 8-digit code -> top level
  absl::flat_hash_map<std::string, Table> tables_;     // kind -> key -> entry
};

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_MAPPING_H_
