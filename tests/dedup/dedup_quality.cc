// dedup_quality: how well duplicates are found, on the BBC corpus and on
// republished variants of it. Prints pair counts, precision and recall, the
// BBC findings, the signals' spread and a comparison of decision rules.
//
//   bazel run //tests/dedup:dedup_quality -- --corpus=/work/shared/corpus
//   (or NEWSWIRE_CORPUS=/work/shared/corpus; --verbose lists every pair)
#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/ingest/fingerprint/canonical_text.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "services/ingest/fingerprint/near_duplicate_index.h"
#include "tests/corpus/corpus_files.h"
#include "tests/dedup/bbc_corpus.h"
#include "tests/dedup/bbc_must_not_merge.h"
#include "tests/dedup/dedup_eval.h"
#include "tests/dedup/republished_variants.h"

ABSL_FLAG(std::string, corpus, "", "corpus folder (default: $NEWSWIRE_CORPUS)");
ABSL_FLAG(uint64_t, seed, 2005, "seed of the variant generator");
ABSL_FLAG(int, extra_seeds, 4, "further seeds to score (seed+1 ...)");
ABSL_FLAG(bool, verbose, false, "list every pair and every missed copy");
ABSL_FLAG(double, min_resemblance, -1, "index option to try instead of the default (< 0: default)");
ABSL_FLAG(double, min_containment, -1, "index option to try instead of the default (< 0: default)");
ABSL_FLAG(double, min_earlier_contained, -1,
          "index option to try instead of the default (< 0: default)");

