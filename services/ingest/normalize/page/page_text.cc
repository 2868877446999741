#include "services/ingest/normalize/page/page_text.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/normalize/rules/agency.h"
#include "services/ingest/normalize/rules/dateline.h"
#include "services/ingest/normalize/page/page_text_lines.h"
#include "services/ingest/normalize/page/page_url.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"

namespace newswire {
namespace {

using page_text::Line;

// How far above the body the headline, dateline, byline and section are
// looked for, in non-empty lines.
constexpr int kHeadLines = 8;
// Non-empty lines after the body read for credit lines.
constexpr int kCreditLines = 4;
// A page needs this many kinds of page furniture to be taken as a page.
constexpr int kMinFurnitureKinds = 3;

struct Body {
  int begin = -1, end = -1;  // [begin, end) indexes into lines
};

// The maximum-weight run of lines: prose weighs its length, anything else
// weighs against (page_text::LineWeight).
Body FindBody(const std::vector<Line>& lines) {
  Body best;
  double best_sum = 0, sum = 0;
  int start = 0;
  for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += page_text::LineWeight(lines[i]);
    if (sum > best_sum) {
      best_sum = sum;
      best = {start, i + 1};
    }
  }
  // Trim what is not prose at both ends (the run may start on a label).
  while (best.begin >= 0 && best.begin < best.end && !lines[best.begin].prose) ++best.begin;
  while (best.end > best.begin && !lines[best.end - 1].prose) --best.end;
  return best;
}

bool IsHeadlineLike(const Line& line) {
  const std::string& t = line.text;
  if (t.size() < 10 || t.size() > 250 || line.words < 3 || line.words > 35) return false;
  if (page_text::IsFurniture(t) || page_text::IsCommentCount(t) || page_text::IsByline(t) ||
      page_text::IsTimeLine(t)) {
    return false;
  }
  if (page_text::FindDate(t).has_value() && line.words < 8) return false;
  char last = t.back();
  return last != ':' && last != ',';
}

bool IsSectionLabel(const Line& line) {
  const std::string& t = line.text;
  if (t.empty() || t.size() > 30 || line.words > 3) return false;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !absl::ascii_isalpha(u) && c != ' ' && c != '&' && c != '-') return false;
  }
  return !page_text::IsFurniture(t);
}

// Splits "JapanToday" into "Japan Today" (a lower-case letter followed by
// an upper-case one starts a word).
std::string SplitCamelCase(absl::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0 && absl::ascii_isupper(static_cast<unsigned char>(name[i])) &&
        absl::ascii_islower(static_cast<unsigned char>(name[i - 1]))) {
      out.push_back(' ');
    }
    out.push_back(name[i]);
  }
  return out;
}

bool IsPlatform(absl::string_view name) {
  static constexpr absl::string_view kPlatforms[] = {
      "facebook", "google", "twitter", "x", "apple", "linkedin", "microsoft", "yahoo",
      "instagram", "email", "e-mail", "amazon", "disqus", "whatsapp", "youtube", "tiktok"};
  std::string lower = absl::AsciiStrToLower(name);
  for (absl::string_view platform : kPlatforms) {
    if (lower == platform) return true;
  }
  return false;
}

// Capitalised words at the start of `s` ("JapanToday. By ..." -> "JapanToday").
std::string LeadingName(absl::string_view s) {
  std::vector<absl::string_view> words;
  for (absl::string_view word : absl::StrSplit(s, ' ', absl::SkipEmpty())) {
    absl::string_view bare = absl::StripSuffix(absl::StripSuffix(word, "."), ",");
    bool capital = !bare.empty() && (absl::ascii_isupper(static_cast<unsigned char>(bare[0])) ||
                                     absl::ascii_isdigit(static_cast<unsigned char>(bare[0])));
    if (!capital || words.size() == 3) break;
    words.push_back(bare);
    if (bare.size() != word.size()) break;  // punctuation ends the name
  }
  std::string name;
  for (absl::string_view w : words) {
    if (!name.empty()) name.push_back(' ');
    name.append(w.data(), w.size());
  }
  return name;
}

// The site's name as its own furniture uses it (see page_text.h).
std::string ProviderFromText(const std::vector<Line>& lines) {
  static constexpr absl::string_view kBefore[] = {
      "register with ", "login with ",   "log in with ", "sign in with ", "sign in to ",
      "sign up for ",   "welcome to ",   "subscribe to ", "log in to ",   "login to "};
  absl::flat_hash_map<std::string, int> votes;
  std::string first;
  auto vote = [&](std::string name) {
    if (name.empty() || IsPlatform(name) || absl::EqualsIgnoreCase(name, "your")) return;
    if (first.empty()) first = name;
    ++votes[name];
  };
  for (const Line& line : lines) {
    if (line.prose && line.text.size() > 300) continue;
    const std::string lower = absl::AsciiStrToLower(line.text);
    for (absl::string_view before : kBefore) {
      for (size_t at = lower.find(before.data(), 0, before.size()); at != std::string::npos;
           at = lower.find(before.data(), at + 1, before.size())) {
        vote(LeadingName(absl::string_view(line.text).substr(at + before.size())));
      }
    }
    for (size_t at = lower.find("your "); at != std::string::npos; at = lower.find("your ", at + 1)) {
      size_t account = lower.find(" account", at);
      if (account != std::string::npos && account - at < 40) {
        vote(std::string(absl::StripAsciiWhitespace(
            absl::string_view(line.text).substr(at + 5, account - at - 5))));
      }
    }
  }
  // "River Times" and "The River Times" are one name: the longer one wins.
  for (auto& [name, count] : votes) {
    for (auto& [other, other_count] : votes) {
      if (other.size() > name.size() && absl::EndsWith(other, " " + name) && count > 0) {
        other_count += count;
        count = 0;
        if (first == name) first = other;
      }
    }
  }
  std::string best;
  int best_votes = 0;
  for (const auto& [name, count] : votes) {
    if (count == 0) continue;
    if (count > best_votes || (count == best_votes && name == first)) {
      best = name;
      best_votes = count;
    }
  }
  return SplitCamelCase(best);
}

