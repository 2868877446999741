#include "services/ingest/normalize/page/html_page_meta.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/normalize/page/html_page_hints.h"
#include "services/ingest/normalize/json/json_fields.h"
#include "services/ingest/common/text/text.h"

namespace newswire::html {
namespace {

// JSON-LD objects looked at per page (a @graph can list hundreds).
constexpr size_t kMaxLdObjects = 64;
// A byline from markup longer than this is a paragraph, not a byline.
constexpr size_t kMaxBylineBytes = 120;

void SetIfEmpty(std::string& field, std::string value) {
  if (field.empty() && !value.empty()) field = std::move(value);
}

bool LooksLikeUrl(absl::string_view s) {
  return absl::StartsWith(s, "http://") || absl::StartsWith(s, "https://") ||
         absl::StartsWith(s, "/");
}

bool IsArticleType(absl::string_view type) {
  return absl::StrContains(type, "Article") || absl::StrContains(type, "BlogPosting") ||
         absl::StrContains(type, "Report") || type == "WebPage" || type == "Review";
}

std::vector<std::string> Types(json::Element object) {
  std::vector<std::string> types = json::Strings(object, {"@type"});
  return types;
}

bool HasType(json::Element object, bool (*predicate)(absl::string_view)) {
  for (const std::string& type : Types(object)) {
    if (predicate(type)) return true;
  }
  return false;
}

// Names of a JSON-LD person/organization value: "x", {"name": "x"}, or a list.
std::vector<std::string> Names(json::Element value) {
  std::vector<std::string> names;
  std::vector<json::Element> items =
      json::IsArray(value) ? json::Elements(value) : std::vector<json::Element>{value};
  for (json::Element item : items) {
    std::string name = json::IsObject(item) ? json::Text(item, {"name"}) : json::TextOf(item);
    if (!name.empty() && !LooksLikeUrl(name) && names.size() < 6) names.push_back(name);
  }
  return names;
}

std::string FirstText(json::Element object, json::Keys keys) {
  std::optional<json::Element> value = json::Field(object, keys);
  if (!value) return "";
  if (json::IsArray(*value)) {
    for (json::Element item : json::Elements(*value)) {
      std::string text = json::IsObject(item) ? json::Text(item, {"name", "@id"})
                                              : json::TextOf(item);
      if (!text.empty()) return text;
    }
    return "";
  }
  if (json::IsObject(*value)) return json::Text(*value, {"name", "@id", "url"});
  return json::TextOf(*value);
}

void ReadLdArticle(json::Element object, PageMeta& meta, bool& have_article) {
  // The first article object wins; a later one with a body adds its body.
  if (meta.ld_body.empty()) {
    std::optional<absl::string_view> body = json::RawString(object, {"articleBody", "text"});
    if (body && body->size() > 40) meta.ld_body = std::string(*body);
  }
  if (have_article) return;
  have_article = true;
  SetIfEmpty(meta.ld_headline, json::Text(object, {"headline", "name"}));
  if (std::optional<json::Element> author = json::Field(object, {"author", "creator"})) {
    SetIfEmpty(meta.author, absl::StrJoin(Names(*author), ", "));
  }
  SetIfEmpty(meta.published, json::Text(object, {"datePublished", "dateCreated"}));
  SetIfEmpty(meta.modified, json::Text(object, {"dateModified"}));
  SetIfEmpty(meta.section, FirstText(object, {"articleSection"}));
  if (std::optional<json::Element> publisher = json::Field(object, {"publisher"})) {
    std::vector<std::string> names = Names(*publisher);
    if (!names.empty()) SetIfEmpty(meta.site_name, names[0]);
  }
  SetIfEmpty(meta.language, FirstText(object, {"inLanguage"}));
  std::string url = FirstText(object, {"url", "mainEntityOfPage"});
  if (LooksLikeUrl(url)) SetIfEmpty(meta.canonical_url, url);
  if (meta.keywords.empty()) {
    std::optional<json::Element> keywords = json::Field(object, {"keywords"});
    if (keywords && json::IsArray(*keywords)) {
      meta.keywords = json::Strings(object, {"keywords"});
    } else if (keywords) {
      for (absl::string_view k : absl::StrSplit(json::TextOf(*keywords), ',')) {
        k = absl::StripAsciiWhitespace(k);
        if (!k.empty()) meta.keywords.emplace_back(k);
      }
    }
  }
}

std::vector<std::string> BreadcrumbNames(json::Element object) {
  std::vector<std::string> names;
  for (json::Element item : json::Array(object, {"itemListElement"})) {
    if (!json::IsObject(item)) continue;
    std::string name = json::Text(item, {"name"});
    if (name.empty()) {
      if (std::optional<json::Element> inner = json::Field(item, {"item"})) {
        if (json::IsObject(*inner)) name = json::Text(*inner, {"name"});
      }
    }
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

// The section a breadcrumb trail names: its last entry that is not the home
// page and not the article itself (a long last entry is the headline).
std::string SectionFromCrumbs(std::vector<std::string> crumbs) {
  if (crumbs.size() >= 2 && crumbs.back().size() > 40) crumbs.pop_back();
  while (!crumbs.empty()) {
    std::string last = crumbs.back();
    std::string lower = absl::AsciiStrToLower(last);
    if (lower != "home" && lower != "homepage" && lower != "start" && last.size() <= 40) {
      return last;
    }
    crumbs.pop_back();
  }
  return "";
}

void ReadJsonLd(absl::string_view raw, PageMeta& meta, bool& have_article,
                std::string& crumb_section) {
  std::string text(raw);
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  absl::string_view body = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&body, "<!--");
  absl::ConsumePrefix(&body, "//<![CDATA[");
  absl::ConsumeSuffix(&body, "-->");
  absl::ConsumeSuffix(&body, "//]]>");
  body = absl::StripAsciiWhitespace(body);
  simdjson::dom::parser parser;
  absl::StatusOr<json::Element> root = json::Parse(parser, body);
  if (!root.ok()) return;
  std::vector<json::Element> queue = {*root};
  for (size_t i = 0; i < queue.size() && i < kMaxLdObjects; ++i) {
    json::Element element = queue[i];
    if (json::IsArray(element)) {
      for (json::Element item : json::Elements(element)) queue.push_back(item);
      continue;
    }
    if (!json::IsObject(element)) continue;
    for (json::Element item : json::Array(element, {"@graph"})) queue.push_back(item);
    if (std::optional<json::Element> main = json::Field(element, {"mainEntity"})) {
      if (json::IsObject(*main)) queue.push_back(*main);
    }
    std::vector<std::string> types = Types(element);
    for (const std::string& type : types) {
      if (type == "BreadcrumbList" && crumb_section.empty()) {
        crumb_section = SectionFromCrumbs(BreadcrumbNames(element));
      } else if (type == "WebSite" || type == "NewsMediaOrganization") {
        SetIfEmpty(meta.site_name, json::Text(element, {"name"}));
      } else if (IsArticleType(type) && type != "WebPage") {
        ReadLdArticle(element, meta, have_article);
      }
    }
  }
}

std::string CleanByline(std::string byline) {
  absl::string_view view = byline;
  view = absl::StripAsciiWhitespace(view);
  if (view.empty() || view.size() > kMaxBylineBytes) return "";
  return std::string(view);
}

}  // namespace

std::string NodeText(const HtmlPageDom& dom, uint32_t node) {
  std::string raw;
  const uint32_t end = dom.node(node).end;
  std::vector<uint32_t> block_ends;
  for (uint32_t i = node; i < end;) {
    while (!block_ends.empty() && i >= block_ends.back()) {
      block_ends.pop_back();
      raw.push_back(' ');
    }
    const DomNode& n = dom.node(i);
    if (n.tag == Tag::kText) {
      DecodeHtmlText(n.text, &raw);
    } else if (i != node && IsNonTextTag(n.tag)) {
      i = n.end;
      continue;
    } else if (IsBlockTag(n.tag)) {
      raw.push_back(' ');
      block_ends.push_back(n.end);
    }
    ++i;
  }
  return CollapseSpaces(raw);
}

std::string StripSiteFromTitle(absl::string_view title, absl::string_view site_name) {
  static constexpr absl::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ",
                                                      " » ", " · ", ": "};
  std::string site = absl::AsciiStrToLower(site_name);
  site.erase(std::remove(site.begin(), site.end(), ' '), site.end());
  for (absl::string_view separator : kSeparators) {
    std::vector<absl::string_view> parts = absl::StrSplit(title, separator);
    if (parts.size() < 2) continue;
    if (!site.empty()) {
      std::vector<absl::string_view> kept;
      for (absl::string_view part : parts) {
        std::string key = absl::AsciiStrToLower(part);
        key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
        if (key != site && !(key.size() > 3 && absl::StrContains(site, key))) {
          kept.push_back(part);
        }
      }
      if (kept.size() < parts.size() && !kept.empty()) {
        return std::string(absl::StripAsciiWhitespace(absl::StrJoin(kept, separator)));
      }
      continue;
    }
    if (separator == ": ") continue;  // "Brexit: what next" keeps its colon
    // No site name known: drop a short last part ("Headline | CNN").
    if (parts.back().size() <= 30 && parts.back().size() * 2 < title.size()) {
      parts.pop_back();
      return std::string(absl::StripAsciiWhitespace(absl::StrJoin(parts, separator)));
    }
  }
  return std::string(title);
}

namespace {

// What a page says in weaker places, used only where nothing better was
// found (ApplyTo keeps the order of preference).
struct MetaFallbacks {
  std::string crumb_section, markup_byline, meta_author, og_locale, time_datetime;
  std::string application_name, og_url, twitter_title, twitter_description;

