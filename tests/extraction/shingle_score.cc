#include "tests/extraction/shingle_score.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_join.h"
#include "utf8proc.h"

namespace newswire::extraction {
namespace {

// Python 3 `re` \w: str.isalnum() or '_', i.e. categories L* and N*.
bool IsWordCodePoint(utf8proc_int32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           cp == '_';
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

using Shingles = absl::flat_hash_map<std::string, int>;

Shingles AllShingles(absl::string_view text) {
  constexpr size_t kN = 4;
  std::vector<absl::string_view> tokens = WordTokens(text);
  Shingles shingles;
  if (tokens.empty()) return shingles;
  const size_t count = tokens.size() >= kN ? tokens.size() - kN + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    size_t end = std::min(tokens.size(), i + kN);
    std::vector<absl::string_view> shingle(tokens.begin() + i, tokens.begin() + end);
    ++shingles[absl::StrJoin(shingle, "\x1f")];
  }
  return shingles;
}

}  // namespace

std::vector<absl::string_view> WordTokens(absl::string_view utf8) {
  std::vector<absl::string_view> tokens;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const utf8proc_ssize_t n = static_cast<utf8proc_ssize_t>(utf8.size());
  utf8proc_ssize_t i = 0, start = -1;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &cp);
    bool word = len > 0 && IsWordCodePoint(cp);
    if (len <= 0) len = 1;
    if (word && start < 0) start = i;
    if (!word && start >= 0) {
      tokens.push_back(utf8.substr(start, i - start));
      start = -1;
    }
    i += len;
  }
  if (start >= 0) tokens.push_back(utf8.substr(start));
  return tokens;
}

double PageScore::precision() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0 && fp == 0) return 0;
  return tp / (tp + fp);
}

double PageScore::recall() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0 && fn == 0) return 0;
  return tp / (tp + fn);
}

PageScore ScorePage(absl::string_view truth, absl::string_view predicted) {
  Shingles t = AllShingles(truth);
  Shingles p = AllShingles(predicted);
  PageScore score;
  for (const auto& [key, true_count] : t) {
    auto it = p.find(key);
    int pred_count = it == p.end() ? 0 : it->second;
    score.tp += std::min(true_count, pred_count);
    score.fn += std::max(0, true_count - pred_count);
    score.fp += std::max(0, pred_count - true_count);
  }
  for (const auto& [key, pred_count] : p) {
    if (!t.contains(key)) score.fp += pred_count;
  }
  double sum = score.tp + score.fp + score.fn;
  if (sum > 0) {
    score.tp /= sum;
    score.fp /= sum;
    score.fn /= sum;
  }
  return score;
}

ScoreSummary Summarize(const std::vector<PageScore>& pages) {
  ScoreSummary summary;
  summary.pages = static_cast<int>(pages.size());
  double precision_sum = 0, recall_sum = 0;
  int precision_pages = 0, recall_pages = 0;
  for (const PageScore& page : pages) {
    if (page.tp + page.fp > 0) {
      precision_sum += page.precision();
      ++precision_pages;
    }
    if (page.tp + page.fn > 0) {
      recall_sum += page.recall();
      ++recall_pages;
    }
  }
  summary.precision = precision_pages > 0 ? precision_sum / precision_pages : 0;
  summary.recall = recall_pages > 0 ? recall_sum / recall_pages : 0;
  double sum = summary.precision + summary.recall;
  summary.f1 = sum > 0 ? 2 * summary.precision * summary.recall / sum : 0;
  return summary;
}

}  // namespace newswire::extraction