// "©2022 GPlusMedia Inc." -> "GPlusMedia Inc."
std::string PublisherFromCopyright(absl::string_view line) {
  absl::string_view s = line;
  for (absl::string_view prefix : {"©", "(c)", "(C)", "Copyright", "copyright"}) {
    absl::ConsumePrefix(&s, prefix);
    s = absl::StripLeadingAsciiWhitespace(s);
  }
  while (!s.empty() && (absl::ascii_isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' ||
                        s[0] == ' ' || s[0] == ',')) {
    s.remove_prefix(1);
  }
  return std::string(absl::StripAsciiWhitespace(s));
}

}  // namespace

bool LooksLikePageText(const ParseInput& input) {
  absl::string_view s = absl::StripLeadingAsciiWhitespace(input.utf8.substr(0, 256));
  if (s.empty() || s[0] == '<' || s[0] == '{' || s[0] == '[') return false;
  // Most texts that reach this test are no page: their furniture rules them
  // out before their lines are read in full.
  if (!page_text::ShowsFurnitureKinds(input.utf8, kMinFurnitureKinds)) return false;
  Body body = FindBody(page_text::SplitLines(input.utf8));
  return body.begin >= 0 && body.end - body.begin >= 1;
}

absl::StatusOr<ParseResult> ParsePageText(const ParseInput& input) {
  std::vector<Line> lines = page_text::SplitLines(input.utf8);
  Body body = FindBody(lines);
  if (body.begin < 0 || body.begin >= body.end) {
    return RecordRefused(DlqReason::kNoStory, "page text: no story body");
  }
  v1::Story story;
  story.set_source_format(v1::SOURCE_FORMAT_PAGE_TEXT);

  // Above the body: dateline, byline, headline, section; the first date.
  int headline_at = -1;
  int seen = 0;
  absl::string_view below = lines[body.begin].text;  // next non-empty line down
  for (int i = body.begin - 1; i >= 0 && seen < kHeadLines; --i) {
    const Line& line = lines[i];
    if (line.text.empty()) continue;
    ++seen;
    std::optional<DatelineMatch> dateline = FindDateline(line.text, below);
    below = line.text;
    if (headline_at < 0 && dateline && dateline->stands_alone && !dateline->place.empty() &&
        story.dateline().place().empty()) {
      v1::Dateline* d = story.mutable_dateline();
      d->set_place(dateline->place);
      d->set_date_text(dateline->date_text);
      d->set_agency(dateline->agency);
      d->set_text(dateline->text);
      continue;
    }
    if (headline_at < 0 && page_text::IsByline(line.text) && story.byline().empty()) {
      story.set_byline(line.text);
      continue;
    }
    if (headline_at < 0 && IsHeadlineLike(line)) {
      headline_at = i;
      story.set_headline(line.text);
      continue;
    }
    if (headline_at >= 0 && IsSectionLabel(line)) {
      story.set_source_section(line.text);
      break;
    }
  }
  for (int i = 0; i < body.begin; ++i) {
    if (std::optional<absl::Time> date = page_text::FindDate(lines[i].text)) {
      *story.mutable_first_created() = ToProtoTime(*date);
      *story.mutable_version_created() = ToProtoTime(*date);
      break;
    }
  }

  for (int i = body.begin; i < body.end; ++i) {
    const Line& line = lines[i];
    if (line.text.empty() || page_text::IsFurniture(line.text) ||
        page_text::IsCommentCount(line.text)) {
      continue;
    }
    story.add_paragraphs(line.text);
  }

  // Below the body: credit lines.
  std::string publisher;
  int read = 0;
  for (int i = body.end; i < static_cast<int>(lines.size()) && read < kCreditLines; ++i) {
    if (lines[i].text.empty()) continue;
    ++read;
    std::optional<Credit> credit = ParseCreditLine(lines[i].text);
    if (!credit) break;
    if (story.agency().empty() && !credit->agency.empty()) story.set_agency(credit->agency);
    if (credit->is_copyright) {
      if (story.copyright().empty()) story.set_copyright(lines[i].text);
      if (credit->agency.empty() && publisher.empty()) {
        publisher = PublisherFromCopyright(lines[i].text);
      }
    }
  }

  std::string provider = ProviderFromText(lines);
  if (provider.empty()) provider = ProviderFromHost(UrlHost(input.source_url));
  if (provider.empty()) provider = publisher;
  story.set_provider(provider);
  if (story.source_section().empty()) {
    story.set_source_section(SectionFromUrlPath(input.source_url));
  }
  ParseResult result;
  result.stories.push_back(std::move(story));
  return result;
}

}  // namespace newswire
