#include "tests/dedup/dedup_eval.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "tests/corpus/corpus_files.h"
#include "tests/dedup/bbc_reviewed_pairs.h"

namespace newswire::dedup {
namespace {

const absl::Time kStreamStart = absl::FromUnixSeconds(1'107'000'000);  // Jan 2005

// Cluster of each story: itself when new, else the new story it copies.
std::vector<size_t> Clusters(const std::vector<EvalStory>& stories,
                             const std::vector<Decision>& decisions) {
  absl::flat_hash_map<std::string, size_t> position;
  for (size_t i = 0; i < stories.size(); ++i) position.emplace(stories[i].id, i);
  std::vector<size_t> cluster(stories.size());
  for (size_t i = 0; i < stories.size(); ++i) {
    cluster[i] = i;
    if (decisions[i].kind != v1::DEDUP_KIND_NEW_STORY) {
      auto it = position.find(decisions[i].duplicate_of);
      if (it != position.end()) cluster[i] = cluster[it->second];
    }
  }
  return cluster;
}

// Union-find over the reviewed same-story pairs: each key's group name is
// the smallest key of its group.
std::map<std::string, std::string> ReviewedGroups(const std::vector<CorpusArticle>& articles) {
  std::map<std::string, std::string> parent;
  for (const CorpusArticle& article : articles) parent[article.key] = article.key;
  std::function<std::string(const std::string&)> find = [&](const std::string& key) {
    std::string root = key;
    while (parent[root] != root) root = parent[root];
    return root;
  };
  for (const ReviewedPair& pair : BbcReviewedPairs()) {
    if (!IsSameFamily(pair.verdict)) continue;
    const std::string a(pair.a), b(pair.b);
    if (!parent.count(a) || !parent.count(b)) continue;
    std::string ra = find(a), rb = find(b);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  std::map<std::string, std::string> group;
  for (const auto& [key, unused] : parent) group[key] = find(key);
  return group;
}

PairFinding FindingFor(const EvalStory& a, const EvalStory& b, const Decision& decision) {
  PairFinding finding;
  finding.a = a.key;
  finding.b = b.key;
  finding.kind = decision.kind;
  finding.resemblance = decision.resemblance;
  finding.containment = decision.containment;
  const std::optional<Verdict> verdict = ReviewedVerdict(a.key, b.key);
  finding.verdict = verdict.has_value() ? std::string(VerdictName(*verdict)) : "unreviewed";
  return finding;
}

}  // namespace

absl::StatusOr<std::vector<Decision>> FoldDuplicates(const std::vector<EvalStory>& stories,
                                                     const NearDuplicateIndex::Options& options) {
  absl::StatusOr<std::unique_ptr<NearDuplicateIndex>> index = NearDuplicateIndex::Create(options);
  if (!index.ok()) return index.status();
  absl::flat_hash_map<std::string, std::string> first_by_sha;
  std::vector<Decision> decisions;
  decisions.reserve(stories.size());
  for (const EvalStory& story : stories) {
    Decision decision;
    const std::string& sha = story.fingerprints.content_sha256();
    std::vector<NearDuplicateIndex::Match> candidates =
        (*index)->Candidates(story.fingerprints, story.time);
    if (!candidates.empty()) decision.nearest = candidates.front();
    if (auto it = first_by_sha.find(sha); !sha.empty() && it != first_by_sha.end()) {
      decision.kind = v1::DEDUP_KIND_EXACT_DUPLICATE;
      decision.duplicate_of = it->second;
      decision.resemblance = 1;
      decision.containment = 1;
    } else if (std::optional<NearDuplicateIndex::Match> match =
                   (*index)->FindRelated(story.fingerprints, story.time)) {
      const bool copy = match->relation == NearDuplicateIndex::Relation::kCopy;
      decision.kind = copy ? v1::DEDUP_KIND_NEAR_DUPLICATE : v1::DEDUP_KIND_CONTAINS_EARLIER;
      decision.duplicate_of = match->id;
      decision.resemblance = match->resemblance;
      decision.containment = copy ? match->containment : match->earlier_contained;
      decision.nearest = std::move(match);
      // A fuller text is indexed, as the fold does: its own copies match it.
      if (!copy) {
        if (!sha.empty()) first_by_sha.emplace(sha, story.id);
        (*index)->Add(story.id, story.fingerprints, story.time);
      }
    } else {
      decision.kind = v1::DEDUP_KIND_NEW_STORY;
      if (!sha.empty()) first_by_sha.emplace(sha, story.id);
      (*index)->Add(story.id, story.fingerprints, story.time);
    }
    decisions.push_back(std::move(decision));
  }
  return decisions;
}

double PairScore::Precision() const {
  return found_pairs == 0 ? 1.0 : static_cast<double>(correct_pairs) / found_pairs;
}

double PairScore::Recall() const {
  return true_pairs == 0 ? 1.0 : static_cast<double>(correct_pairs) / true_pairs;
}

bool InvolvesACopy(const EvalStory& a, const EvalStory& b) { return a.generated || b.generated; }
bool AllPairs(const EvalStory&, const EvalStory&) { return true; }

PairScore ScorePairs(const std::vector<EvalStory>& stories,
                     const std::vector<Decision>& decisions, const PairFilter& counts) {
  const std::vector<size_t> cluster = Clusters(stories, decisions);
  PairScore score;
  for (size_t i = 0; i < stories.size(); ++i) {
    for (size_t j = i + 1; j < stories.size(); ++j) {
      if (!counts(stories[i], stories[j])) continue;
      const bool same_story = stories[i].truth_group == stories[j].truth_group;
      const bool merged = cluster[i] == cluster[j];
      score.true_pairs += same_story ? 1 : 0;
      score.found_pairs += merged ? 1 : 0;
      score.correct_pairs += same_story && merged ? 1 : 0;
      if (merged && !same_story && stories[i].section == stories[j].section) {
        ++score.same_section_false_pairs;
      }
    }
  }
  return score;
}

std::vector<EvalStory> BbcStream(const std::vector<CorpusArticle>& articles) {
  const std::map<std::string, std::string> groups = ReviewedGroups(articles);
  std::vector<EvalStory> stream;
  stream.reserve(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    const CorpusArticle& article = articles[i];
    EvalStory story;
    story.id = article.story.id();
    story.key = article.key;
    story.truth_group = groups.at(article.key);
    story.section = article.section;
    story.time = kStreamStart + absl::Minutes(10) * static_cast<int64_t>(i);
    story.story = article.story;
    story.fingerprints = ComputeFingerprints(article.story);
    stream.push_back(std::move(story));
  }
  return stream;
}

std::vector<EvalStory> VariantStream(const std::vector<CorpusArticle>& articles,
                                     const std::vector<Variant>& variants) {
  std::vector<EvalStory> stream = BbcStream(articles);
  absl::flat_hash_map<std::string, size_t> by_key;
  for (size_t i = 0; i < stream.size(); ++i) by_key.emplace(stream[i].key, i);
  for (const Variant& variant : variants) {
    auto it = by_key.find(variant.source_key);
    if (it == by_key.end()) continue;
    absl::StatusOr<v1::Story> story = StoryFromPlainText(variant.text, variant.id);
    if (!story.ok()) continue;
    const EvalStory& original = stream[it->second];
    EvalStory copy;
    copy.id = variant.id;
    copy.key = variant.source_key;
    copy.truth_group = original.truth_group;
    copy.section = original.section;
    copy.generated = true;
    copy.time = original.time + variant.delay;
    copy.story = std::move(*story);
    copy.fingerprints = ComputeFingerprints(copy.story);
    stream.push_back(std::move(copy));
  }
  std::stable_sort(stream.begin(), stream.end(), [](const EvalStory& a, const EvalStory& b) {
    return a.time != b.time ? a.time < b.time : a.id < b.id;
  });
  return stream;
}

absl::StatusOr<BbcFindings> ReviewBbc(const std::vector<CorpusArticle>& articles,
                                      const NearDuplicateIndex::Options& options) {
  const std::vector<EvalStory> stream = BbcStream(articles);
  absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options);
  if (!decisions.ok()) return decisions.status();
  const std::vector<size_t> cluster = Clusters(stream, *decisions);
  absl::flat_hash_map<std::string, size_t> by_id, by_key;
  for (size_t i = 0; i < stream.size(); ++i) {
    by_id.emplace(stream[i].id, i);
    by_key.emplace(stream[i].key, i);
  }

  BbcFindings findings;
  findings.articles = static_cast<int>(articles.size());
  std::map<std::string, std::vector<size_t>> by_bytes;
  for (size_t i = 0; i < articles.size(); ++i) by_bytes[articles[i].bytes].push_back(i);
  for (const auto& [bytes, members] : by_bytes) {
    if (members.size() < 2) continue;
    ++findings.byte_identical_groups;
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        ++findings.byte_identical_pairs;
        // BbcStream keeps the corpus order, so article i is stream[i].
        if (cluster[members[x]] == cluster[members[y]]) ++findings.byte_identical_pairs_merged;
      }
    }
  }

