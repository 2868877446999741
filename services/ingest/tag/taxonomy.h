// The section taxonomy: the 17 top-level IPTC Media Topics.
//
// Every story's section is one of these (`medtop:01000000` arts, culture,
// entertainment and media ... `medtop:17000000` weather). Topics are known by
// their index 0..16, their 8-digit code ("11000000"), their qcode
// ("medtop:11000000"), their IPTC English name ("politics") and a one-word
// short name for filters ("politics", "economy", "sport").
//
//   std::optional<int> topic = FindTopic("Sport");   // also "medtop:15000000"
//   const Topic& t = kTopics[*topic];                  // t.qcode, t.name
//
// Pure data and functions; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_TAXONOMY_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_TAXONOMY_H_

#include <array>
#include <optional>

#include "absl/strings/string_view.h"

namespace newswire::tag {

struct Topic {
  absl::string_view code;        // "11000000"
  absl::string_view qcode;       // "medtop:11000000"
  absl::string_view name;        // IPTC English label, "politics"
  absl::string_view short_name;  // one word for filters, "politics"
};

inline constexpr int kTopicCount = 17;

// Index i holds medtop:(i+1)000000.
extern const std::array<Topic, kTopicCount> kTopics;

// The topic a top-level code names: "11000000", "medtop:11000000" or
// "11" (two digits). Codes below the top level are not top-level codes (see
// MappingTables::ExpandMedtop for those).
std::optional<int> TopicFromCode(absl::string_view code);

// The topic a filter string names: any form TopicFromCode accepts, the IPTC
// name or the short name, case-insensitive ("Politics", "sport", "economy",
// "arts, culture, entertainment and media").
std::optional<int> FindTopic(absl::string_view code_or_name);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_TAXONOMY_H_
