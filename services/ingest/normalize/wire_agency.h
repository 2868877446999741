// Wire agency names as feeds write them ("Australian Associated Press",
// "dpa", "dpa-tns", "Reuters") to the short upper-case form the Story keeps in
// `agency` ("AAP", "DPA", "REUTERS").
//
//   story.set_agency(AgencyShortName(source_field));  // "" when not an agency
//
// Used by the JSON and wire-text parsers. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_AGENCY_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_AGENCY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// The short name of the agency `name` designates: a known agency name in any
// spelling ("The Associated Press" -> "AP"), a known agency followed by a
// service suffix ("dpa-tns" -> "DPA"), or any other single short token upper
// cased ("NTB" -> "NTB"). Empty for names that are not an agency code (a
// person's name, a sentence).
std::string AgencyShortName(absl::string_view name);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_WIRE_AGENCY_H_
