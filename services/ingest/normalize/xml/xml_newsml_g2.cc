#include "services/ingest/normalize/xml/xml_newsml_g2.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/normalize/xml/xml_doc.h"
#include "services/ingest/normalize/xml/xml_meta.h"
#include "services/ingest/normalize/xml/xml_nitf.h"
#include "services/ingest/normalize/xml/xml_text.h"

namespace newswire {
namespace {

using xml::CleanLine;
using xml::InlineText;
using xml::Node;

constexpr absl::string_view kG2Namespace = "http://iptc.org/std/nar/2006-10-01/";
// Longest provider code read as an agency ("OPTA", "PRN").
constexpr size_t kMaxProviderCodeBytes = 12;

bool IsG2Root(absl::string_view name) {
  return name == "newsItem" || name == "newsMessage" || name == "packageItem" ||
         name == "knowledgeItem" || name == "conceptItem" || name == "planningItem" ||
         name == "catalogItem";
}

// "ninat:picture" -> scheme "ninat", code "picture".
std::pair<std::string, std::string> SplitQcode(absl::string_view qcode) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(qcode);
  size_t colon = trimmed.find(':');
  if (colon == absl::string_view::npos) return {"", std::string(trimmed)};
  return {std::string(trimmed.substr(0, colon)), std::string(trimmed.substr(colon + 1))};
}

// Display text of a G2 property (provider, service, located, creator, ...):
// its first non-empty <name>, else @literal, else the code of @qcode.
std::string PropertyName(Node property) {
  for (Node name : property.Children("name")) {
    std::string text = InlineText(name);
    if (!text.empty()) return text;
  }
  std::string literal = CleanLine(property.AttrOr("literal"));
  if (!literal.empty()) return literal;
  return CleanLine(SplitQcode(property.AttrOr("qcode")).second);
}

// The agency among a property's name, literal and qcode.
std::string PropertyAgency(Node property) {
  if (!property) return "";
  return xml::FirstAgency({PropertyName(property), property.AttrOr("literal"),
                           property.AttrOr("qcode")});
}

// The agency of an infoSource with role origProv: the item says this
// source wrote the story, so when it is none of the agencies newswire knows
// (Opta Sports Data, redistributed by Reuters) its own short code stands:
// the code of its qcode ("NS:OPTA" -> "OPTA"), else a one-word name.
std::string OriginalProviderAgency(Node source) {
  std::string agency = PropertyAgency(source);
  if (!agency.empty()) return agency;
  auto short_code = [](absl::string_view text) {
    return !text.empty() && text.size() <= kMaxProviderCodeBytes &&
           absl::c_all_of(text, [](char c) { return absl::ascii_isalnum(c); });
  };
  std::string code = CleanLine(SplitQcode(source.AttrOr("qcode")).second);
  if (short_code(code)) return absl::AsciiStrToUpper(code);
  std::string name = PropertyName(source);
  return short_code(name) ? absl::AsciiStrToUpper(name) : "";
}

std::string ContentLanguage(Node item, Node content_meta) {
  for (Node language : content_meta.Children("language")) {
    std::string tag = CleanLine(language.AttrOr("tag"));
    if (!tag.empty()) return tag;
  }
  return CleanLine(item.Lang());
}

// Paragraphs of the first text rendition in the contentSet.
std::vector<std::string> ContentParagraphs(Node content_set) {
  for (Node content : content_set.Children()) {
    std::string type = absl::AsciiStrToLower(content.AttrOr("contenttype"));
    std::vector<std::string> paragraphs;
    if (content.Is("inlineXML")) {
      std::vector<Node> children = content.Children();
      Node top = children.empty() ? Node() : children.front();
      if (top.Is("nitf")) {
        paragraphs = xml::NitfBodyParagraphs(top);
      } else if (top.Is("html")) {
        Node body = top.Child("body");
        paragraphs = xml::BodyParagraphs(body ? body : top);
      } else {
        paragraphs = xml::BodyParagraphs(content);
      }
    } else if (content.Is("inlineData")) {
      bool html = absl::StrContains(type, "html");
      paragraphs = html ? xml::HtmlTextParagraphs(content.Text())
                        : xml::PlainTextParagraphs(content.Text());
    }
    if (!paragraphs.empty()) return paragraphs;
  }
  return {};
}

// Desk or category labels agencies put in subjects, else a named service.
std::string SectionOf(Node item_meta, Node content_meta) {
  for (Node subject : content_meta.Children("subject")) {
    std::string scheme = absl::AsciiStrToLower(SplitQcode(subject.AttrOr("qcode")).first);
    std::string type = absl::AsciiStrToLower(SplitQcode(subject.AttrOr("type")).second);
    if (scheme == "dpacat" || scheme == "apcategorycode" || scheme == "a1312cat" ||
        scheme == "sttdepartment" || scheme == "anpa-category" || scheme == "category" ||
        type == "cat" || type == "category") {
      std::string name = PropertyName(subject);
      if (!name.empty()) return name;
    }
  }
  for (Node service : item_meta.Children("service")) {
    if (service.Child("name")) {
      std::string name = PropertyName(service);
      if (!name.empty()) return name;
    }
  }
  return "";
}

// A note whose role says it is the note to editors (dpa's
// "dpaednoterole:editorialnote"; its other roles are the closing line, the
// desk's contacts, picture notes and an XHTML notepad repeating them all).
bool IsEditorialNoteRole(Node note) {
  return absl::EndsWith(absl::AsciiStrToLower(SplitQcode(note.AttrOr("role")).second),
                        "editorialnote");
}

std::string EditorialNote(Node item_meta) {
  std::vector<std::string> plain;
  std::vector<std::string> structured;
  // dpa's closing line ("dpa tt xx n1": the agency and the editors'
  // initials) signs the copy, as its IPTC 7901 signature line does; its
  // notepad may repeat it alone.
  std::vector<std::string> closing_lines;
  for (Node note : item_meta.Children("edNote")) {
    if (absl::EndsWith(note.AttrOr("role"), "closingline")) {
      closing_lines.push_back(InlineText(note));
    }
  }
  std::vector<Node> notes = item_meta.Children("edNote");
  // When the provider marks which notes are for the editors, the others are not.
  if (std::any_of(notes.begin(), notes.end(), IsEditorialNoteRole)) {
    notes.erase(std::remove_if(notes.begin(), notes.end(),
                               [](Node note) { return !IsEditorialNoteRole(note); }),
                notes.end());
  }
  for (Node note : notes) {
    if (absl::EndsWith(note.AttrOr("role"), "closingline")) continue;
    std::string text = InlineText(note);
    if (text.empty() || absl::c_linear_search(closing_lines, text)) continue;
    std::vector<std::string>& into = note.Children().empty() ? plain : structured;
    if (std::find(into.begin(), into.end(), text) == into.end()) into.push_back(text);
  }
  return absl::StrJoin(plain.empty() ? structured : plain, "; ");
}

v1::Signal SignalOf(Node item_meta, const v1::Story& story) {
  for (Node signal : item_meta.Children("signal")) {
    auto [scheme, code] = SplitQcode(signal.AttrOr("qcode"));
    // Reuters' editorial status: N new, U update, C correction (a kill
    // arrives as pubStatus stat:canceled, which wins below).
    if (scheme == "edStat") {
      if (code == "U") return v1::SIGNAL_UPDATE;
      if (code == "C") return v1::SIGNAL_CORRECTION;
      continue;
    }
    if (scheme != "sig" && !absl::StrContains(scheme, "newscodes/signal")) continue;
    std::string lower = absl::AsciiStrToLower(code);
    if (absl::StrContains(lower, "kill") || absl::StrContains(lower, "withdraw")) {
      return v1::SIGNAL_KILL;
    }
    if (absl::StrContains(lower, "correct")) return v1::SIGNAL_CORRECTION;
    if (absl::StrContains(lower, "update")) return v1::SIGNAL_UPDATE;
  }
  // Wire prefixes of a headline: "UPDATE 2-...", "CORRECTED-...".
  absl::string_view headline = story.headline();
  absl::string_view prefix = headline.substr(0, headline.find('-'));
  bool upper_prefix = prefix.size() < headline.size() && prefix.size() <= 12 &&
                      absl::AsciiStrToUpper(prefix) == prefix;
  return xml::SignalFromText({story.editorial_note(), story.slugline(),
                              upper_prefix ? prefix : absl::string_view()});
}

void ReadTimes(Node item_meta, Node content_meta, v1::Story& story) {
  if (auto time = xml::FirstTime({item_meta.Child("firstCreated").Text(),
                                  content_meta.Child("contentCreated").Text()})) {
    *story.mutable_first_created() = *time;
  }
  if (auto time = xml::FirstTime({item_meta.Child("versionCreated").Text(),
                                  content_meta.Child("contentModified").Text()})) {
    *story.mutable_version_created() = *time;
  }
  if (auto time = xml::FirstTime({item_meta.Child("embargoed").Text()})) {
    *story.mutable_embargoed_until() = *time;
  }
}

// The dateline element as printed; else the place `located` names, when the
// body agrees with it or there is no body: some agencies put their editing
// desk there (Reuters: "Bangalore" on a story datelined BEIRUT).
v1::Dateline DatelineOf(Node content_meta, const std::vector<std::string>& paragraphs) {
  v1::Dateline dateline;
  std::string printed = InlineText(content_meta.Child("dateline"));
  // A time stamp in the dateline element is metadata, not a printed dateline.
  bool time_stamp = !printed.empty() && absl::ascii_isdigit(static_cast<unsigned char>(printed[0]));
  if (!printed.empty() && !time_stamp) dateline = xml::DatelineFromText(printed);
  if (!dateline.place().empty()) return dateline;
  std::string opening =
      paragraphs.empty() ? "" : absl::AsciiStrToLower(paragraphs.front().substr(0, 120));
  for (Node located : content_meta.Children("located")) {
    std::string place = PropertyName(located);
    if (place.empty()) continue;
    if (paragraphs.empty() || absl::StrContains(opening, absl::AsciiStrToLower(place))) {
      dateline.set_place(place);
    }
    break;
  }
  return dateline;
}

std::string Byline(Node content_meta) {
  std::vector<std::string> bylines;
  for (Node by : content_meta.Children("by")) {
    std::string text = InlineText(by);
    if (!text.empty()) bylines.push_back(text);
  }
  if (!bylines.empty()) return absl::StrJoin(bylines, "; ");
  // A creator's <name> is a byline when it names a person: not an agency,
  // not a login or desk code (one word).
  for (Node creator : content_meta.Children("creator")) {
    Node name = creator.Child("name");
    std::string text = InlineText(name);
    if (!text.empty() && text.find(' ') != std::string::npos &&
        xml::AgencyFromName(text).empty()) {
      bylines.push_back(text);
    }
  }
  return absl::StrJoin(bylines, "; ");
}

// The headline the inline content gives itself: an inline NITF's hl1 (in
// <hedline>, or <headline> as AP writes it) or its <title>, an inline HTML
// document's <title>.
std::string InlineHeadline(Node content_set) {
  for (Node content : content_set.Children("inlineXML")) {
    std::vector<Node> children = content.Children();
    Node top = children.empty() ? Node() : children.front();
    std::string text;
    if (top.Is("nitf")) {
      Node body_head = top.Child("body").Child("body.head");
      text = InlineText(body_head.Child("hedline").Child("hl1"));
      if (text.empty()) text = InlineText(body_head.Child("headline").Child("hl1"));
    }
    if (text.empty() && (top.Is("nitf") || top.Is("html"))) {
      text = InlineText(top.Child("head").Child("title"));
    }
    if (!text.empty()) return text;
  }
  return "";
}

void ReadHeadlines(Node item_meta, Node content_meta, Node content_set, v1::Story& story) {
  for (Node headline : content_meta.Children("headline")) {
    std::string text = InlineText(headline);
    if (text.empty()) continue;
    bool sub = absl::StrContains(absl::AsciiStrToLower(headline.AttrOr("role")), "sub");
    if (sub && story.subheadline().empty()) story.set_subheadline(text);
    if (!sub && story.headline().empty()) story.set_headline(text);
  }
  // The content's own headline is the editor's; itemMeta's title only names
  // the item.
  if (story.headline().empty()) story.set_headline(InlineHeadline(content_set));
  if (story.headline().empty()) story.set_headline(InlineText(item_meta.Child("title")));
  if (story.subheadline().empty()) story.set_subheadline(InlineText(content_meta.Child("subheadline")));
  if (story.subheadline().empty()) {
    for (Node description : content_meta.Children("description")) {
      if (absl::EndsWith(absl::AsciiStrToLower(description.AttrOr("role")), "summary")) {
        story.set_subheadline(InlineText(description));
        break;
      }
    }
  }
}

void ReadClassification(Node content_meta, v1::Story& story) {
  for (Node subject : content_meta.Children("subject")) {
    auto [scheme, code] = SplitQcode(subject.AttrOr("qcode"));
    if (scheme.empty() || code.empty()) continue;
    Node name = subject.Child("name");
    xml::AddSubject(scheme, code, InlineText(name), story);
  }
  for (Node keyword : content_meta.Children("keyword")) {
    xml::AddKeyword(InlineText(keyword), story);
  }
}

std::string Copyright(Node rights_info, absl::string_view language) {
  std::vector<Node> notices = rights_info.Children("copyrightNotice");
  for (Node notice : notices) {
    std::string lang = notice.Lang();
    if (!language.empty() && absl::StartsWithIgnoreCase(lang, language.substr(0, 2))) {
      std::string text = InlineText(notice);
      if (!text.empty()) return text;
    }
  }
  for (Node notice : notices) {
    std::string text = InlineText(notice);
    if (!text.empty()) return text;
  }
  Node holder = rights_info.Child("copyrightHolder");
  return holder ? PropertyName(holder) : "";
}

struct ItemOutcome {
  std::optional<v1::Story> story;
  std::string no_story_reason;
};

ItemOutcome ReadNewsItem(Node item, absl::string_view sender) {
  ItemOutcome outcome;
  Node item_meta = item.Child("itemMeta");
  Node content_meta = item.Child("contentMeta");
  std::string item_class =
      absl::AsciiStrToLower(SplitQcode(item_meta.Child("itemClass").AttrOr("qcode")).second);
  std::vector<std::string> paragraphs = ContentParagraphs(item.Child("contentSet"));
  if (!item_class.empty() && item_class != "text" && paragraphs.empty()) {
    outcome.no_story_reason = absl::StrCat(item_class, " item");
    return outcome;
  }
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_NEWSML_G2);
  story.set_source_guid(CleanLine(item.AttrOr("guid")));
  int64_t version = 0;
  if (absl::SimpleAtoi(absl::StripAsciiWhitespace(item.AttrOr("version")), &version) && version > 0) {
    story.set_version(version);
  }
  Node provider = item_meta.Child("provider");
  story.set_provider(PropertyName(provider));
  Node rights_info = item.Child("rightsInfo");
  std::string agency;
  for (Node source : content_meta.Children("infoSource")) {
    if (agency.empty() && absl::StrContains(absl::AsciiStrToLower(source.AttrOr("role")), "origprov")) {
      agency = OriginalProviderAgency(source);
    }
  }
  if (agency.empty()) agency = PropertyAgency(rights_info.Child("copyrightHolder"));
  if (agency.empty()) agency = PropertyAgency(provider);
  for (Node creator : content_meta.Children("creator")) {
    if (agency.empty()) agency = PropertyAgency(creator);
  }
  if (agency.empty()) agency = xml::AgencyFromGuid(story.source_guid());
  if (agency.empty()) agency = xml::AgencyFromName(sender);
  story.set_agency(agency);