  void ApplyTo(PageMeta& meta) const {
    SetIfEmpty(meta.og_title, twitter_title);
    SetIfEmpty(meta.site_name, application_name);
    SetIfEmpty(meta.author, meta_author);
    SetIfEmpty(meta.author, markup_byline);
    SetIfEmpty(meta.published, time_datetime);
    SetIfEmpty(meta.section, crumb_section);
    SetIfEmpty(meta.language, og_locale);
    SetIfEmpty(meta.canonical_url, og_url);
    SetIfEmpty(meta.description, twitter_description);
  }
};

// One <meta> element (node `i`): property, name, itemprop or http-equiv,
// and its content.
void ReadMetaTag(const HtmlPageDom& dom, uint32_t i, PageMeta& meta, MetaFallbacks& later) {
  std::string key = absl::AsciiStrToLower(dom.Attr(i, "property"));
  if (key.empty()) key = absl::AsciiStrToLower(dom.Attr(i, "name"));
  if (key.empty()) key = absl::AsciiStrToLower(dom.Attr(i, "itemprop"));
  if (key.empty()) key = absl::AsciiStrToLower(dom.Attr(i, "http-equiv"));
  if (key.empty()) return;
  std::string value = DecodeAttribute(dom.Attr(i, "content"));
  if (value.empty()) return;
  if (key == "og:title") SetIfEmpty(meta.og_title, value);
  else if (key == "twitter:title") SetIfEmpty(later.twitter_title, value);
  else if (key == "og:site_name") SetIfEmpty(meta.site_name, value);
  else if (key == "application-name" || key == "apple-mobile-web-app-title")
    SetIfEmpty(later.application_name, value);
  else if (key == "author" || key == "article:author" || key == "dc.creator" ||
           key == "byl" || key == "parsely-author" || key == "sailthru.author" ||
           key == "dcterms.creator")
    SetIfEmpty(later.meta_author, LooksLikeUrl(value) ? "" : value);
  else if (key == "article:published_time" || key == "og:published_time" ||
           key == "published_time" || key == "pubdate" || key == "publishdate" ||
           key == "publish-date" || key == "datepublished" || key == "dc.date" ||
           key == "dc.date.issued" || key == "dcterms.created" || key == "date" ||
           key == "sailthru.date" || key == "parsely-pub-date" ||
           key == "article.published" || key == "original-publish-date")
    SetIfEmpty(meta.published, value);
  else if (key == "article:modified_time" || key == "og:updated_time" ||
           key == "datemodified" || key == "last-modified" || key == "dcterms.modified")
    SetIfEmpty(meta.modified, value);
  else if (key == "article:section" || key == "section" || key == "parsely-section" ||
           key == "article.section" || key == "articlesection")
    SetIfEmpty(meta.section, value);
  else if (key == "og:locale") SetIfEmpty(later.og_locale, value);
  else if (key == "content-language" || key == "dc.language" || key == "language")
    SetIfEmpty(meta.language, value);
  else if (key == "og:url") SetIfEmpty(later.og_url, value);
  else if (key == "og:description" || key == "description")
    SetIfEmpty(meta.description, value);
  else if (key == "twitter:description") SetIfEmpty(later.twitter_description, value);
  else if (key == "copyright" || key == "dc.rights") SetIfEmpty(meta.copyright, value);
  else if (key == "news_keywords" || key == "keywords" || key == "article:tag") {
    if (key == "article:tag" || meta.keywords.empty()) {
      for (absl::string_view k : absl::StrSplit(value, ',')) {
        k = absl::StripAsciiWhitespace(k);
        if (!k.empty() && meta.keywords.size() < 32) meta.keywords.emplace_back(k);
      }
    }
  }
}

// The section a breadcrumb trail (node `i`) names: its links or items, in order.
std::string BreadcrumbSection(const HtmlPageDom& dom, uint32_t i) {
  std::vector<std::string> crumbs;
  for (uint32_t j = i + 1; j < dom.node(i).end; ++j) {
    if (dom.node(j).tag == Tag::kA || dom.node(j).tag == Tag::kLi) {
      std::string crumb = NodeText(dom, j);
      if (!crumb.empty() && (crumbs.empty() || crumbs.back() != crumb)) {
        crumbs.push_back(crumb);
      }
      j = dom.node(j).end - 1;
    }
  }
  return SectionFromCrumbs(crumbs);
}

}  // namespace

PageMeta ReadPageMeta(const HtmlPageDom& dom, const std::vector<uint32_t>& hints) {
  PageMeta meta;
  bool have_article = false;
  MetaFallbacks later;
  for (uint32_t i = 1; i < dom.size(); ++i) {
    const DomNode& n = dom.node(i);
    switch (n.tag) {
      case Tag::kHtml:
        SetIfEmpty(meta.language, DecodeAttribute(dom.Attr(i, "lang")));
        break;
      case Tag::kTitle:
        if (meta.title.empty() && dom.node(n.parent).tag != Tag::kSvg) {
          std::string raw;
          DecodeHtmlText(n.text, &raw);
          meta.title = CollapseSpaces(raw);
        }
        break;
      case Tag::kMeta:
        ReadMetaTag(dom, i, meta, later);
        break;
      case Tag::kLink: {
        std::string rel = absl::AsciiStrToLower(dom.Attr(i, "rel"));
        if (rel == "canonical") SetIfEmpty(meta.canonical_url, DecodeAttribute(dom.Attr(i, "href")));
        break;
      }
      case Tag::kScript:
        if (ContainsIgnoreCase(dom.Attr(i, "type"), "ld+json")) {
          ReadJsonLd(n.text, meta, have_article, later.crumb_section);
        }
        break;
      case Tag::kH1:
        if (meta.first_h1.empty()) meta.first_h1 = NodeText(dom, i);
        break;
      case Tag::kTime:
        SetIfEmpty(later.time_datetime, DecodeAttribute(dom.Attr(i, "datetime")));
        break;
      default:
        break;
    }
    if (n.tag == Tag::kText || n.tag == Tag::kMeta || n.tag == Tag::kScript ||
        n.attr_count == 0) {
      continue;
    }
    absl::string_view itemprop = dom.Attr(i, "itemprop");
    if (!itemprop.empty()) {
      if (itemprop == "author" && later.markup_byline.empty()) {
        later.markup_byline = CleanByline(NodeText(dom, i));
      } else if (itemprop == "datePublished") {
        std::string value = DecodeAttribute(dom.Attr(i, "content"));
        if (value.empty()) value = DecodeAttribute(dom.Attr(i, "datetime"));
        SetIfEmpty(meta.published, value);
      } else if (itemprop == "headline") {
        SetIfEmpty(meta.ld_headline, NodeText(dom, i));
      }
    }
    if (later.markup_byline.empty() && n.tag != Tag::kBody && n.tag != Tag::kHtml &&
        ((hints[i] & kHintByline) != 0 ||
         (n.tag == Tag::kA && ContainsIgnoreCase(dom.Attr(i, "rel"), "author")))) {
      later.markup_byline = CleanByline(NodeText(dom, i));
    }
    if (later.crumb_section.empty() && (hints[i] & kHintBreadcrumb) != 0) {
      later.crumb_section = BreadcrumbSection(dom, i);
    }
  }
  later.ApplyTo(meta);
  return meta;
}

}  // namespace newswire::html
