#include "services/ingest/normalize/page/extract_body.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/normalize/page/extract_blocks.h"
#include "services/ingest/normalize/page/html_page_hints.h"
#include "services/ingest/normalize/page/page_text_lines.h"
#include "services/ingest/common/text/text.h"

namespace newswire::html {
namespace {

// Share of the page's prose a wrapper must hold before a semantic bonus is
// given for it (a lone <article> teaser in a sidebar gets none).
constexpr double kSemanticBonus = 0.15;
constexpr double kArticleBodyBonus = 0.5;

// Text an itemprop="articleBody" element must hold to be taken as the body.
constexpr uint32_t kMinArticleBodyChars = 200;

// Whether node `inner` lies in the subtree of `outer`.
bool IsInside(const HtmlPageDom& dom, uint32_t inner, uint32_t outer) {
  return inner >= outer && inner < dom.node(outer).end;
}

// Lone labels sites put between paragraphs.
bool IsLabel(absl::string_view paragraph) {
  static constexpr absl::string_view kLabels[] = {
      "advertisement", "advertisement:", "ad", "sponsored", "story continues below",
      "story continues below advertisement", "continue reading", "continue reading below",
      "article continues below", "read more", "read more:", "related", "related:",
      "related articles", "related stories", "share this article", "share", "share:",
      "click to expand", "scroll to continue with content", "ad feedback",
      "skip advertisement", "supported by", "recommended", "more", "see also",
      "also read", "watch", "watch:", "listen", "video", "photo", "image", "close"};
  if (paragraph.size() > 40) return false;
  std::string lower = absl::AsciiStrToLower(paragraph);
  for (absl::string_view label : kLabels) {
    if (lower == label) return true;
  }
  return false;
}

// Collects paragraphs from a walk in document order: block boundaries end a
// paragraph.
class ParagraphWriter {
 public:
  void Text(absl::string_view raw) { DecodeHtmlText(raw, &current_); }
  void Break() {
    if (current_.empty()) return;
    std::string paragraph = CollapseSpaces(current_);
    current_.clear();
    if (!paragraph.empty() && !IsLabel(paragraph)) paragraphs_.push_back(std::move(paragraph));
  }
  std::vector<std::string> Finish() {
    Break();
    return std::move(paragraphs_);
  }

 private:
  std::string current_;
  std::vector<std::string> paragraphs_;
};

// Time stamps and bylines printed in the story's own markup, as the first or
// last lines of the container ("Publisert 12.10.2021", "By Jane Doe").
bool IsMetadataLine(const std::string& paragraph) {
  return paragraph.size() <= 80 &&
         (page_text::IsTimeLine(paragraph) || page_text::IsByline(paragraph));
}

void TrimMetadataLines(std::vector<std::string>& paragraphs) {
  size_t begin = 0;
  while (begin < paragraphs.size() && begin < 3 && IsMetadataLine(paragraphs[begin])) ++begin;
  paragraphs.erase(paragraphs.begin(), paragraphs.begin() + begin);
  while (!paragraphs.empty() && IsMetadataLine(paragraphs.back())) paragraphs.pop_back();
}

// The site's own itemprop="articleBody" element, when it holds text, wins
// over the weighted choice unless that one lies elsewhere on the page and
// holds far more prose (an articleBody on a teaser). Tables and lists of
// short items, which weigh little as prose, are kept this way.
uint32_t PreferArticleBody(const HtmlPageDom& dom, const std::vector<uint32_t>& hints,
                           const BlockModel& model, const std::vector<double>& positive,
                           uint32_t chosen) {
  uint32_t marked = 0;
  for (uint32_t i = 1; i < dom.size(); ++i) {
    if ((hints[i] & kHintArticleBody) && !model.dead(i) &&
        model.blocks[i].subtree_chars >= kMinArticleBodyChars) {
      marked = i;
      break;
    }
  }
  if (marked == 0 || marked == chosen) return chosen;
  const bool related = chosen != 0 && (IsInside(dom, chosen, marked) || IsInside(dom, marked, chosen));
  if (related || chosen == 0 || positive[chosen] < 2 * positive[marked] + kMinArticleBodyChars) {
    return marked;
  }
  return chosen;
}

}  // namespace

ExtractedBody ExtractBody(const HtmlPageDom& dom, const std::vector<uint32_t>& hints,
                          const BodyHints& body_hints) {
  ExtractedBody result;
  const uint32_t n = dom.size();
  if (n < 2) return result;
  BlockModel model = BuildBlockModel(dom, hints, body_hints.ld_body);

  // 3. Container: maximum-weight subtree, with a bonus for semantic markup.
  std::vector<double> sum(n, 0.0), positive(n, 0.0);
  for (uint32_t i = n; i-- > 1;) {
    const BlockStats& b = model.blocks[i];
    sum[i] += b.weight;
    if (b.weight > 0) positive[i] += b.weight;
    uint32_t p = dom.node(i).parent;
    sum[p] += sum[i];
    positive[p] += positive[i];
  }
  double best = 0;
  uint32_t container = 0;
  for (uint32_t i = 1; i < n; ++i) {
    const DomNode& node = dom.node(i);
    if (node.tag == Tag::kText || model.dead(i) || sum[i] <= 0) continue;
    double score = sum[i];
    if (node.tag == Tag::kBody || node.tag == Tag::kHtml) {
      // no bonus: the page itself is no story markup
    } else if (hints[i] & kHintArticleBody) {
      score += kArticleBodyBonus * positive[i];
    } else if (node.tag == Tag::kArticle || node.tag == Tag::kMain ||
               (hints[i] & kHintContent) != 0) {
      score += kSemanticBonus * positive[i];
    }
    if (score >= best) {
      best = score;
      container = i;
    }
  }
  container = PreferArticleBody(dom, hints, model, positive, container);
  if (container == 0) return result;
  result.container = container;

  // 4. Cleaning: walk the container in document order.
  ParagraphWriter writer;
  std::vector<uint32_t> open_blocks;  // ends of the blocks we are inside
  const uint32_t end = dom.node(container).end;
  for (uint32_t i = container; i < end;) {
    while (!open_blocks.empty() && i >= open_blocks.back()) {
      open_blocks.pop_back();
      writer.Break();
    }
    const DomNode& node = dom.node(i);
    if (node.tag == Tag::kText) {
      if (model.keep_text(i)) writer.Text(node.text);
      ++i;
      continue;
    }
    if (i != container && model.DropSubtree(i)) {
      i = node.end;
      continue;
    }
    if (IsBlockTag(node.tag)) {
      writer.Break();
      if (node.end > i + 1) open_blocks.push_back(node.end);
    }
    ++i;
  }
  result.paragraphs = writer.Finish();
  TrimMetadataLines(result.paragraphs);
  return result;
}

std::vector<std::string> ParagraphsFromLdBody(absl::string_view ld_body) {
  HtmlPageDom dom = HtmlPageDom::Parse(std::string(ld_body));
  std::string text;
  for (uint32_t i = 1; i < dom.size(); ++i) {
    const DomNode& node = dom.node(i);
    if (node.tag == Tag::kText) {
      DecodeHtmlText(node.text, &text);
    } else if (IsBlockTag(node.tag)) {
      text.push_back('\n');
    }
  }
  std::vector<std::string> paragraphs;
  for (absl::string_view line : text::SplitLines(text)) {
    std::string paragraph = CollapseSpaces(line);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

}  // namespace newswire::html
