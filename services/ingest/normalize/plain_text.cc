#include "services/ingest/normalize/plain_text.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/text/text.h"

namespace newswire {

absl::StatusOr<ParseResult> ParsePlainText(const ParseInput& input) {
  const absl::string_view utf8 = input.utf8;
  // The headline is the first non-empty line even when no blank line follows.
  const std::vector<absl::string_view> lines = text::SplitLines(utf8);
  size_t next = 0;
  std::string headline;
  while (next < lines.size() && headline.empty()) {
    headline = text::CollapseWhitespace(lines[next++]);
  }
  if (headline.empty()) {
    return RecordRefused(DlqReason::kNoStory, "plain text: no text");
  }
  v1::Story story;
  story.set_headline(headline);
  if (next < lines.size()) {
    absl::string_view body = utf8.substr(static_cast<size_t>(lines[next].data() - utf8.data()));
    for (std::string& paragraph : text::SplitParagraphs(body)) {
      story.add_paragraphs(std::move(paragraph));
    }
  }
  story.set_source_format(v1::SOURCE_FORMAT_PLAIN_TEXT);
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace newswire
