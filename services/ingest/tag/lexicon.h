// Lexicon: weighted words and phrases per topic, and the naive Bayes model
// they define. The project's default model is written this way (by hand,
// data/lexicon_en.txt) rather than learnt from data it may not ship.
//
// Format (UTF-8 text):
//   # comment
//   !name default-en            model name ("model:default-en" in evidence)
//   !hash_bits 22               model hash space (2^22 buckets)
//   !headline_weight 3          headline words count this many times
//   !smoothing 0.5              alpha: a term of weight w scores log(1 + w / alpha)
//   @sport                      topic: short name, IPTC name or medtop code
//   3: football, striker, grand slam
//   1: match, coach
// A term is one word or two (a phrase is the bigram feature); the weight is
// a positive pseudo-count: how strongly the term says "this topic". A term
// listed under several topics counts for each.
//
// Every topic gets the same prior and the same weight for unknown features,
// so only the lexicon's terms move a decision, and a text none of whose
// words the lexicon lists has no evidence.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_LEXICON_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_LEXICON_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ingest/tag/model.h"

namespace newswire::tag {

struct LexiconTerm {
  int topic = 0;                    // index into kTopics
  float weight = 0.0f;
  std::vector<std::string> words;   // normalized, 1 or 2
};

struct Lexicon {
  std::string name = "lexicon";
  int hash_bits = 22;
  int headline_weight = 3;
  float smoothing = 0.5f;
  std::vector<LexiconTerm> terms;
};

// Parses lexicon text; `origin` names it in errors ("lexicon_en.txt line 12: ...").
absl::StatusOr<Lexicon> ParseLexicon(absl::string_view text, absl::string_view origin);

// The model of a lexicon: 17 classes (medtop:01000000 .. medtop:17000000),
// uniform priors. Deterministic: the same lexicon gives the same bytes.
absl::StatusOr<NaiveBayesModel> BuildLexiconModel(const Lexicon& lexicon);

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_LEXICON_H_
