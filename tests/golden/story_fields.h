// A story's golden fields (golden_file.h) as text, and whether a golden value
// matches them. first_words and last_words are the opening and closing words
// of the body: the first paragraph must start with the golden text and the
// last one end with it. Everything else is compared whole, whitespace
// collapsed. Times are UTC, to the second ("2016-01-02T10:15:00Z"), or "-"
// when the story has no time of its own (unset, or the record's own Kafka
// time that ingest falls back to).
#ifndef NEWSWIRE_TESTS_GOLDEN_STORY_FIELDS_H_
#define NEWSWIRE_TESTS_GOLDEN_STORY_FIELDS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "newswire/v1/story.pb.h"

namespace newswire::golden {

// `field` of `story` as a golden file writes it; `record_time` is the Kafka
// time of the record the story came from.
std::string ActualField(const v1::Story& story, absl::string_view field, absl::Time record_time);

// Whether the golden `expected` value of `field` matches `actual`
// (ActualField's text for the same field).
bool FieldMatches(absl::string_view field, absl::string_view expected, absl::string_view actual);

// A value that differs from `value` as a field of its kind can: another
// number, another time, another word. For the self-test that every field is
// compared.
std::string MutatedValue(absl::string_view field, absl::string_view value);

}  // namespace newswire::golden

#endif  // NEWSWIRE_TESTS_GOLDEN_STORY_FIELDS_H_
