// Test stories for the fold's tests: texts long enough for near-duplicate
// detection, distinct or edited copies of one another, with fingerprints.
#ifndef NEWSWIRE_SERVICES_INGEST_VIEW_TEST_STORIES_H_
#define NEWSWIRE_SERVICES_INGEST_VIEW_TEST_STORIES_H_

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire::testing {

// `paragraphs` paragraphs of words drawn (seeded by `topic`) from a news
// vocabulary, so different topics share words but not sentences.
inline std::vector<std::string> Paragraphs(int topic, int paragraphs = 4) {
  static const char* const kWords[] = {
      "minister", "said",   "on",      "monday",  "the",     "government", "would",
      "review",   "plans",  "for",     "new",     "rail",    "lines",      "after",
      "protests", "in",     "several", "cities",  "council", "members",    "voted",
      "against",  "budget", "talks",   "police",  "reported", "storm",     "damage",
      "across",   "coast",  "markets", "fell",    "sharply", "investors",  "feared",
      "rates",    "rising", "league",  "coach",   "players", "season",     "final"};
  std::mt19937 random(static_cast<uint32_t>(topic));
  std::vector<std::string> out;
  for (int p = 0; p < paragraphs; ++p) {
    std::string text;
    for (int w = 0; w < 25; ++w) absl::StrAppend(&text, w ? " " : "", kWords[random() % 42]);
    out.push_back(text + ".");
  }
  return out;
}

inline v1::Story MakeStory(const std::string& id, const std::vector<std::string>& paragraphs,
                           int64_t raw_offset, int64_t created_seconds = 1667800000) {
  v1::Story story;
  story.set_id(id);
  story.set_headline("Headline of " + id);
  for (const std::string& p : paragraphs) story.add_paragraphs(p);
  story.mutable_version_created()->set_seconds(created_seconds);
  story.mutable_origin()->set_topic("newswire.raw");
  story.mutable_origin()->set_offset(raw_offset);
  *story.mutable_fingerprints() = ComputeFingerprints(story);
  return story;
}

}  // namespace newswire::testing

#endif  // NEWSWIRE_SERVICES_INGEST_VIEW_TEST_STORIES_H_
