// Whole-page text (SOURCE_FORMAT_PAGE_TEXT): the text of a scraped article
// page with its boilerplate (menus, login prompts, share buttons, comment
// widgets, related-link lists, copyright lines) still around the story, one
// block per line, as a scraper's "copy all" or text dump gives it. See
// ../shared/corpus/seed/ for the shape.
//
//   if (LooksLikePageText(input)) result = ParsePageText(input);
//
// What is found (no per-site rules; the rules are documented in page_text.cc):
//   body        the densest run of prose lines: a maximum-weight run where a
//               line of prose weighs its length and a short, unpunctuated or
//               boilerplate line weighs against it
//   headline    the nearest headline-like line above the body, past comment
//               counts, bylines, time stamps, share labels and a dateline
//   dateline    a line holding only a place ("BEIJING") between headline and
//               body -> dateline.place (not a paragraph)
//   date        the first date in the lines above the body ("date
//               2022-11-07", "Nov 7, 2022", "7 November 2022 10:30 GMT")
//               -> first_created and version_created
//   section     a one- or two-word label line just above the headline
//               ("politics", "World News") -> source_section
//   credits     credit lines right after the body ("© KYODO", "(AP)",
//               "©2022 GPlusMedia Inc.") -> agency and copyright
//   byline      a "By ..." line near the headline
//   provider    the site's name: the source-url header's host when given,
//               else a name the page's own boilerplate uses for itself
//               ("register with JapanToday", "your JapanToday account",
//               "Welcome to X", "X newsletter"; CamelCase split: "Japan
//               Today"), else the publisher in the copyright line
//
// The sniffer leaves ordinary plain-text stories (headline line, then
// paragraphs) to the plain-text parser: it wants several lines of page
// furniture (login, comments, share, newsletter, cookie, ©, ...) as well as
// a body. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

bool LooksLikePageText(const ParseInput& input);

// InvalidArgument "page text: no story body" when no run of prose is found.
absl::StatusOr<ParseResult> ParsePageText(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_H_
