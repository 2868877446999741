#include "services/ingest/normalize/page/extract_blocks.h"

#include "services/ingest/normalize/page/html_page_hints.h"

namespace newswire::html {
namespace {

constexpr uint32_t kNegativeHints = kHintBoilerplate | kHintComment | kHintAd | kHintNavigation;
constexpr uint32_t kPositiveHints = kHintContent | kHintArticleBody;
// Markup around a byline, date or caption holds little text; a larger
// element with such a class is a wrapper that happens to share the word.
constexpr uint32_t kSmallMarkupChars = 300;
// Prose an element named like boilerplate must hold to be taken for a
// layout wrapper instead (see pass 4).
constexpr uint32_t kMinWrapperProse = 600;
// A prose block alone beside a title in its enclosing block is a teaser
// card, unless it is long; it weighs this much of its length.
constexpr uint32_t kLongProse = 400;
constexpr double kTeaserFactor = 0.3;

bool IsHeading(Tag tag) { return tag >= Tag::kH1 && tag <= Tag::kH6; }

bool IsBoilerTag(Tag tag) {
  return tag == Tag::kNav || tag == Tag::kAside || tag == Tag::kFooter || tag == Tag::kHeader;
}

// Measures raw text (entities undecoded): characters that are not ASCII
// whitespace (UTF-8 lead bytes and ASCII), sentence ends and commas.
void Measure(absl::string_view raw, bool in_link, BlockStats& block) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t n = raw.size();
  uint32_t chars = 0, ends = 0, commas = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c <= ' ') continue;
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    ++chars;
    if (c == ',') {
      ++commas;
    } else if (c == '.' || c == '!' || c == '?') {
      if (i + 1 == n || p[i + 1] <= ' ' || p[i + 1] == '"' || p[i + 1] == '<') ++ends;
    } else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80) {
      if (p[i + 2] == 0x82) ++ends;    // 。
      if (p[i + 2] == 0x81) ++commas;  // 、
    } else if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC && p[i + 2] == 0x8C) {
      ++commas;  // ，
    }
  }
  block.chars += chars;
  if (in_link) block.link_chars += chars;
  block.sentence_ends += ends;
  block.commas += commas;
}

double Weight(const BlockStats& b, Tag tag, bool boiler) {
  if (b.chars == 0) return 0;
  const double c = b.chars;
  const double link_density = b.link_chars / c;
  if (boiler) return -c;
  if (link_density > 0.5) return -0.75 * c;
  if (IsHeading(tag)) return -3;
  const bool prose = b.sentence_ends > 0 || b.commas > 1;
  if (!prose && c < 40) return -8;
  return (c - b.link_chars) * (prose ? 1.0 : 0.5);
}

}  // namespace

bool BlockModel::keep_text(uint32_t i) const {
  if (flags_[i] & kDead) return false;
  const BlockStats& b = blocks[block_of_[i]];
  if (b.chars == 0) return true;
  const double link_density = static_cast<double>(b.link_chars) / b.chars;
  return !(link_density > 0.6 && b.chars < 300);
}

bool BlockModel::DropSubtree(uint32_t i) const {
  const uint8_t f = flags_[i];
  if (f & (kDead | kOwnBoiler)) return true;
  const DomNode& node = dom_->node(i);
  const uint32_t h = (*hints_)[i];
  if (node.tag == Tag::kFigure || node.tag == Tag::kFigcaption || (h & kHintCaption)) {
    return true;
  }
  const uint32_t chars = blocks[i].subtree_chars;
  if ((h & (kHintByline | kHintMeta)) && chars < kSmallMarkupChars &&
      !(h & kPositiveHints)) {
    return true;
  }
  if (node.tag == Tag::kH1) return true;
  if (node.tag == Tag::kForm && chars < 500) return true;
  return false;
}