  for (size_t i = 0; i < stream.size(); ++i) {
    const Decision& decision = (*decisions)[i];
    if (decision.kind == v1::DEDUP_KIND_NEW_STORY) {
      if (decision.nearest.has_value() && decision.nearest->resemblance >= 0.1) {
        Decision near_miss = decision;
        near_miss.resemblance = decision.nearest->resemblance;
        near_miss.containment = decision.nearest->containment;
        findings.kept_apart.push_back(
            FindingFor(stream[by_id.at(decision.nearest->id)], stream[i], near_miss));
      }
      continue;
    }
    const PairFinding finding = FindingFor(stream[by_id.at(decision.duplicate_of)], stream[i],
                                           decision);
    (decision.kind == v1::DEDUP_KIND_EXACT_DUPLICATE  ? findings.exact
     : decision.kind == v1::DEDUP_KIND_NEAR_DUPLICATE ? findings.near
                                                       : findings.contains)
        .push_back(finding);
  }

  for (size_t i = 0; i < stream.size(); ++i) {
    for (size_t j = i + 1; j < stream.size(); ++j) {
      if (cluster[i] != cluster[j]) continue;
      const std::optional<Verdict> verdict = ReviewedVerdict(stream[i].key, stream[j].key);
      Decision merged = (*decisions)[j];
      if (!verdict.has_value()) {
        findings.unreviewed_merges.push_back(FindingFor(stream[i], stream[j], merged));
      } else if (!IsSameFamily(*verdict)) {
        findings.false_merges.push_back(FindingFor(stream[i], stream[j], merged));
      }
    }
  }
  for (const ReviewedPair& pair : BbcReviewedPairs()) {
    if (!IsSameFamily(pair.verdict)) continue;
    auto a = by_key.find(std::string(pair.a));
    auto b = by_key.find(std::string(pair.b));
    if (a == by_key.end() || b == by_key.end()) continue;
    if (cluster[a->second] != cluster[b->second]) {
      const size_t first = std::min(a->second, b->second);
      const size_t later = std::max(a->second, b->second);
      Decision decision = (*decisions)[later];
      if (decision.nearest.has_value() && decision.nearest->id == stream[first].id) {
        decision.resemblance = decision.nearest->resemblance;
        decision.containment = decision.nearest->containment;
      }
      findings.misses.push_back(FindingFor(stream[first], stream[later], decision));
    }
  }
  return findings;
}

