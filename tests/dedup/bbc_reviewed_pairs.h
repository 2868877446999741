// The related article pairs of the shared BBC corpus, read side by side and
// judged by hand: every pair whose word 3-shingle sets overlap by more than
// 10% (Jaccard) or share more than 30% of the smaller one. These are the
// truth the quality tool and test compare the fold's decisions with.
//
// Verdicts, for the corpus order (section, then file number: `a` first):
//   kSameText       the same body; byte-identical files or a new headline
//   kNearIdentical  a word or a phrase changed
//   kEditedCopy     the same report edited: a quote swapped, condensed
//   kWriteThrough   `b` is `a` plus a short paragraph (under a fifth of its
//                   text): the same report carried further, as a copy
//                   with site text added would be
//   kAddsNewText    `b` is `a` plus much new material (a third of its text
//                   or more): new reporting, so a new story under another
//                   id (under the same id, a version); `a` after `b` would
//                   be a duplicate of `b`
//   kRewrite        the same event reported again with new facts (often a
//                   day later), or a related story: a different story
// The first four are one story (must be merged), the last two are not
// (must never be merged as duplicates). kAddsNewText is one family: `b` is
// linked to `a` as DEDUP_KIND_CONTAINS_EARLIER; a kRewrite never joins.
#ifndef NEWSWIRE_TESTS_DEDUP_BBC_REVIEWED_PAIRS_H_
#define NEWSWIRE_TESTS_DEDUP_BBC_REVIEWED_PAIRS_H_

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::dedup {

enum class Verdict {
  kSameText,
  kNearIdentical,
  kEditedCopy,
  kWriteThrough,
  kAddsNewText,
  kRewrite,
};

struct ReviewedPair {
  absl::string_view a;  // corpus keys, "tech/211.txt"
  absl::string_view b;
  Verdict verdict;
  absl::string_view note;
};

const std::vector<ReviewedPair>& BbcReviewedPairs();

// The verdict on (a, b) in either order, if the pair was reviewed.
std::optional<Verdict> ReviewedVerdict(absl::string_view a, absl::string_view b);

// True for the verdicts that make two articles one story.
bool IsSameStory(Verdict verdict);

// True for the verdicts that make two articles one story family: one story,
// or `b` holding `a` and adding new text (linked as "contains earlier").
bool IsSameFamily(Verdict verdict);

absl::string_view VerdictName(Verdict verdict);

}  // namespace newswire::dedup

#endif  // NEWSWIRE_TESTS_DEDUP_BBC_REVIEWED_PAIRS_H_
