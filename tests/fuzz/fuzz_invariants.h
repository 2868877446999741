// What must hold for every outcome of a format parser or the Normalizer,
// whatever bytes went in. The fuzz targets call these after each parse; a
// violation prints what broke and aborts, so libFuzzer (and the standalone
// driver in fuzz_driver_main.cc) report it with the input that caused it.
//
//   absl::StatusOr<ParseResult> outcome = parser.parse(input);
//   fuzz::CheckOutcome(outcome, fuzz::Caller::kParser);
//
// Pure; thread-safe.
#ifndef NEWSWIRE_TESTS_FUZZ_FUZZ_INVARIANTS_H_
#define NEWSWIRE_TESTS_FUZZ_FUZZ_INVARIANTS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/rules/parse_result.h"

namespace newswire::fuzz {

// Who produced the outcome: the Normalizer promises more than a bare parser
// (an id on every story, a reason when there is no story).
enum class Caller { kParser, kNormalizer };

// The first broken invariant of `story`, or "" when it is clean:
// every string field is valid UTF-8, and the text fields a reader sees
// (headline, paragraphs, byline, dateline, ...) hold no C0 control
// character (0x00-0x1F). Identifiers (id, guid, URIs, subject codes,
// origin) are only held to UTF-8.
std::string StoryViolation(const v1::Story& story);

// The first broken invariant of `outcome`, or "": an error is
// InvalidArgument with a non-empty message, or ResourceExhausted "too
// costly: ..." (common/work_budget.h); a result's stories are clean
// (StoryViolation); for the Normalizer, every story has an id and a result
// without stories says why.
std::string OutcomeViolation(const absl::StatusOr<ParseResult>& outcome, Caller caller);

// OutcomeViolation, aborting with a message naming `what` on a violation.
void CheckOutcome(const absl::StatusOr<ParseResult>& outcome, Caller caller,
                  absl::string_view what);

// Aborts with "fuzz invariant broken: <what>: <message>".
[[noreturn]] void Fail(absl::string_view what, absl::string_view message);

}  // namespace newswire::fuzz

#endif  // NEWSWIRE_TESTS_FUZZ_FUZZ_INVARIANTS_H_
