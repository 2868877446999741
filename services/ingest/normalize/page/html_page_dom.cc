#include "services/ingest/normalize/page/html_page_dom.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace newswire::html {
namespace {

constexpr std::pair<const char*, Tag> kTagNames[] = {
    {"html", Tag::kHtml}, {"head", Tag::kHead}, {"body", Tag::kBody},
    {"title", Tag::kTitle}, {"meta", Tag::kMeta}, {"link", Tag::kLink},
    {"base", Tag::kBase}, {"script", Tag::kScript}, {"style", Tag::kStyle},
    {"noscript", Tag::kNoscript}, {"template", Tag::kTemplate}, {"svg", Tag::kSvg},
    {"math", Tag::kMath}, {"iframe", Tag::kIframe}, {"object", Tag::kObject},
    {"embed", Tag::kEmbed}, {"canvas", Tag::kCanvas}, {"video", Tag::kVideo},
    {"audio", Tag::kAudio}, {"picture", Tag::kPicture}, {"source", Tag::kSource},
    {"img", Tag::kImg}, {"map", Tag::kMap}, {"area", Tag::kArea}, {"p", Tag::kP},
    {"div", Tag::kDiv}, {"span", Tag::kSpan}, {"a", Tag::kA}, {"br", Tag::kBr},
    {"hr", Tag::kHr}, {"wbr", Tag::kWbr}, {"h1", Tag::kH1}, {"h2", Tag::kH2},
    {"h3", Tag::kH3}, {"h4", Tag::kH4}, {"h5", Tag::kH5}, {"h6", Tag::kH6},
    {"hgroup", Tag::kHgroup}, {"ul", Tag::kUl}, {"ol", Tag::kOl}, {"li", Tag::kLi},
    {"dl", Tag::kDl}, {"dt", Tag::kDt}, {"dd", Tag::kDd}, {"menu", Tag::kMenu},
    {"table", Tag::kTable}, {"caption", Tag::kCaption}, {"thead", Tag::kThead},
    {"tbody", Tag::kTbody}, {"tfoot", Tag::kTfoot}, {"tr", Tag::kTr}, {"td", Tag::kTd},
    {"th", Tag::kTh}, {"col", Tag::kCol}, {"colgroup", Tag::kColgroup},
    {"blockquote", Tag::kBlockquote}, {"pre", Tag::kPre}, {"code", Tag::kCode},
    {"q", Tag::kQ}, {"cite", Tag::kCite}, {"figure", Tag::kFigure},
    {"figcaption", Tag::kFigcaption}, {"article", Tag::kArticle}, {"main", Tag::kMain},
    {"section", Tag::kSection}, {"header", Tag::kHeader}, {"footer", Tag::kFooter},
    {"nav", Tag::kNav}, {"aside", Tag::kAside}, {"address", Tag::kAddress},
    {"details", Tag::kDetails}, {"summary", Tag::kSummary}, {"dialog", Tag::kDialog},
    {"center", Tag::kCenter}, {"form", Tag::kForm}, {"input", Tag::kInput},
    {"button", Tag::kButton}, {"select", Tag::kSelect}, {"option", Tag::kOption},
    {"optgroup", Tag::kOptgroup}, {"textarea", Tag::kTextarea}, {"label", Tag::kLabel},
    {"fieldset", Tag::kFieldset}, {"legend", Tag::kLegend}, {"time", Tag::kTime},
    {"b", Tag::kB}, {"strong", Tag::kStrong}, {"em", Tag::kEm}, {"i", Tag::kI},
    {"u", Tag::kU}, {"small", Tag::kSmall}, {"sub", Tag::kSub}, {"sup", Tag::kSup},
    {"mark", Tag::kMark}, {"font", Tag::kFont}, {"abbr", Tag::kAbbr}, {"s", Tag::kS},
    {"del", Tag::kDel}, {"ins", Tag::kIns}, {"param", Tag::kParam},
    {"track", Tag::kTrack}, {"xmp", Tag::kXmp}, {"plaintext", Tag::kPlaintext},
    {"noembed", Tag::kNoembed}, {"noframes", Tag::kNoframes},
};

// Names packed into two little-endian words (names are at most 16 bytes),
// grouped by length: a lookup compares integers only.
struct PackedName {
  uint64_t lo = 0, hi = 0;
  Tag tag = Tag::kOther;
};

constexpr size_t kMaxTagName = 16;

PackedName Pack(const char* lower, size_t size) {
  PackedName packed;
  char buffer[kMaxTagName] = {};
  std::memcpy(buffer, lower, size);
  std::memcpy(&packed.lo, buffer, 8);
  std::memcpy(&packed.hi, buffer + 8, 8);
  return packed;
}

const std::vector<PackedName>* TagTable() {
  static const auto* table = [] {
    auto* by_length = new std::vector<PackedName>[kMaxTagName + 1];
    for (const auto& [name, tag] : kTagNames) {
      PackedName packed = Pack(name, std::strlen(name));
      packed.tag = tag;
      by_length[std::strlen(name)].push_back(packed);
    }
    return by_length;
  }();
  return table;
}

bool IsVoid(Tag tag) {
  switch (tag) {
    case Tag::kArea: case Tag::kBase: case Tag::kBr: case Tag::kCol: case Tag::kEmbed:
    case Tag::kHr: case Tag::kImg: case Tag::kInput: case Tag::kLink: case Tag::kMeta:
    case Tag::kParam: case Tag::kSource: case Tag::kTrack: case Tag::kWbr:
      return true;
    default:
      return false;
  }
}

// Elements whose content is raw text up to their own end tag.
bool IsRawText(Tag tag) {
  switch (tag) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTextarea:
    case Tag::kTitle: case Tag::kXmp: case Tag::kIframe: case Tag::kNoembed:
    case Tag::kNoframes: case Tag::kPlaintext:
      return true;
    default:
      return false;
  }
}

