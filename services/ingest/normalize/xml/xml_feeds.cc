#include "services/ingest/normalize/xml/xml_feeds.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/rules/html_fragment.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/normalize/xml/xml_doc.h"
#include "services/ingest/normalize/xml/xml_meta.h"
#include "services/ingest/normalize/xml/xml_text.h"

namespace newswire {
namespace {

using xml::CleanLine;
using xml::InlineText;
using xml::Node;

constexpr absl::string_view kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr absl::string_view kAtom03Namespace = "http://purl.org/atom/ns#";
constexpr absl::string_view kRss10Namespace = "http://purl.org/rss/1.0/";
constexpr absl::string_view kWennContentNamespace = "http://feed.wenn.com/xmlns/2010/03/wenn_cm";
constexpr absl::string_view kWennManagementNamespace = "http://feed.wenn.com/xmlns/2010/03/wenn_nm";

bool IsAtomNamespace(absl::string_view uri) {
  return uri == kAtomNamespace || uri == kAtom03Namespace;
}

// A title or other one-line field that may carry escaped HTML.
std::string HtmlOrText(absl::string_view text) {
  if (text.find('<') == absl::string_view::npos) return CleanLine(text);
  return CleanLine(HtmlFragmentToText(text));
}

// ---- Atom ----------------------------------------------------------------------

// An Atom text construct (title, summary, rights) on one line.
std::string AtomText(Node node) {
  std::string type = absl::AsciiStrToLower(node.AttrOr("type"));
  if (type == "html") return CleanLine(HtmlFragmentToText(node.Text()));
  return InlineText(node);
}

std::vector<std::string> AtomParagraphs(Node content) {
  if (!content || content.Attr("src").has_value()) return {};
  std::string type = absl::AsciiStrToLower(content.AttrOr("type"));
  if (type == "html" || type == "text/html") return xml::HtmlTextParagraphs(content.Text());
  if (type == "xhtml" || absl::EndsWith(type, "+xml") || absl::EndsWith(type, "/xml")) {
    return xml::BodyParagraphs(content);
  }
  if (type.empty() || type == "text" || absl::StartsWith(type, "text/")) {
    return xml::PlainTextParagraphs(content.Text());
  }
  return {};  // other media types are base64: not text
}

std::string AuthorNames(Node parent) {
  std::vector<std::string> names;
  for (Node author : parent.Children("author")) {
    std::string name = InlineText(author.Child("name"));
    if (!name.empty()) names.push_back(name);
  }
  return absl::StrJoin(names, "; ");
}

// WENN's ContentMetadata: the Atom content is a placeholder, the text is in
// first_line + body.
void ReadWennMetadata(Node entry, v1::Story& story) {
  Node metadata;
  for (Node child : entry.Children("ContentMetadata")) {
    if (child.Namespace() == kWennContentNamespace) metadata = child;
  }
  if (!metadata) return;
  std::vector<std::string> paragraphs = xml::PlainTextParagraphs(metadata.Child("first_line").Text());
  for (std::string& paragraph : xml::PlainTextParagraphs(metadata.Child("body").Text())) {
    paragraphs.push_back(std::move(paragraph));
  }
  if (!paragraphs.empty()) {
    story.clear_paragraphs();
    for (std::string& paragraph : paragraphs) story.add_paragraphs(std::move(paragraph));
  }
  if (story.headline().empty()) story.set_headline(InlineText(metadata.Child("title")));
  story.set_slugline(InlineText(metadata.Child("slug")));
  for (Node tag : metadata.Child("tags").Children("tag")) xml::AddKeyword(CleanLine(tag.AttrOr("value")), story);
  std::string lang = CleanLine(metadata.AttrOr("lang"));
  if (!lang.empty()) story.set_language(lang);
}

// WENN's NewsManagement: its own publication and update times (the Atom
// <updated> repeats the publication) and its publishing status.
void ReadWennManagement(Node entry, v1::Story& story) {
  Node management;
  for (Node child : entry.Children("NewsManagement")) {
    if (child.Namespace() == kWennManagementNamespace) management = child;
  }
  if (!management) return;
  if (auto time = xml::FirstTime({management.Child("published").Text()})) {
    *story.mutable_first_created() = *time;
  }
  if (auto time = xml::FirstTime({management.Child("updated").Text()})) {
    *story.mutable_version_created() = *time;
  }
  if (absl::EqualsIgnoreCase(InlineText(management.Child("publishing_status")), "published")) {
    story.set_pub_status(v1::PUB_STATUS_USABLE);
  }
}

// What a feed says once for all its entries, read once per feed: reading it
// per entry made large feeds quadratic.
struct FeedContext {
  std::string rights, author, title;        // Atom
  std::string language, copyright, link;    // RSS (title shared)

