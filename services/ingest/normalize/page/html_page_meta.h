// What an HTML article page says about itself: <title>, <meta> (Open Graph,
// article:*, Dublin Core, parsely, sailthru), <link rel=canonical>, <html
// lang>, JSON-LD (NewsArticle and kin, also inside @graph), microdata
// (itemprop) and the byline and breadcrumb markup of the body.
//
//   HtmlPageDom dom = HtmlPageDom::Parse(utf8);
//   PageMeta meta = ReadPageMeta(dom, ComputeHints(dom));
//
// Every field but ld_body is plain text, entity-decoded and
// whitespace-collapsed, "" when the page does not say. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_META_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_META_H_

#include <string>
#include <vector>

#include "services/ingest/normalize/page/html_page_dom.h"

namespace newswire::html {

struct PageMeta {
  std::string title;           // <title>, as written (site suffix included)
  std::string og_title;        // og:title, else twitter:title
  std::string ld_headline;     // JSON-LD headline (or name)
  std::string first_h1;        // text of the first <h1> in the body
  std::string site_name;       // og:site_name, JSON-LD publisher.name, application-name
  std::string author;          // JSON-LD author names, meta author, byline markup
  std::string published;       // time stamp text as given (ISO 8601 mostly)
  std::string modified;
  std::string section;         // article:section, JSON-LD articleSection, breadcrumbs
  std::string language;        // <html lang>, content-language, og:locale, inLanguage
  std::string canonical_url;   // link rel=canonical, og:url, JSON-LD url
  std::string description;     // og:description, description
  std::string copyright;       // JSON-LD copyrightHolder / meta copyright
  std::vector<std::string> keywords;  // news_keywords, keywords, article:tag
  // JSON-LD articleBody as the JSON gives it: may hold markup and entities
  // (a fallback when the page's markup yields too little).
  std::string ld_body;
};

// `hints` are ComputeHints(dom) (bylines and breadcrumbs are found by them).
PageMeta ReadPageMeta(const HtmlPageDom& dom, const std::vector<uint32_t>& hints);

// The visible text of the subtree at `node` on one line (script, style and
// other non-text elements skipped; entities decoded; whitespace collapsed).
std::string NodeText(const HtmlPageDom& dom, uint32_t node);

// `title` without a site suffix or prefix: "Headline | Site", "Headline -
// Site", "Site: Headline". When `site_name` is given, only a part equal to it
// (ignoring case and spaces) is dropped; otherwise the longest part is kept
// when the others are short.
std::string StripSiteFromTitle(absl::string_view title, absl::string_view site_name);

}  // namespace newswire::html

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_META_H_
