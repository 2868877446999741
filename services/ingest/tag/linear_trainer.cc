#include "services/ingest/tag/linear_trainer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/features.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

// A training document as the learner sees it: compact feature indices with
// their weighted counts, and the base model's scores.
struct Example {
  int label = 0;
  std::vector<std::pair<uint32_t, float>> features;  // (index into the learnt rows, x)
  std::vector<double> base;                          // per class, already scaled
};

}  // namespace

absl::StatusOr<LabeledCorpus> ReadLabeledTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  LabeledCorpus corpus;
  for (int t = 0; t < kTopicCount; ++t) {
    corpus.labels.emplace_back(kTopics[t].qcode);
    corpus.label_sources.emplace_back(kTopics[t].short_name);
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 3) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", number, ": expected LABEL<TAB>HEADLINE<TAB>TEXT"));
    }
    std::optional<int> topic = TopicFromCode(fields[0]);
    if (!topic) topic = FindTopic(fields[0]);
    if (!topic) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", number, ": '", fields[0], "' is no media topic"));
    }
    LabeledDocument document;
    document.label = *topic;
    document.headline = std::string(fields[1]);
    for (absl::string_view paragraph : absl::StrSplit(fields[2], "\\n", absl::SkipEmpty())) {
      document.paragraphs.emplace_back(paragraph);
    }
    corpus.documents.push_back(std::move(document));
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return corpus;
}

CorpusSplit SplitCorpus(size_t documents, uint64_t seed) {
  CorpusSplit split;
  const std::vector<size_t> order = ShuffledOrder(documents, seed);
  for (size_t i = 0; i < order.size(); ++i) {
    (i % 10 == 8 ? split.calibration : i % 10 == 9 ? split.test : split.train).push_back(order[i]);
  }
  return split;
}

namespace {

// Softmax regression fitted by AdaGrad over `rows` learnt features: weights
// row-major by feature, and a bias per class.
struct LinearFit {
  std::vector<float> weights;
  std::vector<double> bias;
};

LinearFit FitAdaGrad(const std::vector<Example>& examples, const std::vector<double>& class_weight,
                     size_t classes, size_t rows, const LinearTrainOptions& options) {
  // Weights and squared-gradient sums.
  std::vector<float> weights(rows * classes, 0.0f);
  std::vector<float> squares(rows * classes, 0.0f);
  std::vector<double> bias(classes, 0.0);
  std::vector<double> bias_squares(classes, 0.0);
  std::vector<double> z(classes);
  constexpr double kEpsilon = 1e-8;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    const std::vector<size_t> order =
        ShuffledOrder(examples.size(), options.seed + static_cast<uint64_t>(epoch));
    for (size_t position : order) {
      const Example& example = examples[position];
      for (size_t c = 0; c < classes; ++c) z[c] = example.base[c] + bias[c];
      for (const auto& [row, x] : example.features) {
        const float* w = &weights[row * classes];
        for (size_t c = 0; c < classes; ++c) z[c] += w[c] * x;
      }
      const double top = *std::max_element(z.begin(), z.end());
      double total = 0;
      for (size_t c = 0; c < classes; ++c) total += (z[c] = std::exp(z[c] - top));
      const double scale = class_weight[example.label];
      for (size_t c = 0; c < classes; ++c) {
        // z becomes the gradient of the loss with respect to score c.
        z[c] = scale * (z[c] / total - (static_cast<int>(c) == example.label ? 1.0 : 0.0));
        bias_squares[c] += z[c] * z[c];
        bias[c] -= options.learning_rate * z[c] / std::sqrt(bias_squares[c] + kEpsilon);
      }
      for (const auto& [row, x] : example.features) {
        float* w = &weights[row * classes];
        float* g2 = &squares[row * classes];
        for (size_t c = 0; c < classes; ++c) {
          const double g = z[c] * x + options.l2 * w[c];
          g2[c] += static_cast<float>(g * g);
          w[c] -= static_cast<float>(options.learning_rate * g / std::sqrt(g2[c] + kEpsilon));
        }
      }
    }
  }
  return {std::move(weights), std::move(bias)};
}

