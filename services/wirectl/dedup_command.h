// `wirectl dedup FILE...`: the files normalized in the order given and run
// through the view's fold in memory (a throwaway store), one JSON line per
// story: its id, headline, dedup outcome (kind, duplicate_of, similarity,
// containment, canonical words) and family_id:
//   {"file":"a.txt","id":"url:a.txt","headline":"...","dedup":{"kind":
//    "DEDUP_KIND_CONTAINS_EARLIER","duplicate_of":"url:u.txt","similarity":0.42,
//    "containment":1,"words":180},"family_id":"url:u.txt"}
// The same code as ingestd's view, so the decisions are the ones a
// subscriber would see for the same input in the same order.
#ifndef NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_
#define NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace newswire {

struct DedupCommandOptions {
  // Stories are compared when their own times (version created, else first
  // created, else the file's time) are this close. Files gathered from
  // anywhere carry times from any year (a page's printed date, a file's
  // modification time), so by default the window spans them all; ingestd's
  // window is 7 days.
  absl::Duration window = absl::Hours(24 * 365 * 100);
};

absl::Status RunDedup(const std::vector<std::string>& files, const DedupCommandOptions& options,
                      std::ostream& out, std::ostream& err);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_
