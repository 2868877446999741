#include "services/ingest/normalize/rules/html_fragment.h"

#include <gumbo.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/text_rows.h"

namespace newswire {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    // A picture's caption in the text ("<figure><img><figcaption>") is no
    // body text: captions leave the body (README, markup and junk).
    case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

// Class names of the agencies' markup for lines that are labels, not text:
// TT's body_html5 opens with <div class="dat"><span class="vignette">Fotboll
// </span><span class="source">TT</span></div> (the section vignette and the
// source, which the record has in its own fields).
bool HasLabelClass(const GumboNode* node) {
  constexpr absl::string_view kLabelClasses[] = {"vignette", "dat"};
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, "class");
  if (attribute == nullptr) return false;
  for (absl::string_view token : absl::StrSplit(attribute->value, ' ', absl::SkipEmpty())) {
    for (absl::string_view label : kLabelClasses) {
      if (absl::EqualsIgnoreCase(token, label)) return true;
    }
  }
  return false;
}

// A <figure> holding a picture (an <img> child) is the
// picture: its caption and its photographer's credit (TT: <div
// class="byline">Anders Bjurö/TT</div>) are no body text. A figure of text
// (a pull quote) stays.
bool IsPictureFigure(const GumboNode* node) {
  if (node->v.element.tag != GUMBO_TAG_FIGURE) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned int i = 0; i < children.length; ++i) {
    const GumboNode* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_IMG) {
      return true;
    }
  }
  return false;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

class ParagraphCollector {
 public:
  void Walk(const GumboNode* node, int depth) {
    if (depth > 512) return;  // pathological nesting: stop descending
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        current_.append(node->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        GumboTag tag = node->v.element.tag;
        if (IsSkipped(tag)) return;
        if (HasLabelClass(node) || IsPictureFigure(node)) {
          // Left out, but still a break: the text on either side of a
          // picture stays two paragraphs.
          if (IsBlock(tag)) Flush();
          return;
        }
        if (tag == GUMBO_TAG_PRE) {
          WalkPreformatted(node, depth);
          return;
        }
        bool block = IsBlock(tag);
        if (block) Flush();
        // Table cells on one row stay one paragraph, separated by spaces.
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) current_.push_back(' ');
        const GumboVector& children = node->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
          Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        }
        if (block) Flush();
        return;
      }
      case GUMBO_NODE_DOCUMENT: {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = 0; i < children.length; ++i) {
          Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
        }
        return;
      }
      default:
        return;
    }
  }

  std::vector<std::string> Finish() {
    Flush();
    return std::move(paragraphs_);
  }

 private:
  // <pre> text keeps its layout: blocks at blank lines, and rows where the
  // lines are laid out as rows (text_rows.h), not one paragraph of all.
  void WalkPreformatted(const GumboNode* node, int depth) {
    Flush();
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
    std::string text = std::move(current_);
    current_.clear();
    std::string block;
    auto end_block = [&] {
      for (std::string& row : SplitRows(block)) {
        current_ = std::move(row);
        Flush();
      }
      block.clear();
    };
    for (absl::string_view line : text::SplitLines(text)) {
      if (text::IsBlank(line)) {
        end_block();
        continue;
      }
      absl::StrAppend(&block, line, "\n");
    }
    end_block();
  }

  void Flush() {
    std::string paragraph = text::CollapseWhitespace(current_);
    if (!paragraph.empty()) paragraphs_.push_back(std::move(paragraph));
    current_.clear();
  }

  std::string current_;
  std::vector<std::string> paragraphs_;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements on HTML5's list of active formatting elements.
bool IsFormatting(absl::string_view name) {
  static constexpr absl::string_view kNames[] = {"a",  "b",     "big",   "code",   "em",
                                                 "font", "i",   "nobr",  "s",      "small",
                                                 "strike", "strong", "tt", "u"};
  for (absl::string_view formatting : kNames) {
    if (absl::EqualsIgnoreCase(name, formatting)) return true;
  }
  return false;
}

