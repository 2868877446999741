// The block model of a page for body extraction (see extract_body.h): which
// nodes are invisible, which element is the block each text belongs to, the
// measures of each block's own text, and each block's weight as story text.
//
//   BlockModel model = BuildBlockModel(dom, hints, ld_body);
//   model.blocks[i].weight  // > 0: reads like story text; < 0: boilerplate
//
// Built in three linear passes over the node arena (top-down flags, text
// measures, weights). Immutable after construction; thread-compatible.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BLOCKS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BLOCKS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/page/html_page_dom.h"

namespace newswire::html {

struct BlockStats {
  uint32_t chars = 0;          // visible characters of the block's own text
  uint32_t link_chars = 0;     // of which inside links
  uint32_t sentence_ends = 0;  // ". " "? " "! " and CJK full stops
  uint32_t commas = 0;
  uint32_t subtree_chars = 0;  // visible characters of the whole subtree
  double weight = 0;           // the block's weight as story text
};

class BlockModel {
 public:
  // Per node; only blocks (elements owning text) have non-zero measures.
  std::vector<BlockStats> blocks;

  bool dead(uint32_t i) const { return (flags_[i] & kDead) != 0; }
  // Whether text node `i` is kept: its block's own text is story-like.
  bool keep_text(uint32_t i) const;
  // Whether element `i`, inside the chosen container, is left out whole:
  // invisible, boilerplate markup, figure or caption, byline, the <h1>.
  bool DropSubtree(uint32_t i) const;

 private:
  friend BlockModel BuildBlockModel(const HtmlPageDom&, const std::vector<uint32_t>&,
                                    absl::string_view);
  enum : uint8_t { kDead = 1, kInLink = 2, kBoiler = 4, kOwnBoiler = 8 };

  const HtmlPageDom* dom_ = nullptr;
  const std::vector<uint32_t>* hints_ = nullptr;
  std::vector<uint8_t> flags_;
  std::vector<uint32_t> block_of_;
};

// `hints` are ComputeHints(dom); `ld_body` is reserved for a structured-data
// signal (unused: see ParagraphsFromLdBody). The model keeps pointers to
// `dom` and `hints`.
BlockModel BuildBlockModel(const HtmlPageDom& dom, const std::vector<uint32_t>& hints,
                           absl::string_view ld_body);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BLOCKS_H_
