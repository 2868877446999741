#include "services/ingest/normalize/xml/xml_meta.h"

#include <algorithm>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"

namespace newswire::xml {
namespace {

struct AgencyName {
  const char* name;  // normalized: lower case, punctuation as spaces
  const char* code;
};

// Short codes the agencies use for themselves.
constexpr AgencyName kAgencyCodes[] = {
    {"ap", "AP"},         {"reuters", "REUTERS"}, {"afp", "AFP"},     {"dpa", "DPA"},
    {"aap", "AAP"},       {"pa", "PA"},           {"ntb", "NTB"},     {"ansa", "ANSA"},
    {"stt", "STT"},       {"ritzau", "RITZAU"},   {"efe", "EFE"},     {"kyodo", "KYODO"},
    {"ana", "ANA"},       {"tt", "TT"},           {"apa", "APA"},     {"belga", "BELGA"},
    {"anp", "ANP"},       {"xinhua", "XINHUA"},   {"bloomberg", "BLOOMBERG"},
    {"upi", "UPI"},       {"wenn", "WENN"},       {"yonhap", "YONHAP"}, {"jiji", "JIJI"},
    {"sda", "SDA"},       {"ctk", "CTK"},         {"pap", "PAP"},     {"tass", "TASS"},
};

// Full names; a name also matches with more words after it ("... GmbH").
constexpr AgencyName kAgencyNames[] = {
    {"associated press", "AP"},
    {"thomson reuters", "REUTERS"},
    {"agence france presse", "AFP"},
    {"agence france press", "AFP"},
    {"deutsche presse agentur", "DPA"},
    {"australian associated press", "AAP"},
    {"press association", "PA"},
    {"pa media", "PA"},
    {"norsk telegrambyrå", "NTB"},
    {"norsk telegrambyra", "NTB"},
    {"agenzia nazionale stampa associata", "ANSA"},
    {"suomen tietotoimisto", "STT"},
    {"stt lehtikuva", "STT"},
    {"ritzaus bureau", "RITZAU"},
    {"agencia efe", "EFE"},
    {"kyodo news", "KYODO"},
    {"athens news agency", "ANA"},
    {"ana mpa", "ANA"},
    {"ana mpe", "ANA"},  // its domain, ana-mpe.gr
    {"canadian press", "CP"},
    {"la presse canadienne", "CP"},
    {"\xCE\x91\xCE\xA0\xCE\x95 \xCE\x9C\xCE\xA0\xCE\x95", "ANA"},  // its Greek initials
    {"tidningarnas telegrambyrå", "TT"},
    {"austria presse agentur", "APA"},
    {"xinhua news agency", "XINHUA"},
    {"united press international", "UPI"},
    {"world entertainment news network", "WENN"},
    {"yonhap news agency", "YONHAP"},
};

// Words that may follow an agency's short code in a provider name ("PA
// Sport", "dpa Deutsche Presse Agentur GmbH", "WENN Newsdesk").
constexpr const char* kAgencySuffixWords[] = {
    "sport", "sports", "news", "newsdesk", "media", "photo", "photos", "tv", "video",
    "press", "presse", "agency", "agentur", "gmbh", "ltd", "inc", "service", "wire",
    "deutsche", "international", "english", "finance", "business",
};

const char* CodeFor(absl::string_view normalized) {
  for (const AgencyName& entry : kAgencyCodes) {
    if (normalized == entry.name) return entry.code;
  }
  return nullptr;
}

// Lower case, punctuation to spaces, "the"/"(c)"/"copyright"/years dropped.
std::string NormalizeName(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  for (char& c : lower) {
    if (c == '-' || c == '.' || c == ',' || c == '(' || c == ')' || c == '_' || c == '/') c = ' ';
  }
  std::vector<std::string> words;
  for (absl::string_view word : absl::StrSplit(lower, ' ', absl::SkipEmpty())) {
    bool digits = !word.empty() && absl::c_all_of(word, [](char c) {
      return absl::ascii_isdigit(static_cast<unsigned char>(c));
    });
    if (digits || word == "c" || word == "copyright" || word == "©") continue;
    if (words.empty() && word == "the") continue;
    words.emplace_back(word);
  }
  return absl::StrJoin(words, " ");
}

bool IsMonth(absl::string_view word) {
  std::string w = absl::AsciiStrToLower(absl::StripSuffix(word, "."));
  static constexpr const char* kMonths[] = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
      "dec", "january", "february", "march", "april", "june", "july", "august",
      "september", "october", "november", "december"};
  for (const char* month : kMonths) {
    if (w == month) return true;
  }
  return false;
}

bool HasDigit(absl::string_view text) {
  return absl::c_any_of(text, [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

bool LooksLikeDate(absl::string_view segment) {
  std::vector<absl::string_view> words = absl::StrSplit(segment, ' ', absl::SkipEmpty());
  return HasDigit(segment) || (!words.empty() && IsMonth(words[0]));
}

std::string Fixed(const std::string& text) {
  return text::IsValidUtf8(text) ? text : text::ToUtf8(text);
}

}  // namespace

std::string AgencyFromName(absl::string_view name) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(name);
  if (trimmed.empty()) return "";
  std::string candidate(trimmed);
  bool one_word = candidate.find(' ') == std::string::npos;
  // A qcode ("nprov:REUTERS") names the agency by its code.
  if (one_word && candidate.find(':') != std::string::npos && candidate.find("//") == std::string::npos) {
    candidate = candidate.substr(candidate.rfind(':') + 1);
  }
  // A domain ("reuters.com", "feed.wenn.com") by its second-level label.
  if (one_word && candidate.find('.') != std::string::npos) {
    std::vector<std::string> labels = absl::StrSplit(candidate, '.', absl::SkipEmpty());
    if (labels.size() >= 2) candidate = labels[labels.size() - 2];
  }
  std::string normalized = NormalizeName(candidate);
  if (normalized.empty()) return "";
  if (const char* code = CodeFor(normalized)) return code;
  for (const AgencyName& entry : kAgencyNames) {
    absl::string_view full = entry.name;
    if (normalized == full || absl::StartsWith(normalized, absl::StrCat(full, " "))) {
      return entry.code;
    }
  }
  std::vector<absl::string_view> words = absl::StrSplit(normalized, ' ');
  if (words.size() < 2) return "";
  const char* code = CodeFor(words[0]);
  if (code == nullptr) return "";
  for (size_t i = 1; i < words.size(); ++i) {
    bool allowed = false;
    for (const char* suffix : kAgencySuffixWords) allowed = allowed || words[i] == suffix;
    if (!allowed) return "";
  }
  return code;
}

std::string FirstAgency(std::initializer_list<absl::string_view> names) {
  for (absl::string_view name : names) {
    std::string agency = AgencyFromName(name);
    if (!agency.empty()) return agency;
  }
  return "";
}

std::string AgencyFromGuid(absl::string_view guid) {
  absl::string_view rest = absl::StripAsciiWhitespace(guid);
  absl::string_view authority;
  if (absl::ConsumePrefix(&rest, "tag:")) {
    authority = rest.substr(0, rest.find_first_of(",:"));
  } else if (absl::ConsumePrefix(&rest, "tag_")) {
    authority = rest.substr(0, rest.find('_'));
  } else if (absl::ConsumePrefix(&rest, "urn:newsml:")) {
    authority = rest.substr(0, rest.find(':'));
  } else {
    return "";
  }
  if (authority.find('.') == absl::string_view::npos) return "";
  return AgencyFromName(authority);
}

v1::Dateline DatelineFromText(absl::string_view printed) {
  v1::Dateline dateline;
  std::string text = text::CollapseWhitespace(printed);
  dateline.set_text(text);
  absl::string_view s = text;
  // Trailing dash, underscore or colon that leads into the story.
  auto strip_tail = [&s] {
    while (!s.empty()) {
      if (absl::ConsumeSuffix(&s, " ") || absl::ConsumeSuffix(&s, "-") ||
          absl::ConsumeSuffix(&s, "_") || absl::ConsumeSuffix(&s, ":") ||
          absl::ConsumeSuffix(&s, "\xE2\x80\x94") || absl::ConsumeSuffix(&s, "\xE2\x80\x93")) {
        continue;
      }
      break;
    }
  };
  strip_tail();
  size_t open = s.rfind('(');
  size_t close = s.rfind(')');
  if (open != absl::string_view::npos && close != absl::string_view::npos && close > open) {
    dateline.set_agency(std::string(absl::StripAsciiWhitespace(s.substr(open + 1, close - open - 1))));
    s = s.substr(0, open);
    strip_tail();
  } else {
    size_t space = s.rfind(' ');
    absl::string_view last = space == absl::string_view::npos ? s : s.substr(space + 1);
    bool code = !last.empty() && absl::c_all_of(last, [](char c) {
      return absl::ascii_isupper(static_cast<unsigned char>(c));
    });
    if (space != absl::string_view::npos && code && !AgencyFromName(last).empty()) {
      dateline.set_agency(std::string(last));
      s = s.substr(0, space);
      strip_tail();
    }
  }
  size_t dash = s.rfind(" - ");
  if (dash != absl::string_view::npos) s = s.substr(dash + 3);
  std::vector<absl::string_view> segments = absl::StrSplit(s, ',');
  std::string place;
  std::vector<absl::string_view> date_parts;
  for (size_t i = 0; i < segments.size(); ++i) {
    absl::string_view segment = absl::StripAsciiWhitespace(segments[i]);
    if (segment.empty()) continue;
    if (!date_parts.empty()) {
      date_parts.push_back(segment);
      continue;
    }
    if (i == 0) {
      // "SYDNEY March 22": the place ends where a month or number starts.
      std::vector<absl::string_view> words = absl::StrSplit(segment, ' ', absl::SkipEmpty());
      size_t w = 0;
      while (w < words.size() && !HasDigit(words[w]) && !IsMonth(words[w])) ++w;
      place = absl::StrJoin(words.begin(), words.begin() + w, " ");
      if (w < words.size()) {
        date_parts.push_back(segment.substr(words[w].data() - segment.data()));
      }
    } else if (LooksLikeDate(segment)) {
      date_parts.push_back(segment);
    } else {
      place += ", ";
      place += std::string(segment);
    }
  }
  // A long run of words is a sentence, not a place.
  if (place.size() <= 60 && std::count(place.begin(), place.end(), ' ') < 6) {
    dateline.set_place(place);
  }
  dateline.set_date_text(absl::StrJoin(date_parts, ", "));
  return dateline;
}

v1::Signal SignalFromText(std::initializer_list<absl::string_view> texts) {
  v1::Signal signal = v1::SIGNAL_UNSPECIFIED;
  auto raise = [&signal](v1::Signal found) {
    auto rank = [](v1::Signal s) {
      return s == v1::SIGNAL_KILL ? 3 : s == v1::SIGNAL_CORRECTION ? 2 : s == v1::SIGNAL_UPDATE ? 1 : 0;
    };
    if (rank(found) > rank(signal)) signal = found;
  };
  for (absl::string_view text : texts) {
    std::string lower = absl::AsciiStrToLower(text);
    if (absl::StrContains(lower, "writethru") || absl::StrContains(lower, "write-thru")) {
      raise(v1::SIGNAL_UPDATE);
    }
    for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" -/,.;:()[]\t\n"),
                                                 absl::SkipEmpty())) {
      if (word == "KILL") raise(v1::SIGNAL_KILL);
      if (word == "CORRECTS" || word == "CORRECTED" || word == "CORRECTION" ||
          word == "CORRECTING") {
        raise(v1::SIGNAL_CORRECTION);
      }
      if (word == "UPDATE" || word == "UPDATES") raise(v1::SIGNAL_UPDATE);
    }
  }
  return signal;
}

