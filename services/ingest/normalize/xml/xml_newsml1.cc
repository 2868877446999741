#include "services/ingest/normalize/xml/xml_newsml1.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/normalize/rules/html_fragment.h"
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

// NewsComponents nest; real items are a few levels deep.
constexpr int kMaxComponentDepth = 32;

std::string FormalName(Node node) { return CleanLine(node.AttrOr("FormalName")); }

// What the components of one NewsItem hold, in document order.
struct Components {
  std::vector<Node> news_lines;
  std::vector<Node> administrative;
  std::vector<Node> rights;
  std::vector<Node> descriptive;
  std::vector<std::string> paragraphs;
  // Those of components whose Role is the body ("Body", "Main"): when a
  // provider names its components' roles (Business Wire: Abstract,
  // HeadLine, Contact, Body, TweetText), the body is the story's text.
  std::vector<std::string> body_paragraphs;
  // Those of content items that say no type themselves, in components that
  // Belga's profile marks as text (ComponentClass "Text"), its Title aside,
  // and none beside a picture, video or sound (their caption).
  // Belga moves its other language's version in the same item: only the
  // first language read is the story's.
  std::vector<std::string> class_text_paragraphs;
  std::string class_text_lang;
  int non_text_items = 0;
};

std::vector<std::string> ContentItemParagraphs(Node item) {
  Node data = item.Child("DataContent");
  if (!data || item.Child("Encoding")) return {};  // base64 and the like: binary
  std::vector<Node> elements = data.Children();
  if (!elements.empty()) {
    if (elements.size() == 1 && elements[0].Is("nitf")) return xml::NitfBodyParagraphs(elements[0]);
    return xml::BodyParagraphs(data);
  }
  std::string mime = absl::AsciiStrToLower(FormalName(item.Child("MimeType")));
  return absl::StrContains(mime, "html") ? xml::HtmlTextParagraphs(data.Text())
                                         : xml::PlainTextParagraphs(data.Text());
}

// IptcFormat names of a marked-up text document: "NITF", "XHTML". A bare
// "Text" is not enough: Belga's profile sets "Text" titles and captions on
// the components of its pictures, video and audio too.
bool IsTextFormat(absl::string_view format) {
  return format == "nitf" || format == "xhtml" || format == "html";
}

bool IsCodeMime(absl::string_view mime) {
  return mime == "text/css" || mime == "text/javascript" || mime == "application/javascript";
}

bool IsBodyRole(Node component) {
  std::string role = absl::AsciiStrToLower(FormalName(component.Child("Role")));
  return role == "body" || role == "main";
}

// Belga's NewsML 1 profile names each component's class in its
// DescriptiveMetadata (<Property FormalName="ComponentClass" Value="Text"/>,
// "Image", "Video") and leaves its content items' format empty or "Text".
bool IsTextClassComponent(Node component) {
  for (Node property : component.Child("DescriptiveMetadata").Children("Property")) {
    if (absl::EqualsIgnoreCase(property.AttrOr("FormalName"), "ComponentClass")) {
      return absl::EqualsIgnoreCase(CleanLine(property.AttrOr("Value")), "Text");
    }
  }
  return false;
}

// A component of a picture, video or sound: a ComponentClass other than
// Text ("Image", "Video"), or a content item typed as not text (Belga's
// "Sound": audio/mpeg3).
bool IsMediaComponent(Node component) {
  for (Node property : component.Child("DescriptiveMetadata").Children("Property")) {
    if (absl::EqualsIgnoreCase(property.AttrOr("FormalName"), "ComponentClass")) {
      return !absl::EqualsIgnoreCase(CleanLine(property.AttrOr("Value")), "Text");
    }
  }
  for (Node item : component.Children("ContentItem")) {
    std::string media = absl::AsciiStrToLower(FormalName(item.Child("MediaType")));
    std::string mime = absl::AsciiStrToLower(FormalName(item.Child("MimeType")));
    if ((!media.empty() && media != "text") ||
        (!mime.empty() && !absl::StartsWith(mime, "text/") && !absl::StrContains(mime, "xml"))) {
      return true;
    }
  }
  return false;
}

// True when a child component of `component` is a picture, video or sound:
// the text beside it (Title, Caption, Body) describes that.
bool HasMediaChild(Node component) {
  for (Node child : component.Children("NewsComponent")) {
    if (IsMediaComponent(child)) return true;
  }
  return false;
}

// The headline's copy in its own component (Belga's Role "Title").
bool IsTitleRole(Node component) {
  return absl::EqualsIgnoreCase(FormalName(component.Child("Role")), "Title");
}

