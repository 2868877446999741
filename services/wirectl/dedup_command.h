// `wirectl dedup FILE...`: the files normalized in the order given and run
// through the view's fold in memory (a throwaway store), one JSON line per
// story: its id, headline and dedup outcome (kind, duplicate_of, similarity).
// The same code as ingestd's view, so the decisions are the ones a
// subscriber would see for the same input in the same order.
#ifndef NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_
#define NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace newswire {

absl::Status RunDedup(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_WIRECTL_DEDUP_COMMAND_H_