  ReadHeadlines(item_meta, content_meta, item.Child("contentSet"), story);
  story.set_byline(Byline(content_meta));
  v1::Dateline dateline = DatelineOf(content_meta, paragraphs);
  if (dateline.ByteSizeLong() > 0) *story.mutable_dateline() = dateline;
  for (std::string& paragraph : paragraphs) story.add_paragraphs(std::move(paragraph));
  story.set_language(ContentLanguage(item, content_meta));
  ReadTimes(item_meta, content_meta, story);

  std::string status = SplitQcode(item_meta.Child("pubStatus").AttrOr("qcode")).second;
  if (status == "usable") story.set_pub_status(v1::PUB_STATUS_USABLE);
  if (status == "withheld") story.set_pub_status(v1::PUB_STATUS_WITHHELD);
  if (status == "canceled") story.set_pub_status(v1::PUB_STATUS_CANCELED);
  story.set_urgency(xml::UrgencyFromText(content_meta.Child("urgency").Text()));
  story.set_copyright(Copyright(rights_info, story.language()));
  ReadClassification(content_meta, story);
  story.set_slugline(InlineText(content_meta.Child("slugline")));
  story.set_editorial_note(EditorialNote(item_meta));
  story.set_source_section(SectionOf(item_meta, content_meta));
  story.set_signal(SignalOf(item_meta, story));
  if (story.pub_status() == v1::PUB_STATUS_CANCELED) story.set_signal(v1::SIGNAL_KILL);
  outcome.story = std::move(story);
  return outcome;
}

