#include "services/ingest/normalize/json/json_ninjs.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/normalize/rules/html_fragment.h"
#include "services/ingest/normalize/json/json_fields.h"
#include "services/ingest/normalize/json/json_subjects.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

using json::Element;

// Keys of which an object needs one to be read as a ninjs item.
constexpr std::string_view kItemKeys[] = {
    "uri",          "guid",           "headline",     "headlines",        "body_html",
    "body_xhtml",   "body_text",      "bodies",       "versioncreated",   "versionCreated",
    "firstcreated", "firstCreated",   "descriptions", "description_text",
};

// The values of ninjs `type` (its "nature" vocabulary).
constexpr std::string_view kItemTypes[] = {"text",      "picture",   "graphic", "video",   "audio",
                                           "composite", "component", "event",   "planning"};

bool IsItem(Element object) {
  if (!json::IsObject(object)) return false;
  for (std::string_view key : kItemKeys) {
    if (json::Field(object, {key})) return true;
  }
  std::string type = absl::AsciiStrToLower(json::Text(object, {"type"}));
  for (std::string_view known : kItemTypes) {
    if (type == known) return true;
  }
  return false;
}

std::string Lower(std::string s) { return absl::AsciiStrToLower(s); }

// True when `value` holds markup ('<' before a letter, '/' or '!').
bool HasMarkup(absl::string_view value) {
  for (size_t i = value.find('<'); i != absl::string_view::npos && i + 1 < value.size();
       i = value.find('<', i + 1)) {
    unsigned char next = static_cast<unsigned char>(value[i + 1]);
    if (absl::ascii_isalpha(next) || next == '/' || next == '!') return true;
  }
  return false;
}

// A headline, description or body value with its declared content type.
struct TypedValue {
  absl::string_view value;
  std::string role;
  bool html = false;
};

TypedValue ReadTypedValue(Element entry) {
  TypedValue typed;
  typed.value = json::RawString(entry, {"value"}).value_or("");
  typed.role = Lower(json::Text(entry, {"role"}));
  std::string type = Lower(json::Text(entry, {"contenttype", "contentType"}));
  typed.html = absl::StrContains(type, "html") || absl::StrContains(type, "xml") ||
               typed.role == "html" || typed.role == "xhtml" ||
               (type.empty() && HasMarkup(typed.value));
  return typed;
}

std::string LineOf(const TypedValue& typed) {
  return typed.html ? HtmlFragmentToText(typed.value) : text::CollapseWhitespace(typed.value);
}

std::vector<std::string> ParagraphsOf(absl::string_view value, bool html) {
  if (html && HasMarkup(value)) return HtmlFragmentToParagraphs(value);
  return text::SplitParagraphs(value);
}

bool IsSubheadlineRole(const std::string& role) {
  return role == "sub" || role == "subheadline" || role == "subhead" || role == "subtitle" ||
         role == "deck";
}

void ReadHeadlines(Element item, v1::Story& story) {
  story.set_headline(json::Text(item, {"headline"}));
  std::string fallback;
  for (Element entry : json::Array(item, {"headlines"})) {
    TypedValue typed = ReadTypedValue(entry);
    std::string line = LineOf(typed);
    if (line.empty()) continue;
    if (IsSubheadlineRole(typed.role)) {
      if (story.subheadline().empty()) story.set_subheadline(line);
    } else if (typed.role.empty() || typed.role == "main" || typed.role == "headline") {
      if (story.headline().empty()) story.set_headline(line);
    } else if (fallback.empty()) {
      fallback = line;
    }
  }
  if (story.headline().empty()) story.set_headline(fallback);

  if (!story.subheadline().empty()) return;
  std::string description = json::Text(item, {"description_text"});
  if (description.empty()) {
    description = HtmlFragmentToText(json::RawString(item, {"description_html"}).value_or(""));
  }
  for (Element entry : json::Array(item, {"descriptions"})) {
    if (!description.empty()) break;
    TypedValue typed = ReadTypedValue(entry);
    if (typed.role == "caption" || typed.role == "alt" || typed.role == "alttext") continue;
    description = LineOf(typed);
  }
  story.set_subheadline(description);
}

