// Story metadata helpers shared by the XML format parsers: agency names,
// printed datelines, signals written into notes and sluglines, urgencies,
// times, subjects and the last tidy-up of a parsed story.
//
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_META_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_META_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "services/ingest/normalize/rules/record_limits.h"

namespace newswire::xml {

// The agency short code ("AP", "REUTERS", "AFP", "DPA", ...) for a provider,
// creator or copyright holder as a feed writes it: a name ("Associated
// Press", "Deutsche Presse-Agentur GmbH", "PA Sport"), a code ("AAP"), a
// qcode ("nprov:REUTERS") or a domain ("reuters.com"). "" when not a known
// wire agency.
std::string AgencyFromName(absl::string_view name);

// The first of `names` that AgencyFromName knows, else "".
std::string FirstAgency(std::initializer_list<absl::string_view> names);

// The agency of the domain in an item guid: "tag:reuters.com,2016:...",
// "urn:newsml:dpa.com:...", "tag_reuters.com_2014_...". "" when unknown.
std::string AgencyFromGuid(absl::string_view guid);

// A dateline as printed, split: "STOCKHOLM, Aug 29, 2014 (AFP) -" gives
// place "STOCKHOLM", date "Aug 29, 2014", agency "AFP"; "FORT WASHINGTON,
// Pa." keeps the state in the place; a dateline that is only a date or time
// gives no place. `text` is the printed dateline, whitespace collapsed.
v1::Dateline DatelineFromText(absl::string_view printed);

// A signal written in an editor's note, slugline or headline by wire
// convention: upper-case KILL, CORRECTS/CORRECTED/CORRECTION, UPDATES/UPDATE,
// and "Writethru" in any case. The strongest found (kill > correction >
// update), else SIGNAL_UNSPECIFIED.
v1::Signal SignalFromText(std::initializer_list<absl::string_view> texts);

// An urgency or priority 1..9 from text ("4", " 3 "); 0 otherwise.
int UrgencyFromText(absl::string_view text);

// The first of `texts` that parses as a news time stamp (surrounding
// whitespace allowed); nullopt when none does.
std::optional<google::protobuf::Timestamp> FirstTime(std::initializer_list<std::string> texts);

// Adds a source-given subject once (same scheme and code are kept once),
// while the story has fewer than kMaxSourceSubjects (record_limits.h):
// past the cap nothing is scanned, so many subjects cost linear time.
void AddSubject(absl::string_view scheme, absl::string_view code, absl::string_view name,
                v1::Story& story);

// Adds `keyword` once, if not empty, while the story has fewer than
// kMaxSourceKeywords.
void AddKeyword(absl::string_view keyword, v1::Story& story);

// Final clean-up of a parsed story: a subheadline equal to the headline is
// dropped, leading paragraphs repeating the headline are dropped.
void TidyStory(v1::Story& story);

// True when the story has a headline or body text.
bool HasText(const v1::Story& story);

// The result for a record's stories: those with text, in order; when none
// has text, no stories and `no_story_reason` (or "empty item: no headline
// and no text").
ParseResult ResultOf(std::vector<v1::Story> stories, std::string no_story_reason);

}  // namespace newswire::xml

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_META_H_
