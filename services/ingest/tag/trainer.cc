#include "services/ingest/tag/trainer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/features.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

namespace fs = std::filesystem;

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The topic a folder name means: a mapped label, or a code or short name.
std::optional<int> TopicOfFolder(absl::string_view name, const MappingTables& mapping) {
  if (std::optional<MappedTopic> mapped = mapping.MapLabel(name); mapped && mapped->topical()) {
    return mapped->topic;
  }
  return FindTopic(name);
}

}  // namespace

StoryText DocumentText(const LabeledDocument& document) {
  StoryText text;
  text.headline = document.headline;
  text.paragraphs.reserve(document.paragraphs.size());
  for (const std::string& paragraph : document.paragraphs) text.paragraphs.push_back(paragraph);
  return text;
}

LabeledDocument DocumentFromText(absl::string_view bytes) {
  const std::string utf8 = text::ToUtf8(bytes);
  LabeledDocument document;
  absl::string_view rest = utf8;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    absl::string_view line = rest.substr(0, end);
    rest = end == absl::string_view::npos ? absl::string_view() : rest.substr(end + 1);
    std::string headline = text::CollapseWhitespace(line);
    if (!headline.empty()) {
      document.headline = std::move(headline);
      break;
    }
  }
  document.paragraphs = text::SplitParagraphs(rest);
  return document;
}

absl::StatusOr<LabeledCorpus> ReadLabeledFolder(const std::string& dir,
                                                const MappingTables& mapping) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat("training folder ", dir, " is not a directory"));
  }
  std::vector<fs::path> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_directory()) folders.push_back(entry.path());
  }
  if (error) return absl::UnavailableError(absl::StrCat("cannot list ", dir, ": ", error.message()));
  std::sort(folders.begin(), folders.end());
  if (folders.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(dir, " has no sub-folders; put each label's stories in DIR/LABEL/"));
  }
  LabeledCorpus corpus;
  absl::flat_hash_map<int, int> label_of_topic;
  for (const fs::path& folder : folders) {
    const std::string name = folder.filename().string();
    std::optional<int> topic = TopicOfFolder(name, mapping);
    if (!topic) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sub-folder '", name, "' is not a known section label; name it by a media topic "
          "(\"sport\", \"medtop:15000000\") or add a label row to the mapping"));
    }
    auto [it, inserted] = label_of_topic.try_emplace(*topic, static_cast<int>(corpus.labels.size()));
    if (inserted) {
      corpus.labels.emplace_back(kTopics[*topic].qcode);
      corpus.label_sources.push_back(name);
    } else {
      absl::StrAppend(&corpus.label_sources[it->second], "+", name);
    }
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    if (error) {
      return absl::UnavailableError(absl::StrCat("cannot list ", folder.string(), ": ",
                                                 error.message()));
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      absl::StatusOr<std::string> bytes = ReadFile(file.string(), "training story");
      if (!bytes.ok()) return bytes.status();
      LabeledDocument document = DocumentFromText(*bytes);
      document.label = it->second;
      corpus.documents.push_back(std::move(document));
    }
  }
  if (corpus.documents.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(dir, " has no story files"));
  }
  return corpus;
}

absl::StatusOr<std::vector<size_t>> TrainingSubset(const LabeledCorpus& corpus,
                                                   const std::vector<size_t>* subset) {
  std::vector<size_t> chosen;
  if (subset != nullptr) {
    chosen = *subset;
  } else {
    chosen.resize(corpus.documents.size());
    for (size_t i = 0; i < chosen.size(); ++i) chosen[i] = i;
  }
  if (chosen.empty()) return absl::InvalidArgumentError("no documents to train on");
  return chosen;
}

