#include "services/ingest/normalize/xml/xml_limits.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"

namespace newswire::xml {
namespace {

constexpr size_t kNpos = absl::string_view::npos;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// What the scan counts; the limits are checked on the totals, so a refusal
// names the real figure.
struct Shape {
  int max_depth = 0;
  size_t elements = 0;
  int max_attributes = 0;
  int namespace_declarations = 0;
  size_t max_attribute_value_bytes = 0;
};

class ShapeScanner {
 public:
  explicit ShapeScanner(absl::string_view s) : s_(s) {}

  Shape Run() {
    size_t pos = 0;
    while (pos < s_.size()) {
      const void* lt = std::memchr(s_.data() + pos, '<', s_.size() - pos);
      if (lt == nullptr) break;
      pos = static_cast<size_t>(static_cast<const char*>(lt) - s_.data());
      absl::string_view rest = s_.substr(pos);
      if (absl::StartsWith(rest, "<!--")) {
        pos = After(s_.find("-->", pos + 4), 3);
      } else if (absl::StartsWith(rest, "<![CDATA[")) {
        pos = After(s_.find("]]>", pos + 9), 3);
      } else if (absl::StartsWith(rest, "<?")) {
        pos = After(s_.find("?>", pos + 2), 2);
      } else if (absl::StartsWith(rest, "<!DOCTYPE")) {
        pos = SkipDoctype(s_, pos + 9);
      } else if (absl::StartsWith(rest, "</")) {
        depth_ = std::max(0, depth_ - 1);
        pos = After(s_.find('>', pos + 2), 1);
      } else {
        pos = StartTag(pos + 1);
      }
      if (pos == kNpos) break;  // malformed: libxml2 will say how
    }
    return shape_;
  }

 private:
  static size_t After(size_t found, size_t length) {
    return found == kNpos ? kNpos : found + length;
  }

  // The start tag whose name begins at `p`; returns the position after it.
  size_t StartTag(size_t p) {
    const size_t n = s_.size();
    ++shape_.elements;
    while (p < n && !IsSpace(s_[p]) && s_[p] != '>' && s_[p] != '/') ++p;
    int attributes = 0;
    size_t end = kNpos;
    while (p < n) {
      while (p < n && IsSpace(s_[p])) ++p;
      if (p >= n) break;
      if (s_[p] == '>') {
        shape_.max_depth = std::max(shape_.max_depth, ++depth_);
        end = p + 1;
        break;
      }
      if (s_[p] == '/') {
        if (p + 1 < n && s_[p + 1] == '>') end = p + 2;
        break;
      }
      const size_t name = p;
      while (p < n && s_[p] != '=' && !IsSpace(s_[p]) && s_[p] != '>' && s_[p] != '/') ++p;
      const absl::string_view attribute = s_.substr(name, p - name);
      while (p < n && IsSpace(s_[p])) ++p;
      if (p >= n || s_[p] != '=') break;
      ++p;
      while (p < n && IsSpace(s_[p])) ++p;
      if (p >= n || (s_[p] != '"' && s_[p] != '\'')) break;
      const size_t close = s_.find(s_[p], p + 1);
      if (close == kNpos) break;
      shape_.max_attribute_value_bytes =
          std::max(shape_.max_attribute_value_bytes, close - p - 1);
      ++attributes;
      if (attribute == "xmlns" || absl::StartsWith(attribute, "xmlns:")) {
        ++shape_.namespace_declarations;
      }
      p = close + 1;
    }
    shape_.max_attributes = std::max(shape_.max_attributes, attributes);
    return end;
  }

  absl::string_view s_;
  int depth_ = 0;
  Shape shape_;
};

}  // namespace

size_t SkipDoctype(absl::string_view text, size_t pos) {
  int brackets = 0;
  char quote = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return kNpos;
}

absl::Status CheckXmlLimits(absl::string_view bytes, const XmlLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return TooCostlyError(absl::StrCat("XML document of ", bytes.size(), " bytes (limit ",
                                       limits.max_bytes, ")"));
  }
  const Shape shape = ShapeScanner(bytes).Run();
  if (shape.max_depth > limits.max_depth) {
    return TooCostlyError(absl::StrCat("XML elements nested ", shape.max_depth,
                                       " deep (limit ", limits.max_depth, ")"));
  }
  if (shape.elements > limits.max_elements) {
    return TooCostlyError(absl::StrCat(shape.elements, " XML elements (limit ",
                                       limits.max_elements, ")"));
  }
  if (shape.max_attributes > limits.max_attributes_per_element) {
    return TooCostlyError(absl::StrCat(shape.max_attributes, " attributes on one element (limit ",
                                       limits.max_attributes_per_element, ")"));
  }
  if (shape.namespace_declarations > limits.max_namespace_declarations) {
    return TooCostlyError(absl::StrCat(shape.namespace_declarations,
                                       " XML namespace declarations (limit ",
                                       limits.max_namespace_declarations, ")"));
  }
  if (shape.max_attribute_value_bytes > limits.max_attribute_value_bytes) {
    return TooCostlyError(absl::StrCat("XML attribute value of ", shape.max_attribute_value_bytes,
                                       " bytes (limit ", limits.max_attribute_value_bytes, ")"));
  }
  return absl::OkStatus();
}

}  // namespace newswire::xml
