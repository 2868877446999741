#include "services/ingest/normalize/xml/xml_text.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/ingest/normalize/rules/html_fragment.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/text_rows.h"
#include "services/ingest/normalize/xml/xml_entities.h"

namespace newswire::xml {
namespace {

// libxml2 refuses documents nested deeper than 256; this only bounds the walk.
constexpr int kMaxDepth = 300;

bool OneOf(absl::string_view name, std::initializer_list<absl::string_view> names) {
  for (absl::string_view candidate : names) {
    if (name == candidate) return true;
  }
  return false;
}

bool IsSkipped(absl::string_view name) {
  return OneOf(name, {"head", "header", "nav", "script", "style", "noscript", "template",
                      "iframe", "object", "embed", "svg", "math", "img", "picture", "video",
                      "audio", "source", "figure", "media", "media-reference", "media-object",
                      "media-metadata", "media-producer", "media-caption", "nitf-table-metadata",
                      "del", "title", "meta", "link"});
}

bool IsBlock(absl::string_view name) {
  return OneOf(name, {"p",       "hl1",       "hl2",      "h1",        "h2",     "h3",
                      "h4",      "h5",        "h6",       "div",       "block",  "section",
                      "article", "main",      "li",       "dt",        "dd",     "blockquote",
                      "bq",      "tr",        "table",    "tbody",     "thead",  "tfoot",
                      "ul",      "ol",        "dl",       "hr",        "caption", "address",
                      "note",    "fn",        "tagline",  "body",      "html",   "byline",
                      "dateline", "abstract", "nitf-table", "figcaption", "footer", "aside",
                      "credit",  "center",    "body.content", "body.head", "body.end"});
}

bool IsBlank(absl::string_view line) {
  return absl::StripAsciiWhitespace(line).empty();
}

bool IsIndented(absl::string_view line) {
  return !line.empty() && (line[0] == ' ' || line[0] == '\t');
}

// Wire copy inside one block: continuation lines flush left and paragraphs
// that start indented or after a blank line. Returns the block unsplit when
// it is not laid out that way (ordinary pretty-printed or one-line text).
std::vector<std::string> SplitWireLayout(absl::string_view raw) {
  std::vector<absl::string_view> lines = text::SplitLines(raw);
  size_t first = 0;
  while (first < lines.size() && IsBlank(lines[first])) ++first;
  int indented = 0;
  int flush = 0;
  int new_paragraphs = 0;  // indented lines right after a flush one
  bool interior_blank = false;
  bool blank_pending = false;
  bool previous_flush = first < lines.size() && !IsIndented(lines[first]);
  for (size_t i = first + 1; i < lines.size(); ++i) {
    if (IsBlank(lines[i])) {
      blank_pending = true;
      continue;
    }
    if (blank_pending) interior_blank = true;
    blank_pending = false;
    bool indent = IsIndented(lines[i]);
    (indent ? indented : flush)++;
    if (indent && previous_flush) ++new_paragraphs;
    previous_flush = !indent;
  }
  // One flush line among indented ones is a stray line break in
  // pretty-printed markup, not wire copy.
  bool split_at_indent = new_paragraphs >= 2 || (new_paragraphs == 1 && flush >= indented);
  if (!split_at_indent && !interior_blank) return {std::string(raw)};
  std::vector<std::string> blocks;
  std::string current;
  auto end_block = [&] {
    if (!IsBlank(current)) blocks.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = first; i < lines.size(); ++i) {
    if (IsBlank(lines[i])) {
      end_block();
      continue;
    }
    if (split_at_indent && IsIndented(lines[i])) end_block();
    current.append(lines[i].data(), lines[i].size());
    current.push_back('\n');
  }
  end_block();
  return blocks;
}

// Lines of `text` holding more than white space, counted without copying.
int TextLines(absl::string_view text) {
  int lines = 0;
  bool seen_text = false;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      lines += seen_text;
      seen_text = false;
    } else if (c != ' ' && c != '\t') {
      seen_text = true;
    }
  }
  return lines + seen_text;
}

