// HtmlPageDom: a fast, bounded HTML tokenizer and tree builder for article
// extraction from scraped pages.
//
// Why not gumbo: a full HTML5 tree builder parses the corpus pages at about
// 12 MB/s (50 pages/s); ingest needs thousands of pages per second. This
// parser does what extraction needs at memchr speed: tags, attributes, text,
// comments, raw-text elements (script, style, ...) skipped with one search,
// the implied end tags of HTML5 that matter for text (p, li, dt/dd, tr/td,
// option, headings), void elements, and nothing of the adoption agency or
// foster parenting, which change markup, not which text belongs together.
//
//   absl::StatusOr<HtmlPageDom> dom = HtmlPageDom::Parse(std::move(utf8));
//   for (uint32_t i = 0; i < dom->size(); ++i) { const DomNode& n = dom->node(i); ... }
//
// Nodes are stored in document order (pre-order), so the subtree of node i is
// the index range [i, node(i).end): every walk is a loop, never a recursion.
// Depth is capped (deeper start tags add no element: their text goes to the
// deepest open one), as are nodes and attributes per element. Text and
// attribute values are views into the owned buffer, raw (entities are
// decoded by DecodeHtmlText when text is taken out).
//
// Immutable after Parse; thread-compatible (const use from many threads).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_DOM_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_DOM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/page/html_page_text.h"

namespace newswire::html {

// The elements extraction tells apart; every other name is kOther.
enum class Tag : uint8_t {
  kOther, kDocument, kText,
  kHtml, kHead, kBody, kTitle, kMeta, kLink, kBase,
  kScript, kStyle, kNoscript, kTemplate, kSvg, kMath, kIframe, kObject, kEmbed,
  kCanvas, kVideo, kAudio, kPicture, kSource, kImg, kMap, kArea,
  kP, kDiv, kSpan, kA, kBr, kHr, kWbr,
  kH1, kH2, kH3, kH4, kH5, kH6, kHgroup,
  kUl, kOl, kLi, kDl, kDt, kDd, kMenu,
  kTable, kCaption, kThead, kTbody, kTfoot, kTr, kTd, kTh, kCol, kColgroup,
  kBlockquote, kPre, kCode, kQ, kCite,
  kFigure, kFigcaption, kArticle, kMain, kSection, kHeader, kFooter, kNav, kAside,
  kAddress, kDetails, kSummary, kDialog, kCenter,
  kForm, kInput, kButton, kSelect, kOption, kOptgroup, kTextarea, kLabel, kFieldset,
  kLegend, kTime, kB, kStrong, kEm, kI, kU, kSmall, kSub, kSup, kMark, kFont, kAbbr,
  kS, kDel, kIns, kParam, kTrack, kXmp, kPlaintext, kNoembed, kNoframes,
  kCount,
};

// The tag of a lower- or mixed-case element name ("P", "blockquote").
Tag TagFromName(absl::string_view name);

// Elements whose content is never article text: script, style, noscript,
// template, svg, math, iframe, object, embed, canvas, video, audio, select,
// textarea, button, head, title and the like.
bool IsNonTextTag(Tag tag);

// Elements that start a new line of text (p, div, li, headings, br, ...).
bool IsBlockTag(Tag tag);

struct DomNode {
  Tag tag = Tag::kOther;
  uint16_t depth = 0;
  uint16_t attr_count = 0;
  uint32_t parent = 0;      // the document node (0) is its own parent
  uint32_t end = 0;         // one past the last node of this subtree
  uint32_t attr_begin = 0;  // index into the attribute table
  // Text nodes: the raw text. Raw-text elements (script, style, title,
  // textarea, ...): their raw content. Otherwise empty.
  absl::string_view text;
};

struct DomAttribute {
  absl::string_view name;   // as written (compare case-insensitively)
  absl::string_view value;  // raw, entities not decoded
};

struct DomLimits {
  uint32_t max_depth = 256;
  uint32_t max_nodes = 1u << 20;
  uint32_t max_attributes_per_element = 64;
};

class HtmlPageDom {
 public:
  // Parses `utf8` (which the dom keeps). Never fails on any input; `limits`
  // bound memory and the depth of the tree.
  static HtmlPageDom Parse(std::string utf8, const DomLimits& limits = DomLimits());

  HtmlPageDom(HtmlPageDom&&) = default;
  HtmlPageDom& operator=(HtmlPageDom&&) = default;

  uint32_t size() const { return static_cast<uint32_t>(nodes_.size()); }
  const DomNode& node(uint32_t i) const { return nodes_[i]; }
  const std::vector<DomNode>& nodes() const { return nodes_; }

  // The raw value of attribute `name` (lower case) on node `i`, or "" when
  // absent. `present` (if given) tells an empty value from a missing one.
  absl::string_view Attr(uint32_t i, absl::string_view name, bool* present = nullptr) const;
  // All attributes of node `i`.
  const DomAttribute* AttrBegin(uint32_t i) const { return attrs_.data() + nodes_[i].attr_begin; }
  const DomAttribute* AttrEnd(uint32_t i) const {
    return attrs_.data() + nodes_[i].attr_begin + nodes_[i].attr_count;
  }

  // The first element with this tag, or 0 when there is none.
  uint32_t Find(Tag tag) const;

  // The page's source text (what views point into).
  absl::string_view source() const { return *source_; }

 private:
  friend class DomBuilder;
  HtmlPageDom() = default;

  std::unique_ptr<std::string> source_;
  std::vector<DomNode> nodes_;
  std::vector<DomAttribute> attrs_;
};

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_DOM_H_
