// Republished variants: realistic copies of corpus articles, the way news
// sites carry a story they took from an agency or from each other.
//
//   VariantOptions options;
//   options.seed = 7;
//   std::vector<Variant> copies = MakeVariants(articles, options);
//   // copies[i].text: a plain-text page (headline line, blank line,
//   // paragraphs), ready for StoryFromPlainText or `wirectl dedup`.
//
// Each copy is made by one of a few fictional sites and gets, each with its
// own probability (see kinds of edits in republished_variants.cc):
//   - the site's boilerplate around the text: navigation lines, "Share
//     this", "Related stories" with headlines of other articles of the same
//     section, "Advertisement" breaks, a copyright footer, and for one site
//     a login blurb written in full sentences;
//   - a rewritten headline (always);
//   - light copy edits: about one word swap or typo per 150 words, a
//     sentence dropped, two sentences swapped;
//   - the closing sentences trimmed (5% up to `max_trim`, two thirds by
//     default, of the words);
//   - an agency credit line added ("(c) KYODO", "(AP)", "© 2005 Reuters")
//     or an agency dateline put before the lead;
//   - typography: curly quotes and apostrophes, em or en dashes, ellipses,
//     no-break spaces, the lead's first words in capitals, one sentence per
//     paragraph, the whole page in Windows-1252.
//
// Deterministic: the same articles and options give the same bytes on every
// platform (a fixed SplitMix64 stream, no std:: distributions).
#ifndef NEWSWIRE_TESTS_DEDUP_REPUBLISHED_VARIANTS_H_
#define NEWSWIRE_TESTS_DEDUP_REPUBLISHED_VARIANTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/dedup/bbc_corpus.h"

namespace newswire::dedup {

struct VariantOptions {
  uint64_t seed = 2005;
  // Share of the articles that get copies, and copies per copied article
  // (1 to max_copies).
  double share_copied = 0.4;
  int max_copies = 3;
  // Largest share of an article's words a trimmed copy loses.
  double max_trim = 2.0 / 3.0;
  // Copies appear from 48 hours before to 48 hours after their article (as
  // real traffic arrives: a site's trimmed copy may come first); false: only
  // after it, 10 minutes to 48 hours.
  bool shuffle_arrival = true;
};

struct Variant {
  std::string id;          // "copy:<site>/<key>#<n>"
  std::string source_key;  // the corpus article copied
  std::string site;
  std::string text;        // the page as plain text (UTF-8, or Windows-1252)
  std::vector<std::string> edits;  // what was done, for reports
  absl::Duration delay;    // published this long after the original (< 0: before)
};

std::vector<Variant> MakeVariants(const std::vector<CorpusArticle>& articles,
                                  const VariantOptions& options);

// A small deterministic random stream (SplitMix64).
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n);
  // True with probability p.
  bool Chance(double p);
  // Uniform in [low, high).
  double Between(double low, double high);

 private:
  uint64_t state_;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_TESTS_DEDUP_REPUBLISHED_VARIANTS_H_
