#include "services/ingest/normalize/json/json_ap_media.h"

#include <string.h>  // memmem

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/normalize/rules/html_fragment.h"
#include "services/ingest/normalize/json/json_fields.h"
#include "services/ingest/normalize/json/json_subjects.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

// Whether `text` holds `key`, by memmem: absl::StrContains stops at every
// '"' of a JSON record to compare, and this runs on every JSON record.
bool HoldsKey(absl::string_view text, absl::string_view key) {
  return memmem(text.data(), text.size(), key.data(), key.size()) != nullptr;
}

using json::Element;

// The items of an AP envelope: data.item, or data.items[].item.
std::optional<std::vector<Element>> EnvelopeItems(Element root) {
  std::optional<Element> data = json::Field(root, {"data"});
  if (!data || !json::IsObject(*data)) return std::nullopt;
  if (std::optional<Element> item = json::Field(*data, {"item"}); item && json::IsObject(*item)) {
    return std::vector<Element>{*item};
  }
  std::optional<Element> list = json::Field(*data, {"items"});
  if (!list || !json::IsArray(*list)) return std::nullopt;
  std::vector<Element> items;
  for (Element entry : json::Elements(*list)) {
    std::optional<Element> item = json::Field(entry, {"item"});
    items.push_back(item ? *item : entry);
  }
  return items;
}

// "By JANE DOE" + "Associated Press" -> "By JANE DOE, Associated Press".
std::string Byline(Element item) {
  std::vector<std::string> bylines;
  for (Element entry : json::Array(item, {"bylines"})) {
    std::string by = json::Text(entry, {"by"});
    std::string title = json::Text(entry, {"title"});
    if (by.empty()) continue;
    bylines.push_back(title.empty() ? by : absl::StrCat(by, ", ", title));
  }
  return absl::StrJoin(bylines, "; ");
}

// AP signals name what a version does; the ones that map onto Story signals.
v1::Signal SignalFrom(Element item) {
  v1::Signal signal = v1::SIGNAL_UNSPECIFIED;
  for (const std::string& value : json::Strings(item, {"signals"})) {
    std::string lower = absl::AsciiStrToLower(value);
    if (absl::StrContains(lower, "kill")) return v1::SIGNAL_KILL;
    if (absl::StrContains(lower, "correct")) {
      signal = v1::SIGNAL_CORRECTION;
    } else if (signal == v1::SIGNAL_UNSPECIFIED &&
               (absl::StrContains(lower, "update") || absl::StrContains(lower, "writethru"))) {
      signal = v1::SIGNAL_UPDATE;
    }
  }
  return signal;
}

void ReadSubjects(Element item, v1::Story& story) {
  for (Element entry : json::Array(item, {"subject"})) {
    std::string code = json::Text(entry, {"code"});
    std::string scheme = json::Text(entry, {"scheme"});
    std::vector<std::string> rels = json::Strings(entry, {"rels"});
    bool category = false;
    if (scheme.empty()) {
      // AP's editorial categories carry no scheme, only their relation.
      for (const std::string& rel : rels) {
        if (rel == "category") category = true;
        if (rel == "category" || rel == "suppcategory") scheme = "ap-" + rel;
      }
    }
    std::string name = json::Text(entry, {"name"});
    if (!AddSourceSubject({SchemeAlias(scheme), code}, name, std::nullopt, story)) continue;
    if (category && story.source_section().empty()) story.set_source_section(code);
  }
}

// The item's text when the record carries it.
std::vector<std::string> BodyParagraphs(Element item) {
  if (std::optional<absl::string_view> html = json::RawString(item, {"body_html"})) {
    std::vector<std::string> paragraphs = HtmlFragmentToParagraphs(*html);
    if (!paragraphs.empty()) return paragraphs;
  }
  return text::SplitParagraphs(json::RawString(item, {"body_text"}).value_or(""));
}

std::string NoTextReason(Element item) {
  std::optional<Element> renditions = json::Field(item, {"renditions"});
  for (const char* rendition : {"nitf", "anpa"}) {
    if (renditions && json::Field(*renditions, {rendition})) {
      return absl::StrCat("metadata only: text is a link (renditions.", rendition, ")");
    }
  }
  return "metadata only: no text in the record";
}

// The fields that carry the story's text, times and identity: one of
// another type is a producer bug, refused rather than read as absent.
absl::Status CheckItemTypes(Element item) {
  using json::Want;
  constexpr Want kString = Want::kString;
  absl::Status status = json::CheckFieldTypes(
      item, {{"type", kString},          {"uri", kString},
             {"headline", kString},      {"headline_extended", kString},
             {"body_html", kString},     {"body_text", kString},
             {"language", kString},      {"provider", kString},
             {"slugline", kString},      {"ednote", kString},
             {"copyrightnotice", kString}, {"firstcreated", kString},
             {"versioncreated", kString}, {"embargoed", kString},
             {"pubstatus", kString},     {"altids", Want::kObject},
             {"datelinelocation", Want::kObject}, {"renditions", Want::kObject},
             {"version", Want::kNumberOrString}, {"urgency", Want::kNumberOrString}});
  if (status.ok()) {
    if (std::optional<Element> altids = json::Field(item, {"altids"})) {
      status = json::CheckFieldTypes(*altids, {{"itemid", kString}}, "altids.");
    }
  }
  if (status.ok()) {
    status = json::CheckEntryTypes(item, "bylines", {{"by", kString}, {"title", kString}});
  }
  return status;
}

