// What an element's class, id, role and itemprop say about its content, as
// bit flags per node: words like "article-body" or "entry-content" hint at
// the story, "related", "share", "newsletter" or "comments" at boilerplate.
//
//   std::vector<uint32_t> hints = ComputeHints(dom);
//   if (hints[i] & kHintBoilerplate) ...
//
// Class and id values are split into words at punctuation and camelCase
// ("relatedStories" -> related, stories) and matched against fixed word
// lists (prefix matches for words that take suffixes: "comment" matches
// "comments", "commentlist"). Each distinct attribute value is read once per
// page. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_HINTS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_HINTS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/page/html_page_dom.h"

namespace newswire::html {

enum HintFlag : uint32_t {
  kHintContent = 1u << 0,      // article, story, content, entry, post, body, text
  kHintBoilerplate = 1u << 1,  // related, share, comments, newsletter, promo, ads, ...
  kHintNavigation = 1u << 2,   // nav, menu, breadcrumb, footer, header, masthead
  kHintByline = 1u << 3,       // byline, author
  kHintCaption = 1u << 4,      // caption, credit
  kHintHidden = 1u << 5,       // hidden attribute, display:none, sr-only, aria-hidden
  kHintArticleBody = 1u << 6,  // itemprop="articleBody" / "text", role="article"
  kHintComment = 1u << 7,      // comments, disqus, replies
  kHintMeta = 1u << 8,         // date, timestamp, dateline, tags, meta
  kHintAd = 1u << 9,           // ad, ads, advert, sponsor, dfp, taboola, outbrain
  kHintHeadline = 1u << 10,    // headline, title, hed
  kHintBreadcrumb = 1u << 11,  // breadcrumb(s) (also kHintNavigation)
};

// Flags for every node of `dom` (0 for text nodes).
std::vector<uint32_t> ComputeHints(const HtmlPageDom& dom);

// The flags the words of one class or id value carry.
uint32_t HintsFromWords(absl::string_view class_or_id);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_HINTS_H_