// Start tags that close an open <p> (HTML5 "close a p element").
bool ClosesParagraph(Tag tag) {
  switch (tag) {
    case Tag::kAddress: case Tag::kArticle: case Tag::kAside: case Tag::kBlockquote:
    case Tag::kCenter: case Tag::kDetails: case Tag::kDialog: case Tag::kDiv:
    case Tag::kDl: case Tag::kFieldset: case Tag::kFigcaption: case Tag::kFigure:
    case Tag::kFooter: case Tag::kHeader: case Tag::kHgroup: case Tag::kMain:
    case Tag::kMenu: case Tag::kNav: case Tag::kOl: case Tag::kP: case Tag::kSection:
    case Tag::kSummary: case Tag::kUl: case Tag::kH1: case Tag::kH2: case Tag::kH3:
    case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kPre: case Tag::kForm:
    case Tag::kTable: case Tag::kHr: case Tag::kLi: case Tag::kDd: case Tag::kDt:
    case Tag::kXmp: case Tag::kPlaintext:
      return true;
    default:
      return false;
  }
}

bool IsHeading(Tag tag) { return tag >= Tag::kH1 && tag <= Tag::kH6; }

// HTML5 "special" elements, minus those the li/dd rule passes over.
bool IsSpecial(Tag tag) {
  switch (tag) {
    case Tag::kOther: case Tag::kA: case Tag::kSpan: case Tag::kB: case Tag::kStrong:
    case Tag::kEm: case Tag::kI: case Tag::kU: case Tag::kSmall: case Tag::kSub:
    case Tag::kSup: case Tag::kMark: case Tag::kFont: case Tag::kAbbr: case Tag::kS:
    case Tag::kDel: case Tag::kIns: case Tag::kCode: case Tag::kQ: case Tag::kCite:
    case Tag::kTime: case Tag::kLabel: case Tag::kSvg: case Tag::kMath: case Tag::kCanvas:
    case Tag::kVideo: case Tag::kAudio: case Tag::kPicture: case Tag::kMap:
    case Tag::kOption: case Tag::kOptgroup: case Tag::kLegend: case Tag::kDocument:
      return false;
    default:
      return true;
  }
}