// Cleaned paragraphs of one raw block: wire layout first, then, when
// `rows` allows, rows where the lines are laid out as rows (tables,
// results) rather than wrapped.
// A line break written into a block's text ("eiendomsrett.&#10;Søk i ..."):
// after a line too long to be wrapped copy that ends a sentence, and with
// the next text right after it, not indented as a pretty-printer would.
std::vector<absl::string_view> SplitAtWrittenBreaks(absl::string_view raw) {
  constexpr size_t kMinUnwrappedLineBytes = 120;
  std::vector<absl::string_view> pieces;
  size_t start = 0;
  size_t line_start = 0;
  for (size_t newline = raw.find('\n'); newline != absl::string_view::npos;
       newline = raw.find('\n', newline + 1)) {
    absl::string_view line =
        absl::StripAsciiWhitespace(raw.substr(line_start, newline - line_start));
    line_start = newline + 1;
    bool ends_sentence = !line.empty() && (absl::EndsWith(line, ".") || absl::EndsWith(line, "!") ||
                                           absl::EndsWith(line, "?") || absl::EndsWith(line, ":"));
    bool text_follows = newline + 1 < raw.size() &&
                        !absl::ascii_isspace(static_cast<unsigned char>(raw[newline + 1]));
    if (line.size() >= kMinUnwrappedLineBytes && ends_sentence && text_follows) {
      pieces.push_back(raw.substr(start, newline - start));
      start = newline + 1;
    }
  }
  pieces.push_back(raw.substr(start));
  return pieces;
}

void AppendCleaned(absl::string_view raw, bool rows, std::vector<std::string>* paragraphs) {
  auto append = [paragraphs](absl::string_view text) {
    std::string paragraph = CleanLine(text);
    if (!paragraph.empty()) paragraphs->push_back(std::move(paragraph));
  };
  for (absl::string_view piece : SplitAtWrittenBreaks(raw)) {
    for (const std::string& block : SplitWireLayout(piece)) {
      // Most blocks are one line or two: too few for rows (kMinRowLines).
      if (!rows || TextLines(block) < kMinRowLines) {
        append(block);
        continue;
      }
      for (const std::string& row : SplitRows(block)) append(row);
    }
  }
}

// Escaped markup in a body ("&lt;div class=...&gt;&lt;/div&gt;&lt;script
// ...&gt;", an agency's embed code for web sites) decodes to a paragraph
// that opens with an HTML tag.
bool OpensWithHtmlTag(absl::string_view paragraph) {
  static constexpr absl::string_view kTags[] = {
      "div", "script", "iframe", "blockquote", "p", "span", "a", "img", "figure", "embed",
      "object", "video", "audio", "noscript", "style", "table", "section", "ins", "amp-img"};
  if (!absl::ConsumePrefix(&paragraph, "<")) return false;
  size_t name_end = 0;
  while (name_end < paragraph.size() &&
         (absl::ascii_isalnum(static_cast<unsigned char>(paragraph[name_end])) ||
          paragraph[name_end] == '-')) {
    ++name_end;
  }
  if (name_end == paragraph.size() ||
      !(paragraph[name_end] == '>' || paragraph[name_end] == ' ' || paragraph[name_end] == '/')) {
    return false;
  }
  std::string name = absl::AsciiStrToLower(paragraph.substr(0, name_end));
  for (absl::string_view tag : kTags) {
    if (name == tag) return true;
  }
  return false;
}

// A short line ending in a colon ("Embed (stor):") labels what follows.
bool IsLabel(absl::string_view paragraph) {
  constexpr size_t kMaxLabelBytes = 40;
  return paragraph.size() <= kMaxLabelBytes && absl::EndsWith(paragraph, ":");
}

// The pseudo-markup of some agencies' text ("<endash>-</endash>") as an
// element of the XML itself.
absl::string_view PseudoMarkupCharacter(absl::string_view name) {
  if (name == "endash" || name == "ndash") return "\xE2\x80\x93";
  if (name == "emdash" || name == "mdash") return "\xE2\x80\x94";
  return "";
}

class BodyWalker {
 public:
  void Walk(Node node, int depth) {
    if (depth > kMaxDepth) return;
    for (Node child = node.FirstChild(); child; child = child.Next()) {
      if (!child.IsElement()) {
        child.AppendOwnText(&current_);
        continue;
      }
      std::string name = absl::AsciiStrToLower(child.Name());
      if (IsSkipped(name)) continue;
      if (absl::string_view character = PseudoMarkupCharacter(name); !character.empty()) {
        current_.append(character.data(), character.size());
        mixed_ = true;
      } else if (name == "br") {
        // Line breaks given as markup follow its own rule (one wraps a
        // line, two start a paragraph), not the layout of rows.
        mixed_ = true;
        current_.push_back('\n');
      } else if (name == "pre") {
        Flush();
        // One row a line, but a line ending in a comma goes on in the next:
        // a list wrapped in the row ("Mexico: Talavera, ..., Rivas,"
        // / "Jonathan, ..., Vela.").
        bool continued = false;
        for (std::string& paragraph : PlainTextParagraphs(child.Text())) {
          if (continued) {
            absl::StrAppend(&paragraphs_.back(), " ", paragraph);
          } else {
            paragraphs_.push_back(std::move(paragraph));
          }
          continued = absl::EndsWith(paragraphs_.back(), ",");
        }
      } else if (name == "td" || name == "th") {
        mixed_ = true;  // a table row is one row already
        current_.push_back(' ');
        Walk(child, depth + 1);
        current_.push_back(' ');
      } else if (IsBlock(name)) {
        Flush();
        Walk(child, depth + 1);
        Flush();
      } else {
        // Inline markup (links, names) makes the block's line breaks the
        // pretty-printer's, not rows.
        mixed_ = true;
        Walk(child, depth + 1);
      }
    }
  }

