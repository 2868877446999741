// EventFilter: which events a subscriber or listing asked for.
//
//   EventFilter filter(request.filter(), request.include_duplicates());
//   if (filter.Matches(event)) writer->Write(event);
//
// Immutable after construction; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_EVENT_FILTER_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_EVENT_FILTER_H_

#include <string>
#include <vector>

#include "newswire/v1/news_service.pb.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

class EventFilter {
 public:
  EventFilter(const v1::StoryFilter& filter, bool include_duplicates);

  // Story-level match: sections, agencies, languages, urgency.
  bool MatchesStory(const v1::Story& story) const;

  // Event-level: the story matches, and duplicates / old versions only when
  // asked for. Heartbeats always match.
  bool Matches(const v1::StoryEvent& event) const;

 private:
  std::vector<std::string> sections_;   // lower case codes or names
  std::vector<std::string> agencies_;   // lower case
  std::vector<std::string> languages_;  // lower case
  int min_urgency_;
  bool include_duplicates_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_EVENT_FILTER_H_