void Collect(Node component, int depth, bool in_body, bool beside_media, Components& out) {
  if (depth > kMaxComponentDepth) return;
  const bool media_children = HasMediaChild(component);
  for (Node child : component.Children()) {
    absl::string_view name = child.Name();
    if (name == "NewsLines") out.news_lines.push_back(child);
    if (name == "AdministrativeMetadata") out.administrative.push_back(child);
    if (name == "RightsMetadata") out.rights.push_back(child);
    if (name == "DescriptiveMetadata") out.descriptive.push_back(child);
    if (name == "NewsComponent") {
      Collect(child, depth + 1, in_body || IsBodyRole(child), media_children, out);
    }
    if (name == "ContentItem") {
      std::string media = absl::AsciiStrToLower(FormalName(child.Child("MediaType")));
      std::string mime = absl::AsciiStrToLower(FormalName(child.Child("MimeType")));
      // Without a media or MIME type, an IptcFormat of marked-up text says
      // it (SDA-ATS: <Format Scheme="IptcFormat" FormalName="NITF"/> over
      // inline NITF).
      std::string format = absl::AsciiStrToLower(FormalName(child.Child("Format")));
      bool text = media == "text" ||
                  (media.empty() && (absl::StartsWith(mime, "text/") ||
                                     absl::StrContains(mime, "xml") ||
                                     (mime.empty() && IsTextFormat(format))));
      // A style sheet (Business Wire sends "text/css" beside its XHTML) or
      // script is text to a browser, not to a reader.
      if (IsCodeMime(mime) || format == "css") continue;
      if (!text && media.empty() && mime.empty() && (format.empty() || format == "text") &&
          IsTextClassComponent(component)) {
        std::string lang = absl::AsciiStrToLower(component.Lang());
        if (IsTitleRole(component) || beside_media ||
            (!out.class_text_lang.empty() && !lang.empty() && lang != out.class_text_lang)) {
          continue;
        }
        for (std::string& paragraph : ContentItemParagraphs(child)) {
          if (out.class_text_lang.empty()) out.class_text_lang = lang;
          // Belga escapes inline markup into the text ("Steven &lt;b&gt;Van
          // Geel&lt;/b&gt;") and breaks paragraphs with new lines: each
          // line's markup is read as HTML.
          if (paragraph.find('<') != std::string::npos) paragraph = HtmlFragmentToText(paragraph);
          if (!paragraph.empty()) out.class_text_paragraphs.push_back(std::move(paragraph));
        }
        continue;
      }
      if (!text) {
        ++out.non_text_items;
        continue;
      }
      for (std::string& paragraph : ContentItemParagraphs(child)) {
        if (in_body) out.body_paragraphs.push_back(paragraph);
        out.paragraphs.push_back(std::move(paragraph));
      }
    }
  }
}

// The first non-empty text of `name` under any of `parents`.
std::string FirstText(const std::vector<Node>& parents, absl::string_view name) {
  for (Node parent : parents) {
    for (Node child : parent.Children(name)) {
      std::string text = InlineText(child);
      if (!text.empty()) return text;
    }
  }
  return "";
}

std::string PartyName(const std::vector<Node>& administrative, absl::string_view role) {
  for (Node metadata : administrative) {
    for (Node holder : metadata.Children(role)) {
      for (Node party : holder.Children("Party")) {
        std::string name = FormalName(party);
        if (!name.empty()) return name;
      }
    }
  }
  return "";
}

void ReadIdentity(Node identifier, v1::Story& story) {
  std::string public_id = InlineText(identifier.Child("PublicIdentifier"));
  Node revision = identifier.Child("RevisionId");
  std::string revision_text = InlineText(revision);
  int64_t version = 0;
  if (absl::SimpleAtoi(revision_text, &version) && version > 0) story.set_version(version);
  story.set_source_uri(public_id);
  // The PublicIdentifier ends with ":<RevisionId><Update>"; the story's
  // identity is what comes before, the same for every revision.
  std::string guid = public_id;
  size_t colon = guid.rfind(':');
  if (colon != std::string::npos && !revision_text.empty() &&
      absl::StartsWith(absl::string_view(guid).substr(colon + 1), revision_text)) {
    guid.resize(colon);
  }
  // A PublicIdentifier is "urn:newsml:<ProviderId>:<DateId>:<NewsItemId>:
  // <RevisionId><Update>". One that stops before the DateId names no item
  // (Belga sends "urn:newsml:www.belga.be" on every item): the identifier's
  // parts make the id.
  constexpr size_t kItemNamingParts = 5;
  if (absl::StartsWithIgnoreCase(guid, "urn:newsml:") &&
      std::vector<absl::string_view>(absl::StrSplit(guid, ':')).size() < kItemNamingParts) {
    guid.clear();
  }
  if (guid.empty()) {
    std::vector<std::string> parts;
    for (absl::string_view part : {"ProviderId", "DateId", "NewsItemId"}) {
      std::string text = InlineText(identifier.Child(part));
      if (!text.empty()) parts.push_back(text);
    }
    if (!parts.empty()) guid = absl::StrCat("urn:newsml:", absl::StrJoin(parts, ":"));
  }
  story.set_source_guid(guid);
}