  std::vector<std::string> Finish() {
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Flush() {
    if (!current_.empty()) AppendCleaned(current_, /*rows=*/!mixed_, &paragraphs_);
    current_.clear();
    mixed_ = false;
    ReadEscapedMarkup();
  }

  // The last paragraph given as escaped HTML is read as HTML; embed code,
  // which holds no text, leaves the body with the label above it.
  void ReadEscapedMarkup() {
    if (paragraphs_.empty() || !OpensWithHtmlTag(paragraphs_.back())) return;
    std::string markup = std::move(paragraphs_.back());
    paragraphs_.pop_back();
    std::vector<std::string> text = HtmlTextParagraphs(markup);
    if (text.empty() && !paragraphs_.empty() && IsLabel(paragraphs_.back())) {
      paragraphs_.pop_back();
    }
    for (std::string& paragraph : text) paragraphs_.push_back(std::move(paragraph));
  }

  std::string current_;
  bool mixed_ = false;  // current_ holds the text of inline markup
  std::vector<std::string> paragraphs_;
};

// Replaces stray <p>, </p>, <br/>, <div ...> tags in plain text by blank lines.
std::string BreakAtStrayTags(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<') {
      size_t name_start = i + 1 + (i + 1 < text.size() && text[i + 1] == '/' ? 1 : 0);
      size_t name_end = name_start;
      while (name_end < text.size() && absl::ascii_isalpha(static_cast<unsigned char>(text[name_end]))) {
        ++name_end;
      }
      std::string name = absl::AsciiStrToLower(text.substr(name_start, name_end - name_start));
      size_t close = text.find('>', name_end);
      bool tag_end = name_end < text.size() &&
                     (text[name_end] == '>' || text[name_end] == '/' || text[name_end] == ' ');
      if ((name == "p" || name == "br" || name == "div") && tag_end &&
          close != absl::string_view::npos) {
        out += "\n\n";
        i = close + 1;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

std::string CleanLine(absl::string_view text) {
  // Most lines hold no reference and are UTF-8: collapsed without a copy.
  if (text.find('&') == absl::string_view::npos && text::IsValidUtf8(text)) {
    return text::CollapseWhitespace(text);
  }
  std::string decoded = DecodeEntityReferences(text);
  if (!text::IsValidUtf8(decoded)) decoded = text::ToUtf8(decoded);
  return text::CollapseWhitespace(decoded);
}

std::string InlineText(Node node) { return CleanLine(node.Text()); }

std::vector<std::string> BodyParagraphs(Node body) {
  BodyWalker walker;
  walker.Walk(body, 0);
  return walker.Finish();
}

std::vector<std::string> PlainTextParagraphs(absl::string_view text) {
  std::string broken = BreakAtStrayTags(text);
  std::vector<std::string> blocks = SplitWireLayout(broken);
  if (blocks.size() <= 1) blocks = text::SplitParagraphs(text::ToUtf8(broken));
  std::vector<std::string> paragraphs;
  for (const std::string& block : blocks) {
    std::string paragraph = CleanLine(block);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

std::vector<std::string> HtmlTextParagraphs(absl::string_view html) {
  std::vector<std::string> paragraphs;
  for (const std::string& block : HtmlFragmentToParagraphs(html)) {
    std::string paragraph = CleanLine(block);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
  }
  return paragraphs;
}

std::string RepairMojibake(absl::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    // U+00C2/U+00C3 are C3 82 / C3 83; U+0080..U+00BF are C2 80..C2 BF.
    if (i + 3 < utf8.size() && static_cast<unsigned char>(utf8[i]) == 0xC3 &&
        (static_cast<unsigned char>(utf8[i + 1]) == 0x82 ||
         static_cast<unsigned char>(utf8[i + 1]) == 0x83) &&
        static_cast<unsigned char>(utf8[i + 2]) == 0xC2 &&
        static_cast<unsigned char>(utf8[i + 3]) >= 0x80 &&
        static_cast<unsigned char>(utf8[i + 3]) <= 0xBF) {
      out.push_back(static_cast<char>(static_cast<unsigned char>(utf8[i + 1]) == 0x82 ? 0xC2 : 0xC3));
      out.push_back(utf8[i + 3]);
      i += 3;
      continue;
    }
    out.push_back(utf8[i]);
  }
  return out;
}

}  // namespace newswire::xml
