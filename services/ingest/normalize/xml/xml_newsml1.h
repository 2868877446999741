// NewsML 1.2 (IPTC), as AFP and ANA send it: a <NewsML> envelope with one
// story per NewsItem that carries text.
//
// Read: NewsIdentifier (the PublicIdentifier without its revision is the
// guid, the full PublicIdentifier the uri, RevisionId the version),
// NewsManagement (FirstCreated, ThisRevisionCreated, Status and
// StatusWillChange for embargoes, Urgency, Instruction and RevisionId@Update
// for signals), NewsLines (HeadLine, SubHeadLine, ByLine, DateLine,
// CopyrightLine, SlugLine, KeywordLine), Administrative/Rights/Descriptive
// metadata (provider party, copyright, language, SubjectCode as "subj"
// subjects, keywords, origin city) and the text of ContentItems (NITF, XHTML
// or plain DataContent) of nested NewsComponents. A NewsItem with only
// photos gives the reason "picture item".
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML1_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML1_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True when the root element is <NewsML>.
bool SniffNewsMl1(const ParseInput& input);

// InvalidArgument "xml: ..." when not well-formed, "newsml: ..." when the
// root is not <NewsML>.
absl::StatusOr<ParseResult> ParseNewsMl1(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_NEWSML1_H_
