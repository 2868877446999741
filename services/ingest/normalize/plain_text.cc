#include "services/ingest/normalize/plain_text.h"

#include <string>

#include "absl/status/status.h"
#include "services/ingest/normalize/text.h"

namespace newswire {

absl::StatusOr<ParseResult> ParsePlainText(const ParseInput& input) {
  const absl::string_view utf8 = input.utf8;
  // The headline is the first non-empty line even when no blank line follows.
  size_t start = 0;
  std::string headline;
  while (start < utf8.size() && headline.empty()) {
    size_t end = utf8.find('\n', start);
    if (end == absl::string_view::npos) end = utf8.size();
    headline = text::CollapseWhitespace(utf8.substr(start, end - start));
    start = end + 1;
  }
  if (headline.empty()) {
    return absl::InvalidArgumentError("plain text: no text");
  }
  v1::Story story;
  story.set_headline(headline);
  if (start < utf8.size()) {
    for (std::string& paragraph : text::SplitParagraphs(utf8.substr(start))) {
      story.add_paragraphs(std::move(paragraph));
    }
  }
  story.set_source_format(v1::SOURCE_FORMAT_PLAIN_TEXT);
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace newswire