// Elements whose content an HTML5 tokenizer reads as text up to their end
// tag ("</script"), never as markup.
bool IsRawText(absl::string_view name) {
  static constexpr absl::string_view kNames[] = {"script", "style",   "textarea", "title",
                                                 "xmp",    "iframe",  "noembed",  "noframes",
                                                 "plaintext"};
  for (absl::string_view raw : kNames) {
    if (absl::EqualsIgnoreCase(name, raw)) return true;
  }
  return false;
}

// What gumbo's cost grows with beyond the fragment's size.
struct FragmentShape {
  size_t tags = 0;  // every '<', wherever it is
  size_t max_attributes = 0;
  size_t max_open_formatting = 0;
  bool lt_in_quoted_value = false;
};

// One linear scan that reads markup where an HTML5 tokenizer does: tags,
// comments (which end at the first "-->" or "--!>", or at once for "<!-->"),
// bogus comments ("<!x", "<?", "</" and no letter: to the next '>'), and
// raw-text elements outside svg and math, whose content is skipped to their
// end tag. A quoted attribute value can hold '>', as in the tokenizer, so the
// scan and gumbo agree on where each tag ends.
class FragmentScanner {
 public:
  explicit FragmentScanner(absl::string_view s) : s_(s) {}

  FragmentShape Run() {
    shape_.tags = static_cast<size_t>(std::count(s_.begin(), s_.end(), '<'));
    const size_t n = s_.size();
    size_t pos = 0;
    while ((pos = s_.find('<', pos)) != absl::string_view::npos) {
      ++pos;
      if (pos >= n) break;
      if (s_[pos] == '!' && s_.compare(pos, 3, "!--") == 0) {
        pos = CommentEnd(pos + 3);
        continue;
      }
      const bool end_tag = s_[pos] == '/';
      if (end_tag) ++pos;
      if (pos >= n) break;
      if (!absl::ascii_isalpha(static_cast<unsigned char>(s_[pos]))) {
        if (end_tag || s_[pos] == '!' || s_[pos] == '?') pos = Past(s_.find('>', pos), 1);
        continue;
      }
      const size_t name_begin = pos;
      while (pos < n && !IsSpace(s_[pos]) && s_[pos] != '/' && s_[pos] != '>') ++pos;
      const absl::string_view name = s_.substr(name_begin, pos - name_begin);
      if (IsFormatting(name)) {
        if (!end_tag) {
          shape_.max_open_formatting = std::max(shape_.max_open_formatting, ++open_formatting_);
        } else if (open_formatting_ > 0) {
          --open_formatting_;
        }
      }
      if (absl::EqualsIgnoreCase(name, "svg") || absl::EqualsIgnoreCase(name, "math")) {
        foreign_ += end_tag ? (foreign_ > 0 ? -1 : 0) : 1;
      }
      pos = Attributes(pos);
      // Inside svg and math, style and title hold markup.
      if (!end_tag && foreign_ == 0 && IsRawText(name)) pos = RawTextEnd(pos, name);
    }
    return shape_;
  }

 private:
  // Counts the attributes of the tag whose name ends at `p`; returns the
  // position after the tag.
  size_t Attributes(size_t p) {
    const size_t n = s_.size();
    size_t attributes = 0;
    while (p < n) {
      while (p < n && (IsSpace(s_[p]) || s_[p] == '/')) ++p;
      if (p >= n || s_[p] == '>') break;
      ++attributes;
      ++p;  // a name may start with '='
      while (p < n && !IsSpace(s_[p]) && s_[p] != '/' && s_[p] != '>' && s_[p] != '=') ++p;
      while (p < n && IsSpace(s_[p])) ++p;
      if (p >= n || s_[p] != '=') continue;
      ++p;
      while (p < n && IsSpace(s_[p])) ++p;
      if (p < n && (s_[p] == '"' || s_[p] == '\'')) {
        size_t close = s_.find(s_[p], p + 1);
        if (close == absl::string_view::npos) close = n;
        // Where a tag begins is a matter of context (a comment, a script, a
        // CDATA section) this scan may read otherwise than gumbo; a value
        // holding '<' could hide a tag from it, so the shape is unknown.
        if (s_.substr(p, close - p).find('<') != absl::string_view::npos) {
          shape_.lt_in_quoted_value = true;
        }
        p = close == n ? n : close + 1;
      } else {
        while (p < n && !IsSpace(s_[p]) && s_[p] != '>') ++p;
      }
    }
    shape_.max_attributes = std::max(shape_.max_attributes, attributes);
    return p;
  }

