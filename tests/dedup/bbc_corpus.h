// The BBC articles of the shared corpus (`<corpus>/bbc/<section>/NNN.txt`:
// first line the headline, then paragraphs) as stories, the way ingest
// reads plain text: bytes decoded with text::ToUtf8 (some files are
// Windows-1252), then ParsePlainText.
//
// The corpus lives outside the repository; tools and tests find it through
// NEWSWIRE_CORPUS and skip, with a message, when it is absent.
#ifndef NEWSWIRE_TESTS_DEDUP_BBC_CORPUS_H_
#define NEWSWIRE_TESTS_DEDUP_BBC_CORPUS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire::dedup {

struct CorpusArticle {
  std::string key;      // "business/007.txt"
  std::string section;  // "business"
  std::string bytes;    // the file as stored
  v1::Story story;      // id "bbc:<key>", headline and paragraphs
};

// Every `<corpus_dir>/bbc/<section>/*.txt`, ordered by section, then name.
// NotFound when there is no bbc folder.
absl::StatusOr<std::vector<CorpusArticle>> LoadBbcCorpus(const std::string& corpus_dir);

// A plain-text story (headline line, then paragraphs) from raw bytes, with
// `id` set. InvalidArgument when there is no text.
absl::StatusOr<v1::Story> StoryFromPlainText(absl::string_view bytes, std::string id);

}  // namespace newswire::dedup

#endif  // NEWSWIRE_TESTS_DEDUP_BBC_CORPUS_H_
