// ProviderProfiles: what newswire knows about each feed provider's
// conventions, as a small table: the time zone of times it writes without a
// UTC offset, the agency credit when a record names none, its id scheme and
// the format it delivers. The table ships in the binary
// (data/providers.tsv); a file in the same format (the --provider_profiles
// flag) replaces rows of the same name and adds new ones.
//
//   absl::StatusOr<ProviderProfiles> profiles = ProviderProfiles::LoadFile(path);
//   const ProviderProfile* profile = profiles->Find(story, agency_header);
//   if (profile) ... profile->zone ...
//
// A provider the table does not know keeps UTC for times without an offset.
// Immutable after construction: thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PROVIDER_PROFILES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PROVIDER_PROFILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

struct ProviderProfile {
  std::string name;                 // "STT"
  std::vector<std::string> match;   // lower case: "stt", "stt.fi", "suomen tietotoimisto"
  std::string time_zone;            // IANA name, "Europe/Helsinki"
  absl::TimeZone zone;              // loaded from the system zoneinfo
  std::string agency;               // default credit, "" for none
  std::string id_scheme;            // descriptive: "newsml-g2 guid urn:newsml:stt.fi"
  v1::SourceFormat source_format = v1::SOURCE_FORMAT_UNSPECIFIED;
};

class ProviderProfiles {
 public:
  // The table compiled into the binary. Never fails at run time: its test
  // parses it; should it not parse, the table is empty (every time UTC).
  static const ProviderProfiles& BuiltIn();

  // The built-in table with the rows of `tsv` over it (`origin` names the
  // text in errors). InvalidArgument "<origin> line N: ..." for a row with
  // the wrong number of columns, no name or match, a zone the system
  // zoneinfo does not have, an unknown source format, or a name given twice.
  static absl::StatusOr<ProviderProfiles> Parse(absl::string_view tsv, absl::string_view origin);

  // Parse over the contents of the file at `path`; NotFound/InvalidArgument
  // naming the path when it cannot be read.
  static absl::StatusOr<ProviderProfiles> LoadFile(const std::string& path);

  // The profile of the provider of `story`: the first row whose match names
  // the story's provider, the domain of its guid ("urn:newsml:stt.fi:..."),
  // the record's agency header, or the story's agency, tried in that order
  // (the provider's clock wrote the times, whoever wrote the story). Null
  // when none matches.
  const ProviderProfile* Find(const v1::Story& story, absl::string_view agency_header) const;

  const std::vector<ProviderProfile>& profiles() const { return profiles_; }

 private:
  const ProviderProfile* FindName(absl::string_view name) const;

  std::vector<ProviderProfile> profiles_;  // the overriding rows first
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PROVIDER_PROFILES_H_