bool IsScopeBoundary(Tag tag) {
  switch (tag) {
    case Tag::kHtml: case Tag::kTable: case Tag::kTd: case Tag::kTh: case Tag::kCaption:
    case Tag::kTemplate: case Tag::kObject: case Tag::kDocument:
      return true;
    default:
      return false;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

}  // namespace

Tag TagFromName(absl::string_view name) {
  char lower[kMaxTagName];
  if (name.empty() || name.size() > kMaxTagName) return Tag::kOther;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  const PackedName key = Pack(lower, name.size());
  for (const PackedName& candidate : TagTable()[name.size()]) {
    if (candidate.lo == key.lo && candidate.hi == key.hi) return candidate.tag;
  }
  return Tag::kOther;
}

// Builds the node arena from the source text in one pass.
class DomBuilder {
 public:
  DomBuilder(HtmlPageDom& dom, const DomLimits& limits)
      : dom_(dom), limits_(limits), s_(*dom.source_) {}

  void Run() {
    DomNode document;
    document.tag = Tag::kDocument;
    dom_.nodes_.push_back(document);
    stack_.push_back({0, Tag::kDocument, {}});
    const char* data = s_.data();
    const size_t n = s_.size();
    size_t pos = 0;
    while (pos < n && !full()) {
      const void* found = std::memchr(data + pos, '<', n - pos);
      size_t lt = found ? static_cast<size_t>(static_cast<const char*>(found) - data) : n;
      if (lt > pos) AddText(pos, lt);
      if (lt >= n) break;
      pos = Markup(lt);
    }
    while (stack_.size() > 1) Pop();
    dom_.nodes_[0].end = dom_.size();
  }

 private:
  struct Open {
    uint32_t index;
    Tag tag;
    absl::string_view name;
  };

  bool full() const { return dom_.nodes_.size() >= limits_.max_nodes; }

  // Handles the markup at s_[lt] == '<'; returns the position after it.
  size_t Markup(size_t lt) {
    const size_t n = s_.size();
    size_t p = lt + 1;
    if (p >= n) {
      AddText(lt, n);
      return n;
    }
    char c = s_[p];
    if (c == '!') {
      if (s_.compare(p, 3, "!--") == 0) {
        size_t end = s_.find("-->", p + 3);
        return end == absl::string_view::npos ? n : end + 3;
      }
      return SkipPast(p, '>');
    }
    if (c == '?') return SkipPast(p, '>');
    if (c == '/') {
      if (p + 1 < n && absl::ascii_isalpha(static_cast<unsigned char>(s_[p + 1]))) {
        size_t name_end = p + 1;
        while (name_end < n && !IsSpace(s_[name_end]) && s_[name_end] != '/' &&
               s_[name_end] != '>') {
          ++name_end;
        }
        absl::string_view name = s_.substr(p + 1, name_end - p - 1);
        EndTag(TagFromName(name), name);
        return SkipPast(name_end, '>');
      }
      return SkipPast(p, '>');
    }
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      AddText(lt, p);
      return p;
    }
    return StartTag(p);
  }

  size_t SkipPast(size_t from, char c) {
    size_t at = s_.find(c, from);
    return at == absl::string_view::npos ? s_.size() : at + 1;
  }

  // Parses a start tag whose name begins at `p`; returns the position after it.
  size_t StartTag(size_t p) {
    const size_t n = s_.size();
    size_t name_end = p;
    while (name_end < n && !IsSpace(s_[name_end]) && s_[name_end] != '/' &&
           s_[name_end] != '>') {
      ++name_end;
    }
    absl::string_view name = s_.substr(p, name_end - p);
    Tag tag = TagFromName(name);
    const uint32_t attr_begin = static_cast<uint32_t>(dom_.attrs_.size());
    uint32_t attr_count = 0;
    bool self_closing = false;
    size_t q = name_end;
    while (true) {
      while (q < n && (IsSpace(s_[q]) || s_[q] == '/')) {
        self_closing = s_[q] == '/';
        ++q;
      }
      if (q >= n) {  // end of file inside a tag: the tag is dropped
        dom_.attrs_.resize(attr_begin);
        return n;
      }
      if (s_[q] == '>') {
        ++q;
        break;
      }
      self_closing = false;
      size_t an = q++;
      while (q < n && !IsSpace(s_[q]) && s_[q] != '/' && s_[q] != '>' && s_[q] != '=') ++q;
      absl::string_view attr_name = s_.substr(an, q - an);
      absl::string_view value;
      size_t w = q;
      while (w < n && IsSpace(s_[w])) ++w;
      if (w < n && s_[w] == '=') {
        ++w;
        while (w < n && IsSpace(s_[w])) ++w;
        if (w < n && (s_[w] == '"' || s_[w] == '\'')) {
          size_t close = s_.find(s_[w], w + 1);
          if (close == absl::string_view::npos) {
            dom_.attrs_.resize(attr_begin);
            return n;
          }
          value = s_.substr(w + 1, close - w - 1);
          q = close + 1;
        } else {
          size_t v = w;
          while (w < n && !IsSpace(s_[w]) && s_[w] != '>') ++w;
          value = s_.substr(v, w - v);
          q = w;
        }
      }
      if (attr_count < limits_.max_attributes_per_element) {
        dom_.attrs_.push_back({attr_name, value});
        ++attr_count;
      }
    }
    size_t after = q;
    if (tag == Tag::kHtml || tag == Tag::kBody || tag == Tag::kHead) {
      if (seen_[static_cast<int>(tag)]) {
        dom_.attrs_.resize(attr_begin);
        return after;
      }
      seen_[static_cast<int>(tag)] = true;
    }
    if (!InHeadContent(tag)) CloseHead();
    ImpliedEndTags(tag);
    uint32_t index = AddElement(tag, attr_begin, attr_count);
    if (IsRawText(tag)) {
      size_t content_end = RawTextEnd(after, name, tag);
      if (index != 0) dom_.nodes_[index].text = s_.substr(after, content_end - after);
      if (index != 0) dom_.nodes_[index].end = index + 1;
      return content_end >= n ? n : SkipPast(content_end, '>');
    }
    if (index == 0) return after;
    const bool foreign = foreign_depth_ > 0 || tag == Tag::kSvg || tag == Tag::kMath;
    if (IsVoid(tag) || (self_closing && (tag == Tag::kOther || foreign)) ||
        stack_.size() >= limits_.max_depth) {
      dom_.nodes_[index].end = index + 1;
      return after;
    }
    stack_.push_back({index, tag, name});
    if (tag == Tag::kSvg || tag == Tag::kMath) ++foreign_depth_;
    return after;
  }

  // Where the content of a raw-text element opened before `from` ends: at its
  // end tag "</name" followed by space, '/' or '>', or at the end of input.
  size_t RawTextEnd(size_t from, absl::string_view name, Tag tag) {
    const size_t n = s_.size();
    if (tag == Tag::kPlaintext) return n;
    size_t at = from;
    while (true) {
      at = s_.find("</", at);
      if (at == absl::string_view::npos) return n;
      size_t after = at + 2 + name.size();
      if (after <= n && absl::EqualsIgnoreCase(s_.substr(at + 2, name.size()), name) &&
          (after == n || IsSpace(s_[after]) || s_[after] == '/' || s_[after] == '>')) {
        return at;
      }
      at += 2;
    }
  }

  // Elements that stay inside an open <head>; anything else closes it (as
  // the HTML5 "in head" insertion mode does).
  static bool InHeadContent(Tag tag) {
    switch (tag) {
      case Tag::kMeta: case Tag::kLink: case Tag::kTitle: case Tag::kStyle:
      case Tag::kScript: case Tag::kNoscript: case Tag::kBase: case Tag::kTemplate:
      case Tag::kHead: case Tag::kHtml:
        return true;
      default:
        return false;
    }
  }

  void CloseHead() {
    for (size_t i = stack_.size(); i-- > 1;) {
      if (stack_[i].tag == Tag::kHead) {
        PopThrough(i);
        return;
      }
    }
  }

  // Closes what a new `tag` implicitly ends.
  void ImpliedEndTags(Tag tag) {
    if (tag == Tag::kLi || tag == Tag::kDd || tag == Tag::kDt) {
      for (size_t i = stack_.size(); i-- > 1;) {
        Tag open = stack_[i].tag;
        bool same = tag == Tag::kLi ? open == Tag::kLi : (open == Tag::kDd || open == Tag::kDt);
        if (same) {
          PopThrough(i);
          break;
        }
        if (IsSpecial(open) && open != Tag::kAddress && open != Tag::kDiv && open != Tag::kP) {
          break;
        }
      }
    }
    if (ClosesParagraph(tag)) {
      for (size_t i = stack_.size(); i-- > 1;) {
        Tag open = stack_[i].tag;
        if (open == Tag::kP) {
          PopThrough(i);
          break;
        }
        if (IsScopeBoundary(open) || open == Tag::kButton) break;
      }
    }
    if (IsHeading(tag) && IsHeading(stack_.back().tag)) Pop();
    if (tag == Tag::kA) CloseInScope(Tag::kA, Tag::kOther);
    if (tag == Tag::kTr) CloseInScope(Tag::kTr, Tag::kTable);
    if (tag == Tag::kTd || tag == Tag::kTh) {
      CloseInScope(Tag::kTd, Tag::kTr);
      CloseInScope(Tag::kTh, Tag::kTr);
    }
    if (tag == Tag::kOption || tag == Tag::kOptgroup) {
      if (stack_.back().tag == Tag::kOption) Pop();
    }
  }

  // Pops through the nearest open `tag` unless a scope boundary or `stop`
  // comes first.
  void CloseInScope(Tag tag, Tag stop) {
    for (size_t i = stack_.size(); i-- > 1;) {
      Tag open = stack_[i].tag;
      if (open == tag) {
        PopThrough(i);
        return;
      }
      if (open == stop || IsScopeBoundary(open)) return;
    }
  }

  void EndTag(Tag tag, absl::string_view name) {
    if (tag == Tag::kBr) {
      uint32_t index = AddElement(Tag::kBr, static_cast<uint32_t>(dom_.attrs_.size()), 0);
      if (index != 0) dom_.nodes_[index].end = index + 1;
      return;
    }
    if (tag == Tag::kBody || tag == Tag::kHtml) return;
    const bool special = IsSpecial(tag);
    for (size_t i = stack_.size(); i-- > 1;) {
      const Open& open = stack_[i];
      bool same = open.tag == tag &&
                  (tag != Tag::kOther || absl::EqualsIgnoreCase(open.name, name));
      if (same) {
        PopThrough(i);
        return;
      }
      if (special ? IsScopeBoundary(open.tag) || (tag == Tag::kLi && (open.tag == Tag::kUl ||
                                                                      open.tag == Tag::kOl))
                  : IsSpecial(open.tag)) {
        return;
      }
    }
  }

  uint32_t AddElement(Tag tag, uint32_t attr_begin, uint32_t attr_count) {
    if (full() || stack_.size() >= limits_.max_depth) {
      dom_.attrs_.resize(attr_begin);
      return 0;
    }
    DomNode node;
    node.tag = tag;
    node.parent = stack_.back().index;
    node.depth = static_cast<uint16_t>(stack_.size());
    node.attr_begin = attr_begin;
    node.attr_count = static_cast<uint16_t>(attr_count);
    dom_.nodes_.push_back(node);
    return dom_.size() - 1;
  }

  void AddText(size_t begin, size_t end) {
    if (full()) return;
    if (stack_.back().tag == Tag::kHead) {
      for (size_t i = begin; i < end; ++i) {
        if (!IsSpace(s_[i])) {
          CloseHead();
          break;
        }
      }
    }
    DomNode node;
    node.tag = Tag::kText;
    node.parent = stack_.back().index;
    node.depth = static_cast<uint16_t>(stack_.size());
    node.text = s_.substr(begin, end - begin);
    node.end = dom_.size() + 1;
    dom_.nodes_.push_back(node);
  }

  void Pop() {
    const Open& open = stack_.back();
    dom_.nodes_[open.index].end = dom_.size();
    if (open.tag == Tag::kSvg || open.tag == Tag::kMath) --foreign_depth_;
    stack_.pop_back();
  }

  void PopThrough(size_t i) {
    while (stack_.size() > i) Pop();
  }

  HtmlPageDom& dom_;
  const DomLimits& limits_;
  absl::string_view s_;
  std::vector<Open> stack_;
  int foreign_depth_ = 0;
  bool seen_[static_cast<int>(Tag::kCount)] = {};
};

