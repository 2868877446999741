#include "tests/dedup/bbc_reviewed_pairs.h"

namespace newswire::dedup {

const std::vector<ReviewedPair>& BbcReviewedPairs() {
  static const auto* pairs = new std::vector<ReviewedPair>{
      // Byte-identical files.
      {"business/007.txt", "business/253.txt", Verdict::kSameText, "byte-identical"},
      {"entertainment/103.txt", "entertainment/127.txt", Verdict::kSameText, "byte-identical"},
      {"entertainment/133.txt", "entertainment/145.txt", Verdict::kSameText, "byte-identical"},
      {"sport/430.txt", "sport/436.txt", Verdict::kSameText, "byte-identical"},
      {"tech/067.txt", "tech/382.txt", Verdict::kSameText, "byte-identical"},
      {"tech/079.txt", "tech/373.txt", Verdict::kSameText, "byte-identical"},
      {"tech/094.txt", "tech/313.txt", Verdict::kSameText, "byte-identical"},
      {"tech/103.txt", "tech/388.txt", Verdict::kSameText, "byte-identical"},
      {"tech/211.txt", "tech/226.txt", Verdict::kSameText, "byte-identical"},
      // Same body under a rewritten headline.
      {"business/286.txt", "business/493.txt", Verdict::kSameText, "headline rewritten"},
      {"sport/049.txt", "sport/088.txt", Verdict::kSameText, "headline rewritten"},
      {"sport/112.txt", "sport/121.txt", Verdict::kSameText, "headline rewritten"},
      {"tech/127.txt", "tech/172.txt", Verdict::kSameText, "headline rewritten"},
      {"tech/130.txt", "tech/178.txt", Verdict::kSameText, "headline rewritten"},
      // Small edits.
      {"tech/286.txt", "tech/391.txt", Verdict::kNearIdentical, "one word (pay/play)"},
      {"tech/049.txt", "tech/340.txt", Verdict::kNearIdentical,
       "headline and one word (Electronic/Engineering)"},
      {"sport/289.txt", "sport/406.txt", Verdict::kNearIdentical,
       "one word (insisted/said), a paragraph break"},
      {"entertainment/079.txt", "entertainment/331.txt", Verdict::kNearIdentical,
       "a phrase cut"},
      {"entertainment/142.txt", "entertainment/229.txt", Verdict::kEditedCopy,
       "one paragraph's quote swapped for another"},
      {"sport/424.txt", "sport/511.txt", Verdict::kEditedCopy,
       "condensed: a quote and a detail cut, a sentence rephrased"},
      // The later file adds reactions.
      {"politics/226.txt", "politics/265.txt", Verdict::kWriteThrough,
       "adds the Treasury's reply, one paragraph (18% of the text new)"},
      {"politics/043.txt", "politics/313.txt", Verdict::kAddsNewText,
       "adds a paragraph of party reactions (38% new)"},
      // Rewrites with new facts, and related stories.
      {"politics/088.txt", "politics/337.txt", Verdict::kRewrite,
       "new quotes, an official named, a paragraph replaced"},
      {"entertainment/007.txt", "entertainment/013.txt", Verdict::kRewrite,
       "tipped for the prize, then won the category"},
      {"politics/175.txt", "politics/349.txt", Verdict::kRewrite,
       "speech rewritten with opposition replies"},
      {"sport/226.txt", "sport/232.txt", Verdict::kRewrite, "will be unveiled, then unveiled"},
      {"politics/184.txt", "politics/328.txt", Verdict::kRewrite, "Iraq legal advice, next day"},
      {"entertainment/076.txt", "entertainment/100.txt", Verdict::kRewrite,
       "box office, the next weekend"},
      {"sport/442.txt", "sport/454.txt", Verdict::kRewrite, "comeback hinted, then announced"},
      {"sport/112.txt", "sport/118.txt", Verdict::kRewrite, "same club, another interview"},
      {"sport/118.txt", "sport/121.txt", Verdict::kRewrite, "same club, another interview"},
      {"sport/079.txt", "sport/082.txt", Verdict::kRewrite, "doping case, appeal announced"},
      {"politics/127.txt", "politics/130.txt", Verdict::kRewrite, "related aid stories"},
  };
  return *pairs;
}

std::optional<Verdict> ReviewedVerdict(absl::string_view a, absl::string_view b) {
  for (const ReviewedPair& pair : BbcReviewedPairs()) {
    if ((pair.a == a && pair.b == b) || (pair.a == b && pair.b == a)) return pair.verdict;
  }
  return std::nullopt;
}

bool IsSameStory(Verdict verdict) {
  return verdict == Verdict::kSameText || verdict == Verdict::kNearIdentical ||
         verdict == Verdict::kEditedCopy || verdict == Verdict::kWriteThrough;
}

bool IsSameFamily(Verdict verdict) {
  return IsSameStory(verdict) || verdict == Verdict::kAddsNewText;
}

absl::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSameText:
      return "same text";
    case Verdict::kNearIdentical:
      return "near-identical";
    case Verdict::kEditedCopy:
      return "edited copy";
    case Verdict::kWriteThrough:
      return "write-through";
    case Verdict::kAddsNewText:
      return "adds new text";
    case Verdict::kRewrite:
      return "rewrite/related";
  }
  return "?";
}

}  // namespace newswire::dedup