void ReadManagement(Node management, Node identifier, Node envelope, v1::Story& story) {
  if (auto time = xml::FirstTime({management.Child("FirstCreated").Text(),
                                  identifier.Child("DateId").Text()})) {
    *story.mutable_first_created() = *time;
  }
  if (auto time = xml::FirstTime({management.Child("ThisRevisionCreated").Text()})) {
    *story.mutable_version_created() = *time;
  }
  std::string status = absl::AsciiStrToLower(FormalName(management.Child("Status")));
  if (status == "usable" || status == "embargoed") story.set_pub_status(v1::PUB_STATUS_USABLE);
  if (status == "withheld") story.set_pub_status(v1::PUB_STATUS_WITHHELD);
  if (status == "canceled" || status == "cancelled") story.set_pub_status(v1::PUB_STATUS_CANCELED);
  Node will_change = management.Child("StatusWillChange");
  if (will_change && (status == "embargoed" || status == "withheld")) {
    if (auto time = xml::FirstTime({will_change.Child("DateAndTime").Text()})) {
      *story.mutable_embargoed_until() = *time;
    }
  }
  story.set_urgency(xml::UrgencyFromText(FormalName(management.Child("Urgency"))));
  if (story.urgency() == 0) {
    story.set_urgency(xml::UrgencyFromText(FormalName(envelope.Child("Priority"))));
  }
  v1::Signal signal = v1::SIGNAL_UNSPECIFIED;
  for (Node instruction : management.Children("Instruction")) {
    std::string name = absl::AsciiStrToLower(FormalName(instruction));
    if (absl::StrContains(name, "kill") || absl::StrContains(name, "delete") ||
        absl::StrContains(name, "withdraw")) {
      signal = v1::SIGNAL_KILL;
    } else if (signal != v1::SIGNAL_KILL &&
               (absl::StrContains(name, "rectif") || absl::StrContains(name, "correct"))) {
      signal = v1::SIGNAL_CORRECTION;
    }
  }
  std::string item_type = absl::AsciiStrToLower(FormalName(management.Child("NewsItemType")));
  if (signal == v1::SIGNAL_UNSPECIFIED && absl::StrContains(item_type, "correct")) {
    signal = v1::SIGNAL_CORRECTION;
  }
  std::string update_flag = CleanLine(identifier.Child("RevisionId").AttrOr("Update"));
  if (signal == v1::SIGNAL_UNSPECIFIED && (update_flag == "A" || update_flag == "U")) {
    signal = v1::SIGNAL_UPDATE;
  }
  if (story.pub_status() == v1::PUB_STATUS_CANCELED) signal = v1::SIGNAL_KILL;
  story.set_signal(signal);
}

void ReadDescriptive(const Components& parts, v1::Story& story) {
  for (Node metadata : parts.descriptive) {
    if (story.language().empty()) story.set_language(FormalName(metadata.Child("Language")));
    for (Node code : metadata.Children("SubjectCode")) {
      for (Node subject : code.Children()) {
        xml::AddSubject("subj", FormalName(subject), "", story);
        // AFP marks its desk on each subject ("ECO").
        if (story.source_section().empty()) story.set_source_section(CleanLine(subject.AttrOr("cat")));
      }
    }
    for (Node property : metadata.Children("Property")) {
      if (absl::EqualsIgnoreCase(property.AttrOr("FormalName"), "Keyword")) {
        xml::AddKeyword(CleanLine(property.AttrOr("Value")), story);
      }
    }
  }
}

std::string OriginCity(const Components& parts) {
  for (Node metadata : parts.descriptive) {
    for (Node location : metadata.Children("Location")) {
      if (!absl::EqualsIgnoreCase(location.AttrOr("HowPresent"), "Origin")) continue;
      for (Node property : location.Children("Property")) {
        if (absl::EqualsIgnoreCase(property.AttrOr("FormalName"), "City")) {
          return CleanLine(property.AttrOr("Value"));
        }
      }
    }
  }
  return "";
}