bool IsNonTextTag(Tag tag) {
  switch (tag) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTemplate:
    case Tag::kSvg: case Tag::kMath: case Tag::kIframe: case Tag::kObject: case Tag::kEmbed:
    case Tag::kCanvas: case Tag::kVideo: case Tag::kAudio: case Tag::kSelect:
    case Tag::kOption: case Tag::kOptgroup: case Tag::kTextarea: case Tag::kButton:
    case Tag::kHead: case Tag::kTitle: case Tag::kMeta: case Tag::kLink: case Tag::kBase:
    case Tag::kInput: case Tag::kMap: case Tag::kXmp: case Tag::kPlaintext:
    case Tag::kNoembed: case Tag::kNoframes: case Tag::kDialog: case Tag::kPicture:
    case Tag::kImg: case Tag::kSource: case Tag::kParam: case Tag::kTrack:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(Tag tag) {
  switch (tag) {
    case Tag::kP: case Tag::kDiv: case Tag::kBr: case Tag::kHr: case Tag::kH1:
    case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
    case Tag::kHgroup: case Tag::kUl: case Tag::kOl: case Tag::kLi: case Tag::kDl:
    case Tag::kDt: case Tag::kDd: case Tag::kMenu: case Tag::kTable: case Tag::kCaption:
    case Tag::kThead: case Tag::kTbody: case Tag::kTfoot: case Tag::kTr: case Tag::kTd:
    case Tag::kTh: case Tag::kBlockquote: case Tag::kPre: case Tag::kFigure:
    case Tag::kFigcaption: case Tag::kArticle: case Tag::kMain: case Tag::kSection:
    case Tag::kHeader: case Tag::kFooter: case Tag::kNav: case Tag::kAside:
    case Tag::kAddress: case Tag::kDetails: case Tag::kSummary: case Tag::kCenter:
    case Tag::kForm: case Tag::kFieldset: case Tag::kLegend: case Tag::kBody:
    case Tag::kHtml: case Tag::kDocument:
      return true;
    default:
      return false;
  }
}

HtmlPageDom HtmlPageDom::Parse(std::string utf8, const DomLimits& limits) {
  HtmlPageDom dom;
  dom.source_ = std::make_unique<std::string>(std::move(utf8));
  dom.nodes_.reserve(dom.source_->size() / 64 + 16);
  dom.attrs_.reserve(dom.source_->size() / 64 + 16);
  DomBuilder(dom, limits).Run();
  return dom;
}

absl::string_view HtmlPageDom::Attr(uint32_t i, absl::string_view name, bool* present) const {
  for (const DomAttribute* a = AttrBegin(i); a != AttrEnd(i); ++a) {
    if (EqualsLower(a->name, name)) {
      if (present != nullptr) *present = true;
      return a->value;
    }
  }
  if (present != nullptr) *present = false;
  return {};
}

uint32_t HtmlPageDom::Find(Tag tag) const {
  for (uint32_t i = 1; i < size(); ++i) {
    if (nodes_[i].tag == tag) return i;
  }
  return 0;
}

}  // namespace newswire::html