void ReadItem(Element item, json::FeedResult& feed) {
  std::string type = absl::AsciiStrToLower(json::Text(item, {"type"}));
  if (type == "picture" || type == "graphic" || type == "video" || type == "audio") {
    feed.AddNoStory(type + " item: no text story");
    return;
  }
  if (type == "composite") {
    feed.AddNoStory("composite item: package of links");
    return;
  }
  v1::Story story;
  for (std::string& paragraph : BodyParagraphs(item)) story.add_paragraphs(std::move(paragraph));
  if (story.paragraphs_size() == 0) {
    feed.AddNoStory(NoTextReason(item));
    return;
  }
  story.set_source_format(v1::SOURCE_FORMAT_AP_MEDIA_JSON);
  story.set_agency("AP");
  story.set_provider(json::Text(item, {"provider"}));
  std::optional<Element> altids = json::Field(item, {"altids"});
  if (altids) story.set_source_guid(json::Text(*altids, {"itemid"}));
  story.set_source_uri(json::Text(item, {"uri"}));
  std::optional<int64_t> version = json::Integer(item, {"version"});
  if (version && *version > 0) story.set_version(*version);
  story.set_headline(json::Text(item, {"headline"}));
  story.set_subheadline(json::Text(item, {"headline_extended"}));
  story.set_byline(Byline(item));
  if (std::optional<Element> location = json::Field(item, {"datelinelocation"})) {
    std::string city = json::Text(*location, {"city"});
    if (!city.empty()) story.mutable_dateline()->set_place(city);
  }
  story.set_language(json::Text(item, {"language"}));
  story.set_copyright(json::Text(item, {"copyrightnotice"}));
  story.set_editorial_note(json::Text(item, {"ednote"}));
  story.set_slugline(json::Text(item, {"slugline"}));
  for (std::string& keyword : json::Strings(item, {"keywords"})) {
    story.add_keywords(std::move(keyword));
  }
  google::protobuf::Timestamp time;
  if (json::Time(item, {"firstcreated"}, &time)) *story.mutable_first_created() = time;
  if (json::Time(item, {"versioncreated"}, &time)) *story.mutable_version_created() = time;
  if (json::Time(item, {"embargoed"}, &time)) *story.mutable_embargoed_until() = time;
  story.set_pub_status(json::PubStatusFromText(json::Text(item, {"pubstatus"})));
  story.set_signal(SignalFrom(item));
  story.set_urgency(json::UrgencyFrom(json::Integer(item, {"urgency"})));
  ReadSubjects(item, story);
  feed.AddStory(std::move(story));
}

}  // namespace

bool SniffApMedia(const ParseInput& input) {
  if (!json::LooksLikeJson(input.utf8)) return false;
  // Cheap filter before parsing: the envelope's keys must appear somewhere.
  if (!HoldsKey(input.utf8, "\"api_version\"") && !HoldsKey(input.utf8, "\"data\"")) {
    return false;
  }
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root = json::Parse(parser, input.utf8);
  if (!root.ok() || !json::IsObject(*root)) return false;
  return json::Field(*root, {"api_version"}).has_value() || EnvelopeItems(*root).has_value();
}

absl::StatusOr<ParseResult> ParseApMedia(const ParseInput& input) {
  simdjson::dom::parser parser;
  absl::StatusOr<Element> root = json::Parse(parser, input.utf8);
  if (!root.ok()) return root.status();
  std::optional<std::vector<Element>> items = EnvelopeItems(*root);
  if (!items) {
    return RecordRefused(DlqReason::kUnknownFormat,
                         "ap media: no data.item or data.items");
  }
  // A malformed item fails the whole record, so it reaches the DLQ whole
  // instead of vanishing from a feed.
  NW_RETURN_IF_ERROR(CheckItemCount(items->size(), "AP Media items"));
  json::FeedResult feed;
  for (size_t i = 0; i < items->size(); ++i) {
    const Element item = (*items)[i];
    const std::string where = items->size() > 1 ? absl::StrCat("item ", i, ": ") : "";
    if (!json::IsObject(item)) {
      return RecordRefused(DlqReason::kInvalidField,
          absl::StrCat("ap media: ", where, "a ", json::TypeName(item), ", not an item object"));
    }
    if (absl::Status status = CheckItemTypes(item); !status.ok()) {
      return RecordRefused(DlqReason::kInvalidField,
                           absl::StrCat("ap media: ", where, status.message()));
    }
    ReadItem(item, feed);
  }
  ParseResult result = std::move(feed).Finish();
  if (result.stories.empty() && result.no_story_reason.empty()) {
    result.no_story_reason = "empty AP feed";
  }
  return result;
}

}  // namespace newswire
