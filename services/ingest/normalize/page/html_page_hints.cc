#include "services/ingest/normalize/page/html_page_hints.h"

#include <array>
#include <cstring>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace newswire::html {
namespace {

struct HintWord {
  const char* word;
  uint32_t flags;
  bool prefix;  // also matches words that start with it ("comments")
};

// Words of class and id values. Exact-only words are the short or ambiguous
// ones ("ad" is no prefix of "address"; "post" is none of "poster").
constexpr HintWord kWords[] = {
    {"article", kHintContent, true},     {"story", kHintContent, true},
    {"content", kHintContent, true},     {"entry", kHintContent, true},
    {"post", kHintContent, false},       {"body", kHintContent, true},
    {"text", kHintContent, true},        {"main", kHintContent, false},
    {"prose", kHintContent, false},      {"richtext", kHintContent, false},
    {"copy", kHintContent, false},       {"paragraph", kHintContent, true},
    {"related", kHintBoilerplate, true}, {"share", kHintBoilerplate, true},
    {"sharing", kHintBoilerplate, true}, {"social", kHintBoilerplate, true},
    {"promo", kHintBoilerplate, true},   {"newsletter", kHintBoilerplate, true},
    {"subscribe", kHintBoilerplate, true}, {"subscription", kHintBoilerplate, true},
    {"signup", kHintBoilerplate, true},  {"sidebar", kHintBoilerplate, true},
    {"popup", kHintBoilerplate, true},
    {"modal", kHintBoilerplate, true},   {"cookie", kHintBoilerplate, true},
    {"consent", kHintBoilerplate, true}, {"gdpr", kHintBoilerplate, true},
    {"banner", kHintBoilerplate, true},  {"recommend", kHintBoilerplate, true},
    {"trending", kHintBoilerplate, true}, {"popular", kHintBoilerplate, true},
    {"mostread", kHintBoilerplate, true}, {"most", kHintBoilerplate, false},
    {"partner", kHintBoilerplate, true}, {"promoted", kHintBoilerplate, true},
    {"login", kHintBoilerplate, true},   {"signin", kHintBoilerplate, true},
    {"print", kHintBoilerplate, false},  {"toolbar", kHintBoilerplate, true},
    {"tools", kHintBoilerplate, false},  {"rail", kHintBoilerplate, false},
    {"aside", kHintBoilerplate, false},  {"supplemental", kHintBoilerplate, true},
    {"overlay", kHintBoilerplate, true}, {"donate", kHintBoilerplate, true},
    {"follow", kHintBoilerplate, true},  {"skip", kHintBoilerplate, true},
    {"pagination", kHintBoilerplate, true}, {"pager", kHintBoilerplate, false},
    {"bio", kHintBoilerplate, false},    {"email", kHintBoilerplate, false},
    {"readmore", kHintBoilerplate, true}, {"more", kHintBoilerplate, false},
    {"feedback", kHintBoilerplate, true}, {"newsletters", kHintBoilerplate, false},
    {"comment", kHintComment, true},     {"replies", kHintComment, false},
    {"respond", kHintComment, false},    {"discussion", kHintComment, true},
    {"disqus", kHintComment, true},      {"byline", kHintByline, true},
    {"author", kHintByline, true},       {"byl", kHintByline, false},
    {"caption", kHintCaption, true},     {"credit", kHintCaption, true},
    {"figcaption", kHintCaption, false}, {"tags", kHintMeta, false},
    {"tag", kHintMeta, false},           {"keywords", kHintMeta, false},
    {"date", kHintMeta, false},          {"timestamp", kHintMeta, true},
    {"time", kHintMeta, false},          {"meta", kHintMeta, false},
    {"metadata", kHintMeta, false},      {"headline", kHintHeadline, true},
    {"title", kHintHeadline, false},     {"hed", kHintHeadline, false},
    {"nav", kHintNavigation, true},      {"menu", kHintNavigation, true},
    {"breadcrumb", kHintNavigation | kHintBreadcrumb, true}, {"footer", kHintNavigation, true},
    {"header", kHintNavigation, true},   {"masthead", kHintNavigation, true},
    {"topbar", kHintNavigation, true},   {"subnav", kHintNavigation, true},
    {"ad", kHintAd, false},              {"ads", kHintAd, false},
    {"advert", kHintAd, true},           {"adslot", kHintAd, true},
    {"adunit", kHintAd, true},           {"adsbygoogle", kHintAd, false},
    {"dfp", kHintAd, true},              {"sponsor", kHintAd, true},
    {"taboola", kHintAd, true},          {"outbrain", kHintAd, true},
};

// Whole class names that hide an element on every screen ("hidden", not
// "field-label-hidden", which hides a label beside the text).
bool IsHidingClass(absl::string_view name) {
  static constexpr absl::string_view kHiding[] = {
      "hidden", "hide", "invisible", "sr-only", "visually-hidden", "visuallyhidden",
      "screen-reader-text", "screen-reader-only", "offscreen", "d-none", "is-hidden",
      "u-hidden", "element-invisible", "element-hidden", "hidden-all"};
  for (absl::string_view hiding : kHiding) {
    if (absl::EqualsIgnoreCase(name, hiding)) return true;
  }
  return false;
}

struct IndexedWord {
  absl::string_view word;
  uint32_t flags;
  bool prefix;
};

const std::array<std::vector<IndexedWord>, 26>& WordsByLetter() {
  static const auto* table = [] {
    auto* t = new std::array<std::vector<IndexedWord>, 26>();
    for (const HintWord& w : kWords) {
      (*t)[w.word[0] - 'a'].push_back({absl::string_view(w.word), w.flags, w.prefix});
    }
    return t;
  }();
  return *table;
}

uint32_t WordFlags(absl::string_view token) {
  if (token.empty() || token[0] < 'a' || token[0] > 'z') return 0;
  uint32_t flags = 0;
  for (const IndexedWord& w : WordsByLetter()[token[0] - 'a']) {
    if (token.size() < w.word.size() || (!w.prefix && token.size() != w.word.size())) continue;
    if (std::memcmp(token.data(), w.word.data(), w.word.size()) == 0) flags |= w.flags;
  }
  return flags;
}

uint32_t RoleFlags(absl::string_view role) {
  if (role == "navigation" || role == "menu" || role == "menubar" || role == "banner" ||
      role == "contentinfo") {
    return kHintNavigation;
  }
  if (role == "complementary" || role == "dialog" || role == "alert" || role == "search") {
    return kHintBoilerplate;
  }
  return 0;
}

}  // namespace

