// Datelines: where a story was filed, as wire copy prints it at the start of
// the body.
//
//   FindDateline("TOKYO, Nov 7 (Reuters) - Japan's ...")
//     -> {place "TOKYO", date_text "Nov 7", agency "Reuters",
//         text "TOKYO, Nov 7 (Reuters) -", stands_alone false}
//   FindDateline("BEIJING", "China on Monday expressed ...")
//     -> {place "BEIJING", text "BEIJING", stands_alone true}
//   FindDateline("The president said (...) that ...")  -> nullopt
//
// Recognised: a place of at most five capitalised words, optionally followed
// by comma'd regions ("ST. PAUL, Minn.") and a date ("Nov. 7", "7 nov 2022",
// "2 de enero"), then an agency in parentheses ("(AP)", "(EFE).-") or a bare
// agency code ("SYDNEY, Nov 7 AAP -"), then a separator: "—", "–", "--",
// " - ", " _ " (ANPA), ":". Without an agency, a dateline needs its separator
// and either a date or an upper-case place ("NEW YORK —"); without a
// separator, it needs a known agency ("Berlin (dpa) Die ..."). A paragraph
// that is nothing but an upper-case place ("BEIJING") or a place and a date,
// above the lead, is a dateline standing alone. Japanese agency datelines
// ("【北京共同】") and Ritzau's name between slashes ("København
// /ritzau/:") too. An agency code after a partner's ("tca/dpa") counts as
// known. EnrichStory reads it on the lead paragraph, below any editor's
// note, byline line or summary bullet (head_lines.h).
//
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_DATELINE_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_DATELINE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

struct DatelineMatch {
  std::string place;      // as printed, without date or agency; may be empty
                          // ("Jan 30 (Reuters) -")
  std::string date_text;  // as printed ("Nov 7"), or empty
  std::string agency;     // as printed in the dateline ("Reuters"), or empty
  std::string text;       // the whole dateline with its separator
  // True when the paragraph holds the dateline and nothing else: such a
  // paragraph is no body text.
  bool stands_alone = false;
};

// The dateline that opens `paragraph` (whitespace-collapsed UTF-8), if any.
// `next_paragraph` is the one after it ("" if none): a paragraph that is only
// a place counts as a dateline only above a paragraph of prose (eight words
// or more), since upper-case headings ("NATIONAL LEAGUE") look the same.
std::optional<DatelineMatch> FindDateline(absl::string_view paragraph,
                                          absl::string_view next_paragraph = "");

// True for a time stamp written for machines ("2014-07-16 13:00:03
// GMT+00:00", "20180201T184452Z", "2018-02-01T18:44:52.973"): digits and
// the separators of dates and times, a zone at most. Never a dateline.
bool IsMachineTimestamp(absl::string_view text);

// The first sentence of `lead` after its dateline, without the full stop:
// the headline an editor gives a flash or news alert that has none ("HONOLULU
// (AP) _ Hawaii files court challenge ... travel ban." -> "Hawaii files court
// challenge ... travel ban"). A sentence ends at ". " before a capital,
// unless the word before the stop is an abbreviation ("U.S.", "Gov.", "St.")
// or an initial.
std::string LeadSentence(absl::string_view lead);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_DATELINE_H_
