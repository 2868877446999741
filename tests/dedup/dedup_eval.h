// Duplicate-detection quality on the BBC corpus and on republished
// variants of it: the computation behind `dedup_quality` (which prints it)
// and `dedup_quality_test` (which holds it to the targets).
//
//   std::vector<EvalStory> stream = VariantStream(articles, MakeVariants(articles, {}));
//   std::vector<Decision> decisions = *FoldDuplicates(stream, index_options);
//   PairScore score = ScorePairs(stream, decisions, InvolvesACopy);
//
// FoldDuplicates is the view's duplicate step in miniature, in stream order:
// a story whose content_sha256 equals an earlier indexed story's is an exact
// duplicate of it; else one the NearDuplicateIndex finds inside an indexed
// story is a near duplicate, or one holding an indexed story and more
// "contains" it (and is indexed); else it is a new story and is indexed.
// Each decision points at an earlier story, so the stories linked this way
// form a cluster: the view's story family. Scores count pairs of stories
// within clusters against pairs within truth groups (the stories that are
// one story or one family).
#ifndef NEWSWIRE_TESTS_DEDUP_DEDUP_EVAL_H_
#define NEWSWIRE_TESTS_DEDUP_DEDUP_EVAL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "tests/dedup/bbc_corpus.h"
#include "tests/dedup/republished_variants.h"

namespace newswire::dedup {

// One story of an evaluation stream, with the truth about it.
struct EvalStory {
  std::string id;
  std::string key;          // the corpus article it is, or copies
  std::string truth_group;  // stories of one group are one story
  std::string section;
  bool generated = false;
  absl::Time time;
  v1::Story story;
  v1::Fingerprints fingerprints;
};

struct Decision {
  // Or EXACT_ / NEAR_DUPLICATE, CONTAINS_EARLIER.
  v1::DedupKind kind = v1::DEDUP_KIND_NEW_STORY;
  std::string duplicate_of;  // an indexed story's id (new or fuller text)
  double resemblance = 0;                         // 1 for exact duplicates
  double containment = 0;
  // The best near-duplicate candidate, matching or not (new stories too).
  std::optional<NearDuplicateIndex::Match> nearest;
};

absl::StatusOr<std::vector<Decision>> FoldDuplicates(const std::vector<EvalStory>& stories,
                                                     const NearDuplicateIndex::Options& options);

struct PairScore {
  int64_t true_pairs = 0;     // pairs within truth groups
  int64_t found_pairs = 0;    // pairs within clusters
  int64_t correct_pairs = 0;  // both
  // Found pairs of different stories of one section (same subject area).
  int64_t same_section_false_pairs = 0;
  double Precision() const;
  double Recall() const;
};

// Which pairs a score counts.
using PairFilter = std::function<bool(const EvalStory&, const EvalStory&)>;
bool InvolvesACopy(const EvalStory& a, const EvalStory& b);
bool AllPairs(const EvalStory& a, const EvalStory& b);

PairScore ScorePairs(const std::vector<EvalStory>& stories,
                     const std::vector<Decision>& decisions, const PairFilter& counts);

// The corpus articles in corpus order, ten minutes apart, truth groups from
// the reviewed pairs (bbc_reviewed_pairs.h); unreviewed articles are each
// their own story.
std::vector<EvalStory> BbcStream(const std::vector<CorpusArticle>& articles);

// BbcStream plus the variants, each `delay` after its article, all in
// story-time order. A variant's truth group is its article's.
std::vector<EvalStory> VariantStream(const std::vector<CorpusArticle>& articles,
                                     const std::vector<Variant>& variants);

// One pair of articles and what the fold made of it.
struct PairFinding {
  std::string a;  // corpus keys; `a` came first
  std::string b;
  v1::DedupKind kind = v1::DEDUP_KIND_NEW_STORY;  // of `b`: duplicate of `a`, or new
  double resemblance = 0;
  double containment = 0;
  std::string verdict;  // the reviewed verdict, or "unreviewed"
};

// The BBC corpus folded in corpus order, compared with the reviewed pairs.
struct BbcFindings {
  int articles = 0;
  int byte_identical_groups = 0;  // groups of files with identical bytes
  int byte_identical_pairs = 0;
  int byte_identical_pairs_merged = 0;
  std::vector<PairFinding> exact;      // same canonical text
  std::vector<PairFinding> near;       // near duplicates
  std::vector<PairFinding> contains;   // `b` contains the earlier `a` (one family)
  std::vector<PairFinding> kept_apart; // new, though an earlier article resembles it (J >= 0.1)
  std::vector<PairFinding> false_merges;       // merged, reviewed as different stories
  std::vector<PairFinding> unreviewed_merges;  // merged, not reviewed
  std::vector<PairFinding> misses;             // reviewed as one story, not merged
};

absl::StatusOr<BbcFindings> ReviewBbc(const std::vector<CorpusArticle>& articles,
                                      const NearDuplicateIndex::Options& options);

// The seed page (the Kyodo story as Japan Today carried it, site text and
// all, read as plain text) folded before a clean copy of the same story
// under another id (the page's lines from the dateline to the credit). The
// issue asks that the copy be a near duplicate of the page.
struct SeedPageCheck {
  v1::Fingerprints page;
  v1::Fingerprints clean_copy;
  Decision clean_copy_decision;
  // The other order: the page after the clean copy.
  Decision page_after_clean_copy_decision;
};
absl::StatusOr<SeedPageCheck> CheckSeedPage(const std::string& corpus_dir,
                                            const NearDuplicateIndex::Options& options);

}  // namespace newswire::dedup

#endif  // NEWSWIRE_TESTS_DEDUP_DEDUP_EVAL_H_
