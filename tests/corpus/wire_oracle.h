// The corpus oracle: what a wire file says about its own stories, read off
// the raw bytes with plain string search (markup_text.h) and the rules of
// each format's specification, independently of the parsers under test.
// wire_corpus_oracle_test.cc compares the Normalizer's stories with it.
//
//   std::optional<wire_oracle::FileExpectation> expected = wire_oracle::Read(bytes);
//   // expected->stories[i].headline, first_paragraph, version_created, ...
//
// It knows the formats, not the corpus files: NITF, NewsML-G2 (newsItem,
// newsMessage, packageItem), NewsML 1.2, ninjs (1.x-3.x), AP Media API
// JSON, Atom, RSS, Ritzau XML, ANPA-1312, IPTC 7901. Pure; thread-safe.
#ifndef NEWSWIRE_TESTS_CORPUS_WIRE_ORACLE_H_
#define NEWSWIRE_TESTS_CORPUS_WIRE_ORACLE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire::wire_oracle {

struct ExpectedStory {
  // The headline element or field as plain text; "" when the file has none.
  std::string headline;
  // The first paragraph of the body as plain text; "" when there is no body.
  std::string first_paragraph;
  // Other openings the format allows (e.g. an Atom entry whose vendor
  // extension carries the real body next to a stub <content>).
  std::vector<std::string> other_first_paragraphs;
  // The version time the file gives (versionCreated, date.issue, ...), and
  // which field it came from; nullopt when the file gives none.
  std::optional<absl::Time> version_created;
  std::string version_created_field;
  // The file wrote that time without a UTC offset (a wall-clock time of the
  // provider's; version_created then holds it read as UTC).
  bool version_created_local = false;
};

struct FileExpectation {
  std::string format;  // "NITF", "NewsML-G2", "ANPA-1312", ...
  // Text stories, in document order.
  std::vector<ExpectedStory> stories;
  // When `stories` is empty: why the file holds no text story.
  std::string no_story_why;
  // The whole file as UTF-8 plain text (markup dropped, entities decoded,
  // whitespace collapsed): where datelines and agencies must be found.
  std::string text;
};

// What `bytes` (one raw wire record) says; nullopt when it is in none of the
// formats above.
std::optional<FileExpectation> Read(absl::string_view bytes);

// A timestamp as news formats write it: ISO 8601 extended or basic
// ("2016-10-21T16:25:32-05:00", "20131020T192751+1100", "2016-04-13
// 04:52:21+00:00", fractions allowed; no zone means UTC) or RFC 822
// ("Mon, 07 Nov 2022 12:00:00 GMT").
std::optional<absl::Time> ParseTimestamp(absl::string_view text);

// True when `text`, an ISO 8601 time ParseTimestamp reads, has no zone:
// "2019-04-15T11:12:24", "20141126T152703", "2020-09-07".
bool WrittenWithoutZone(absl::string_view text);

}  // namespace newswire::wire_oracle

#endif  // NEWSWIRE_TESTS_CORPUS_WIRE_ORACLE_H_
