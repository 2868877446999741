#include "tests/dedup/bbc_corpus.h"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "services/ingest/normalize/plain_text.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"

namespace newswire::dedup {

absl::StatusOr<v1::Story> StoryFromPlainText(absl::string_view bytes, std::string id) {
  const std::string utf8 = text::ToUtf8(bytes);
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = utf8;
  absl::StatusOr<ParseResult> parsed = ParsePlainText(input);
  if (!parsed.ok()) return parsed.status();
  if (parsed->stories.size() != 1) return absl::InvalidArgumentError("plain text: no story");
  v1::Story story = std::move(parsed->stories.front());
  story.set_id(std::move(id));
  return story;
}

absl::StatusOr<std::vector<CorpusArticle>> LoadBbcCorpus(const std::string& corpus_dir) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(corpus_dir) / "bbc";
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    return absl::NotFoundError(absl::StrCat("no bbc folder in ", corpus_dir));
  }
  std::vector<std::pair<std::string, std::string>> files;  // (section, name)
  for (const fs::directory_entry& section : fs::directory_iterator(root, error)) {
    if (!section.is_directory()) continue;
    for (const fs::directory_entry& file : fs::directory_iterator(section.path(), error)) {
      if (file.is_regular_file() && file.path().extension() == ".txt") {
        files.emplace_back(section.path().filename().string(), file.path().filename().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<CorpusArticle> articles;
  articles.reserve(files.size());
  for (const auto& [section, name] : files) {
    CorpusArticle article;
    article.section = section;
    article.key = absl::StrCat(section, "/", name);
    absl::StatusOr<std::string> bytes = test_corpus::ReadFile(root / section / name);
    if (!bytes.ok()) return bytes.status();
    article.bytes = std::move(*bytes);
    absl::StatusOr<v1::Story> story = StoryFromPlainText(article.bytes, "bbc:" + article.key);
    if (!story.ok()) continue;  // an empty file is no article
    article.story = std::move(*story);
    articles.push_back(std::move(article));
  }
  return articles;
}

}  // namespace newswire::dedup
