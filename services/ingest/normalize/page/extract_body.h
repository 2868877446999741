// Finding the article body of an HTML page: which element holds the story,
// and which of its blocks are story text.
//
//   HtmlPageDom dom = HtmlPageDom::Parse(utf8);
//   std::vector<uint32_t> hints = ComputeHints(dom);
//   ExtractedBody body = ExtractBody(dom, hints, {.headline = "..."});
//   // body.paragraphs: the story's paragraphs, plain text, in order
//
// The algorithm (no per-site rules):
//  1. Blocks. Every element that starts a line (p, li, h2, div with text of
//     its own, ...) is a block; its own text is measured: characters, link
//     characters, sentence punctuation. Invisible subtrees (script, style,
//     hidden, aria-hidden, forms controls, media) carry no text.
//  2. Block weights. A block that reads like prose (long, punctuated, few
//     links) weighs its non-link characters; a short or link-heavy block
//     (menus, teasers, labels) weighs negative, and so does anything inside an
//     element whose class/id/role/tag marks boilerplate (nav, aside, footer,
//     related, share, comments, newsletter, ads; see html_page_hints.h).
//  3. Container. The element whose subtree has the largest sum of block
//     weights holds the story (a maximum-weight subtree): it takes in every
//     run of prose however the site splits it, and stops before the teasers
//     and menus around it. Semantic markup (itemprop=articleBody, <article>,
//     class "article-body") adds a bonus; a JSON-LD articleBody, when the page
//     has one and the markup yields far less text than it, replaces the
//     markup's body.
//  4. Cleaning. Inside the container, boilerplate subtrees, figures and
//     captions, bylines and datelines in their own markup, link lists and
//     lone labels ("Advertisement", "Read more") are dropped; headings stay.
//
// Pure and thread-safe. Work is linear in the number of nodes.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BODY_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BODY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/page/html_page_dom.h"

namespace newswire::html {

struct BodyHints {
  // The headline, to leave a copy of it at the top of the body out.
  absl::string_view headline;
  // JSON-LD articleBody as given (markup and entities possible); may be
  // empty. Not used by the DOM extraction itself (see ParagraphsFromLdBody).
  absl::string_view ld_body;
};

struct ExtractedBody {
  std::vector<std::string> paragraphs;
  uint32_t container = 0;  // the element chosen; 0 when the page has no text
};

ExtractedBody ExtractBody(const HtmlPageDom& dom, const std::vector<uint32_t>& hints,
                          const BodyHints& body_hints);

// The paragraphs of a JSON-LD articleBody (plain text with newlines, or
// HTML): the fallback when the page's markup yields much less text than the
// page's own structured data says the article has.
std::vector<std::string> ParagraphsFromLdBody(absl::string_view ld_body);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_EXTRACT_BODY_H_