// The model: `base`'s rows scaled, plus the learnt rows (`bucket_of[r]`
// holds learnt row r); biases over the base priors.
absl::StatusOr<NaiveBayesModel> MergedModel(const LabeledCorpus& corpus,
                                            const LinearTrainOptions& options,
                                            const NaiveBayesModel* base, int bits,
                                            int headline_weight,
                                            const std::vector<uint32_t>& bucket_of,
                                            const LinearFit& fit) {
  const size_t classes = corpus.labels.size();
  const size_t rows = bucket_of.size();
  const std::vector<float>& weights = fit.weights;
  const std::vector<double>& bias = fit.bias;
  NaiveBayesModel::Parameters p;
  p.name = options.name;
  p.hash_bits = bits;
  p.headline_weight = headline_weight;
  p.labels = corpus.labels;
  absl::flat_hash_map<uint32_t, std::vector<float>> merged;
  for (size_t r = 0; r < rows; ++r) {
    std::vector<float> row(weights.begin() + r * classes, weights.begin() + (r + 1) * classes);
    float largest = 0;
    for (float& value : row) {
      if (std::fabs(value) < options.prune_below) value = 0;
      largest = std::max(largest, std::fabs(value));
    }
    if (largest > 0) merged[bucket_of[r]] = std::move(row);
  }
  for (size_t c = 0; c < classes; ++c) {
    double prior = bias[c];
    double unseen = 0;
    if (base != nullptr) {
      prior += options.base_scale * base->log_priors()[c];
      unseen = options.base_scale * base->unseen()[c];
    }
    p.log_priors.push_back(static_cast<float>(prior));
    p.unseen.push_back(static_cast<float>(unseen));
  }
  if (base != nullptr) {
    const double scale = options.base_scale * base->weight_scale();
    for (uint32_t bucket = 0; bucket < (uint32_t{1} << bits); ++bucket) {
      const int16_t* row = base->Row(bucket);
      if (row == nullptr) continue;
      std::vector<float>& target = merged[bucket];
      target.resize(classes, 0.0f);
      for (size_t c = 0; c < classes; ++c) target[c] += static_cast<float>(scale * row[c]);
    }
  }
  QuantizeRows(merged, p);
  return NaiveBayesModel::Create(std::move(p));
}

}  // namespace

absl::StatusOr<NaiveBayesModel> TrainLinear(const LabeledCorpus& corpus,
                                            const LinearTrainOptions& options,
                                            const NaiveBayesModel* base,
                                            const std::vector<size_t>* subset) {
  const size_t classes = corpus.labels.size();
  if (classes < 2 || classes > kMaxClasses) {
    return absl::InvalidArgumentError(absl::StrCat("cannot train ", classes, " classes"));
  }
  if (base != nullptr && base->labels() != corpus.labels) {
    return absl::InvalidArgumentError("the base model's labels differ from the corpus labels");
  }
  const int bits = base != nullptr ? base->hash_bits() : options.hash_bits;
  const int headline_weight = base != nullptr ? base->headline_weight() : options.headline_weight;
  if (bits < kMinHashBits || bits > kMaxHashBits || options.epochs < 1 ||
      !(options.learning_rate > 0) || options.l2 < 0 || options.min_documents < 1) {
    return absl::InvalidArgumentError("bad hash bits, epochs, learning rate, L2 or min documents");
  }
  absl::StatusOr<std::vector<size_t>> chosen = TrainingSubset(corpus, subset);
  if (!chosen.ok()) return chosen.status();
  subset = &*chosen;

  // Features kept: those in at least min_documents training documents.
  absl::flat_hash_map<uint32_t, int> document_count;
  std::vector<absl::flat_hash_map<uint32_t, float>> counts(subset->size());
  for (size_t i = 0; i < subset->size(); ++i) {
    const LabeledDocument& document = corpus.documents.at((*subset)[i]);
    if (document.label < 0 || static_cast<size_t>(document.label) >= classes) {
      return absl::InvalidArgumentError(absl::StrCat("document ", (*subset)[i], " has no label"));
    }
    ForEachStoryFeature(DocumentText(document), headline_weight, [&](uint64_t key, int weight) {
      counts[i][BucketOf(key, bits)] += static_cast<float>(weight);
    });
    for (const auto& [bucket, count] : counts[i]) ++document_count[bucket];
  }
  absl::flat_hash_map<uint32_t, uint32_t> index_of;
  std::vector<uint32_t> bucket_of;
  {
    std::vector<uint32_t> kept;
    for (const auto& [bucket, count] : document_count) {
      if (count >= options.min_documents) kept.push_back(bucket);
    }
    std::sort(kept.begin(), kept.end());
    for (uint32_t bucket : kept) {
      index_of[bucket] = static_cast<uint32_t>(bucket_of.size());
      bucket_of.push_back(bucket);
    }
  }

  std::optional<TextClassifier> base_classifier;
  if (base != nullptr) base_classifier.emplace(*base);
  std::vector<Example> examples(subset->size());
  std::vector<double> per_class(classes, 0.0);
  for (size_t i = 0; i < subset->size(); ++i) {
    const LabeledDocument& document = corpus.documents[(*subset)[i]];
    Example& example = examples[i];
    example.label = document.label;
    per_class[document.label] += 1;
    for (const auto& [bucket, count] : counts[i]) {
      if (auto it = index_of.find(bucket); it != index_of.end()) {
        example.features.emplace_back(it->second, count);
      }
    }
    std::sort(example.features.begin(), example.features.end());
    example.base.assign(classes, 0.0);
    if (base_classifier) {
      const Classification scored = base_classifier->Classify(DocumentText(document));
      for (const ClassScore& score : scored.ranked) {
        example.base[score.label] = options.base_scale * score.score;
      }
    }
    counts[i] = {};
  }
  std::vector<double> class_weight(classes, 0.0);
  for (size_t c = 0; c < classes; ++c) {
    if (per_class[c] > 0) {
      class_weight[c] = std::pow(static_cast<double>(examples.size()) /
                                     (static_cast<double>(classes) * per_class[c]),
                                 options.balance);
    }
  }

  const LinearFit fit = FitAdaGrad(examples, class_weight, classes, bucket_of.size(), options);
  return MergedModel(corpus, options, base, bits, headline_weight, bucket_of, fit);
}

}  // namespace newswire::tag
