#include "services/ingest/tag/lexicon.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/tag/features.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

absl::Status LineError(absl::string_view origin, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, " line ", line, ": ", what));
}

}  // namespace

absl::StatusOr<Lexicon> ParseLexicon(absl::string_view text, absl::string_view origin) {
  Lexicon lexicon;
  int topic = -1;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (size_t hash = line.find('#'); hash != absl::string_view::npos) line = line.substr(0, hash);
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    if (line.front() == '!') {
      std::pair<absl::string_view, absl::string_view> setting =
          absl::StrSplit(line.substr(1), absl::MaxSplits(' ', 1));
      const absl::string_view name = setting.first;
      const absl::string_view value = absl::StripAsciiWhitespace(setting.second);
      bool ok = true;
      if (name == "name") {
        lexicon.name = std::string(value);
        ok = !value.empty();
      } else if (name == "hash_bits") {
        ok = absl::SimpleAtoi(value, &lexicon.hash_bits) && lexicon.hash_bits >= kMinHashBits &&
             lexicon.hash_bits <= kMaxHashBits;
      } else if (name == "headline_weight") {
        ok = absl::SimpleAtoi(value, &lexicon.headline_weight) && lexicon.headline_weight >= 1 &&
             lexicon.headline_weight <= 16;
      } else if (name == "smoothing") {
        ok = absl::SimpleAtof(value, &lexicon.smoothing) && lexicon.smoothing > 0;
      } else {
        return LineError(origin, line_number, absl::StrCat("unknown setting !", name));
      }
      if (!ok) return LineError(origin, line_number, absl::StrCat("bad value for !", name));
      continue;
    }
    if (line.front() == '@') {
      std::optional<int> found = FindTopic(line.substr(1));
      if (!found) {
        return LineError(origin, line_number, absl::StrCat("unknown topic ", line.substr(1)));
      }
      topic = *found;
      continue;
    }
    const size_t colon = line.find(':');
    float weight = 0;
    if (colon == absl::string_view::npos ||
        !absl::SimpleAtof(absl::StripAsciiWhitespace(line.substr(0, colon)), &weight) ||
        !(weight > 0 && weight <= 100)) {
      return LineError(origin, line_number, "expected 'WEIGHT: term, term, ...'");
    }
    if (topic < 0) return LineError(origin, line_number, "terms before the first @topic");
    for (absl::string_view term : absl::StrSplit(line.substr(colon + 1), ',')) {
      term = absl::StripAsciiWhitespace(term);
      if (term.empty()) continue;
      std::vector<std::string> words = Words(term);
      if (words.empty() || words.size() > 2) {
        return LineError(origin, line_number,
                         absl::StrCat("term '", term, "' has ", words.size(),
                                      " words; a term has one or two"));
      }
      lexicon.terms.push_back(LexiconTerm{topic, weight, std::move(words)});
    }
  }
  if (lexicon.terms.empty()) return absl::InvalidArgumentError(absl::StrCat(origin, ": no terms"));
  return lexicon;
}

absl::StatusOr<NaiveBayesModel> BuildLexiconModel(const Lexicon& lexicon) {
  NaiveBayesModel::Parameters p;
  p.name = lexicon.name;
  p.hash_bits = lexicon.hash_bits;
  p.headline_weight = lexicon.headline_weight;
  p.temperature_per_feature = 0.0f;
  for (int t = 0; t < kTopicCount; ++t) {
    p.labels.emplace_back(kTopics[t].qcode);
    p.log_priors.push_back(static_cast<float>(-std::log(static_cast<double>(kTopicCount))));
    p.unseen.push_back(0.0f);
  }
  absl::flat_hash_map<uint32_t, std::vector<float>> rows;
  for (const LexiconTerm& term : lexicon.terms) {
    uint64_t key = UnigramKey(term.words[0]);
    if (term.words.size() == 2) key = BigramKey(key, UnigramKey(term.words[1]));
    std::vector<float>& row = rows[BucketOf(key, p.hash_bits)];
    row.resize(kTopicCount, 0.0f);
    const float value = static_cast<float>(std::log1p(static_cast<double>(term.weight) /
                                                      static_cast<double>(lexicon.smoothing)));
    row[term.topic] = std::max(row[term.topic], value);
  }
  QuantizeRows(rows, p);
  return NaiveBayesModel::Create(std::move(p));
}

}  // namespace newswire::tag