std::string Copyright(const Components& parts) {
  std::string line = FirstText(parts.news_lines, "CopyrightLine");
  if (!line.empty()) return line;
  for (Node rights : parts.rights) {
    for (Node copyright : rights.Children("Copyright")) {
      std::string holder = InlineText(copyright.Child("CopyrightHolder"));
      std::string date = InlineText(copyright.Child("CopyrightDate"));
      if (!holder.empty()) {
        return date.empty() ? absl::StrCat("(c) ", holder) : absl::StrCat("(c) ", date, " ", holder);
      }
    }
  }
  return "";
}

struct ItemOutcome {
  std::optional<v1::Story> story;
  std::string no_story_reason;
};

ItemOutcome ReadNewsItem(Node item, Node envelope) {
  ItemOutcome outcome;
  Components parts;
  Collect(item, 0, false, false, parts);
  if (!parts.body_paragraphs.empty()) parts.paragraphs = std::move(parts.body_paragraphs);
  // A Belga text item's lead and body (its captions of a picture, video or
  // sound were left out: an item of only those is no story).
  if (parts.paragraphs.empty()) {
    parts.paragraphs = std::move(parts.class_text_paragraphs);
  }
  if (parts.paragraphs.empty() && parts.non_text_items > 0) {
    outcome.no_story_reason = "picture item";
    return outcome;
  }
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_NEWSML_1);
  Node identifier = item.Child("Identification").Child("NewsIdentifier");
  ReadIdentity(identifier, story);
  story.set_language(CleanLine(item.Lang()));
  ReadManagement(item.Child("NewsManagement"), identifier, envelope, story);

  story.set_headline(FirstText(parts.news_lines, "HeadLine"));
  story.set_subheadline(FirstText(parts.news_lines, "SubHeadLine"));
  std::string byline = FirstText(parts.news_lines, "ByLine");
  std::string byline_title = FirstText(parts.news_lines, "ByLineTitle");
  story.set_byline(byline.empty() || byline_title.empty() ? byline
                                                          : absl::StrCat(byline, ", ", byline_title));
  // A ByLine naming the Source party is the issuer, not a writer (a listed
  // company's release moved by NTB: ByLine and Source "Acme ASA").
  if (!byline.empty() && absl::EqualsIgnoreCase(byline, PartyName(parts.administrative, "Source"))) {
    story.clear_byline();
  }
  std::string printed = FirstText(parts.news_lines, "DateLine");
  v1::Dateline dateline = printed.empty() ? v1::Dateline() : xml::DatelineFromText(printed);
  std::string city = OriginCity(parts);
  if (dateline.place().empty() && !city.empty()) dateline.set_place(city);
  if (dateline.ByteSizeLong() > 0) *story.mutable_dateline() = dateline;
  story.set_slugline(FirstText(parts.news_lines, "SlugLine"));
  for (std::string& paragraph : parts.paragraphs) story.add_paragraphs(std::move(paragraph));

  std::string provider_id = InlineText(identifier.Child("ProviderId"));
  std::string provider = PartyName(parts.administrative, "Provider");
  story.set_provider(provider.empty() ? provider_id : provider);
  std::string agency = xml::FirstAgency({PartyName(parts.administrative, "Creator"), provider,
                                         PartyName(parts.administrative, "Source"), provider_id});
  // Last, the envelope's sender: a wire that names itself only there
  // (Business Wire: <SentFrom><Party FormalName="Business Wire"/>).
  if (agency.empty()) agency = NormalizeAgency(FormalName(envelope.Child("SentFrom").Child("Party")));
  story.set_agency(agency);
  story.set_copyright(Copyright(parts));
  ReadDescriptive(parts, story);
  for (Node lines : parts.news_lines) {
    for (Node keyword_line : lines.Children("KeywordLine")) xml::AddKeyword(InlineText(keyword_line), story);
  }
  outcome.story = std::move(story);
  return outcome;
}

}  // namespace

bool SniffNewsMl1(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  return root.has_value() && root->name == "NewsML";
}

absl::StatusOr<ParseResult> ParseNewsMl1(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  Node root = doc->Root();
  if (!root.Is("NewsML")) {
    return RecordRefused(DlqReason::kUnknownFormat,
                         absl::StrCat("newsml: root element is <", root.Name(), ">"));
  }
  Node envelope = root.Child("NewsEnvelope");
  std::vector<v1::Story> stories;
  std::string reason;
  std::vector<Node> items = root.Children("NewsItem");
  NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "NewsItems"));
  for (Node item : items) {
    ItemOutcome outcome = ReadNewsItem(item, envelope);
    if (outcome.story.has_value()) stories.push_back(std::move(*outcome.story));
    if (reason.empty()) reason = outcome.no_story_reason;
  }
  if (stories.empty() && reason.empty()) reason = "NewsML without news items";
  return xml::ResultOf(std::move(stories), reason);
}

}  // namespace newswire
