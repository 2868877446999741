#include "services/ingest/normalize/xml/xml_ritzau.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/normalize/rules/dateline.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/normalize/xml/xml_doc.h"
#include "services/ingest/normalize/xml/xml_meta.h"
#include "services/ingest/normalize/xml/xml_text.h"

namespace newswire {
namespace {

using xml::CleanLine;
using xml::InlineText;
using xml::Node;

bool Flag(Node record, absl::string_view name) {
  return absl::EqualsIgnoreCase(InlineText(record.Child(name)), "true");
}

v1::Story StoryFromRecord(Node record) {
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_RITZAU_XML);
  story.set_source_guid(InlineText(record.Child("NewsID")));
  int64_t version = 0;
  if (absl::SimpleAtoi(InlineText(record.Child("version")), &version) && version > 0) {
    story.set_version(version);
  }
  story.set_provider("Ritzau");
  // "/ritzau/" is Ritzau's own copy; "Via Ritzau" is distributed for others.
  story.set_agency(xml::AgencyFromName(InlineText(record.Child("origin"))));
  story.set_headline(InlineText(record.Child("headline")));
  story.set_subheadline(InlineText(record.Child("subtitle")));
  story.set_slugline(InlineText(record.Child("strapline")));
  story.set_byline(InlineText(record.Child("byLine")));
  std::string town = InlineText(record.Child("town"));
  if (!town.empty()) story.mutable_dateline()->set_place(town);
  std::string content = xml::RepairMojibake(record.Child("content").Text());
  for (std::string& paragraph : xml::HtmlTextParagraphs(content)) {
    story.add_paragraphs(std::move(paragraph));
  }
  // A flash (<headline i:nil="true"/>) has no headline line: an editor
  // gives it its lead's first sentence, as for AP's news alerts.
  if (story.headline().empty() && story.paragraphs_size() > 0) {
    story.set_headline(LeadSentence(story.paragraphs(0)));
  }
  if (auto time = xml::FirstTime({record.Child("PublishDate").Text()})) {
    *story.mutable_version_created() = *time;
  }
  story.set_urgency(xml::UrgencyFromText(InlineText(record.Child("Priority"))));
  story.set_source_section(InlineText(record.Child("section")));
  story.set_editorial_note(InlineText(record.Child("TilRedaktionen")));
  for (Node code : record.Child("IPTCList").Children()) {
    xml::AddSubject("subj", InlineText(code), "", story);
  }
  for (Node keyword : record.Child("SubjectKeyword").Children()) {
    xml::AddKeyword(InlineText(keyword), story);
  }
  if (Flag(record, "NyVersion")) story.set_signal(v1::SIGNAL_UPDATE);
  if (Flag(record, "Korrektion")) story.set_signal(v1::SIGNAL_CORRECTION);
  if (Flag(record, "Annuleret")) {
    story.set_pub_status(v1::PUB_STATUS_CANCELED);
    story.set_signal(v1::SIGNAL_KILL);
  } else if (absl::EqualsIgnoreCase(InlineText(record.Child("Annuleret")), "false")) {
    // Ritzau states every record's state: live, or canceled (annulleret).
    story.set_pub_status(v1::PUB_STATUS_USABLE);
  }
  return story;
}

}  // namespace

bool SniffRitzau(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  if (!root.has_value()) return false;
  return root->name == "RBNews" || xml::HeadContains(input.bytes, "<ListOfRBNews");
}

absl::StatusOr<ParseResult> ParseRitzau(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  Node root = doc->Root();
  std::vector<Node> records;
  if (root.Is("RBNews")) {
    records.push_back(root);
  } else {
    Node list = root.Find("ListOfRBNews");
    if (!list) {
      return RecordRefused(DlqReason::kUnknownFormat,
                           absl::StrCat("ritzau: no RBNews records under <", root.Name(), ">"));
    }
    records = list.Children("RBNews");
  }
  NW_RETURN_IF_ERROR(CheckItemCount(records.size(), "RBNews records"));
  std::vector<v1::Story> stories;
  for (Node record : records) stories.push_back(StoryFromRecord(record));
  std::string reason = records.empty() ? "empty Ritzau news list" : "";
  return xml::ResultOf(std::move(stories), std::move(reason));
}

}  // namespace newswire