  // What each item's story may inherit (record_limits.h bounds the total).
  size_t Bytes() const {
    return rights.size() + author.size() + title.size() + language.size() + copyright.size() +
           link.size();
  }
};

FeedContext AtomFeedContext(Node feed) {
  FeedContext context;
  context.rights = AtomText(feed.Child("rights"));
  context.author = AuthorNames(feed);
  context.title = AtomText(feed.Child("title"));
  return context;
}

v1::Story AtomEntry(Node entry, const FeedContext& feed) {
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_ATOM);
  story.set_source_guid(InlineText(entry.Child("id")));
  for (Node link : entry.Children("link")) {
    std::string rel = link.AttrOr("rel");
    if (rel.empty() || rel == "alternate") {
      story.set_source_url(CleanLine(link.AttrOr("href")));
      break;
    }
  }
  story.set_headline(AtomText(entry.Child("title")));
  std::vector<std::string> paragraphs = AtomParagraphs(entry.Child("content"));
  Node summary = entry.Child("summary");
  if (paragraphs.empty()) {
    paragraphs = AtomParagraphs(summary);
  } else {
    story.set_subheadline(AtomText(summary));
  }
  for (std::string& paragraph : paragraphs) story.add_paragraphs(std::move(paragraph));
  story.set_byline(AuthorNames(entry));
  if (auto time = xml::FirstTime({entry.Child("published").Text(), entry.Child("issued").Text()})) {
    *story.mutable_first_created() = *time;
  }
  if (auto time = xml::FirstTime({entry.Child("updated").Text(), entry.Child("modified").Text()})) {
    *story.mutable_version_created() = *time;
  }
  story.set_language(CleanLine(entry.Lang()));
  std::string rights = AtomText(entry.Child("rights"));
  story.set_copyright(rights.empty() ? feed.rights : rights);
  for (Node category : entry.Children("category")) {
    std::string label = CleanLine(category.AttrOr("label"));
    if (label.empty()) label = CleanLine(category.AttrOr("term"));
    if (story.source_section().empty()) story.set_source_section(label);
    xml::AddKeyword(label, story);
  }
  story.set_provider(!feed.author.empty() ? feed.author : feed.title);
  story.set_agency(xml::FirstAgency({feed.author, feed.title, story.byline()}));
  ReadWennMetadata(entry, story);
  ReadWennManagement(entry, story);
  return story;
}

// ---- RSS -------------------------------------------------------------------------

// The first child with local name `name` whose namespace contains `ns_part`.
Node ChildIn(Node parent, absl::string_view name, absl::string_view ns_part) {
  for (Node child : parent.Children(name)) {
    if (absl::StrContains(child.Namespace(), ns_part)) return child;
  }
  return Node();
}

FeedContext RssFeedContext(Node channel) {
  FeedContext context;
  context.language = InlineText(channel.Child("language"));
  if (context.language.empty()) context.language = InlineText(ChildIn(channel, "language", "purl.org/dc"));
  context.copyright = InlineText(channel.Child("copyright"));
  context.title = HtmlOrText(channel.Child("title").Text());
  context.link = InlineText(channel.Child("link"));
  return context;
}

v1::Story RssItem(Node item, const FeedContext& channel) {
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_RSS);
  std::string link = InlineText(item.Child("link"));
  std::string guid = InlineText(item.Child("guid"));
  if (guid.empty()) guid = CleanLine(item.AttrOr("about"));  // RSS 1.0 rdf:about
  story.set_source_guid(guid.empty() ? link : guid);
  story.set_source_url(link);
  story.set_headline(HtmlOrText(item.Child("title").Text()));
  Node encoded = ChildIn(item, "encoded", "purl.org/rss/1.0/modules/content");
  std::string description = item.Child("description").Text();
  std::vector<std::string> paragraphs;
  if (encoded) {
    paragraphs = xml::HtmlTextParagraphs(encoded.Text());
    story.set_subheadline(HtmlOrText(description));
  }
  if (paragraphs.empty()) paragraphs = xml::HtmlTextParagraphs(description);
  for (std::string& paragraph : paragraphs) story.add_paragraphs(std::move(paragraph));
  std::string byline = InlineText(ChildIn(item, "creator", "purl.org/dc"));
  story.set_byline(byline.empty() ? InlineText(item.Child("author")) : byline);
  if (auto time = xml::FirstTime({item.Child("pubDate").Text(),
                                  ChildIn(item, "date", "purl.org/dc").Text()})) {
    *story.mutable_first_created() = *time;
  }
  std::string language = InlineText(ChildIn(item, "language", "purl.org/dc"));
  if (language.empty()) language = channel.language;
  if (language.empty()) language = CleanLine(item.Lang());
  story.set_language(language);
  std::string rights = InlineText(ChildIn(item, "rights", "purl.org/dc"));
  story.set_copyright(rights.empty() ? channel.copyright : rights);
  std::vector<Node> categories = item.Children("category");
  for (Node subject : item.Children("subject")) categories.push_back(subject);
  for (Node category : categories) {
    std::string label = InlineText(category);
    if (story.source_section().empty()) story.set_source_section(label);
    xml::AddKeyword(label, story);
  }
  story.set_provider(channel.title);
  story.set_agency(xml::FirstAgency({InlineText(item.Child("source")), channel.title, channel.link}));
  return story;
}

}  // namespace

