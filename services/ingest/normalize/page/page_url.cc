#include "services/ingest/normalize/page/page_url.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newswire {
namespace {

// Path segments that say "this is an article", not which section.
bool IsGenericSegment(absl::string_view segment) {
  static constexpr absl::string_view kGeneric[] = {
      "news", "article", "articles", "story", "stories", "category", "categories",
      "content", "post", "posts", "blog", "blogs", "amp", "www", "index", "html",
      "en", "en-us", "en-gb", "de", "fr", "es", "ja", "zh", "sites", "section",
      "sections", "topics", "topic", "tag", "tags", "archive", "archives", "id",
      "item", "items", "page", "pages", "web", "latest", "home", "a", "p", "s"};
  for (absl::string_view generic : kGeneric) {
    if (segment == generic) return true;
  }
  return false;
}

absl::string_view AfterScheme(absl::string_view url) {
  if (absl::ConsumePrefix(&url, "https://") || absl::ConsumePrefix(&url, "http://")) return url;
  return {};
}

}  // namespace

std::string UrlHost(absl::string_view url) {
  absl::string_view rest = AfterScheme(absl::StripAsciiWhitespace(url));
  size_t end = rest.find_first_of("/?#");
  absl::string_view host = rest.substr(0, end);
  size_t at = host.rfind('@');
  if (at != absl::string_view::npos) host.remove_prefix(at + 1);
  size_t colon = host.find(':');
  if (colon != absl::string_view::npos) host = host.substr(0, colon);
  return absl::AsciiStrToLower(host);
}

std::string ProviderFromHost(absl::string_view host) {
  absl::ConsumePrefix(&host, "www.");
  absl::ConsumePrefix(&host, "m.");
  return std::string(host);
}

std::string SectionFromUrlPath(absl::string_view url) {
  absl::string_view rest = AfterScheme(absl::StripAsciiWhitespace(url));
  size_t slash = rest.find('/');
  if (slash == absl::string_view::npos) return "";
  absl::string_view path = rest.substr(slash + 1);
  path = path.substr(0, path.find_first_of("?#"));
  std::vector<absl::string_view> segments = absl::StrSplit(path, '/', absl::SkipEmpty());
  if (segments.size() < 2) return "";
  segments.pop_back();  // the article's own slug
  for (absl::string_view segment : segments) {
    if (segment.size() < 3 || segment.size() > 30) continue;
    bool letters = true;
    for (char c : segment) {
      if (!absl::ascii_isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
        letters = false;
        break;
      }
    }
    std::string lower = absl::AsciiStrToLower(segment);
    if (!letters || IsGenericSegment(lower)) continue;
    return lower;
  }
  return "";
}

}  // namespace newswire
