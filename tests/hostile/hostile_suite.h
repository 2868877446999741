// Internal to the hostile suite (hostile_records.cc and the files that add
// cases to it): the builder of the case list and the content types the
// cases declare. Not for other users; AllHostileCases() is the contract.
#ifndef NEWSWIRE_TESTS_HOSTILE_HOSTILE_SUITE_H_
#define NEWSWIRE_TESTS_HOSTILE_HOSTILE_SUITE_H_

#include <string>
#include <utility>
#include <vector>

#include "tests/hostile/hostile_records.h"

namespace newswire::hostile::internal {

inline constexpr size_t kKiB = 1024, kMiB = 1024 * 1024;

inline StoryCheck CleanText() { return {"text is valid UTF-8", &CheckStoryText}; }

// Builds the suite: each Add* call appends one case with the defaults
// (key "hostile/<name>", a source-url of its own) unless told otherwise.
class Suite {
 public:
  HostileCase& Add(const std::string& name, const std::string& klass, std::string value,
                   const std::string& content_type, Expect expect) {
    HostileCase c;
    c.name = name;
    c.klass = klass;
    c.key = "hostile/" + name;
    c.value = std::move(value);
    c.headers = {{"source-url", "hostile://" + name}};
    if (!content_type.empty()) c.headers.emplace_back("content-type", content_type);
    c.expect = expect;
    // Whatever a story is made of, its text must be clean.
    c.story_checks.push_back(CleanText());
    cases_.push_back(std::move(c));
    return cases_.back();
  }
  std::vector<HostileCase> Take() { return std::move(cases_); }

 private:
  std::vector<HostileCase> cases_;
};

inline constexpr char kText[] = "text/plain";
inline constexpr char kUtf8Text[] = "text/plain; charset=utf-8";
inline constexpr char kXml[] = "application/xml";
inline constexpr char kHtml[] = "text/html";
inline constexpr char kJson[] = "application/json";

// Cases aimed at each source format's own parser (hostile_format_records.cc).
void AddFormatCases(Suite& suite);
// A large key or header on a record of many items (hostile_format_records.cc).
void AddAmplificationCases(Suite& suite);
// Records just under the item, paragraph and subject limits
// (hostile_format_records.cc).
void AddAtLimitCases(Suite& suite);
// Cases aimed at the stages after the parser: tagging, fingerprints, the
// story's own size (hostile_format_records.cc).
void AddStageCases(Suite& suite);

}  // namespace newswire::hostile::internal

#endif  // NEWSWIRE_TESTS_HOSTILE_HOSTILE_SUITE_H_
