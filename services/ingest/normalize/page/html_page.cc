#include "services/ingest/normalize/page/html_page.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/normalize/page/extract_body.h"
#include "services/ingest/normalize/page/html_page_charset.h"
#include "services/ingest/normalize/page/html_page_dom.h"
#include "services/ingest/normalize/page/html_page_hints.h"
#include "services/ingest/normalize/page/html_page_meta.h"
#include "services/ingest/normalize/page/page_url.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"

namespace newswire {
namespace {

// How far into the record the sniffer looks for the document's first tag.
constexpr size_t kSniffBytes = 2048;
// The JSON-LD articleBody replaces the markup's body when it holds this many
// times more text (the markup extraction failed or found a teaser).
constexpr size_t kLdFallbackRatio = 3;

std::string Lower(absl::string_view s) { return absl::AsciiStrToLower(s); }

// Whether `a` and `b` name the same title (one contains the other, ignoring
// case), as an <h1> and og:title of one article do.
bool SameTitle(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return false;
  std::string la = Lower(a), lb = Lower(b);
  return absl::StrContains(la, lb) || absl::StrContains(lb, la);
}

std::string ChooseHeadline(const html::PageMeta& meta) {
  std::string og = html::StripSiteFromTitle(meta.og_title, meta.site_name);
  std::string title = html::StripSiteFromTitle(meta.title, meta.site_name);
  const std::string& h1 = meta.first_h1;
  if (!h1.empty() && h1.size() < 300 &&
      (SameTitle(h1, meta.ld_headline) || SameTitle(h1, og) || SameTitle(h1, title))) {
    return h1;
  }
  for (const std::string* candidate : std::initializer_list<const std::string*>{
           &meta.ld_headline, &og, &title, &h1}) {
    if (!candidate->empty()) return *candidate;
  }
  return "";
}

bool IsAbsoluteUrl(absl::string_view url) {
  return absl::StartsWith(url, "http://") || absl::StartsWith(url, "https://");
}

// A wire agency named as the author: "Associated Press", "By Jane Doe,
// Reuters", "AFP". "" when the byline names none.
std::string AgencyFromByline(absl::string_view byline) {
  absl::string_view rest = byline;
  if (absl::StartsWithIgnoreCase(rest, "by ")) rest.remove_prefix(3);
  std::string agency = NormalizeAgency(rest);
  if (!agency.empty()) return agency;
  for (absl::string_view part : absl::StrSplit(rest, absl::ByAnyChar(",/|;"))) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::StartsWithIgnoreCase(part, "the ")) part.remove_prefix(4);
    agency = NormalizeAgency(part);
    if (!agency.empty()) return agency;
  }
  return "";
}

}  // namespace

bool LooksLikeHtmlPage(const ParseInput& input) {
  absl::string_view s = input.bytes.substr(0, kSniffBytes);
  absl::ConsumePrefix(&s, "\xEF\xBB\xBF");
  while (true) {
    s = absl::StripLeadingAsciiWhitespace(s);
    if (absl::StartsWith(s, "<!--")) {
      size_t end = s.find("-->");
      if (end == absl::string_view::npos) return false;
      s.remove_prefix(end + 3);
    } else if (absl::StartsWith(s, "<?")) {
      size_t end = s.find("?>");
      if (end == absl::string_view::npos) return false;
      s.remove_prefix(end + 2);
    } else {
      break;
    }
  }
  for (absl::string_view opening : {"<!doctype html", "<html", "<head", "<body"}) {
    if (absl::StartsWithIgnoreCase(s, opening)) {
      char next = s.size() > opening.size() ? s[opening.size()] : '>';
      if (next == '>' || next == ' ' || next == '\n' || next == '\r' || next == '\t' ||
          next == '/') {
        return true;
      }
    }
  }
  const bool labelled = html::ContainsIgnoreCase(input.content_type, "text/html") ||
                        html::ContainsIgnoreCase(input.content_type, "xhtml");
  return labelled && s.size() > 1 && s[0] == '<' &&
         (absl::ascii_isalpha(static_cast<unsigned char>(s[1])) || s[1] == '!');
}

v1::Story ExtractHtmlStory(absl::string_view bytes, absl::string_view content_type,
                           absl::string_view source_url) {
  bytes = bytes.substr(0, kMaxHtmlPageBytes);
  html::HtmlPageDom dom =
      html::HtmlPageDom::Parse(html::HtmlPageToUtf8(bytes, content_type));
  std::vector<uint32_t> hints = html::ComputeHints(dom);
  html::PageMeta meta = html::ReadPageMeta(dom, hints);

  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_HTML_PAGE);
  story.set_headline(ChooseHeadline(meta));
  html::BodyHints body_hints;
  body_hints.headline = story.headline();
  body_hints.ld_body = meta.ld_body;
  html::ExtractedBody body = html::ExtractBody(dom, hints, body_hints);
  if (!meta.ld_body.empty()) {
    std::vector<std::string> ld = html::ParagraphsFromLdBody(meta.ld_body);
    size_t dom_chars = 0, ld_chars = 0;
    for (const std::string& p : body.paragraphs) dom_chars += p.size();
    for (const std::string& p : ld) ld_chars += p.size();
    if (dom_chars * kLdFallbackRatio < ld_chars) body.paragraphs = std::move(ld);
  }
  for (std::string& paragraph : body.paragraphs) {
    if (paragraph != story.headline()) story.add_paragraphs(std::move(paragraph));
  }
  if (!meta.description.empty() && meta.description != story.headline()) {
    story.set_subheadline(meta.description);
  }
  story.set_byline(meta.author);
  if (!meta.published.empty()) {
    ParseNewsTimestamp(meta.published, story.mutable_first_created());
  }
  if (!meta.modified.empty()) {
    ParseNewsTimestamp(meta.modified, story.mutable_version_created());
  } else if (story.has_first_created()) {
    *story.mutable_version_created() = story.first_created();
  }
  std::string url = IsAbsoluteUrl(meta.canonical_url) ? meta.canonical_url : "";
  story.set_source_url(url);
  const std::string page_url = url.empty() ? std::string(source_url) : url;
  story.set_source_section(!meta.section.empty() ? meta.section : SectionFromUrlPath(page_url));
  std::string provider = meta.site_name;
  if (provider.empty()) provider = ProviderFromHost(UrlHost(page_url));
  story.set_provider(provider);
  story.set_language(meta.language);
  for (const std::string& keyword : meta.keywords) story.add_keywords(keyword);
  if (!meta.copyright.empty()) story.set_copyright(meta.copyright);
  std::string agency = AgencyFromByline(story.byline());
  if (agency.empty() && !story.provider().empty()) {
    // A wire agency's own site ("Reuters", "AP News") carries its own copy.
    agency = NormalizeAgency(story.provider());
  }
  story.set_agency(agency);
  return story;
}

absl::StatusOr<ParseResult> ParseHtmlPage(const ParseInput& input) {
  v1::Story story = ExtractHtmlStory(input.bytes, input.content_type, input.source_url);
  if (story.paragraphs_size() == 0) {
    return RecordRefused(DlqReason::kNoStory, "html page: no article text");
  }
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace newswire
