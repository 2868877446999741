#include "services/ingest/normalize/html_fragment.h"

#include <gumbo.h>

#include <algorithm>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/ingest/normalize/text.h"

namespace newswire {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

class ParagraphCollector {
 public:
  void Walk(const GumboNode* node, int depth) {
    if (depth > 512) return;  // pathological nesting: stop descending
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        current_.append(node->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        GumboTag tag = node->v.element.tag;
        if (IsSkipped(tag)) return;
        bool block = IsBlock(tag);
        if (block) Flush();
        // Table cells on one row stay one paragraph, separated by spaces.
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) current_.push_back(' ');
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
          Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        }
        if (block) Flush();
        return;
      }
      case GUMBO_NODE_DOCUMENT: {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = 0; i < children.length; ++i) {
          Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        }
        return;
      }
      default:
        return;
    }
  }

  std::vector<std::string> Finish() {
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Flush() {
    std::string paragraph = text::CollapseWhitespace(current_);
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
    current_.clear();
  }

  std::string current_;
  std::vector<std::string> paragraphs_;
};

}  // namespace

// gumbo's time grows with the square of the nesting depth: a fragment with
// this many tags is reduced to its text without it (tags dropped, block tags
// as paragraph breaks, entities left as written).
constexpr size_t kMaxTagsForHtmlParser = 4000;

static std::vector<std::string> TagSoupToParagraphs(absl::string_view html) {
  std::vector<std::string> paragraphs;
  std::string current;
  bool in_tag = false;
  for (char c : html) {
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '<') {
      in_tag = true;
      current.push_back(' ');
      continue;
    }
    current.push_back(c);
  }
  for (absl::string_view line : absl::StrSplit(current, '\n')) {
    std::string paragraph = text::CollapseWhitespace(line);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

std::vector<std::string> HtmlFragmentToParagraphs(absl::string_view html) {
  if (static_cast<size_t>(std::count(html.begin(), html.end(), '<')) > kMaxTagsForHtmlParser) {
    return TagSoupToParagraphs(text::ToUtf8(html));
  }
  std::string utf8 = text::ToUtf8(html);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  GumboOutput* output = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  ParagraphCollector collector;
  collector.Walk(output->document, 0);
  gumbo_destroy_output(&options, output);
  return collector.Finish();
}

std::string HtmlFragmentToText(absl::string_view html) {
  return absl::StrJoin(HtmlFragmentToParagraphs(html), " ");
}

}  // namespace newswire
