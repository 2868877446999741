// Duplicate-detection quality held to the targets, on the shared
// corpus (skipped, with a message, when NEWSWIRE_CORPUS is not set):
//   bazel test //tests/dedup:dedup_quality_test --test_env=NEWSWIRE_CORPUS=/work/shared/corpus
// `dedup_quality` prints the same computation in full.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "tests/corpus/corpus_files.h"
#include "tests/dedup/bbc_corpus.h"
#include "tests/dedup/bbc_must_not_merge.h"
#include "tests/dedup/dedup_eval.h"
#include "tests/dedup/republished_variants.h"

namespace newswire::dedup {
namespace {

constexpr double kMinPrecision = 0.99;
// Issue 19: recall >= 0.97 at precision >= 0.99 on copies in shuffled
// order trimmed up to two thirds (measured 0.970-0.983 over seeds
// 2005-2009; see tests/dedup/README.md).
constexpr double kMinRecall = 0.97;
// The generator before issue 19 (copies after their article, trimmed at
// most 25%).
constexpr double kMinRecallInOrder = 0.97;

class DedupQualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::optional<std::filesystem::path> root = test_corpus::RootFromEnv()) {
      corpus_dir_ = root->string();
    }
    if (!corpus_dir_.has_value()) {
      GTEST_SKIP() << "no corpus: set NEWSWIRE_CORPUS to the shared corpus folder "
                      "(--test_env=NEWSWIRE_CORPUS=/work/shared/corpus)";
    }
    absl::StatusOr<std::vector<CorpusArticle>> articles = LoadBbcCorpus(*corpus_dir_);
    if (!articles.ok()) GTEST_SKIP() << "no BBC articles: " << articles.status();
    articles_ = std::move(*articles);
  }

  std::string Describe(const std::vector<PairFinding>& findings) {
    std::string out;
    for (const PairFinding& f : findings) {
      out += f.a + " ~ " + f.b + " (" + f.verdict + ", J=" + std::to_string(f.resemblance) +
             ", C=" + std::to_string(f.containment) + ")\n";
    }
    return out;
  }

  std::optional<std::string> corpus_dir_;
  std::vector<CorpusArticle> articles_;
  const NearDuplicateIndex::Options options_;
};

TEST_F(DedupQualityTest, BbcByteIdenticalFilesAreExactDuplicates) {
  absl::StatusOr<BbcFindings> findings = ReviewBbc(articles_, options_);
  ASSERT_TRUE(findings.ok()) << findings.status();
  EXPECT_GT(findings->byte_identical_pairs, 0);
  EXPECT_EQ(findings->byte_identical_pairs_merged, findings->byte_identical_pairs);
  EXPECT_GE(findings->exact.size(), static_cast<size_t>(findings->byte_identical_pairs));
}

TEST_F(DedupQualityTest, BbcMergesEveryCopyAndNoTwoStories) {
  absl::StatusOr<BbcFindings> findings = ReviewBbc(articles_, options_);
  ASSERT_TRUE(findings.ok()) << findings.status();
  EXPECT_TRUE(findings->false_merges.empty()) << Describe(findings->false_merges);
  EXPECT_TRUE(findings->misses.empty()) << Describe(findings->misses);
  // Merges nobody reviewed (articles outside the public corpus) need eyes,
  // not a verdict from this test.
  if (!findings->unreviewed_merges.empty()) {
    std::cout << "unreviewed merges:\n" << Describe(findings->unreviewed_merges);
  }
}

TEST_F(DedupQualityTest, RepublishedVariantsMeetTheTargets) {
  for (uint64_t seed = 2005; seed < 2010; ++seed) {
    SCOPED_TRACE(seed);
    VariantOptions variant_options;
    variant_options.seed = seed;
    const std::vector<EvalStory> stream =
        VariantStream(articles_, MakeVariants(articles_, variant_options));
    absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options_);
    ASSERT_TRUE(decisions.ok()) << decisions.status();
    const PairScore score = ScorePairs(stream, *decisions, InvolvesACopy);
    EXPECT_GT(score.true_pairs, 500);
    EXPECT_GE(score.Precision(), kMinPrecision);
    EXPECT_GE(score.Recall(), kMinRecall);
    // Different stories on the same subject are rarely merged: a copy of
    // politics/337 cut to its first half is inside politics/088 (the two
    // share their first 60%; J 0.55, C 0.94): 0-3 pairs per seed.
    EXPECT_LE(ScorePairs(stream, *decisions, AllPairs).same_section_false_pairs, 4);
  }
}

