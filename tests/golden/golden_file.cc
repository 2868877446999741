#include "tests/golden/golden_file.h"

#include <algorithm>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newswire::golden {
namespace {

template <size_t N>
bool Contains(const absl::string_view (&names)[N], absl::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

absl::Status LineError(int line, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", message));
}

// "key: value" or "key:" (empty value). False when the line has no colon.
bool SplitKeyValue(absl::string_view line, std::string* key, std::string* value) {
  size_t colon = line.find(':');
  if (colon == absl::string_view::npos) return false;
  *key = std::string(absl::StripAsciiWhitespace(line.substr(0, colon)));
  *value = std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  return true;
}

absl::Status CheckComplete(const GoldenStory& story, int line) {
  for (absl::string_view field : kGoldenFields) {
    if (story.fields.count(std::string(field)) == 0) {
      return LineError(line, absl::StrCat("[story ", story.number, "] has no `", field, ":`"));
    }
  }
  for (const auto& [field, why] : story.known_wrong) {
    if (story.fields.count(field) == 0) {
      return LineError(line, absl::StrCat("known_wrong names `", field, "`, not a field of the block"));
    }
  }
  return absl::OkStatus();
}

absl::Status ParseHeader(const std::string& key, const std::string& value, int line,
                         GoldenFile* file) {
  if (key == "source") {
    std::pair<std::string, std::string> parts = absl::StrSplit(value, absl::MaxSplits(' ', 1));
    if (parts.first == "corpus") {
      file->origin = GoldenFile::Origin::kCorpus;
    } else if (parts.first == "testdata") {
      file->origin = GoldenFile::Origin::kTestdata;
    } else {
      return LineError(line, "source must be `corpus <path>` or `testdata <path>`");
    }
    file->source = std::string(absl::StripAsciiWhitespace(parts.second));
    if (file->source.empty()) return LineError(line, "source has no path");
    return absl::OkStatus();
  }
  if (key == "stories") {
    if (!absl::SimpleAtoi(value, &file->story_count) || file->story_count < 0) {
      return LineError(line, "stories must be a count");
    }
    return absl::OkStatus();
  }
  if (key == "error") {
    file->error = value;
    return absl::OkStatus();
  }
  return LineError(line, absl::StrCat("unknown header key `", key, "`"));
}

}  // namespace

absl::StatusOr<GoldenFile> ParseGoldenFile(absl::string_view text) {
  GoldenFile file;
  bool have_count = false;
  int line_number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++line_number;
    absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      int number = 0;
      absl::string_view inner = line;
      if (!absl::ConsumePrefix(&inner, "[story ") || !absl::ConsumeSuffix(&inner, "]") ||
          !absl::SimpleAtoi(inner, &number)) {
        return LineError(line_number, "expected `[story N]`");
      }
      if (!file.stories.empty()) {
        absl::Status complete = CheckComplete(file.stories.back(), line_number);
        if (!complete.ok()) return complete;
      }
      if (number != static_cast<int>(file.stories.size()) + 1) {
        return LineError(line_number, absl::StrCat("expected [story ", file.stories.size() + 1, "]"));
      }
      file.stories.push_back(GoldenStory{number, {}, {}});
      continue;
    }
    std::string key;
    std::string value;
    if (!SplitKeyValue(line, &key, &value)) {
      return LineError(line_number, "expected `key: value`");
    }
    if (file.stories.empty()) {
      absl::Status header = ParseHeader(key, value, line_number, &file);
      if (!header.ok()) return header;
      if (key == "stories") have_count = true;
      continue;
    }
    GoldenStory& story = file.stories.back();
    if (key == "known_wrong") {
      std::pair<std::string, std::string> parts = absl::StrSplit(value, absl::MaxSplits("--", 1));
      std::string field(absl::StripAsciiWhitespace(parts.first));
      std::string why(absl::StripAsciiWhitespace(parts.second));
      if (why.empty()) return LineError(line_number, "known_wrong: <field> -- <why>");
      story.known_wrong[field] = why;
      continue;
    }
    if (!Contains(kGoldenFields, key) && !Contains(kOptionalFields, key)) {
      return LineError(line_number, absl::StrCat("unknown field `", key, "`"));
    }
    if (!story.fields.emplace(key, value).second) {
      return LineError(line_number, absl::StrCat("`", key, "` given twice"));
    }
  }
  if (file.source.empty()) return absl::InvalidArgumentError("no `source:` line");
  if (!have_count) return absl::InvalidArgumentError("no `stories:` line");
  if (!file.stories.empty()) {
    absl::Status complete = CheckComplete(file.stories.back(), line_number);
    if (!complete.ok()) return complete;
  }
  if (static_cast<int>(file.stories.size()) != file.story_count) {
    return absl::InvalidArgumentError(absl::StrCat("stories: ", file.story_count, " but ",
                                                   file.stories.size(), " [story] blocks"));
  }
  if (file.story_count == 0 && file.error.empty()) {
    return absl::InvalidArgumentError("a file of no stories must say its `error:`");
  }
  return file;
}

}  // namespace newswire::golden