namespace newswire::dedup {
namespace {

struct ToolOptions {
  std::string corpus_dir;
  uint64_t seed = 0;
  int extra_seeds = 0;
  bool verbose = false;
  NearDuplicateIndex::Options index;
};

const char* KindName(v1::DedupKind kind) {
  switch (kind) {
    case v1::DEDUP_KIND_EXACT_DUPLICATE:
      return "exact";
    case v1::DEDUP_KIND_NEAR_DUPLICATE:
      return "near";
    case v1::DEDUP_KIND_CONTAINS_EARLIER:
      return "contains";
    default:
      return "new";
  }
}

void PrintFindings(const char* title, const std::vector<PairFinding>& findings) {
  std::printf("  %s: %zu\n", title, findings.size());
  for (const PairFinding& f : findings) {
    std::printf("    %-22s %-22s %-5s J=%.2f C=%.2f  %s\n", f.a.c_str(), f.b.c_str(),
                KindName(f.kind), f.resemblance, f.containment, f.verdict.c_str());
  }
}

void PrintScore(const char* title, const PairScore& score) {
  std::printf("  %s: true pairs %lld, found %lld, correct %lld -> precision %.4f, recall %.4f; "
              "same-section false pairs %lld\n",
              title, static_cast<long long>(score.true_pairs),
              static_cast<long long>(score.found_pairs),
              static_cast<long long>(score.correct_pairs), score.Precision(), score.Recall(),
              static_cast<long long>(score.same_section_false_pairs));
}

// Decisions by kind, for copies and for articles.
void PrintKinds(const std::vector<EvalStory>& stream, const std::vector<Decision>& decisions) {
  std::map<std::string, std::pair<int, int>> kinds;  // kind -> (articles, copies)
  for (size_t i = 0; i < stream.size(); ++i) {
    auto& [articles, copies] = kinds[KindName(decisions[i].kind)];
    ++(stream[i].generated ? copies : articles);
  }
  std::printf("  decisions by kind (articles / copies):");
  for (const auto& [kind, counts] : kinds) {
    std::printf(" %s %d / %d;", kind.c_str(), counts.first, counts.second);
  }
  std::printf("\n");
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

double Containment(const v1::Fingerprints& query, const v1::Fingerprints& other) {
  const double j = EstimateResemblance(query.minhash(), other.minhash());
  const double q = std::max(1, query.canonical_words() - (kShingleWords - 1));
  const double e = std::max(1, other.canonical_words() - (kShingleWords - 1));
  return std::min(1.0, j * (q + e) / ((1 + j) * q));
}

struct ExactOverlap {
  double resemblance = 0;
  double containment = 0;  // of `query`'s shingles in `other`
};

// Exact shingle-set overlap, to tell estimator noise from real differences.
ExactOverlap ExactShingleOverlap(const v1::Story& query, const v1::Story& other) {
  const std::vector<uint64_t> q = ShingleHashes(CanonicalText(query));
  const std::vector<uint64_t> o = ShingleHashes(CanonicalText(other));
  const std::set<uint64_t> qs(q.begin(), q.end()), os(o.begin(), o.end());
  size_t both = 0;
  for (uint64_t h : qs) both += os.count(h);
  ExactOverlap overlap;
  overlap.resemblance =
      static_cast<double>(both) / static_cast<double>(qs.size() + os.size() - both);
  overlap.containment = qs.empty() ? 0 : static_cast<double>(both) / static_cast<double>(qs.size());
  return overlap;
}

// The signals between each copy and its article, and between hard negatives.
void PrintSignals(const std::vector<EvalStory>& stream) {
  std::map<std::string, const EvalStory*> originals;
  for (const EvalStory& s : stream) {
    if (!s.generated) originals[s.key] = &s;
  }
  std::vector<double> resemblance, containment, hamming;
  int within3 = 0, copies = 0;
  for (const EvalStory& s : stream) {
    if (!s.generated) continue;
    const EvalStory& original = *originals.at(s.key);
    ++copies;
    resemblance.push_back(EstimateResemblance(s.fingerprints.minhash(),
                                              original.fingerprints.minhash()));
    containment.push_back(Containment(s.fingerprints, original.fingerprints));
    const int distance = HammingDistance(s.fingerprints.simhash(), original.fingerprints.simhash());
    hamming.push_back(distance);
    within3 += distance <= 3 ? 1 : 0;
  }
  std::printf("\nSignals, copy vs its article (%d copies): min / p1 / p5 / median\n", copies);
  for (const auto& [name, values] :
       std::vector<std::pair<const char*, std::vector<double>*>>{
           {"resemblance J (MinHash)", &resemblance}, {"containment C (MinHash)", &containment}}) {
    std::printf("  %-26s %.3f / %.3f / %.3f / %.3f\n", name, Percentile(*values, 0),
                Percentile(*values, 0.01), Percentile(*values, 0.05), Percentile(*values, 0.5));
  }
  std::printf("  %-26s median %.0f, p95 %.0f, max %.0f bits; within 3 bits: %d of %d (%.0f%%)\n",
              "SimHash Hamming distance", Percentile(hamming, 0.5), Percentile(hamming, 0.95),
              Percentile(hamming, 1), within3, copies, 100.0 * within3 / std::max(1, copies));
}

int Run(const ToolOptions& tool) {
  absl::StatusOr<std::vector<CorpusArticle>> articles = LoadBbcCorpus(tool.corpus_dir);
  if (!articles.ok()) {
    std::fprintf(stderr, "dedup_quality: %s\n", articles.status().ToString().c_str());
    return 1;
  }
  const NearDuplicateIndex::Options options = tool.index;
  std::printf("Index: MinHash %d bins (16-bit), LSH %d bands x %d rows, match when J >= %.2f "
              "and C >= %.2f, contains when C' >= %.2f, min %d words, window %s\n",
              kMinHashBins, options.bands, options.rows, options.min_resemblance,
              options.min_containment, options.min_earlier_contained, options.min_words,
              absl::FormatDuration(options.window).c_str());

  // --- BBC corpus -------------------------------------------------------------
  absl::StatusOr<BbcFindings> bbc = ReviewBbc(*articles, options);
  if (!bbc.ok()) {
    std::fprintf(stderr, "dedup_quality: %s\n", bbc.status().ToString().c_str());
    return 1;
  }
  std::printf("\nBBC corpus: %d articles, folded in corpus order\n", bbc->articles);
  std::printf("  byte-identical files: %d groups, %d pairs, %d merged as exact duplicates\n",
              bbc->byte_identical_groups, bbc->byte_identical_pairs,
              bbc->byte_identical_pairs_merged);
  PrintFindings("exact duplicates (same canonical text)", bbc->exact);
  PrintFindings("near duplicates", bbc->near);
  PrintFindings("contains an earlier article (one family)", bbc->contains);
  PrintFindings("kept apart although similar (J >= 0.10)", bbc->kept_apart);
  PrintFindings("FALSE MERGES (reviewed as different stories)", bbc->false_merges);
  PrintFindings("unreviewed merges", bbc->unreviewed_merges);
  PrintFindings("MISSES (reviewed as one story, not merged)", bbc->misses);

  // Different reports on one topic, each pair folded alone in both orders.
  {
    std::map<std::string, const EvalStory*> by_key;
    const std::vector<EvalStory> bbc_stream = BbcStream(*articles);
    for (const EvalStory& story : bbc_stream) by_key[story.key] = &story;
    int pairs = 0, linked = 0;
    for (const DifferentReports& pair : BbcMustNotMerge()) {
      auto a = by_key.find(std::string(pair.a));
      auto b = by_key.find(std::string(pair.b));
      if (a == by_key.end() || b == by_key.end()) continue;
      ++pairs;
      for (const auto& two : {std::vector<EvalStory>{*a->second, *b->second},
                              std::vector<EvalStory>{*b->second, *a->second}}) {
        absl::StatusOr<std::vector<Decision>> d = FoldDuplicates(two, options);
        if (!d.ok()) return 1;
        if ((*d)[1].kind != v1::DEDUP_KIND_NEW_STORY) {
          ++linked;
          std::printf("    LINKED %s -> %s (%s)\n", two[1].key.c_str(), two[0].key.c_str(),
                      KindName((*d)[1].kind));
        }
      }
    }
    std::printf("  must-not-merge pairs (different reports on one topic): %d, linked in either "
                "order: %d\n",
                pairs, linked);
  }

  // --- Republished variants ------------------------------------------------
  VariantOptions variant_options;
  variant_options.seed = tool.seed;
  const std::vector<Variant> variants = MakeVariants(*articles, variant_options);
  const std::vector<EvalStory> stream = VariantStream(*articles, variants);
  absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options);
  if (!decisions.ok()) return 1;
  std::map<std::string, int> edit_counts;
  for (const Variant& v : variants) {
    for (const std::string& edit : v.edits) {
      ++edit_counts[edit.rfind("word edits", 0) == 0 ? "word edits"
                    : edit.rfind("boilerplate", 0) == 0 ? "site boilerplate"
                                                         : edit];
    }
  }
  std::printf("\nRepublished variants (seed %llu; arrival shuffled, up to %.0f%% trimmed): %zu "
              "copies of %zu articles, in a stream of %zu stories\n",
              static_cast<unsigned long long>(tool.seed), 100 * variant_options.max_trim,
              variants.size(),
              static_cast<size_t>(std::count_if(
                  stream.begin(), stream.end(),
                  [](const EvalStory& s) { return !s.generated; })),
              stream.size());
  std::printf("  edits:");
  for (const auto& [edit, count] : edit_counts) std::printf(" %s %d;", edit.c_str(), count);
  std::printf("\n");
  const PairScore copies = ScorePairs(stream, *decisions, InvolvesACopy);
  const PairScore all = ScorePairs(stream, *decisions, AllPairs);
  PrintScore("pairs with a copy", copies);
  PrintScore("all pairs        ", all);
  PrintKinds(stream, *decisions);
  std::map<std::string, const Variant*> variants_by_id;
  for (const Variant& v : variants) variants_by_id[v.id] = &v;
  // Missed: a new story although a story of its group came before it.
  int missed = 0;
  std::set<std::string> groups_seen;
  for (size_t i = 0; i < stream.size(); ++i) {
    if (groups_seen.insert(stream[i].truth_group).second ||
        (*decisions)[i].kind != v1::DEDUP_KIND_NEW_STORY) {
      continue;
    }
    ++missed;
    if (!tool.verbose) continue;
    const auto& nearest = (*decisions)[i].nearest;
    const EvalStory* original = nullptr;
    for (const EvalStory& s : stream) {
      if (!s.generated && s.key == stream[i].key) original = &s;
    }
    const ExactOverlap exact = ExactShingleOverlap(stream[i].story, original->story);
    const auto edits = variants_by_id.find(stream[i].id);
    std::printf("    missed %s: nearest %s J=%.2f C=%.2f; exact vs article J=%.2f C=%.2f; %s\n",
                stream[i].id.c_str(), nearest ? nearest->id.c_str() : "-",
                nearest ? nearest->resemblance : 0, nearest ? nearest->containment : 0,
                exact.resemblance, exact.containment,
                edits == variants_by_id.end() ? "the article"
                                              : absl::StrJoin(edits->second->edits, ", ").c_str());
  }
  if (tool.verbose) {
    std::map<std::string, size_t> position;
    for (size_t i = 0; i < stream.size(); ++i) position[stream[i].id] = i;
    for (size_t i = 0; i < stream.size(); ++i) {
      const Decision& d = (*decisions)[i];
      if (d.kind == v1::DEDUP_KIND_NEW_STORY) continue;
      const EvalStory& other = stream[position.at(d.duplicate_of)];
      if (other.truth_group == stream[i].truth_group) continue;
      std::printf("    wrong link %s -> %s (%s): J=%.2f C=%.2f\n", stream[i].id.c_str(),
                  other.id.c_str(), KindName(d.kind), d.resemblance, d.containment);
    }
  }
  std::printf("  stories left new although one of their story came before: %d of %zu\n", missed,
              stream.size());
  PrintSignals(stream);

  std::printf("\nOther seeds (pairs with a copy):\n");
  for (int k = 1; k <= tool.extra_seeds; ++k) {
    VariantOptions other = variant_options;
    other.seed = tool.seed + static_cast<uint64_t>(k);
    const std::vector<EvalStory> s = VariantStream(*articles, MakeVariants(*articles, other));
    absl::StatusOr<std::vector<Decision>> d = FoldDuplicates(s, options);
    if (!d.ok()) return 1;
    PrintScore(absl::StrFormat("seed %llu", static_cast<unsigned long long>(other.seed)).c_str(),
               ScorePairs(s, *d, InvolvesACopy));
    PrintKinds(s, *d);
  }
  {
    // The generator as it was: copies after their article, trimmed <= 25%.
    VariantOptions in_order = variant_options;
    in_order.shuffle_arrival = false;
    in_order.max_trim = 0.25;
    const std::vector<EvalStory> s = VariantStream(*articles, MakeVariants(*articles, in_order));
    absl::StatusOr<std::vector<Decision>> d = FoldDuplicates(s, options);
    if (!d.ok()) return 1;
    PrintScore("in order, <= 25% trimmed", ScorePairs(s, *d, InvolvesACopy));
    NearDuplicateIndex::Options copies_only = options;
    copies_only.min_earlier_contained = 2;  // off: the rule before families
    const std::vector<EvalStory> shuffled =
        VariantStream(*articles, MakeVariants(*articles, variant_options));
    d = FoldDuplicates(shuffled, copies_only);
    if (!d.ok()) return 1;
    PrintScore("shuffled, without 'contains'", ScorePairs(shuffled, *d, InvolvesACopy));
  }

  std::printf("\nDecision rules compared (seed %llu; BBC false merges / misses):\n",
              static_cast<unsigned long long>(tool.seed));
  struct Rule {
    const char* name;
    double min_resemblance;
    double min_containment;
    double min_earlier_contained = 0.8;
  };
  for (const Rule& rule : std::vector<Rule>{{"J >= 0.80 only", 0.8, 0},
                                            {"J >= 0.60 only", 0.6, 0},
                                            {"J >= 0.50 only", 0.5, 0},
                                            {"J >= 0.25, C >= 0.75", 0.25, 0.75},
                                            {"J >= 0.25, C >= 0.78", 0.25, 0.78},
                                            {"J >= 0.25, C >= 0.80 (default)", 0.25, 0.8},
                                            {"J >= 0.30, C >= 0.80 (before)", 0.3, 0.8},
                                            {"J >= 0.40, C >= 0.80", 0.4, 0.8},
                                            {"J >= 0.25, C >= 0.85", 0.25, 0.85},
                                            {"J >= 0.25, C >= 0.90", 0.25, 0.9},
                                            {"... contains C' >= 0.70", 0.25, 0.8, 0.7},
                                            {"... contains C' >= 0.75", 0.25, 0.8, 0.75},
                                            {"... contains C' >= 0.85", 0.25, 0.8, 0.85},
                                            {"... no 'contains'", 0.25, 0.8, 2}}) {
    NearDuplicateIndex::Options o = options;
    o.min_resemblance = rule.min_resemblance;
    o.min_containment = rule.min_containment;
    o.min_earlier_contained = rule.min_earlier_contained;
    absl::StatusOr<std::vector<Decision>> d = FoldDuplicates(stream, o);
    absl::StatusOr<BbcFindings> b = ReviewBbc(*articles, o);
    if (!d.ok() || !b.ok()) return 1;
    const PairScore score = ScorePairs(stream, *d, InvolvesACopy);
    std::printf("  %-32s precision %.4f recall %.4f  BBC %zu / %zu\n", rule.name,
                score.Precision(), score.Recall(), b->false_merges.size(), b->misses.size());
  }

  absl::StatusOr<SeedPageCheck> seed = CheckSeedPage(tool.corpus_dir, options);
  if (seed.ok()) {
    const Decision& d = seed->clean_copy_decision;
    std::printf("\nSeed page (%d canonical words) then a clean copy (%d words): %s J=%.2f C=%.2f\n",
                seed->page.canonical_words(), seed->clean_copy.canonical_words(), KindName(d.kind),
                d.resemblance, d.containment);
    const Decision& r = seed->page_after_clean_copy_decision;
    std::printf("The other order, the page after the clean copy: %s J=%.2f C=%.2f\n",
                KindName(r.kind), r.resemblance, r.containment);
  }
  return 0;
}

}  // namespace
}  // namespace newswire::dedup

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  newswire::dedup::ToolOptions tool;
  tool.corpus_dir = absl::GetFlag(FLAGS_corpus);
  if (tool.corpus_dir.empty()) {
    if (std::optional<std::filesystem::path> root = newswire::test_corpus::RootFromEnv()) {
      tool.corpus_dir = root->string();
    }
  }
  if (tool.corpus_dir.empty()) {
    std::fprintf(stderr, "dedup_quality: give --corpus or set NEWSWIRE_CORPUS\n");
    return 2;
  }
  tool.seed = absl::GetFlag(FLAGS_seed);
  tool.extra_seeds = absl::GetFlag(FLAGS_extra_seeds);
  tool.verbose = absl::GetFlag(FLAGS_verbose);
  for (auto [flag, option] : {std::pair{&FLAGS_min_resemblance, &tool.index.min_resemblance},
                              std::pair{&FLAGS_min_containment, &tool.index.min_containment},
                              std::pair{&FLAGS_min_earlier_contained,
                                        &tool.index.min_earlier_contained}}) {
    if (absl::GetFlag(*flag) >= 0) *option = absl::GetFlag(*flag);
  }
  return newswire::dedup::Run(tool);
}
