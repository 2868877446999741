// How many items one raw record may carry: the feeds and envelopes that
// hold several stories (NewsML-G2 newsMessage, RSS, Atom, NewsML 1.2,
// Ritzau lists, ninjs and AP Media feeds) check their item count before
// reading any item, and the Normalizer checks the stories a parser gave.
//
//   NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "RSS items"));
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

namespace newswire {

inline constexpr size_t kMaxItemsPerRecord = 1000;

// OK, or ResourceExhausted "too costly: <count> <what> in one record
// (limit 1000)" when count is above kMaxItemsPerRecord.
absl::Status CheckItemCount(size_t count, absl::string_view what);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_RECORD_LIMITS_H_