// The body: 1.x fields first, then the best entry of 2.x/3.x `bodies` (the
// main or unnamed role before others, HTML before plain text).
void ReadBody(Element item, v1::Story& story) {
  struct Candidate {
    absl::string_view value;
    bool html;
  };
  std::vector<Candidate> candidates;
  // `body_html5`: TT's ninjs (the Swedish agency's distribution), a whole
  // HTML5 document.
  for (auto [key, html] : {std::pair<std::string_view, bool>{"body_html", true},
                           {"body_xhtml", true},
                           {"body_html5", true},
                           {"body_text", false}}) {
    std::optional<absl::string_view> value = json::RawString(item, {key});
    if (value) candidates.push_back({*value, html});
  }
  std::vector<TypedValue> bodies;
  for (Element entry : json::Array(item, {"bodies"})) bodies.push_back(ReadTypedValue(entry));
  auto is_main = [](const TypedValue& body) {
    return body.role.empty() || body.role == "main" || body.role == "body" ||
           body.role == "text" || body.role == "html" || body.role == "xhtml";
  };
  for (bool main : {true, false}) {
    for (bool html : {true, false}) {
      for (const TypedValue& body : bodies) {
        if (is_main(body) == main && body.html == html) candidates.push_back({body.value, html});
      }
    }
  }
  for (const Candidate& candidate : candidates) {
    std::vector<std::string> paragraphs = ParagraphsOf(candidate.value, candidate.html);
    if (paragraphs.empty()) continue;
    for (std::string& paragraph : paragraphs) story.add_paragraphs(std::move(paragraph));
    return;
  }
}

void ReadSubjects(Element item, v1::Story& story) {
  for (Element entry : json::Array(item, {"subject"})) {  // 1.x: scheme + code
    std::string code = json::Text(entry, {"code", "qcode"});
    std::string scheme = json::Text(entry, {"scheme"});
    ConceptId id = scheme.empty() ? SplitConceptId(code) : ConceptId{SchemeAlias(scheme), code};
    AddSourceSubject(id, json::Text(entry, {"name"}), std::nullopt, story);
  }
  for (Element entry : json::Array(item, {"subjects"})) {  // 2.x, 3.x: uri or literal
    std::optional<int64_t> confidence = json::Integer(entry, {"confidence"});
    std::optional<float> share;
    if (confidence && *confidence >= 0 && *confidence <= 100) {
      share = static_cast<float>(*confidence) / 100.0f;
    }
    std::string uri = json::Text(entry, {"uri"});
    // A literal is a code without a scheme: kept whole.
    ConceptId id =
        uri.empty() ? ConceptId{"", json::Text(entry, {"literal"})} : SplitConceptId(uri);
    AddSourceSubject(id, json::Text(entry, {"name"}), share, story);
  }
  // Superdesk's `service` is its category: the source's own section label.
  for (Element entry : json::Array(item, {"service"})) {
    std::string code = json::Text(entry, {"code", "qcode"});
    std::string name = json::Text(entry, {"name"});
    if (!AddSourceSubject({"service", code}, name, std::nullopt, story)) continue;
    if (story.source_section().empty()) story.set_source_section(name.empty() ? code : name);
  }
}

// Superdesk's `source` names the agency ("AAP", "Reuters") or, when it is no
// agency ("360info"), the provider; else an originating info source or the
// copyright holder gives the agency when it is one.
void ReadProvenance(Element item, v1::Story& story) {
  std::string source = json::Text(item, {"source"});
  const std::string source_agency = NormalizeAgency(source);
  std::string agency = source_agency;
  for (Element entry : json::Array(item, {"infosources", "infoSources", "infosource"})) {
    if (!agency.empty()) break;
    std::string role = Lower(json::Text(entry, {"role"}));
    if (role.empty() || absl::StrContains(role, "origin") || absl::StrContains(role, "source")) {
      agency = NormalizeAgency(json::Text(entry, {"name"}));
    }
  }
  std::string holder = json::Text(item, {"copyrightholder", "copyrightHolder"});
  if (agency.empty()) agency = NormalizeAgency(holder);
  story.set_agency(agency);
  story.set_provider(holder.empty() && source_agency.empty() ? source : holder);
}

// The fields that carry the story's text, times and identity: one of
// another type is a producer bug, refused rather than read as absent (the
// item would vanish). Metadata lists (subjects, keywords, ...) stay lenient.
absl::Status CheckItemTypes(Element item) {
  using json::Want;
  constexpr Want kString = Want::kString;
  absl::Status status = json::CheckFieldTypes(
      item, {{"uri", kString},           {"guid", kString},
             {"type", kString},          {"headline", kString},
             {"body_html", kString},     {"body_xhtml", kString},
             {"body_text", kString},     {"body_html5", kString},
             {"description_text", kString},
             {"description_html", kString}, {"byline", kString},
             {"by", kString},            {"located", kString},
             {"language", kString},      {"slugline", kString},
             {"ednote", kString},        {"edNote", kString},
             {"copyrightnotice", kString}, {"copyrightNotice", kString},
             {"firstcreated", kString},  {"firstCreated", kString},
             {"versioncreated", kString}, {"versionCreated", kString},
             {"embargoed", kString},     {"embargoedUntil", kString},
             {"embargoeduntil", kString}, {"pubstatus", kString},
             {"pubStatus", kString},     {"source", kString},
             {"copyrightholder", kString}, {"copyrightHolder", kString},
             {"version", Want::kNumberOrString}, {"urgency", Want::kNumberOrString}});
  for (std::string_view key : {"headlines", "bodies", "descriptions"}) {
    if (!status.ok()) break;
    status = json::CheckEntryTypes(item, key,
                                   {{"value", kString},
                                    {"role", kString},
                                    {"contenttype", kString},
                                    {"contentType", kString}});
  }
  return status;
}

