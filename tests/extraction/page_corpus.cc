#include "tests/extraction/page_corpus.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"
#include "tests/corpus/corpus_files.h"

namespace newswire::extraction {
namespace {

std::string Body(simdjson::dom::element page) {
  std::string_view body;
  if (page["articleBody"].get(body) != simdjson::SUCCESS) return "";
  return std::string(body);
}

}  // namespace

absl::StatusOr<std::vector<CorpusPage>> LoadCorpus(const std::string& html_dir,
                                                   const std::string& truth_file) {
  absl::StatusOr<std::string> truth_json = test_corpus::ReadFile(truth_file);
  if (!truth_json.ok()) return truth_json.status();
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(*truth_json).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(truth_file, ": not a JSON object"));
  }
  std::vector<CorpusPage> pages;
  for (auto [key, value] : root) {
    CorpusPage page;
    page.key = std::string(key);
    page.truth = Body(value);
    std::string_view url;
    if (value["url"].get(url) == simdjson::SUCCESS) page.url = std::string(url);
    std::string base = html_dir + "/" + page.key + ".html";
    absl::StatusOr<std::string> html = test_corpus::ReadFile(base + ".gz");
    if (!html.ok()) html = test_corpus::ReadFile(base);
    if (!html.ok()) return html.status();
    page.html = *std::move(html);
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(),
            [](const CorpusPage& a, const CorpusPage& b) { return a.key < b.key; });
  return pages;
}

absl::StatusOr<std::vector<std::string>> LoadPages(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::string name = entry.path().string();
    if (absl::EndsWith(name, ".html") || absl::EndsWith(name, ".html.gz")) names.push_back(name);
  }
  if (error) return absl::NotFoundError(absl::StrCat("cannot list ", dir));
  std::sort(names.begin(), names.end());
  std::vector<std::string> pages;
  for (const std::string& name : names) {
    absl::StatusOr<std::string> page = test_corpus::ReadFile(name);
    if (!page.ok()) return page.status();
    pages.push_back(*std::move(page));
  }
  return pages;
}

absl::StatusOr<Predictions> LoadPredictions(const std::string& file) {
  absl::StatusOr<std::string> json = test_corpus::ReadFile(file);
  if (!json.ok()) return json.status();
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(*json).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": not a JSON object"));
  }
  Predictions predictions;
  simdjson::dom::object bodies = root;
  double speed;
  if (root["pages_per_second"].get(speed) == simdjson::SUCCESS) {
    predictions.pages_per_second = speed;
  }
  simdjson::dom::object inner;
  if (root["predictions"].get(inner) == simdjson::SUCCESS) bodies = inner;
  for (auto [key, value] : bodies) {
    predictions.bodies[std::string(key)] = Body(value);
  }
  return predictions;
}

std::optional<std::string> CorpusRoot() {
  std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
  if (!root) return std::nullopt;
  return root->string();
}

}  // namespace newswire::extraction