BlockModel BuildBlockModel(const HtmlPageDom& dom, const std::vector<uint32_t>& hints,
                           absl::string_view ld_body) {
  BlockModel model;
  const uint32_t n = dom.size();
  model.dom_ = &dom;
  model.hints_ = &hints;
  model.blocks.assign(n, BlockStats());
  model.flags_.assign(n, 0);
  model.block_of_.assign(n, 0);
  // Pass 1, top-down: visibility, links, owning block.
  for (uint32_t i = 1; i < n; ++i) {
    const DomNode& node = dom.node(i);
    const uint32_t p = node.parent;
    uint8_t f = model.flags_[p] & (BlockModel::kDead | BlockModel::kInLink);
    if (node.tag == Tag::kText) {
      model.flags_[i] = f;
      model.block_of_[i] = model.block_of_[p];
      continue;
    }
    const bool structural = node.tag == Tag::kHtml || node.tag == Tag::kBody;
    if (IsNonTextTag(node.tag) || ((hints[i] & kHintHidden) && !structural)) {
      f |= BlockModel::kDead;
    }
    if (node.tag == Tag::kA) f |= BlockModel::kInLink;
    model.flags_[i] = f;
    model.block_of_[i] = IsBlockTag(node.tag) ? i : model.block_of_[p];
  }
  // Pass 2: measure text into its block.
  for (uint32_t i = 1; i < n; ++i) {
    const DomNode& node = dom.node(i);
    if (node.tag != Tag::kText || (model.flags_[i] & BlockModel::kDead)) continue;
    Measure(node.text, (model.flags_[i] & BlockModel::kInLink) != 0,
            model.blocks[model.block_of_[i]]);
  }
  // Pass 3, bottom-up: characters and prose characters of every subtree.
  std::vector<uint32_t> prose(n, 0);
  for (uint32_t i = n; i-- > 1;) {
    BlockStats& b = model.blocks[i];
    b.subtree_chars += b.chars;
    if (Weight(b, dom.node(i).tag, false) > 0) prose[i] += b.chars - b.link_chars;
    const uint32_t p = dom.node(i).parent;
    model.blocks[p].subtree_chars += b.subtree_chars;
    prose[p] += prose[i];
  }
  // Teaser cards: a lone prose block beside a title or link in the same
  // enclosing block ("<div class=card><h3><a>..</a></h3><p>..</p></div>").
  std::vector<uint16_t> prose_blocks(n, 0), other_blocks(n, 0);
  for (uint32_t i = 1; i < n; ++i) {
    const BlockStats& b = model.blocks[i];
    if (b.chars == 0 || dom.node(i).tag == Tag::kText) continue;
    const uint32_t enclosing = model.block_of_[dom.node(i).parent];
    uint16_t& count = Weight(b, dom.node(i).tag, false) > 0 ? prose_blocks[enclosing]
                                                            : other_blocks[enclosing];
    if (count < 0xFFFF) ++count;
  }
  // Pass 4, top-down: boilerplate markup, then block weights.
  for (uint32_t i = 1; i < n; ++i) {
    const DomNode& node = dom.node(i);
    uint8_t& f = model.flags_[i];
    f |= model.flags_[node.parent] & BlockModel::kBoiler;
    if (node.tag != Tag::kText) {
      const uint32_t h = hints[i];
      const bool negative = (h & kNegativeHints) != 0, positive = (h & kPositiveHints) != 0;
      const bool structural = node.tag == Tag::kHtml || node.tag == Tag::kBody ||
                              node.tag == Tag::kMain || node.tag == Tag::kArticle;
      // Class words are a weak signal: an element named "widget-area" or
      // "has-sidebar" that holds a long run of prose is a layout wrapper.
      const uint32_t chars = model.blocks[i].subtree_chars;
      const bool mostly_prose = prose[i] >= kMinWrapperProse && 2 * prose[i] >= chars;
      const bool strong = IsBoilerTag(node.tag) || (h & kHintComment) != 0;
      if (positive && !negative) {
        f &= ~BlockModel::kBoiler;
      } else if (!structural && ((strong && !positive) ||
                                 (negative && !positive && !mostly_prose))) {
        f |= BlockModel::kBoiler | BlockModel::kOwnBoiler;
      }
    }
    double weight = Weight(model.blocks[i], node.tag, (f & BlockModel::kBoiler) != 0);
    if (weight > 0 && node.tag != Tag::kText) {
      const uint32_t enclosing = model.block_of_[node.parent];
      if (prose_blocks[enclosing] == 1 && other_blocks[enclosing] > 0 &&
          model.blocks[i].chars < kLongProse) {
        weight *= kTeaserFactor;
      }
    }
    model.blocks[i].weight = weight;
  }
  (void)ld_body;
  return model;
}

}  // namespace newswire::html
