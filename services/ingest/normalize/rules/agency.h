// Wire agencies: their names as printed to one short upper-case code, and the
// credit lines that close a story ("© KYODO", "(AP)", "/dpa").
//
//   NormalizeAgency("Associated Press")   -> "AP"
//   NormalizeAgency("©2022 Kyodo News")   -> "KYODO"
//   NormalizeAgency("Japan Today")        -> ""   (not a wire agency)
//   ParseCreditLine("© KYODO")            -> Credit{"KYODO", copyright}
//   ParseCreditLine("He said (AP)")       -> nullopt (more than a credit)
//
// The codes are those of Story.agency (story.proto). Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_AGENCY_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_AGENCY_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// The short code ("AP", "REUTERS", "DPA", "KEYSTONE-SDA") of a wire agency
// given by its code, name or a credit ("The Associated Press", "dpa-AFX",
// "(c) Thomson Reuters 2014", "Xinhua News Agency"); case does not matter.
// "" when the name is not a known agency.
std::string NormalizeAgency(absl::string_view name);

// The code of the agency a dateline credits: NormalizeAgency, else the
// agency after the last '/' ("tca/dpa": a partner's copy moved by dpa ->
// "DPA"). "" when none is known.
std::string DatelineAgencyCode(absl::string_view printed);

// What a credit-only paragraph credits.
struct Credit {
  // The agency code it names; "" when it names none we know
  // ("©2022 GPlusMedia Inc.", "Reporting by Jane Doe; Editing by Joe Bloggs").
  std::string agency;
  // True for copyright lines ("©", "(c)", "Copyright ..."): they are the
  // story's copyright notice, not only an attribution.
  bool is_copyright = false;
  // True for staff credits ("Reporting by ...; Editing by ..."): they are the
  // story's credit line (Story.credit_line).
  bool is_staff_credit = false;
};

// When `paragraph` (whitespace-collapsed) is a credit line and nothing else,
// what it credits: a copyright line, an agency name or code alone
// ("AFP", "(AAP)", "/dpa", "xy/ab/dpa", "Associated Press"), an agency and
// desk initials ("AFP sn", "AAP RTV ar"), initials alone ("hh/ph/ts"), or a
// staff credit ("(Reporting by ...; Editing by ... (Reuters))"). nullopt for
// any paragraph that says more than that.
std::optional<Credit> ParseCreditLine(absl::string_view paragraph);

// Where a staff credit in parentheses that closes a body paragraph begins:
// "... the ministry said. (Reporting by Jane Doe; Editing by Joe Bloggs)"
// -> the offset of its '('. npos when the paragraph does not end so.
size_t TrailingStaffCreditStart(absl::string_view paragraph);

// Where an agency's sign-off run on after the last sentence of a paragraph
// begins: "... unos 500 ejemplares. EFE" or "... ejemplares. EFE gr/bp"
// (the code in upper case, then at most the desk's initials) -> the offset
// of the code. npos otherwise ("... told AFP", "... said. Later, AFP").
size_t TrailingAgencyCodeSignOffStart(absl::string_view paragraph);

// The agency credited at the very end of a body paragraph, after its last
// sentence: "... the ministry said. (AP)" or "... sagte er. xy/dpa". "" when
// none; an agency merely named in the text ("... told AFP") is not a credit.
std::string TrailingCreditAgency(absl::string_view paragraph);

// Where an agency's sign-off run on at the end of the last paragraph starts:
// ANSA closes its copy with "(ANSA)." after the last sentence ("... ha
// detto. (ANSA)." -> the offset of " (ANSA)."). npos when the paragraph does
// not end so, or when the credit is inside a sentence ("... the agency
// (ANSA).").
size_t TrailingAgencySignOffStart(absl::string_view paragraph);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_AGENCY_H_
