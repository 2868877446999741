// Syndication feeds: Atom (RFC 4287, feed or single entry, e.g. WENN) and
// RSS (2.0 <rss>, and RSS 1.0 <rdf:RDF>). One story per entry or item.
//
// Atom entry: id (guid), link rel=alternate (source URL), title, content
// (text, html or xhtml; summary when there is no inline content), author
// names (byline), published/updated, rights, categories (keywords, the first
// is the section label), xml:lang; the feed's author or title is the
// provider. WENN's content-metadata extension (first_line + body, slug,
// tags) is read when present, since its Atom content is a placeholder.
// RSS item: guid, link, title, content:encoded or description (HTML),
// author/dc:creator, pubDate/dc:date, category/dc:subject, dc:language or
// the channel's language, dc:rights or the channel's copyright; the
// channel's title is the provider.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FEEDS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FEEDS_H_

#include "absl/status/statusor.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire {

// True for a <feed> or <entry> root in the Atom namespace.
bool SniffAtom(const ParseInput& input);
absl::StatusOr<ParseResult> ParseAtom(const ParseInput& input);

// True for an <rss> root, or an RDF root that declares the RSS 1.0 namespace.
bool SniffRss(const ParseInput& input);
absl::StatusOr<ParseResult> ParseRss(const ParseInput& input);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_FEEDS_H_