int UrgencyFromText(absl::string_view text) {
  int value = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &value)) return 0;
  return value >= 1 && value <= 9 ? value : 0;
}

std::optional<google::protobuf::Timestamp> FirstTime(std::initializer_list<std::string> texts) {
  for (const std::string& text : texts) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(text);
    google::protobuf::Timestamp time;
    if (!trimmed.empty() && ParseNewsTimestamp(trimmed, &time)) return time;
  }
  return std::nullopt;
}

void AddSubject(absl::string_view scheme, absl::string_view code, absl::string_view name,
                v1::Story& story) {
  // Past the cap nothing is scanned: the duplicate check below is linear.
  if (code.empty() || story.subjects_size() >= kMaxSourceSubjects) return;
  for (const v1::Subject& subject : story.subjects()) {
    if (subject.scheme() == scheme && subject.code() == code) return;
  }
  v1::Subject* subject = story.add_subjects();
  subject->set_scheme(std::string(scheme));
  subject->set_code(std::string(code));
  subject->set_name(std::string(name));
  subject->set_origin(v1::CLASSIFICATION_ORIGIN_SOURCE);
  subject->set_confidence(1.0f);
}

void AddKeyword(absl::string_view keyword, v1::Story& story) {
  if (keyword.empty() || story.keywords_size() >= kMaxSourceKeywords) return;
  for (const std::string& existing : story.keywords()) {
    if (existing == keyword) return;
  }
  story.add_keywords(std::string(keyword));
}

