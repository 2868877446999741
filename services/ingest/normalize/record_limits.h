// How much one raw record may carry.
//
// Items: the feeds and envelopes that hold several stories (NewsML-G2
// newsMessage, RSS, Atom, NewsML 1.2, Ritzau lists, ninjs and AP Media
// feeds) check their item count before reading any item, and the
// Normalizer checks the stories a parser gave.
//
//   NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "RSS items"));
//
// Paragraphs: a story of more than kMaxParagraphsPerStory is refused (the
// Normalizer checks every story): 600,000 one-word paragraphs cost ingestd
// about a second of CPU past the parser (storing, folding, serving) and no
// agency story has more than a few hundred.
//
// Source subjects and keywords: a story keeps the first kMaxSourceSubjects
// and kMaxSourceKeywords its source gives; the XML parsers stop adding at
// the cap (xml::AddSubject), the Normalizer trims every story to it.
//
// Why: each item becomes a story that is tagged, fingerprinted and produced
// on its own, so a 2 MiB record of 240,000 empty <item/> spent a second of
// CPU and would have made 240,000 stories. Agency feeds carry tens to a few
// hundred items. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RECORD_LIMITS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RECORD_LIMITS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

inline constexpr size_t kMaxItemsPerRecord = 1000;

inline constexpr int kMaxParagraphsPerStory = 10000;

// Agencies send a dozen; a NewsML-G2 item with 60,000 <subject> elements
// cost 5 s of CPU when each was checked against all before it, and would
// have carried them all to every reader.
inline constexpr int kMaxSourceSubjects = 256;
inline constexpr int kMaxSourceKeywords = 256;

// OK, or ResourceExhausted "too costly: <count> <what> in one record
// (limit 1000)" when count is above kMaxItemsPerRecord.
absl::Status CheckItemCount(size_t count, absl::string_view what);

// OK, or ResourceExhausted "too costly: <n> paragraphs in one story (limit
// 10000)".
absl::Status CheckStoryParagraphs(const v1::Story& story);

// Drops the subjects and keywords past the caps, keeping the first ones.
void TrimSourceLists(v1::Story& story);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RECORD_LIMITS_H_