// One ninjs item: a story, or the reason it is none.
void ReadItem(Element item, json::FeedResult& feed) {
  std::string type = Lower(json::Text(item, {"type"}));
  if (type == "picture" || type == "graphic" || type == "video" || type == "audio" ||
      type == "event" || type == "planning") {
    feed.AddNoStory(type + " item: no text story");
    return;
  }
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_NINJS);
  std::string guid = json::Text(item, {"guid"});
  std::string uri = json::Text(item, {"uri"});
  story.set_source_guid(guid.empty() ? uri : guid);
  story.set_source_uri(uri);
  std::optional<int64_t> version = json::Integer(item, {"version"});
  if (version && *version > 0) story.set_version(*version);

  ReadHeadlines(item, story);
  ReadBody(item, story);
  if (story.headline().empty() && story.paragraphs_size() == 0) {
    feed.AddNoStory(type == "composite" ? "composite item: package without text of its own"
                                        : "ninjs item without headline or body");
    return;
  }
  story.set_byline(json::Text(item, {"byline", "by"}));
  story.mutable_dateline()->set_place(json::Text(item, {"located"}));
  if (story.dateline().place().empty()) story.clear_dateline();
  story.set_language(json::Text(item, {"language"}));
  story.set_copyright(json::Text(item, {"copyrightnotice", "copyrightNotice"}));
  story.set_editorial_note(json::Text(item, {"ednote", "edNote"}));
  story.set_slugline(json::Text(item, {"slugline"}));
  for (std::string& keyword : json::Strings(item, {"keywords"})) {
    story.add_keywords(std::move(keyword));
  }
  google::protobuf::Timestamp time;
  if (json::Time(item, {"firstcreated", "firstCreated"}, &time)) {
    *story.mutable_first_created() = time;
  }
  if (json::Time(item, {"versioncreated", "versionCreated"}, &time)) {
    *story.mutable_version_created() = time;
  }
  if (json::Time(item, {"embargoed", "embargoedUntil", "embargoeduntil"}, &time)) {
    *story.mutable_embargoed_until() = time;
  }
  story.set_pub_status(json::PubStatusFromText(json::Text(item, {"pubstatus", "pubStatus"})));
  story.set_urgency(json::UrgencyFrom(json::Integer(item, {"urgency"})));
  ReadSubjects(item, story);
  ReadProvenance(item, story);
  feed.AddStory(std::move(story));
}

}  // namespace

bool SniffNinjs(const ParseInput& input) { return json::LooksLikeJson(input.utf8); }

absl::StatusOr<ParseResult> ParseNinjs(const ParseInput& input) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root = json::Parse(parser, input.utf8);
  if (!root.ok()) return root.status();

  std::vector<Element> items;
  if (json::IsArray(*root)) {
    items = json::Elements(*root);
  } else if (IsItem(*root)) {
    items.push_back(*root);
  } else if (std::optional<Element> single = json::Field(*root, {"item"});
             single && json::IsObject(*single)) {
    items.push_back(*single);
  } else if (std::optional<Element> list = json::Field(*root, {"items", "item", "_items"});
             list && json::IsArray(*list)) {
    items = json::Array(*root, {"items", "item", "_items"});
  } else {
    return RecordRefused(DlqReason::kUnknownFormat,
                         "ninjs: not a ninjs item or feed (no uri, headline, body or items)");
  }

  // A malformed item fails the whole record, so it reaches the DLQ whole
  // instead of vanishing from a feed.
  NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "ninjs items"));
  json::FeedResult feed;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = items.size() > 1 ? absl::StrCat("item ", i, ": ") : "";
    if (!IsItem(items[i])) {
      return RecordRefused(DlqReason::kInvalidField, absl::StrCat(
          "ninjs: ", where, "not a ninjs item (", json::TypeName(items[i]),
          json::IsObject(items[i]) ? " without uri, headline or body)" : ")"));
    }
    if (absl::Status status = CheckItemTypes(items[i]); !status.ok()) {
      return RecordRefused(DlqReason::kInvalidField,
                           absl::StrCat("ninjs: ", where, status.message()));
    }
    ReadItem(items[i], feed);
  }
  ParseResult result = std::move(feed).Finish();
  if (result.stories.empty() && result.no_story_reason.empty()) {
    result.no_story_reason = "empty ninjs feed";
  }
  return result;
}

}  // namespace newswire