  size_t Past(size_t found, size_t length) const {
    return found == absl::string_view::npos ? s_.size() : found + length;
  }

  // Where a comment whose body starts at `p` ends.
  size_t CommentEnd(size_t p) const {
    if (s_.compare(p, 1, ">") == 0) return p + 1;
    if (s_.compare(p, 2, "->") == 0) return p + 2;
    for (size_t at = s_.find("--", p); at != absl::string_view::npos; at = s_.find("--", at + 1)) {
      if (s_.compare(at + 2, 1, ">") == 0) return at + 3;
      if (s_.compare(at + 2, 2, "!>") == 0) return at + 4;
    }
    return s_.size();
  }

  // Where the content of raw-text element `name` opened before `p` ends: at
  // "</name" (any case) followed by space, '/' or '>'.
  size_t RawTextEnd(size_t p, absl::string_view name) const {
    if (absl::EqualsIgnoreCase(name, "plaintext")) return s_.size();
    for (size_t at = s_.find("</", p); at != absl::string_view::npos; at = s_.find("</", at + 2)) {
      const size_t after = at + 2 + name.size();
      if (after < s_.size() && absl::EqualsIgnoreCase(s_.substr(at + 2, name.size()), name) &&
          (IsSpace(s_[after]) || s_[after] == '/' || s_[after] == '>')) {
        return at;
      }
    }
    return s_.size();
  }

  absl::string_view s_;
  size_t open_formatting_ = 0;
  int foreign_ = 0;  // svg and math elements open
  FragmentShape shape_;
};

bool WithinGumboLimits(absl::string_view html) {
  if (html.find('<') == absl::string_view::npos) return true;
  const FragmentShape shape = FragmentScanner(html).Run();
  return shape.tags <= kMaxHtmlFragmentTags && !shape.lt_in_quoted_value &&
         shape.max_attributes <= kMaxHtmlFragmentAttributes &&
         shape.max_open_formatting <= kMaxHtmlFragmentOpenFormatting;
}

// The fragment read without gumbo, in linear time: tags dropped, paragraphs
// at line breaks, entities left as written.
std::vector<std::string> TagSoupToParagraphs(absl::string_view html) {
  std::vector<std::string> paragraphs;
  std::string current;
  bool in_tag = false;
  for (char c : html) {
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '<') {
      in_tag = true;
      current.push_back(' ');
      continue;
    }
    current.push_back(c);
  }
  for (absl::string_view line : absl::StrSplit(current, '\n')) {
    std::string paragraph = text::CollapseWhitespace(line);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

}  // namespace

std::vector<std::string> HtmlFragmentToParagraphs(absl::string_view html) {
  // Past a limit, or once the record's CPU budget is spent (the caller
  // fails the record at its next check), gumbo is not called at all.
  if (!WithinGumboLimits(html) || !CheckWorkBudget().ok()) {
    return TagSoupToParagraphs(text::ToUtf8(html));
  }
  std::string utf8 = text::ToUtf8(html);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  GumboOutput* output = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  ParagraphCollector collector;
  collector.Walk(output->document, 0);
  gumbo_destroy_output(&options, output);
  return collector.Finish();
}

std::string HtmlFragmentToText(absl::string_view html) {
  return absl::StrJoin(HtmlFragmentToParagraphs(html), " ");
}

}  // namespace newswire
