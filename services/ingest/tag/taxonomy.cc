#include "services/ingest/tag/taxonomy.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace newswire::tag {

// Names as IPTC publishes them in English (NewsCodes mediatopic, en-GB).
const std::array<Topic, kTopicCount> kTopics = {{
    {"01000000", "medtop:01000000", "arts, culture, entertainment and media", "arts"},
    {"02000000", "medtop:02000000", "crime, law and justice", "crime"},
    {"03000000", "medtop:03000000", "disaster, accident and emergency incident", "disaster"},
    {"04000000", "medtop:04000000", "economy, business and finance", "economy"},
    {"05000000", "medtop:05000000", "education", "education"},
    {"06000000", "medtop:06000000", "environment", "environment"},
    {"07000000", "medtop:07000000", "health", "health"},
    {"08000000", "medtop:08000000", "human interest", "human-interest"},
    {"09000000", "medtop:09000000", "labour", "labour"},
    {"10000000", "medtop:10000000", "lifestyle and leisure", "lifestyle"},
    {"11000000", "medtop:11000000", "politics", "politics"},
    {"12000000", "medtop:12000000", "religion", "religion"},
    {"13000000", "medtop:13000000", "science and technology", "science"},
    {"14000000", "medtop:14000000", "society", "society"},
    {"15000000", "medtop:15000000", "sport", "sport"},
    {"16000000", "medtop:16000000", "conflict, war and peace", "conflict"},
    {"17000000", "medtop:17000000", "weather", "weather"},
}};

std::optional<int> TopicFromCode(absl::string_view code) {
  code = absl::StripAsciiWhitespace(code);
  if (absl::StartsWithIgnoreCase(code, "medtop:")) code.remove_prefix(7);
  if (code.size() == 8) {
    if (code.substr(2) != "000000") return std::nullopt;
    code = code.substr(0, 2);
  }
  int number = 0;
  if (code.size() != 2 || !absl::ascii_isdigit(code[0]) || !absl::ascii_isdigit(code[1]) ||
      !absl::SimpleAtoi(code, &number) || number < 1 || number > kTopicCount) {
    return std::nullopt;
  }
  return number - 1;
}

std::optional<int> FindTopic(absl::string_view code_or_name) {
  absl::string_view text = absl::StripAsciiWhitespace(code_or_name);
  if (std::optional<int> topic = TopicFromCode(text)) return topic;
  for (int i = 0; i < kTopicCount; ++i) {
    if (absl::EqualsIgnoreCase(text, kTopics[i].name) ||
        absl::EqualsIgnoreCase(text, kTopics[i].short_name)) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace newswire::tag