absl::StatusOr<SeedPageCheck> CheckSeedPage(const std::string& corpus_dir,
                                            const NearDuplicateIndex::Options& options) {
  absl::StatusOr<std::string> page =
      test_corpus::ReadFile(corpus_dir + "/seed/japantoday-kyodo-2022-11-07.txt");
  if (!page.ok()) return page.status();
  // The article: from the dateline line to the credit line.
  const std::vector<absl::string_view> lines = absl::StrSplit(*page, '\n');
  std::string clean = "China wary about Japan joining NATO cyber defense center\n";
  bool inside = false;
  for (absl::string_view line : lines) {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed == "BEIJING") inside = true;
    if (inside) absl::StrAppend(&clean, line, "\n");
    if (inside && absl::StartsWith(trimmed, "\xC2\xA9 KYODO")) break;
  }
  if (!inside) return absl::NotFoundError("seed page: no dateline line");

  std::vector<EvalStory> stream(2);
  for (EvalStory& story : stream) story.time = kStreamStart;
  absl::StatusOr<v1::Story> page_story = StoryFromPlainText(
      *page, "url:https://japantoday.com/category/politics/china-wary-about-japan-joining-nato");
  absl::StatusOr<v1::Story> clean_story =
      StoryFromPlainText(clean, "url:https://example.org/kyodo/china-wary-nato-cyber");
  if (!page_story.ok()) return page_story.status();
  if (!clean_story.ok()) return clean_story.status();
  stream[0].id = page_story->id();
  stream[0].story = std::move(*page_story);
  stream[1].id = clean_story->id();
  stream[1].story = std::move(*clean_story);
  for (EvalStory& story : stream) story.fingerprints = ComputeFingerprints(story.story);
  absl::StatusOr<std::vector<Decision>> decisions = FoldDuplicates(stream, options);
  if (!decisions.ok()) return decisions.status();
  SeedPageCheck check;
  check.page = stream[0].fingerprints;
  check.clean_copy = stream[1].fingerprints;
  check.clean_copy_decision = (*decisions)[1];
  std::swap(stream[0], stream[1]);
  decisions = FoldDuplicates(stream, options);
  if (!decisions.ok()) return decisions.status();
  check.page_after_clean_copy_decision = (*decisions)[1];
  return check;
}

}  // namespace newswire::dedup