TEST_F(DedupQualityTest, InOrderLightlyTrimmedVariantsMeetTheOldTargets) {
  VariantOptions variant_options;
  variant_options.shuffle_arrival = false;
  variant_options.max_trim = 0.25;
  const std::vector<EvalStory> stream =
      VariantStream(articles_, MakeVariants(articles_, variant_options));
  absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options_);
  ASSERT_TRUE(decisions.ok()) << decisions.status();
  const PairScore score = ScorePairs(stream, *decisions, InvolvesACopy);
  EXPECT_GE(score.Precision(), kMinPrecision);
  EXPECT_GE(score.Recall(), kMinRecallInOrder);
  EXPECT_EQ(ScorePairs(stream, *decisions, AllPairs).same_section_false_pairs, 0);
}

TEST_F(DedupQualityTest, FullerTextAfterItsTrimmedCopyJoinsItsFamily) {
  // Shuffled arrival: the fuller text often comes after a trimmed copy. It
  // holds that copy, so it is linked as "contains earlier", not left new;
  // without that relation recall falls to about three quarters.
  const std::vector<EvalStory> stream =
      VariantStream(articles_, MakeVariants(articles_, VariantOptions()));
  absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options_);
  ASSERT_TRUE(decisions.ok()) << decisions.status();
  int contains = 0;
  for (const Decision& decision : *decisions) {
    contains += decision.kind == v1::DEDUP_KIND_CONTAINS_EARLIER ? 1 : 0;
  }
  EXPECT_GT(contains, 50);
  NearDuplicateIndex::Options copies_only = options_;
  copies_only.min_earlier_contained = 2;
  absl::StatusOr<std::vector<Decision>> without = FoldDuplicates(stream, copies_only);
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_GT(ScorePairs(stream, *decisions, InvolvesACopy).Recall(),
            ScorePairs(stream, *without, InvolvesACopy).Recall() + 0.1);
}

TEST_F(DedupQualityTest, BbcDifferentReportsOnOneTopicStayApartInEitherOrder) {
  std::map<std::string, const EvalStory*> by_key;
  const std::vector<EvalStory> bbc = BbcStream(articles_);
  for (const EvalStory& story : bbc) by_key[story.key] = &story;
  for (const DifferentReports& pair : BbcMustNotMerge()) {
    SCOPED_TRACE(std::string(pair.a) + " / " + std::string(pair.b));
    ASSERT_TRUE(by_key.count(std::string(pair.a)) && by_key.count(std::string(pair.b)));
    std::vector<EvalStory> stream = {*by_key[std::string(pair.a)], *by_key[std::string(pair.b)]};
    // The rule itself, whether or not LSH makes them candidates: neither
    // holds 80% of the other at the resemblance bar.
    auto index = NearDuplicateIndex::Create(options_);
    ASSERT_TRUE(index.ok());
    const v1::Fingerprints& fa = stream[0].fingerprints;
    const v1::Fingerprints& fb = stream[1].fingerprints;
    NearDuplicateIndex::Match match;
    match.resemblance = EstimateResemblance(fa.minhash(), fb.minhash());
    const double a_shingles = std::max(1, fa.canonical_words() - (kShingleWords - 1));
    const double b_shingles = std::max(1, fb.canonical_words() - (kShingleWords - 1));
    const double shared =
        match.resemblance * (a_shingles + b_shingles) / (1 + match.resemblance);
    for (int order = 0; order < 2; ++order) {
      // b after a: b's share inside a, a's share inside b; then swapped.
      match.containment = std::min(1.0, shared / (order == 0 ? b_shingles : a_shingles));
      match.earlier_contained = std::min(1.0, shared / (order == 0 ? a_shingles : b_shingles));
      EXPECT_FALSE((*index)->IsNearDuplicate(match)) << "J=" << match.resemblance;
      EXPECT_FALSE((*index)->ContainsEarlier(match)) << "J=" << match.resemblance;
    }
    for (int order = 0; order < 2; ++order) {
      absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options_);
      ASSERT_TRUE(decisions.ok()) << decisions.status();
      EXPECT_EQ((*decisions)[1].kind, v1::DEDUP_KIND_NEW_STORY)
          << stream[1].key << " after " << stream[0].key;
      std::swap(stream[0], stream[1]);
    }
  }
}

TEST_F(DedupQualityTest, SeedPageThenCleanCopyIsANearDuplicate) {
  absl::StatusOr<SeedPageCheck> check = CheckSeedPage(*corpus_dir_, options_);
  if (!check.ok()) GTEST_SKIP() << "no seed page: " << check.status();
  EXPECT_EQ(check->clean_copy_decision.kind, v1::DEDUP_KIND_NEAR_DUPLICATE);
  EXPECT_EQ(check->clean_copy_decision.duplicate_of,
            "url:https://japantoday.com/category/politics/china-wary-about-japan-joining-nato");
}

}  // namespace
}  // namespace newswire::dedup