bool SniffAtom(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  return root.has_value() && (root->name == "feed" || root->name == "entry") &&
         IsAtomNamespace(root->namespace_uri);
}

absl::StatusOr<ParseResult> ParseAtom(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  Node root = doc->Root();
  std::vector<v1::Story> stories;
  if (root.Is("entry")) {
    stories.push_back(AtomEntry(root, FeedContext()));
  } else if (root.Is("feed")) {
    const FeedContext feed = AtomFeedContext(root);
    std::vector<Node> entries = root.Children("entry");
    NW_RETURN_IF_ERROR(CheckItemCount(entries.size(), "Atom entries"));
    NW_RETURN_IF_ERROR(CheckInheritedBytes(feed.Bytes(), entries.size()));
    for (Node entry : entries) {
      NW_RETURN_IF_ERROR(CheckWorkBudget());
      stories.push_back(AtomEntry(entry, feed));
    }
  } else {
    return RecordRefused(DlqReason::kUnknownFormat,
                         absl::StrCat("atom: root element is <", root.Name(), ">"));
  }
  std::string reason = stories.empty() ? "feed without entries" : "";
  return xml::ResultOf(std::move(stories), std::move(reason));
}

bool SniffRss(const ParseInput& input) {
  std::optional<xml::RootElement> root = xml::SniffRoot(input.bytes);
  if (!root.has_value()) return false;
  if (root->name == "rss") return true;
  return root->name == "RDF" && xml::HeadContains(input.bytes, kRss10Namespace);
}

absl::StatusOr<ParseResult> ParseRss(const ParseInput& input) {
  absl::StatusOr<xml::Document> doc = xml::Document::Parse(input.bytes);
  if (!doc.ok()) return doc.status();
  Node root = doc->Root();
  if (!root.Is("rss") && !root.Is("RDF")) {
    return RecordRefused(DlqReason::kUnknownFormat,
                         absl::StrCat("rss: root element is <", root.Name(), ">"));
  }
  Node channel = root.Child("channel");
  // RSS 2.0 items sit in the channel, RSS 1.0 items beside it.
  std::vector<Node> items = channel.Children("item");
  for (Node item : root.Children("item")) items.push_back(item);
  NW_RETURN_IF_ERROR(CheckItemCount(items.size(), "RSS items"));
  std::vector<v1::Story> stories;
  const FeedContext feed = RssFeedContext(channel);
  NW_RETURN_IF_ERROR(CheckInheritedBytes(feed.Bytes(), items.size()));
  for (Node item : items) {
    NW_RETURN_IF_ERROR(CheckWorkBudget());
    stories.push_back(RssItem(item, feed));
  }
  std::string reason = items.empty() ? "feed without items" : "";
  return xml::ResultOf(std::move(stories), std::move(reason));
}

}  // namespace newswire