uint32_t HintsFromWords(absl::string_view value) {
  uint32_t flags = 0;
  char token[32];
  size_t size = 0;
  bool overflow = false;
  char previous = 0;
  auto flush = [&] {
    if (size > 0 && !overflow) flags |= WordFlags(absl::string_view(token, size));
    size = 0;
    overflow = false;
  };
  for (char c : value) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      flush();
    } else {
      // camelCase: "relatedStories" -> related, stories
      if (upper && previous >= 'a' && previous <= 'z') flush();
      if (size < sizeof(token)) {
        token[size++] = upper ? static_cast<char>(c + 32) : c;
      } else {
        overflow = true;
      }
    }
    previous = c;
  }
  flush();
  return flags;
}

std::vector<uint32_t> ComputeHints(const HtmlPageDom& dom) {
  const uint32_t n = dom.size();
  std::vector<uint32_t> hints(n, 0);
  // Only elements with some text below them can matter to extraction.
  std::vector<uint8_t> has_text(n, 0);
  for (uint32_t i = n; i-- > 1;) {
    const DomNode& node = dom.node(i);
    if (node.tag == Tag::kText) {
      for (char c : node.text) {
        if (static_cast<unsigned char>(c) > ' ') {
          has_text[i] = 1;
          break;
        }
      }
    }
    has_text[node.parent] |= has_text[i];
  }
  absl::flat_hash_map<absl::string_view, uint32_t> cache;
  auto flags_of = [&cache](absl::string_view value) -> uint32_t {
    if (value.empty()) return 0;
    auto [it, inserted] = cache.try_emplace(value, 0);
    if (inserted) it->second = HintsFromWords(value);
    return it->second;
  };
  for (uint32_t i = 1; i < n; ++i) {
    const DomNode& node = dom.node(i);
    if (node.tag == Tag::kText || node.attr_count == 0 || !has_text[i]) continue;
    uint32_t flags = 0;
    for (const DomAttribute* a = dom.AttrBegin(i); a != dom.AttrEnd(i); ++a) {
      const absl::string_view name = a->name;
      const absl::string_view value = a->value;
      switch (name.size()) {
        case 2:
          if (EqualsLower(name, "id")) flags |= flags_of(value);
          break;
        case 4:
          if (EqualsLower(name, "role")) flags |= RoleFlags(value);
          break;
        case 5:
          if (EqualsLower(name, "class")) {
            flags |= flags_of(value);
            for (absl::string_view class_name : absl::StrSplit(value, ' ', absl::SkipEmpty())) {
              if (IsHidingClass(class_name)) flags |= kHintHidden;
            }
          } else if (EqualsLower(name, "style")) {
            if (absl::StrContains(value, "display:none") ||
                absl::StrContains(value, "display: none") ||
                absl::StrContains(value, "visibility:hidden") ||
                absl::StrContains(value, "visibility: hidden")) {
              flags |= kHintHidden;
            }
          }
          break;
        case 6:
          if (EqualsLower(name, "hidden")) flags |= kHintHidden;
          break;
        case 8:
          if (EqualsLower(name, "itemprop") &&
              (value == "articleBody" || value == "text" || value == "reviewBody")) {
            flags |= kHintArticleBody;
          }
          break;
        case 11:
          if (EqualsLower(name, "aria-hidden") && value == "true") flags |= kHintHidden;
          break;
        default:
          break;
      }
    }
    hints[i] = flags;
  }
  return hints;
}

}  // namespace newswire::html