ItemOutcome ReadItem(Node item, absl::string_view sender) {
  absl::string_view name = item.Name();
  if (name == "newsItem") return ReadNewsItem(item, sender);
  ItemOutcome outcome;
  if (name == "packageItem") {
    outcome.no_story_reason = "package of links";
  } else if (name == "knowledgeItem" || name == "conceptItem" || name == "planningItem" ||
             name == "catalogItem") {
    outcome.no_story_reason =
        absl::StrCat(absl::AsciiStrToLower(name.substr(0, name.size() - 4)), " item");
  } else {
    outcome.no_story_reason = absl::StrCat("not a news item: <", name, ">");
  }
  return outcome;
}

}  // namespace

bool SniffNewsMlG2(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  return root.has_value() && IsG2Root(root->name) &&
         (root->namespace_uri.empty() || root->namespace_uri == kG2Namespace);
}

absl::StatusOr<ParseResult> ParseNewsMlG2(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  Node root = doc->Root();
  if (!IsG2Root(root.Name())) {
    return RecordRefused(DlqReason::kUnknownFormat,
                         absl::StrCat("newsml-g2: root element is <", root.Name(), ">"));
  }
  std::vector<Node> items;
  std::string sender;
  if (root.Is("newsMessage")) {
    sender = InlineText(root.Child("header").Child("sender"));
    Node item_set = root.Child("itemSet");
    items = item_set ? item_set.Children() : std::vector<Node>();
    if (items.empty()) {
      return xml::ResultOf({}, "newsMessage without items");
    }
    NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "newsMessage items"));
  } else {
    items.push_back(root);
  }
  std::vector<v1::Story> stories;
  std::string reason;
  for (Node item : items) {
    NW_RETURN_IF_ERROR(CheckWorkBudget());
    ItemOutcome outcome = ReadItem(item, sender);
    if (outcome.story.has_value()) stories.push_back(std::move(*outcome.story));
    if (reason.empty()) reason = outcome.no_story_reason;
  }
  return xml::ResultOf(std::move(stories), reason);
}

}  // namespace newswire
