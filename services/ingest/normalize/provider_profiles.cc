#include "services/ingest/normalize/provider_profiles.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/file.h"
#include "services/ingest/normalize/default_provider_profiles.h"

namespace newswire {
namespace {

constexpr int kColumns = 6;

// Lower case, runs of whitespace as one space, trimmed: how names compare.
std::string Key(absl::string_view name) {
  std::vector<absl::string_view> words =
      absl::StrSplit(name, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
  return absl::AsciiStrToLower(absl::StrJoin(words, " "));
}

// "urn:newsml:stt.fi:20130216:96690243" -> "stt.fi";
// "tag:reuters.com,2014:newsml_X" -> "reuters.com".
std::string GuidDomain(absl::string_view guid) {
  if (absl::ConsumePrefix(&guid, "urn:newsml:") || absl::ConsumePrefix(&guid, "tag:")) {
    return Key(guid.substr(0, guid.find_first_of(":,")));
  }
  return "";
}

absl::StatusOr<ProviderProfile> ParseRow(absl::string_view line) {
  std::vector<std::string> columns = absl::StrSplit(line, '\t');
  if (columns.size() != kColumns) {
    return absl::InvalidArgumentError(
        absl::StrCat(columns.size(), " tab-separated columns, want ", kColumns,
                     ": name, match, time_zone, agency, id_scheme, source_format"));
  }
  for (std::string& column : columns) column = std::string(absl::StripAsciiWhitespace(column));
  ProviderProfile profile;
  profile.name = absl::AsciiStrToUpper(columns[0]);
  if (profile.name.empty()) return absl::InvalidArgumentError("empty name");
  for (absl::string_view name : absl::StrSplit(columns[1], ',')) {
    std::string key = Key(name);
    if (!key.empty()) profile.match.push_back(std::move(key));
  }
  if (profile.match.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(profile.name, ": no match names"));
  }
  profile.time_zone = columns[2];
  if (!absl::LoadTimeZone(profile.time_zone, &profile.zone)) {
    return absl::InvalidArgumentError(
        absl::StrCat(profile.name, ": time zone \"", profile.time_zone,
                     "\" not in the system zoneinfo (is tzdata installed?)"));
  }
  if (columns[3] != "-") profile.agency = absl::AsciiStrToUpper(columns[3]);
  profile.id_scheme = columns[4];
  const std::string format = absl::StrCat("SOURCE_FORMAT_", absl::AsciiStrToUpper(columns[5]));
  if (!v1::SourceFormat_Parse(format, &profile.source_format)) {
    return absl::InvalidArgumentError(
        absl::StrCat(profile.name, ": unknown source format \"", columns[5], "\""));
  }
  return profile;
}

// Every row of `tsv`; comments (#) and blank lines skipped.
absl::StatusOr<std::vector<ProviderProfile>> ParseRows(absl::string_view tsv,
                                                       absl::string_view origin) {
  std::vector<ProviderProfile> rows;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::StripLeadingAsciiWhitespace(line).empty() || absl::StartsWith(line, "#")) continue;
    absl::StatusOr<ProviderProfile> row = ParseRow(line);
    if (row.ok()) {
      for (const ProviderProfile& earlier : rows) {
        if (earlier.name == row->name) {
          row = absl::InvalidArgumentError(absl::StrCat(row->name, " given twice"));
          break;
        }
      }
    }
    if (!row.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("provider profiles ", origin, " line ", line_number, ": ",
                       row.status().message()));
    }
    rows.push_back(*std::move(row));
  }
  return rows;
}

}  // namespace

const ProviderProfiles& ProviderProfiles::BuiltIn() {
  static const ProviderProfiles* const built_in = [] {
    auto* profiles = new ProviderProfiles();
    absl::StatusOr<std::vector<ProviderProfile>> rows =
        ParseRows(tag::DefaultProviderProfilesTsv(), "(built in)");
    if (rows.ok()) profiles->profiles_ = *std::move(rows);
    return profiles;
  }();
  return *built_in;
}

absl::StatusOr<ProviderProfiles> ProviderProfiles::Parse(absl::string_view tsv,
                                                         absl::string_view origin) {
  absl::StatusOr<std::vector<ProviderProfile>> rows = ParseRows(tsv, origin);
  if (!rows.ok()) return rows.status();
  ProviderProfiles merged;
  merged.profiles_ = *std::move(rows);
  for (const ProviderProfile& built_in : BuiltIn().profiles_) {
    if (merged.FindName(built_in.name) == nullptr) merged.profiles_.push_back(built_in);
  }
  return merged;
}

absl::StatusOr<ProviderProfiles> ProviderProfiles::LoadFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path, "provider profiles");
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

const ProviderProfile* ProviderProfiles::FindName(absl::string_view name) const {
  for (const ProviderProfile& profile : profiles_) {
    if (profile.name == name) return &profile;
  }
  return nullptr;
}

const ProviderProfile* ProviderProfiles::Find(const v1::Story& story,
                                              absl::string_view agency_header) const {
  for (const std::string& candidate : {Key(story.provider()), GuidDomain(story.source_guid()),
                                       Key(agency_header), Key(story.agency())}) {
    if (candidate.empty()) continue;
    for (const ProviderProfile& profile : profiles_) {
      for (const std::string& name : profile.match) {
        if (name == candidate) return &profile;
      }
    }
  }
  return nullptr;
}

}  // namespace newswire