void TidyStory(v1::Story& story) {
  auto same = [](absl::string_view a, absl::string_view b) {
    return !a.empty() && absl::EqualsIgnoreCase(a, b);
  };
  if (same(story.subheadline(), story.headline())) story.clear_subheadline();
  auto* paragraphs = story.mutable_paragraphs();
  while (!paragraphs->empty() && same(paragraphs->Get(0), story.headline())) {
    paragraphs->erase(paragraphs->begin());
  }
  // Every parser's text comes through libxml2 or CleanLine; this is the net.
  for (std::string* field :
       {story.mutable_headline(), story.mutable_subheadline(), story.mutable_byline(),
        story.mutable_copyright(), story.mutable_slugline(), story.mutable_editorial_note(),
        story.mutable_source_section(), story.mutable_provider(), story.mutable_agency(),
        story.mutable_source_guid(), story.mutable_source_uri(), story.mutable_source_url(),
        story.mutable_language()}) {
    *field = Fixed(*field);
  }
  v1::Dateline* dateline = story.mutable_dateline();
  for (std::string* field : {dateline->mutable_place(), dateline->mutable_date_text(),
                             dateline->mutable_agency(), dateline->mutable_text()}) {
    *field = Fixed(*field);
  }
  if (dateline->ByteSizeLong() == 0) story.clear_dateline();
  for (std::string& paragraph : *paragraphs) paragraph = Fixed(paragraph);
  for (std::string& keyword : *story.mutable_keywords()) keyword = Fixed(keyword);
}

bool HasText(const v1::Story& story) {
  return !story.headline().empty() || !story.paragraphs().empty();
}

ParseResult ResultOf(std::vector<v1::Story> stories, std::string no_story_reason) {
  ParseResult result;
  for (v1::Story& story : stories) {
    TidyStory(story);
    if (HasText(story)) result.stories.push_back(std::move(story));
  }
  if (result.stories.empty()) {
    result.no_story_reason = no_story_reason.empty() ? "empty item: no headline and no text"
                                                     : std::move(no_story_reason);
  }
  return result;
}

}  // namespace newswire::xml
