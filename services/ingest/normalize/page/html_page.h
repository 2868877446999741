// Scraped HTML article pages (SOURCE_FORMAT_HTML_PAGE) to a Story.
//
//   if (LooksLikeHtmlPage(input)) result = ParseHtmlPage(input);
//
// The page is decoded to UTF-8 (html_page_charset.h), parsed into a bounded
// node arena (html_page_dom.h), its metadata read (html_page_meta.h) and its
// article body found (extract_body.h). Story fields:
//   headline        the page's <h1> when the metadata titles agree with it,
//                   else JSON-LD headline, og:title, <title> (site name cut)
//   subheadline     og:description / description
//   byline          JSON-LD author, meta author, byline markup
//   first_created   article:published_time, JSON-LD datePublished, <time>
//   version_created article:modified_time, JSON-LD dateModified, else first
//   source_section  article:section, JSON-LD articleSection, breadcrumbs,
//                   else the first path segment of the page URL
//   provider        og:site_name, JSON-LD publisher, else the URL's host
//   language        <html lang>, content-language, og:locale (normalized and,
//                   when missing, detected by EnrichStory)
//   source_url      link rel=canonical / og:url when absolute
//   agency          a wire agency named as the author or in the byline
//                   ("Associated Press", "By Jane Doe, Reuters"); credits and
//                   datelines in the body are read by EnrichStory
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// Largest page parsed; longer input is cut (pages are 50-500 KB; the
// Normalizer refuses records over 2 MiB before this is reached).
inline constexpr size_t kMaxHtmlPageBytes = 8 << 20;

// True when `input` starts like an HTML document (<!doctype html>, <html>,
// <head>, <body> after blanks and comments) or is labelled text/html and
// begins with markup.
bool LooksLikeHtmlPage(const ParseInput& input);

// The story of an HTML page. InvalidArgument "html page: no article text"
// when nothing on the page reads as an article.
absl::StatusOr<ParseResult> ParseHtmlPage(const ParseInput& input);

// The story of `bytes` (any encoding) with the given content-type and URL
// hints; paragraphs empty when no article was found. For tools and tests.
v1::Story ExtractHtmlStory(absl::string_view bytes, absl::string_view content_type,
                           absl::string_view source_url);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_HTML_PAGE_H_
