// Section tagging speed (Google Benchmark):
//   bazel run -c opt //tests/tagging:tagger_benchmark
// Classifications per second for a 5 KB English story with the built-in
// default model and with a BBC-sized trained model, the whole Tagger::Tag
// call, and the time to load each model. Prints figures; asserts nothing.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/default_model.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/tagger.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {
namespace {

// About 5 KB of made-up English news prose.
std::vector<std::string> FiveKilobyteStory() {
  const std::string paragraph =
      "The prime minister told parliament on Tuesday that the government would press ahead with "
      "its plans despite criticism from opposition parties, business leaders and trade unions, "
      "who warned that higher taxes could slow economic growth and cost thousands of jobs across "
      "the country over the next two years. ";
  std::vector<std::string> paragraphs;
  size_t bytes = 0;
  while (bytes < 5000) {
    paragraphs.push_back(paragraph);
    bytes += paragraph.size();
  }
  return paragraphs;
}

StoryText TextOf(const std::vector<std::string>& paragraphs) {
  StoryText text;
  text.headline = "Government presses ahead with tax plans despite criticism";
  for (const std::string& p : paragraphs) text.paragraphs.push_back(p);
  return text;
}

// A trained model the size of one trained on the BBC corpus: 2^20 buckets,
// five classes, about 150,000 stored rows.
NaiveBayesModel TrainedSizedModel() {
  LabeledCorpus corpus;
  corpus.labels = {"medtop:04000000", "medtop:01000000", "medtop:11000000", "medtop:15000000",
                   "medtop:13000000"};
  uint64_t state = 7;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  for (int d = 0; d < 750; ++d) {
    LabeledDocument document;
    document.label = d % 5;
    std::string body;
    for (int w = 0; w < 400; ++w) body += "w" + std::to_string(next() % 30000) + " ";
    document.paragraphs = {body};
    corpus.documents.push_back(std::move(document));
  }
  return *Train(corpus, TrainOptions{});
}

void BM_ClassifyDefaultModel(benchmark::State& state) {
  TextClassifier classifier(*NaiveBayesModel::Parse(DefaultModelBytes()));
  const std::vector<std::string> paragraphs = FiveKilobyteStory();
  const StoryText text = TextOf(paragraphs);
  for (auto _ : state) benchmark::DoNotOptimize(classifier.Classify(text));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * 5000);
}
BENCHMARK(BM_ClassifyDefaultModel);

// Reading the words and hashing the features alone: the floor under Classify.
void BM_FeaturesOnly(benchmark::State& state) {
  const std::vector<std::string> paragraphs = FiveKilobyteStory();
  const StoryText text = TextOf(paragraphs);
  for (auto _ : state) {
    uint64_t sum = 0;
    ForEachStoryFeature(text, 3, [&](uint64_t key, int weight) { sum += key * weight; });
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FeaturesOnly);

void BM_ClassifyTrainedModel(benchmark::State& state) {
  TextClassifier classifier(TrainedSizedModel());
  const std::vector<std::string> paragraphs = FiveKilobyteStory();
  const StoryText text = TextOf(paragraphs);
  for (auto _ : state) benchmark::DoNotOptimize(classifier.Classify(text));
  state.SetItemsProcessed(state.iterations());
  state.counters["model_rows"] = static_cast<double>(classifier.model().num_rows());
}
BENCHMARK(BM_ClassifyTrainedModel);

void BM_TagStory(benchmark::State& state) {
  std::unique_ptr<Tagger> tagger = *Tagger::Create(TaggerOptions{});
  v1::Story story;
  story.set_headline("Government presses ahead with tax plans despite criticism");
  for (const std::string& p : FiveKilobyteStory()) story.add_paragraphs(p);
  story.set_source_section("World");
  story.set_source_url("https://example.com/news/tax-plans-12345");
  for (auto _ : state) {
    v1::Story copy = story;
    tagger->Tag(copy);
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TagStory);

void BM_LoadDefaultModel(benchmark::State& state) {
  const absl::string_view bytes = DefaultModelBytes();
  for (auto _ : state) benchmark::DoNotOptimize(NaiveBayesModel::Parse(bytes));
  state.counters["model_bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_LoadDefaultModel)->Unit(benchmark::kMillisecond);

void BM_LoadTrainedModelFile(benchmark::State& state) {
  const std::string path = "/tmp/newswire-tagger-benchmark.nwtm";
  NaiveBayesModel model = TrainedSizedModel();
  if (!model.Save(path).ok()) {
    state.SkipWithError("cannot write the model file");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(NaiveBayesModel::Load(path));
  state.counters["model_bytes"] = static_cast<double>(model.Serialize().size());
  std::remove(path.c_str());
}
BENCHMARK(BM_LoadTrainedModelFile)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newswire::tag
