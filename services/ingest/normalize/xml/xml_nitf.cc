#include "services/ingest/normalize/xml/xml_nitf.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/normalize/rules/head_lines.h"
#include "services/ingest/normalize/rules/times.h"
#include "services/ingest/normalize/wire/wire_keyword.h"
#include "services/ingest/normalize/xml/xml_meta.h"
#include "services/ingest/normalize/xml/xml_text.h"

namespace newswire {
namespace xml {
namespace {

// <meta name="..." content="..."> in the NITF head.
std::string Meta(Node head, absl::string_view name) {
  for (Node meta : head.Children("meta")) {
    if (meta.AttrOr("name") == name) return CleanLine(meta.AttrOr("content"));
  }
  return "";
}

std::string FirstNonEmpty(std::initializer_list<std::string> values) {
  for (const std::string& value : values) {
    if (!value.empty()) return value;
  }
  return "";
}

// "By BERNARD CONDON<byttl>AP Business Writer</byttl>" reads
// "By BERNARD CONDON, AP Business Writer".
std::string BylineText(Node byline) {
  std::string person;
  std::string title;
  for (Node child = byline.FirstChild(); child; child = child.Next()) {
    if (child.Is("byttl")) {
      title = InlineText(child);
    } else {
      person += child.IsElement() ? child.Text() : child.OwnText();
    }
  }
  person = CleanLine(person);
  if (person.empty()) return title;
  return title.empty() ? person : absl::StrCat(person, ", ", title);
}

v1::Dateline DatelineOf(Node dateline) {
  std::string printed = InlineText(dateline);
  if (printed.empty()) return v1::Dateline();
  v1::Dateline result = DatelineFromText(printed);
  Node location = dateline.Find("location");
  if (location) {
    Node city = location.Find("city");
    std::string place = InlineText(city ? city : location);
    if (!place.empty()) result.set_place(place);
  }
  std::string date = InlineText(dateline.Find("story.date"));
  if (!date.empty()) result.set_date_text(date);
  return result;
}

// NITF management-status: usable, embargoed, withheld, canceled.
v1::PubStatus PubStatusOf(absl::string_view status) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(status));
  if (lower == "usable" || lower == "embargoed") return v1::PUB_STATUS_USABLE;
  if (lower == "withheld") return v1::PUB_STATUS_WITHHELD;
  if (lower == "canceled" || lower == "cancelled") return v1::PUB_STATUS_CANCELED;
  return v1::PUB_STATUS_UNSPECIFIED;
}

std::string SectionOf(Node head, Node docdata) {
  std::string tobject_type = CleanLine(head.Child("tobject").AttrOr("tobject.type"));
  // "News" is the NITF default object type, not a desk.
  if (absl::EqualsIgnoreCase(tobject_type, "news")) tobject_type.clear();
  return FirstNonEmpty({CleanLine(head.Child("pubdata").AttrOr("position.section")),
                        CleanLine(docdata.Child("doc-scope").AttrOr("scope")),
                        Meta(head, "anpa-category"), tobject_type});
}

void ReadTimes(Node docdata, int64_t version, v1::Story& story) {
  std::optional<google::protobuf::Timestamp> issue =
      FirstTime({docdata.Child("date.issue").AttrOr("norm")});
  if (issue.has_value()) {
    *story.mutable_version_created() = *issue;
    // date.issue is when this version was issued; it is also the first
    // creation only for a first version.
    if (version <= 1) *story.mutable_first_created() = *issue;
  }
  std::optional<google::protobuf::Timestamp> release =
      FirstTime({docdata.Child("date.release").AttrOr("norm")});
  if (release.has_value()) {
    bool embargoed = absl::EqualsIgnoreCase(docdata.AttrOr("management-status"), "embargoed");
    bool later = issue.has_value() &&
                 (release->seconds() > issue->seconds() ||
                  (release->seconds() == issue->seconds() && release->nanos() > issue->nanos()));
    if (embargoed || later) *story.mutable_embargoed_until() = *release;
  }
}

// Headline, subheadline (an hl2 that differs, else the abstract) and bylines.
void ReadHeadlines(Node head, Node body_head, v1::Story& story) {
  Node hedline = body_head.Child("hedline");
  story.set_headline(InlineText(hedline.Child("hl1")));
  if (story.headline().empty()) story.set_headline(InlineText(head.Child("title")));
  for (Node hl2 : hedline.Children("hl2")) {
    std::string text = InlineText(hl2);
    if (!text.empty() && text != story.headline()) {
      story.set_subheadline(text);
      break;
    }
  }
  if (story.subheadline().empty()) story.set_subheadline(InlineText(body_head.Child("abstract")));
  std::vector<std::string> bylines;
  for (Node byline : body_head.Children("byline")) {
    std::string text = BylineText(byline);
    if (!text.empty()) bylines.push_back(text);
  }
  story.set_byline(absl::StrJoin(bylines, "; "));
}

// The editor's notes: <ed-msg>s, and the latest revision's reason when it
// reads as one.
std::string EditorialNote(Node head, Node docdata) {
  std::vector<std::string> notes;
  for (Node ed_msg : docdata.Children("ed-msg")) {
    std::string note = CleanLine(ed_msg.AttrOr("info"));
    if (note.empty()) note = InlineText(ed_msg);
    if (!note.empty()) notes.push_back(note);
  }
  // The latest revision's reason, when it reads as an editor's note (CP:
  // <revision-history comment="ADDS military statement"/>, as Reuters
  // prints "(Adds ...)").
  std::vector<Node> revisions = head.Children("revision-history");
  if (!revisions.empty()) {
    std::string comment = CleanLine(revisions.back().AttrOr("comment"));
    if (std::optional<std::string> note = ParseEditorNote(absl::StrCat("(", comment, ")"))) {
      notes.push_back(*note);
    }
  }
  return absl::StrJoin(notes, "; ");
}

// Subject codes (tobject.subject, the ANPA category) and keywords.
void ReadSubjects(Node head, Node docdata, v1::Story& story) {
  for (Node tobject : head.Children("tobject")) {
    for (Node subject : tobject.Children("tobject.subject")) {
      std::string name = FirstNonEmpty({CleanLine(subject.AttrOr("tobject.subject.detail")),
                                        CleanLine(subject.AttrOr("tobject.subject.matter")),
                                        CleanLine(subject.AttrOr("tobject.subject.type"))});
      AddSubject("subj", CleanLine(subject.AttrOr("tobject.subject.refnum")), name, story);
    }
  }
  AddSubject("anpa-category", Meta(head, "anpa-category"), "", story);
  for (Node key_list : docdata.Children("key-list")) {
    for (Node keyword : key_list.Children("keyword")) {
      AddKeyword(CleanLine(keyword.AttrOr("key")), story);
    }
  }
}

}  // namespace

