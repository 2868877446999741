// The article-extraction benchmark's metric, in C++, so our extractor and
// trafilatura are scored by the same code.
//
//   std::vector<PageScore> pages = {ScorePage(truth, predicted), ...};
//   ScoreSummary summary = Summarize(pages);  // f1, precision, recall
//
// Definition (that of scrapinghub/article-extraction-benchmark evaluate.py):
//  - tokens are the runs of \w characters as Python 3 `re` reads them:
//    Unicode letters (L*), numbers (N*) and '_' (combining marks, category
//    M, are not \w in Python, so "नमस्ते" splits where a mark sits);
//  - shingles are the runs of 4 consecutive tokens; a text of 1 to 3 tokens
//    has one shingle of all its tokens, an empty text none;
//  - per page, TP / FP / FN come from the multisets of truth and predicted
//    shingles (min of counts / surplus predicted / surplus true), then are
//    divided by TP + FP + FN so every page weighs the same (all stay 0 when
//    both texts are empty);
//  - page precision = TP / (TP + FP), and 1 when FP = FN = 0, 0 when
//    TP = FP = 0; page recall likewise with FN;
//  - precision is the mean of page precisions over the pages with TP + FP
//    > 0 (pages where nothing was extracted are left out of it, and count as
//    recall 0), recall the mean of page recalls over pages with TP + FN > 0;
//  - F1 = 2 P R / (P + R) from the two means.
// Pure and thread-safe.
#ifndef NEWSWIRE_TESTS_EXTRACTION_SHINGLE_SCORE_H_
#define NEWSWIRE_TESTS_EXTRACTION_SHINGLE_SCORE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::extraction {

// The \w+ tokens of `utf8` (invalid bytes separate tokens).
std::vector<absl::string_view> WordTokens(absl::string_view utf8);

struct PageScore {
  double tp = 0, fp = 0, fn = 0;  // normalized to sum to 1 (or all 0)
  double precision() const;
  double recall() const;
};

PageScore ScorePage(absl::string_view truth, absl::string_view predicted);

struct ScoreSummary {
  double f1 = 0, precision = 0, recall = 0;
  int pages = 0;
};

ScoreSummary Summarize(const std::vector<PageScore>& pages);

}  // namespace newswire::extraction

#endif  // NEWSWIRE_TESTS_EXTRACTION_SHINGLE_SCORE_H_
