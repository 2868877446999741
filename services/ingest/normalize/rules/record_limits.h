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
// Key and headers: every story a record makes carries a copy of its key
// (origin.key), content-type, source-url and agency headers; a record whose
// key or one of those headers is over 8 KiB is refused: a 1 MiB key on a
// feed of 1000 items made 1000 stories of 1 MiB each (1.3 GB of memory,
// 0.8 s of CPU), and a 16 MiB key (the broker allows it) would have made
// 16 GB.
//
// Inherited text: a feed's own text that every item's story inherits (RSS
// channel title, copyright, link; Atom rights, author, title) may total at
// most 4 MiB over the record's stories: a 1 MiB <copyright> over 1000 items
// took 1.4 GB and 0.85 s.
//
// Source subjects and keywords: a story keeps the first kMaxSourceSubjects
// and kMaxSourceKeywords its source gives; the XML parsers stop adding at
// the cap (xml::AddSubject), the Normalizer trims every story to it.
//
// Why: each item becomes a story that is tagged, fingerprinted and produced
// on its own, so a 2 MiB record of 240,000 empty <item/> spent a second of
// CPU and would have made 240,000 stories. Agency feeds carry tens to a few
// hundred items. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_RECORD_LIMITS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_RECORD_LIMITS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/raw_record.h"

namespace newswire {

inline constexpr size_t kMaxItemsPerRecord = 1000;

inline constexpr int kMaxParagraphsPerStory = 10000;
inline constexpr size_t kMaxCopiedFieldBytes = 8 << 10;
inline constexpr size_t kMaxInheritedBytesPerRecord = 4 << 20;

// Agencies send a dozen; a NewsML-G2 item with 60,000 <subject> elements
// cost 5 s of CPU when each was checked against all before it, and would
// have carried them all to every reader.
inline constexpr int kMaxSourceSubjects = 256;
inline constexpr int kMaxSourceKeywords = 256;

// OK, or ResourceExhausted "too costly: <count> <what> in one record
// (limit 1000)" when count is above kMaxItemsPerRecord.
absl::Status CheckItemCount(size_t count, absl::string_view what);

// OK, or ResourceExhausted "too costly: record key of <n> bytes (limit
// 8192)" (or "source-url header of ...", "content-type header ...",
// "agency header ...") when the key or a header copied into every story is
// over kMaxCopiedFieldBytes.
absl::Status CheckCopiedFields(const RawRecord& record);

// OK, or ResourceExhausted "too costly: <bytes_per_item> bytes of feed text
// inherited by <items> stories (limit 4194304)" when their product is over
// kMaxInheritedBytesPerRecord.
absl::Status CheckInheritedBytes(size_t bytes_per_item, size_t items);

// OK, or ResourceExhausted "too costly: <n> paragraphs in one story (limit
// 10000)".
absl::Status CheckStoryParagraphs(const v1::Story& story);

// Drops the subjects and keywords past the caps, keeping the first ones.
void TrimSourceLists(v1::Story& story);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RULES_RECORD_LIMITS_H_
