// Every file of the corpus's wire/ folder through the Normalizer, checked
// against what the file itself says, as read by the format-aware oracle in
// wire_oracle.h (never against values copied from the files):
//   - a file the oracle finds no text story in gives no story and a reason;
//   - otherwise one story per text item, in order, each with
//     - the headline of the file's headline element or field,
//     - a body whose first words are those of the file's first body paragraph,
//     - version_created equal to the file's version time (when it has one;
//       one written without an offset is the provider's wall-clock time),
//     - an agency the file names (when the story has one),
//     - a dateline place that occurs in the file (when the story has one).
// Headlines and words compare modulo whitespace and entity decoding.
// Skips with a message when NEWSWIRE_CORPUS is not set.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/corpus/corpus_files.h"
#include "tests/corpus/markup_text.h"
#include "tests/corpus/wire_oracle.h"

namespace newswire {
namespace {

// Words of the body opening compared: the first five, or fewer when the
// file's first paragraph is shorter.
constexpr size_t kOpeningWords = 5;

// Kafka timestamp of the test records: what version_created falls back to.
const absl::Time kRecordTime = absl::FromUnixSeconds(1600000000);

std::vector<std::string> WireFiles() {
  std::vector<std::string> names;
  std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
  if (!root) return names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(*root / "wire", error)) {
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Canonical(absl::string_view text) {
  return markup::CollapseWhitespace(markup::DecodeEntities(markup::DecodeEntities(text)));
}

// The providers whose files write their local time without an offset, by
// file name (the Normalizer's table is services/ingest/normalize/data/
// providers.tsv); any other file's zone-less time is UTC.
absl::TimeZone ZoneOfFile(absl::string_view name) {
  static constexpr struct {
    const char* prefix;
    const char* zone;
  } kZones[] = {{"stt", "Europe/Helsinki"}, {"ritzau", "Europe/Copenhagen"},
                {"nitf-ntb", "Europe/Oslo"}, {"aap", "Australia/Sydney"},
                {"dpa_", "Europe/Berlin"}};
  absl::TimeZone zone = absl::UTCTimeZone();
  for (const auto& entry : kZones) {
    if (absl::StartsWith(name, entry.prefix)) {
      EXPECT_TRUE(absl::LoadTimeZone(entry.zone, &zone)) << entry.zone << ": is tzdata installed?";
    }
  }
  return zone;
}

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", time, absl::UTCTimeZone());
}

std::string Body(const v1::Story& story) { return absl::StrJoin(story.paragraphs(), " "); }

// The file's opening without what the story holds in other fields: an
// editor's note printed above the text ("(Adds comments, detail)", in
// `editorial_note` without its parentheses) and a byline line ("By Toby
// Davis", in `byline`). Only text the story carries elsewhere, word for
// word, is set aside.
std::string WithoutHeadLines(const std::string& opening, const v1::Story& story) {
  std::string rest = Canonical(opening);
  std::vector<std::string> heads;
  for (absl::string_view note : absl::StrSplit(story.editorial_note(), "; ")) {
    if (note.empty()) continue;
    heads.push_back(absl::StrCat("(", Canonical(note), ")"));
    heads.push_back(Canonical(note));
  }
  if (!story.byline().empty()) heads.push_back(Canonical(story.byline()));
  for (bool progress = true; progress;) {
    progress = false;
    for (const std::string& head : heads) {
      if (!head.empty() && absl::StartsWith(rest, head)) {
        rest = std::string(absl::StripLeadingAsciiWhitespace(rest.substr(head.size())));
        progress = true;
      }
    }
  }
  return rest;
}

// The first words of `opening` must open `body`.
// `text` without spaces and hyphens, lower case: a derived headline is
// compared with the file's words this way.
std::string Squeezed(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '-') out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// An ANPA keyword where a headline goes: a cycle ("BC-", "AM-", "PM-"), a
// desk code of letters and digits, then "--" ("BC-BBN--Top Ten").
bool IsAnpaKeyword(absl::string_view text) {
  if (text.size() < 3 || text[2] != '-') return false;
  std::string cycle = absl::AsciiStrToUpper(text.substr(0, 2));
  if (cycle != "BC" && cycle != "AM" && cycle != "PM") return false;
  size_t dashes = text.find("--", 3);
  if (dashes == absl::string_view::npos || dashes == 3 || dashes > 8) return false;
  for (char c : text.substr(3, dashes - 3)) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The headline element the file gives, as given. Where it gives none, or
// gives an ANPA keyword, an editor derives one from the file's own words
// (issue 18): the keyword's words (the keyword is then the slugline), an
// alert's first sentence; every derived word is in the file.
void ExpectHeadline(const v1::Story& story, const wire_oracle::ExpectedStory& want,
                    const std::string& file_text, const std::string& where) {
  std::string got = Canonical(story.headline());
  std::string given = Canonical(want.headline);
  if (IsAnpaKeyword(given)) {
    EXPECT_EQ(story.slugline(), given) << where << "slugline (the keyword given as headline)";
    absl::string_view words = absl::string_view(given).substr(given.find("--") + 2);
    EXPECT_FALSE(got.empty()) << where << "headline from the keyword \"" << given << "\"";
    EXPECT_TRUE(absl::StrContains(Squeezed(words), Squeezed(got)))
        << where << "headline \"" << got << "\" is not the words of the keyword \"" << given
        << "\"";
  } else if (given.empty() && !got.empty()) {
    EXPECT_TRUE(absl::StrContains(Squeezed(file_text), Squeezed(got)))
        << where << "derived headline \"" << got << "\" is not the file's words";
  } else {
    EXPECT_EQ(got, given) << where << "headline";
  }
}

bool OpensWith(const std::string& body, const std::string& opening) {
  std::vector<std::string> expected = markup::FirstWords(Canonical(opening), kOpeningWords);
  std::vector<std::string> actual = markup::FirstWords(Canonical(body), expected.size());
  return actual == expected;
}

class WireCorpusOracleTest : public ::testing::TestWithParam<std::string> {};

TEST(WireCorpusOracleSetupTest, CorpusIsThere) {
  if (!test_corpus::RootFromEnv()) {
    GTEST_SKIP() << "no corpus: set NEWSWIRE_CORPUS to the shared corpus folder "
                    "(bazel test ... --test_env=NEWSWIRE_CORPUS=/path/to/shared/corpus)";
  }
  EXPECT_FALSE(WireFiles().empty()) << "the corpus has no wire/ files";
}

TEST_P(WireCorpusOracleTest, StoriesMatchWhatTheFileSays) {
  const std::string& name = GetParam();
  std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
  ASSERT_TRUE(root.has_value());
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(*root / "wire" / name);
  ASSERT_TRUE(bytes.ok()) << bytes.status();

  std::optional<wire_oracle::FileExpectation> expected = wire_oracle::Read(*bytes);
  ASSERT_TRUE(expected.has_value()) << name << ": the oracle knows no format for this file";

  Normalizer normalizer({});
  RawRecord record;
  record.topic = "newswire.raw";
  record.timestamp = kRecordTime;
  record.value = *bytes;
  absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
  ASSERT_TRUE(result.ok()) << name << " (" << expected->format << "): " << result.status();

  if (expected->stories.empty()) {
    EXPECT_TRUE(result->stories.empty())
        << name << " (" << expected->format << "): the file holds no text story ("
        << expected->no_story_why << ") but the Normalizer gave " << result->stories.size()
        << ", the first headed \""
        << (result->stories.empty() ? "" : result->stories[0].headline()) << "\"";
    EXPECT_FALSE(result->no_story_reason.empty()) << name << ": no story and no reason";
    return;
  }
  ASSERT_EQ(result->stories.size(), expected->stories.size())
      << name << " (" << expected->format << "): stories"
      << (result->stories.empty() ? absl::StrCat(" (no_story_reason: ", result->no_story_reason, ")")
                                  : "");

  for (size_t i = 0; i < expected->stories.size(); ++i) {
    const wire_oracle::ExpectedStory& want = expected->stories[i];
    const v1::Story& story = result->stories[i];
    std::string where = absl::StrCat(name, " (", expected->format, ") story ", i, ": ");

    ExpectHeadline(story, want, expected->text, where);

    const std::string first_paragraph = WithoutHeadLines(want.first_paragraph, story);
    if (want.first_paragraph.empty() && want.other_first_paragraphs.empty()) {
      EXPECT_EQ(story.paragraphs_size(), 0) << where << "the file has no body, the story has \""
                                            << Body(story).substr(0, 80) << "\"";
    } else if (first_paragraph.empty()) {
      // The file's first paragraph is a note or a byline and nothing else:
      // it is in its field, and the body does not repeat it.
      EXPECT_FALSE(OpensWith(Body(story), want.first_paragraph))
          << where << "the head line \"" << want.first_paragraph << "\" is still in the body";
    } else {
      bool opens = OpensWith(Body(story), first_paragraph);
      for (const std::string& other : want.other_first_paragraphs) {
        opens |= OpensWith(Body(story), WithoutHeadLines(other, story));
      }
      EXPECT_TRUE(opens) << where << "body opening\n  file:  \""
                         << absl::StrJoin(markup::FirstWords(Canonical(first_paragraph),
                                                             kOpeningWords), " ")
                         << "\"\n  story: \""
                         << absl::StrJoin(markup::FirstWords(Canonical(Body(story)), kOpeningWords),
                                          " ")
                         << "\"";
    }

    if (want.version_created) {
      absl::Time file_time = *want.version_created;
      if (want.version_created_local) {
        const absl::CivilSecond wall = absl::ToCivilSecond(file_time, absl::UTCTimeZone());
        file_time = absl::FromCivil(wall, ZoneOfFile(name)) +
                    (file_time - absl::FromCivil(wall, absl::UTCTimeZone()));
      }
      EXPECT_EQ(Rfc3339(FromProtoTime(story.version_created())), Rfc3339(file_time))
          << where << "version_created (the file's " << want.version_created_field << ")";
    }

    if (!story.agency().empty()) {
      EXPECT_TRUE(markup::MentionsWord(expected->text, story.agency()))
          << where << "agency \"" << story.agency() << "\" is not named in the file";
    }
    if (!story.dateline().place().empty()) {
      EXPECT_NE(expected->text.find(markup::CollapseWhitespace(story.dateline().place())),
                std::string::npos)
          << where << "dateline place \"" << story.dateline().place()
          << "\" does not occur in the file";
    }
  }
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += absl::ascii_isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Wire, WireCorpusOracleTest, ::testing::ValuesIn(WireFiles()), TestName);
// Without the corpus there are no files; CorpusIsThere says why.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(WireCorpusOracleTest);

}  // namespace
}  // namespace newswire
