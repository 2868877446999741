// Prints the section tagger's quality figures on the shared corpus:
//   - the classifier trained on bbc/ by 5-fold cross-validation (wirectl train)
//   - the built-in default model (never trained on bbc/) on all of bbc/, with
//     its confusion matrix over the 17 topics and the most frequent errors
//   - the seed page classified by the default model from its text alone
//
//   bazel run -c opt //tests/tagging:tagging_report -- /work/shared/corpus
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "absl/strings/str_format.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/tag/default_model.h"
#include "services/ingest/tag/taxonomy.h"
#include "services/wirectl/train.h"
#include "tests/corpus/corpus_files.h"
#include "tests/tagging/bbc_corpus.h"

namespace newswire::tagging {
namespace {

int Run(const std::filesystem::path& corpus_dir, bool explain) {
  std::cout << "== classifier trained on bbc/ (wirectl train)\n";
  const std::string model_path =
      (std::filesystem::temp_directory_path() / "newswire-bbc-report.nwtm").string();
  if (absl::Status status = TrainCommand(model_path, (corpus_dir / "bbc").string(), std::cout);
      !status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  std::filesystem::remove(model_path);

  absl::StatusOr<tag::LabeledCorpus> corpus = ReadBbc(corpus_dir);
  if (!corpus.ok()) {
    std::cerr << corpus.status() << "\n";
    return 1;
  }
  absl::StatusOr<tag::NaiveBayesModel> model =
      tag::NaiveBayesModel::Parse(tag::DefaultModelBytes(), "default model");
  if (!model.ok()) {
    std::cerr << model.status() << "\n";
    return 1;
  }
  tag::TextClassifier classifier(*std::move(model));
  std::cout << "\n== default model '" << classifier.model().name() << "' on bbc/ ("
            << classifier.model().num_rows() << " weighted features)\n";
  std::map<std::pair<std::string, std::string>, int> confusion;
  std::map<std::string, int> totals, correct;
  int right = 0, no_evidence = 0;
  for (const tag::LabeledDocument& document : corpus->documents) {
    const std::string& truth = corpus->labels[document.label];
    tag::Classification result = classifier.Classify(TextOf(document));
    std::string predicted = "(none)";
    if (result.has_evidence) {
      predicted = classifier.model().labels()[result.ranked[0].label];
    } else {
      ++no_evidence;
    }
    ++totals[truth];
    ++confusion[{truth, predicted}];
    if (predicted == truth) {
      ++right;
      ++correct[truth];
    } else if (explain) {
      std::cout << "  miss: " << truth << " -> " << predicted << ": " << document.headline << "\n";
    }
  }
  for (const auto& [label, total] : totals) {
    const std::optional<int> topic = tag::TopicFromCode(label);
    std::cout << absl::StrFormat("  %-15s %-9s %3d/%3d = %.3f   errors:", label,
                                 topic ? tag::kTopics[*topic].short_name : "?", correct[label],
                                 total, static_cast<double>(correct[label]) / total);
    for (const auto& [pair, count] : confusion) {
      if (pair.first != label || pair.second == label) continue;
      const std::optional<int> wrong = tag::TopicFromCode(pair.second);
      std::cout << " " << (wrong ? tag::kTopics[*wrong].short_name : pair.second) << "=" << count;
    }
    std::cout << "\n";
  }
  std::cout << absl::StrFormat("  accuracy over all 17 topics: %.4f (%d/%zu), no evidence: %d\n",
                               static_cast<double>(right) / corpus->documents.size(), right,
                               corpus->documents.size(), no_evidence);

  std::cout << "\n== seed page, text only (default model)\n";
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir / "seed")) {
    const std::string utf8 = text::ToUtf8(ReadFile(entry.path().string()).value_or(""));
    std::vector<std::string> paragraphs = text::SplitParagraphs(utf8);
    tag::StoryText text;
    for (const std::string& paragraph : paragraphs) text.paragraphs.push_back(paragraph);
    tag::Classification result = classifier.Classify(text);
    std::cout << "  " << entry.path().filename().string() << ":";
    for (size_t i = 0; i < 3 && i < result.ranked.size(); ++i) {
      std::cout << absl::StrFormat(" %s %.3f", classifier.model().labels()[result.ranked[i].label],
                                   result.ranked[i].probability);
    }
    std::cout << "\n";
    if (result.ranked.size() >= 2) {
      std::cout << "  why (first over second):";
      for (const tag::Contribution& c :
           classifier.Explain(text, result.ranked[0].label, result.ranked[1].label, 12)) {
        std::cout << absl::StrFormat(" %s(%+.2f)", c.feature, c.weight);
      }
      std::cout << "\n";
    }
  }
  return 0;
}

}  // namespace
}  // namespace newswire::tagging

int main(int argc, char** argv) {
  std::filesystem::path dir;
  bool explain = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--misses") {
      explain = true;
    } else {
      dir = argv[i];
    }
  }
  if (dir.empty()) {
    if (auto env = newswire::test_corpus::RootFromEnv()) dir = *env;
  }
  if (dir.empty()) {
    std::cerr << "usage: tagging_report [--misses] CORPUS_DIR (or set NEWSWIRE_CORPUS)\n";
    return 2;
  }
  return newswire::tagging::Run(dir, explain);
}
