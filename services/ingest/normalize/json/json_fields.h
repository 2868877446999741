// Reading news JSON with simdjson's DOM: a parse with a depth limit, a type
// check of the fields that carry a story, and typed field getters for
// untrusted documents. A field that carries text, time or identity and has
// the wrong type ("headline": 5, "body_text": {...}, "versioncreated": 1) is
// a producer bug: CheckFieldTypes refuses the item with the field's name, so
// the record reaches the DLQ instead of vanishing. The getters then read a
// field that is missing, null or of the wrong type as absent, so parsers
// never branch on simdjson error codes themselves.
//
//   simdjson::dom::parser parser;
//   absl::StatusOr<json::Element> root = json::Parse(parser, input.utf8);
//   std::string headline = json::Text(*root, {"headline"});
//
// Only the json_*.cc parsers include this header (it brings simdjson in).
// Built without C++ exceptions on simdjson's side (SIMDJSON_EXCEPTIONS=0).
// Elements point into their parser: they live as long as it does and belong
// to the same thread.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FIELDS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"
#include "simdjson.h"

namespace newswire::json {

using Element = simdjson::dom::element;
// Keys are std::string_view (simdjson's); values come back as absl types.
using Keys = std::initializer_list<std::string_view>;

// Deepest nesting accepted. News items nest a few levels; anything deeper is
// refused with an error instead of being walked.
inline constexpr size_t kMaxDepth = 64;

// True when `text` starts (after whitespace) like a JSON object or array:
// '{' then '"' or '}', or '[' then '{', '[', ']' or '"'. Cheap; no parse.
bool LooksLikeJson(absl::string_view text);

// Parses `text` with `parser`. InvalidArgument "json: <reason>" when it is not
// well-formed JSON (truncated, invalid UTF-8, too deep, numbers out of range).
absl::StatusOr<Element> Parse(simdjson::dom::parser& parser, absl::string_view text);

bool IsObject(Element element);
bool IsArray(Element element);

// The JSON type a field must have when present and not null.
enum class Want { kString, kObject, kArray, kNumberOrString };

struct FieldType {
  std::string_view key;
  Want want;
};

// OK when each of `fields` that is present in `object` and not null has the
// type it wants; else InvalidArgument naming the first that has not, as
// `"<where><key>" is a number, not a string` (the caller puts its format
// before it).
absl::Status CheckFieldTypes(Element object, std::initializer_list<FieldType> fields,
                             absl::string_view where = "");

// For an array of entry objects (ninjs "bodies", AP "bylines"): OK when `key`
// is absent or null, or an array whose elements are objects each passing
// CheckFieldTypes(`fields`); else InvalidArgument naming it
// (`"bodies[1].value" is an object, not a string`).
absl::Status CheckEntryTypes(Element object, std::string_view key,
                             std::initializer_list<FieldType> fields);

// "string", "number", "object", "array", "boolean" or "null".
absl::string_view TypeName(Element element);

// The first of `keys` present in `object` with a non-null value.
std::optional<Element> Field(Element object, Keys keys);

// String value of the first present key, unchanged. Absent when not a string.
std::optional<absl::string_view> RawString(Element object, Keys keys);

// String value of the first present key, whitespace collapsed and control
// characters removed; "" when absent or not a string.
std::string Text(Element object, Keys keys);

// Integer value of the first present key: an integer, an integral double or a
// string of digits ("version": "2"). Absent when out of the int64 range or
// not a number.
std::optional<int64_t> Integer(Element object, Keys keys);

// Elements of `array`; empty when it is not an array.
std::vector<Element> Elements(Element array);

// Elements of the first present key when it is an array; empty otherwise.
std::vector<Element> Array(Element object, Keys keys);

// Strings of the first present key when it is an array of strings (other
// elements skipped) or a single string; each collapsed, empty ones dropped.
std::vector<std::string> Strings(Element object, Keys keys);

// Parses the first present key as a news time stamp into `out`; false (and
// `out` untouched) when absent or unparsable.
bool Time(Element object, Keys keys, google::protobuf::Timestamp* out);

// `value` of a string element, collapsed; "" when `element` is no string.
std::string TextOf(Element element);

// Values news JSON formats share (ninjs and AP spell them alike).
// "usable" / "withheld" / "canceled" (or "cancelled"), any case.
v1::PubStatus PubStatusFromText(absl::string_view status);
// IPTC urgency 1..9 as given; 0 for anything else.
int32_t UrgencyFrom(std::optional<int64_t> urgency);

// Gathers the items of a feed (or the one item of a single document) into a
// ParseResult: stories in order, and when there is none, one reason that
// sums up why ("picture item: no text story", or "3 items without text: ...").
class FeedResult {
 public:
  void AddStory(v1::Story story);
  void AddNoStory(std::string reason);
  ParseResult Finish() &&;

 private:
  ParseResult result_;
  std::vector<std::string> reasons_;  // distinct, in order
  int no_story_items_ = 0;
};

}  // namespace newswire::json

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_FIELDS_H_
