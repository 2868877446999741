// Different reports on one topic in the shared BBC corpus: pairs that share
// names, places and phrases but report different events (a race announced,
// then run; a bid mooted, then made; a doping verdict postponed, then given;
// one witness at a trial, then the accused). Chosen by reading
// both articles of each pair side by side (issue 19), among same-section
// pairs whose capitalised names overlap most while their word 3-shingles
// overlap little. No relation of the fold (exact, near duplicate, contains
// earlier) may link them, in either order: they are no story family.
// The reviewed pairs (bbc_reviewed_pairs.h) hold more such pairs
// (Verdict::kRewrite); none is repeated here.
#ifndef NEWSWIRE_TESTS_DEDUP_BBC_MUST_NOT_MERGE_H_
#define NEWSWIRE_TESTS_DEDUP_BBC_MUST_NOT_MERGE_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::dedup {

struct DifferentReports {
  absl::string_view a;  // corpus keys, "sport/466.txt"
  absl::string_view b;
  absl::string_view why;  // what each reports
};

const std::vector<DifferentReports>& BbcMustNotMerge();

}  // namespace newswire::dedup

#endif  // NEWSWIRE_TESTS_DEDUP_BBC_MUST_NOT_MERGE_H_