std::vector<std::string> NitfBodyParagraphs(Node nitf) {
  Node content = nitf.Child("body").Child("body.content");
  return content ? BodyParagraphs(content) : std::vector<std::string>();
}

v1::Story StoryFromNitf(Node nitf) {
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_NITF);
  Node head = nitf.Child("head");
  Node docdata = head.Child("docdata");
  Node body_head = nitf.Child("body").Child("body.head");

  Node doc_id = docdata.Child("doc-id");
  Node du_key = docdata.Child("du-key");
  std::string du_key_text = CleanLine(du_key.AttrOr("key"));
  int64_t version = 0;
  if (absl::SimpleAtoi(du_key.AttrOr("version"), &version) && version > 0) {
    story.set_version(version);
  }
  // A du-key with a version is the key that "travels with each succeeding
  // update" (NITF): the story's identity across versions. Otherwise the
  // doc-id is.
  story.set_source_guid(version > 0 && !du_key_text.empty()
                            ? du_key_text
                            : CleanLine(doc_id.AttrOr("id-string")));

  Node copyright = docdata.Child("doc.copyright");
  std::string holder = CleanLine(copyright.AttrOr("holder"));
  std::string distributor = InlineText(body_head.Child("distributor"));
  std::string from_source = CleanLine(docdata.Child("del-list").Child("from-src").AttrOr("src-name"));
  Node rights = docdata.Child("doc.rights");
  std::string source_meta = Meta(head, "aap-source");
  story.set_agency(FirstAgency({holder, doc_id.AttrOr("regsrc"), from_source, distributor,
                                source_meta, rights.AttrOr("owner")}));
  story.set_provider(FirstNonEmpty(
      {distributor, CleanLine(rights.AttrOr("agent")), source_meta, from_source, holder}));

  ReadHeadlines(head, body_head, story);
  v1::Dateline dateline = DatelineOf(body_head.Child("dateline"));
  if (!dateline.text().empty()) *story.mutable_dateline() = dateline;
  for (std::string& paragraph : NitfBodyParagraphs(nitf)) story.add_paragraphs(std::move(paragraph));

  std::string language = nitf.Lang();
  if (language.empty()) language = nitf.AttrOr("baselang");
  story.set_language(CleanLine(language));
  ReadTimes(docdata, version, story);
  story.set_pub_status(PubStatusOf(docdata.AttrOr("management-status")));
  // The DTD puts <urgency> in <docdata>; The Canadian Press writes it
  // straight under <head>.
  Node urgency = docdata.Child("urgency");
  if (!urgency) urgency = head.Child("urgency");
  story.set_urgency(UrgencyFromText(urgency.AttrOr("ed-urg")));

  story.set_editorial_note(EditorialNote(head, docdata));
  if (du_key_text != story.source_guid()) story.set_slugline(du_key_text);
  if (story.slugline().empty()) story.set_slugline(Meta(head, "anpa-keyword"));
  // AP's NITF may give the ANPA keyword as hl1 ("BC-BBN--Top Ten"): it is
  // the slugline, and its words are the headline an editor would write.
  if (wire::LooksLikeAnpaKeyword(story.headline())) {
    if (story.slugline().empty()) story.set_slugline(story.headline());
    story.set_headline(wire::KeywordHeadline(story.headline()));
  }
  // AP's agate opens its body with the keyword again (<hl2>BC-BBN--Top
  // Ten</hl2>): the slugline, no text.
  if (story.paragraphs_size() > 1 && !story.slugline().empty() &&
      story.paragraphs(0) == story.slugline() && wire::LooksLikeAnpaKeyword(story.slugline())) {
    story.mutable_paragraphs()->erase(story.mutable_paragraphs()->begin());
  }
  if (docdata.Child("correction")) {
    story.set_signal(v1::SIGNAL_CORRECTION);
  } else {
    story.set_signal(SignalFromText({story.editorial_note(), story.slugline()}));
  }
  if (story.pub_status() == v1::PUB_STATUS_CANCELED) story.set_signal(v1::SIGNAL_KILL);

  std::string year = CleanLine(copyright.AttrOr("year"));
  if (!holder.empty()) {
    story.set_copyright(year.empty() ? absl::StrCat("(c) ", holder)
                                     : absl::StrCat("(c) ", year, " ", holder));
  }
  ReadSubjects(head, docdata, story);
  story.set_source_section(SectionOf(head, docdata));
  return story;
}

}  // namespace xml

bool SniffNitf(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  return root.has_value() && root->name == "nitf";
}

absl::StatusOr<ParseResult> ParseNitf(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  xml::Node root = doc->Root();
  if (!root.Is("nitf")) {
    return RecordRefused(DlqReason::kUnknownFormat,
                         absl::StrCat("nitf: root element is <", root.Name(), ">"));
  }
  std::vector<v1::Story> stories;
  stories.push_back(xml::StoryFromNitf(root));
  return xml::ResultOf(std::move(stories), "");
}

}  // namespace newswire
