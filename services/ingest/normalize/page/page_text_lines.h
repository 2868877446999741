// The lines of a whole-page text dump and what each looks like: prose, page
// furniture (login prompts, share buttons, newsletter boxes, copyright lines,
// ad labels, related-link headers), comment counts, bylines, dates. Used by
// page_text.cc to find the story among them.
//
//   std::vector<page_text::Line> lines = page_text::SplitLines(utf8);
//   if (lines[i].prose) ...
//
// All functions are pure and thread-safe. Matching is on lower-cased text
// against fixed English phrase lists (documented in page_text_lines.cc).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_LINES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_LINES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire::page_text {

struct Line {
  std::string text;  // whitespace-collapsed; "" for a blank line
  int words = 0;
  int chars = 0;     // code points
  bool prose = false;      // reads like a paragraph of a story
  bool furniture = false;  // page furniture (see IsFurniture)
};

// Every line of `utf8` (split at LF, CR LF or CR: text::SplitLines), blank
// ones included (as "").
std::vector<Line> SplitLines(absl::string_view utf8);

// Whether a line is page furniture: a short line naming a login, share,
// newsletter, ad, related-links, legal or navigation element, or a longer
// one using a phrase only such elements use ("login or register", "we use
// cookies", "all rights reserved").
bool IsFurniture(absl::string_view line);

// Whether the lines of `utf8` show at least `min_kinds` kinds of furniture
// (of those above). Reads each line for its furniture only, without all
// SplitLines gives, and stops once they do: the cheap test that rules out a
// text that is no page.
bool ShowsFurnitureKinds(absl::string_view utf8, int min_kinds);

// "0 Comments", "12 comments", "No Comment", "Comments (3)".
bool IsCommentCount(absl::string_view line);

// "By Jane Doe", "By Jane Doe and John Roe, Kyodo News".
bool IsByline(absl::string_view line);

// A time stamp line: "Updated 3 hours ago", "Published 10:32 GMT",
// "5 min read", or a short line holding a date.
bool IsTimeLine(absl::string_view line);

// A line's weight in the search for the story body: prose weighs its length;
// furniture weighs more against than its length; other lines a little
// against; blank lines nothing.
double LineWeight(const Line& line);

// The first calendar date in `line` (midnight UTC, or the time given with an
// ISO 8601 date): "date 2022-11-07", "2022-11-07T09:30:00+09:00",
// "Nov 7, 2022", "November 7 2022", "7 November 2022", "Mon 7 Nov 2022",
// "07.11.2022" (day.month.year).
std::optional<absl::Time> FindDate(absl::string_view line);

}  // namespace newswire::page_text

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_TEXT_LINES_H_