absl::StatusOr<NaiveBayesModel> Train(const LabeledCorpus& corpus, const TrainOptions& options,
                                      const std::vector<size_t>* subset) {
  const size_t classes = corpus.labels.size();
  if (classes == 0 || classes > kMaxClasses) {
    return absl::InvalidArgumentError(absl::StrCat("cannot train ", classes, " classes"));
  }
  if (options.hash_bits < kMinHashBits || options.hash_bits > kMaxHashBits ||
      !(options.alpha > 0) || !(options.unseen_weight > 0)) {
    return absl::InvalidArgumentError("bad hash bits, smoothing or unseen weight");
  }
  absl::StatusOr<std::vector<size_t>> chosen = TrainingSubset(corpus, subset);
  if (!chosen.ok()) return chosen.status();
  subset = &*chosen;
  absl::flat_hash_map<uint32_t, std::vector<float>> counts;
  std::vector<double> totals(classes, 0.0);
  std::vector<double> documents(classes, 0.0);
  for (size_t index : *subset) {
    const LabeledDocument& document = corpus.documents.at(index);
    if (document.label < 0 || static_cast<size_t>(document.label) >= classes) {
      return absl::InvalidArgumentError(absl::StrCat("document ", index, " has no label"));
    }
    const int label = document.label;
    documents[label] += 1;
    ForEachStoryFeature(DocumentText(document), options.headline_weight, [&](uint64_t key, int weight) {
      std::vector<float>& row = counts[BucketOf(key, options.hash_bits)];
      if (row.empty()) row.resize(classes, 0.0f);
      row[label] += static_cast<float>(weight);
      totals[label] += weight;
    });
  }
  const double seen = static_cast<double>(counts.size());
  const double documents_total = static_cast<double>(subset->size());
  NaiveBayesModel::Parameters p;
  p.name = options.name;
  p.hash_bits = options.hash_bits;
  p.headline_weight = options.headline_weight;
  p.temperature_per_feature = options.temperature_per_feature;
  p.labels = corpus.labels;
  for (size_t c = 0; c < classes; ++c) {
    // A class with no documents keeps a tiny prior rather than log(0).
    p.log_priors.push_back(
        static_cast<float>(std::log(std::max(documents[c], 0.01) / documents_total)));
    p.unseen.push_back(static_cast<float>(
        options.unseen_weight * std::log(options.alpha / (totals[c] + options.alpha * seen))));
  }
  for (auto& [bucket, row] : counts) {
    for (float& value : row) value = static_cast<float>(std::log1p(value / options.alpha));
  }
  QuantizeRows(counts, p);
  return NaiveBayesModel::Create(std::move(p));
}

std::vector<size_t> ShuffledOrder(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  uint64_t state = seed;
  for (size_t i = n; i > 1; --i) {
    const size_t j = static_cast<size_t>(SplitMix64(state) % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

absl::StatusOr<CrossValidation> CrossValidate(const LabeledCorpus& corpus,
                                              const TrainOptions& options, int folds,
                                              uint64_t seed) {
  return CrossValidate(
      corpus, [&](const std::vector<size_t>& subset) { return Train(corpus, options, &subset); },
      folds, seed);
}

absl::StatusOr<CrossValidation> CrossValidate(const LabeledCorpus& corpus,
                                              const TrainFunction& train_model, int folds,
                                              uint64_t seed) {
  const size_t n = corpus.documents.size();
  if (folds < 2 || static_cast<size_t>(folds) > n) {
    return absl::InvalidArgumentError(absl::StrCat("cannot make ", folds, " folds of ", n,
                                                   " documents"));
  }
  const std::vector<size_t> order = ShuffledOrder(n, seed);
  CrossValidation result;
  double sum = 0;
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<size_t> train;
    std::vector<size_t> test;
    for (size_t position = 0; position < n; ++position) {
      (static_cast<int>(position % folds) == fold ? test : train).push_back(order[position]);
    }
    absl::StatusOr<NaiveBayesModel> model = train_model(train);
    if (!model.ok()) return model.status();
    TextClassifier classifier(*std::move(model));
    FoldResult fold_result;
    for (size_t index : test) {
      const LabeledDocument& document = corpus.documents[index];
      Classification answer = classifier.Classify(DocumentText(document));
      ++fold_result.total;
      if (answer.has_evidence && answer.ranked[0].label == document.label) ++fold_result.correct;
    }
    sum += fold_result.accuracy();
    result.folds.push_back(fold_result);
  }
  result.mean_accuracy = sum / folds;
  return result;
}

}  // namespace newswire::tag
