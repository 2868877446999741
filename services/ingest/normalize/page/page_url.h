// Small readings of a page URL shared by the page parsers: its host and the
// section its path names.
//
//   UrlHost("https://www.japantoday.com/category/politics/x")  -> "www.japantoday.com"
//   ProviderFromHost("www.japantoday.com")                       -> "japantoday.com"
//   SectionFromUrlPath("https://example.com/politics/2022/11/07/x") -> "politics"
//
// Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_URL_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_URL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// The host of an absolute http(s) URL, lower case; "" for anything else.
std::string UrlHost(absl::string_view url);

// A host as a provider name: "www." and "m." dropped ("www.bbc.co.uk" ->
// "bbc.co.uk").
std::string ProviderFromHost(absl::string_view host);

// The first path segment that names a section: letters (and '-', '_')
// only, 3 to 30 characters, not a generic word ("news", "article", "story",
// "category", "en", "amp", ...), before the last segment (the article's
// slug). "" when there is none.
std::string SectionFromUrlPath(absl::string_view url);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_PAGE_PAGE_URL_H_
