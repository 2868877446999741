#include "services/ingest/serve/event_filter.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace newswire {
namespace {

std::vector<std::string> Lowered(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    std::string lowered = absl::AsciiStrToLower(absl::StripAsciiWhitespace(value));
    if (!lowered.empty()) out.push_back(std::move(lowered));
  }
  return out;
}

bool AnyEquals(const std::vector<std::string>& wanted, const std::string& value) {
  std::string lowered = absl::AsciiStrToLower(value);
  return std::find(wanted.begin(), wanted.end(), lowered) != wanted.end();
}

// "en" matches "en" and "en-GB"; "en-gb" matches only itself.
bool LanguageMatches(const std::vector<std::string>& wanted, const std::string& language) {
  std::string lowered = absl::AsciiStrToLower(language);
  for (const std::string& tag : wanted) {
    if (lowered == tag || absl::StartsWith(lowered, tag + "-")) return true;
  }
  return false;
}

constexpr int kDefaultUrgency = 5;

}  // namespace

EventFilter::EventFilter(const v1::StoryFilter& filter, bool include_duplicates)
    : sections_(Lowered(filter.sections())),
      agencies_(Lowered(filter.agencies())),
      languages_(Lowered(filter.languages())),
      min_urgency_(filter.min_urgency()),
      include_duplicates_(include_duplicates) {}

bool EventFilter::MatchesStory(const v1::Story& story) const {
  if (!sections_.empty() && !AnyEquals(sections_, story.section().code()) &&
      !AnyEquals(sections_, story.section().name())) {
    return false;
  }
  if (!agencies_.empty() && !AnyEquals(agencies_, story.agency())) return false;
  if (!languages_.empty() && !LanguageMatches(languages_, story.language())) return false;
  if (min_urgency_ > 0) {
    int urgency = story.urgency() > 0 ? story.urgency() : kDefaultUrgency;
    if (urgency > min_urgency_) return false;
  }
  return true;
}

bool EventFilter::Matches(const v1::StoryEvent& event) const {
  switch (event.kind()) {
    case v1::EVENT_KIND_HEARTBEAT:
      return true;
    case v1::EVENT_KIND_DUPLICATE:
    case v1::EVENT_KIND_OLD_VERSION:
      if (!include_duplicates_) return false;
      break;
    default:
      break;
  }
  return MatchesStory(event.story());
}

}  // namespace newswire
