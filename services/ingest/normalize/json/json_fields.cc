#include "services/ingest/normalize/json/json_fields.h"

#include <cmath>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"

namespace newswire::json {
namespace {

using simdjson::dom::element_type;

size_t SkipSpace(absl::string_view text, size_t i) {
  while (i < text.size() && absl::ascii_isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

bool LooksLikeJson(absl::string_view text) {
  // A UTF-8 byte order mark is not JSON, but feeds send it.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t i = SkipSpace(text, 0);
  if (i >= text.size()) return false;
  char open = text[i];
  if (open != '{' && open != '[') return false;
  size_t j = SkipSpace(text, i + 1);
  if (j >= text.size()) return true;  // "{" alone: truncated JSON, still ours to refuse
  char next = text[j];
  if (open == '{') return next == '"' || next == '}';
  return next == '{' || next == '[' || next == ']' || next == '"';
}

absl::StatusOr<Element> Parse(simdjson::dom::parser& parser, absl::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.empty()) return RecordRefused(DlqReason::kMalformedJson, "json: empty document");
  // Allocating for this document with our own depth limit; parse() keeps it.
  simdjson::error_code error = parser.allocate(text.size(), kMaxDepth);
  if (error != simdjson::SUCCESS) {
    return RecordRefused(DlqReason::kMalformedJson,
                         absl::StrCat("json: cannot parse: ", simdjson::error_message(error)));
  }
  Element root;
  error = parser.parse(text.data(), text.size(), /*realloc_if_needed=*/true).get(root);
  if (error != simdjson::SUCCESS) {
    return RecordRefused(DlqReason::kMalformedJson,
                         absl::StrCat("json: not well-formed: ", simdjson::error_message(error)));
  }
  return root;
}

bool IsObject(Element element) { return element.type() == element_type::OBJECT; }

bool IsArray(Element element) { return element.type() == element_type::ARRAY; }

std::optional<Element> Field(Element object, Keys keys) {
  simdjson::dom::object members;
  if (object.get(members) != simdjson::SUCCESS) return std::nullopt;
  for (std::string_view key : keys) {
    Element value;
    if (members.at_key(key).get(value) == simdjson::SUCCESS &&
        value.type() != element_type::NULL_VALUE) {
      return value;
    }
  }
  return std::nullopt;
}

absl::string_view TypeName(Element element) {
  switch (element.type()) {
    case element_type::STRING:
      return "string";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "number";
    case element_type::OBJECT:
      return "object";
    case element_type::ARRAY:
      return "array";
    case element_type::BOOL:
      return "boolean";
    default:
      return "null";
  }
}

namespace {

bool Has(Element value, Want want) {
  switch (want) {
    case Want::kString:
      return value.type() == element_type::STRING;
    case Want::kObject:
      return value.type() == element_type::OBJECT;
    case Want::kArray:
      return value.type() == element_type::ARRAY;
    case Want::kNumberOrString:
      return value.type() == element_type::STRING || TypeName(value) == "number";
  }
  return false;
}

absl::string_view WantName(Want want) {
  switch (want) {
    case Want::kString:
      return "a string";
    case Want::kObject:
      return "an object";
    case Want::kArray:
      return "an array";
    case Want::kNumberOrString:
      return "a number or a string";
  }
  return "";
}

absl::Status WrongType(absl::string_view name, Element value, Want want) {
  absl::string_view type = TypeName(value);
  return RecordRefused(DlqReason::kInvalidField, absl::StrCat("\"", name, "\" is ",
                                                 type == "array" || type == "object" ? "an " : "a ",
                                                 type, ", not ", WantName(want)));
}

}  // namespace

absl::Status CheckFieldTypes(Element object, std::initializer_list<FieldType> fields,
                             absl::string_view where) {
  for (const FieldType& field : fields) {
    std::optional<Element> value = Field(object, {field.key});
    if (value && !Has(*value, field.want)) {
      return WrongType(absl::StrCat(where, absl::string_view(field.key.data(), field.key.size())),
                       *value, field.want);
    }
  }
  return absl::OkStatus();
}

absl::Status CheckEntryTypes(Element object, std::string_view key,
                             std::initializer_list<FieldType> fields) {
  std::optional<Element> list = Field(object, {key});
  const absl::string_view name(key.data(), key.size());
  if (!list) return absl::OkStatus();
  if (!IsArray(*list)) return WrongType(name, *list, Want::kArray);
  size_t i = 0;
  for (Element entry : Elements(*list)) {
    const std::string where = absl::StrCat(name, "[", i++, "]");
    if (entry.type() == element_type::NULL_VALUE) continue;
    if (!IsObject(entry)) return WrongType(where, entry, Want::kObject);
    absl::Status status = CheckFieldTypes(entry, fields, where + ".");
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

std::optional<absl::string_view> RawString(Element object, Keys keys) {
  std::optional<Element> value = Field(object, keys);
  std::string_view text;
  if (!value || value->get(text) != simdjson::SUCCESS) return std::nullopt;
  return absl::string_view(text.data(), text.size());
}

std::string TextOf(Element element) {
  std::string_view value;
  if (element.get(value) != simdjson::SUCCESS) return "";
  return text::CollapseWhitespace(absl::string_view(value.data(), value.size()));
}

std::string Text(Element object, Keys keys) {
  std::optional<Element> value = Field(object, keys);
  return value ? TextOf(*value) : "";
}

std::optional<int64_t> Integer(Element object, Keys keys) {
  std::optional<Element> value = Field(object, keys);
  if (!value) return std::nullopt;
  switch (value->type()) {
    case element_type::INT64: {
      int64_t n;
      if (value->get(n) == simdjson::SUCCESS) return n;
      return std::nullopt;
    }
    case element_type::UINT64: {
      uint64_t n;
      if (value->get(n) != simdjson::SUCCESS ||
          n > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return std::nullopt;
      }
      return static_cast<int64_t>(n);
    }
    case element_type::DOUBLE: {
      double d;
      // Only doubles that hold an exact integer well inside the int64 range.
      if (value->get(d) != simdjson::SUCCESS || !std::isfinite(d) || d != std::floor(d) ||
          std::fabs(d) > 9e15) {
        return std::nullopt;
      }
      return static_cast<int64_t>(d);
    }
    case element_type::STRING: {
      std::string_view s;
      int64_t n;
      if (value->get(s) != simdjson::SUCCESS ||
          !absl::SimpleAtoi(absl::string_view(s.data(), s.size()), &n)) {
        return std::nullopt;
      }
      return n;
    }
    default:
      return std::nullopt;
  }
}

std::vector<Element> Elements(Element array) {
  std::vector<Element> elements;
  simdjson::dom::array values;
  if (array.get(values) != simdjson::SUCCESS) return elements;
  for (Element element : values) elements.push_back(element);
  return elements;
}

std::vector<Element> Array(Element object, Keys keys) {
  std::optional<Element> value = Field(object, keys);
  return value ? Elements(*value) : std::vector<Element>();
}

std::vector<std::string> Strings(Element object, Keys keys) {
  std::vector<std::string> strings;
  std::optional<Element> value = Field(object, keys);
  if (!value) return strings;
  auto add = [&strings](Element element) {
    std::string s = TextOf(element);
    if (!s.empty()) strings.push_back(std::move(s));
  };
  simdjson::dom::array array;
  if (value->get(array) == simdjson::SUCCESS) {
    for (Element element : array) add(element);
  } else {
    add(*value);
  }
  return strings;
}

bool Time(Element object, Keys keys, google::protobuf::Timestamp* out) {
  std::string value = Text(object, keys);
  return !value.empty() && ParseNewsTimestamp(value, out);
}

v1::PubStatus PubStatusFromText(absl::string_view status) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(status));
  if (lower == "usable") return v1::PUB_STATUS_USABLE;
  if (lower == "withheld") return v1::PUB_STATUS_WITHHELD;
  if (lower == "canceled" || lower == "cancelled") return v1::PUB_STATUS_CANCELED;
  return v1::PUB_STATUS_UNSPECIFIED;
}

int32_t UrgencyFrom(std::optional<int64_t> urgency) {
  if (!urgency || *urgency < 1 || *urgency > 9) return 0;
  return static_cast<int32_t>(*urgency);
}

void FeedResult::AddStory(v1::Story story) { result_.stories.push_back(std::move(story)); }

void FeedResult::AddNoStory(std::string reason) {
  ++no_story_items_;
  for (const std::string& known : reasons_) {
    if (known == reason) return;
  }
  reasons_.push_back(std::move(reason));
}

ParseResult FeedResult::Finish() && {
  if (result_.stories.empty()) {
    if (no_story_items_ == 1) {
      result_.no_story_reason = reasons_.front();
    } else if (no_story_items_ > 1) {
      result_.no_story_reason =
          absl::StrCat(no_story_items_, " items, none with text: ", absl::StrJoin(reasons_, "; "));
    }
  }
  return std::move(result_);
}

}  // namespace newswire::json
