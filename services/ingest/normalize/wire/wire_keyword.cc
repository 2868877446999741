#include "services/ingest/normalize/wire/wire_keyword.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newswire::wire {
namespace {

// The ANPA header's keyword field.
constexpr size_t kAnpaKeywordLength = 24;

// `keyword` without its cycle designator ("BC-", "AM-", "PM-").
absl::string_view WithoutCycle(absl::string_view keyword) {
  keyword = absl::StripAsciiWhitespace(keyword);
  for (absl::string_view cycle : {"BC-", "AM-", "PM-"}) {
    if (absl::StartsWithIgnoreCase(keyword, cycle)) return keyword.substr(cycle.size());
  }
  return keyword;
}

}  // namespace

bool LooksLikeAnpaKeyword(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  absl::string_view rest = WithoutCycle(text);
  if (rest.size() == text.size()) return false;
  size_t dashes = rest.find("--");
  if (dashes == 0 || dashes == absl::string_view::npos || dashes > 5) return false;
  for (char c : rest.substr(0, dashes)) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return dashes + 2 < rest.size();
}

bool IsAlertKeyword(absl::string_view keyword) {
  std::string squeezed = absl::StrReplaceAll(keyword, {{" ", ""}});
  return absl::EndsWithIgnoreCase(squeezed, "APNewsAlert");
}

std::string KeywordHeadline(absl::string_view keyword) {
  if (IsAlertKeyword(keyword)) return "";
  absl::string_view words = WithoutCycle(keyword);
  if (size_t dashes = words.find("--"); dashes != absl::string_view::npos) {
    words = words.substr(dashes + 2);
  }
  std::vector<absl::string_view> parts;
  for (absl::string_view part : absl::StrSplit(words, '-')) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) parts.push_back(part);
  }
  std::string headline;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      bool spaced = absl::StrContains(parts[i - 1], ' ') || absl::StrContains(parts[i], ' ');
      headline += spaced ? " - " : "-";
    }
    headline.append(parts[i].data(), parts[i].size());
  }
  return headline;
}

std::string KeywordIdentity(absl::string_view keyword) {
  return IsAlertKeyword(keyword) ? "" : KeywordKey(keyword);
}

std::string KeywordKey(absl::string_view keyword) {
  std::string squeezed = absl::StrReplaceAll(absl::StripAsciiWhitespace(keyword), {{" ", ""}});
  // ANPA counts characters of 7-bit text; a repaired byte may be a longer
  // UTF-8 sequence, which the cut must not split.
  size_t cut = std::min(squeezed.size(), kAnpaKeywordLength);
  while (cut > 0 && cut < squeezed.size() &&
         (static_cast<unsigned char>(squeezed[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  squeezed.resize(cut);
  return absl::AsciiStrToLower(WithoutCycle(squeezed));
}

}  // namespace newswire::wire
