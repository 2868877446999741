// The hostile suite's own contract: cases are named uniquely, built the same
// way every time, as large as their names say, and the text oracle tells
// well-formed UTF-8 from the forms a hostile record smuggles in.
#include "tests/hostile/hostile_records.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/hostile/hostile_generators.h"

namespace newswire::hostile {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

const HostileCase& Find(const std::vector<HostileCase>& cases, const std::string& name) {
  static const HostileCase kNone;
  auto it = std::find_if(cases.begin(), cases.end(),
                         [&](const HostileCase& c) { return c.name == name; });
  EXPECT_NE(it, cases.end()) << name;
  return it != cases.end() ? *it : kNone;
}

TEST(HostileRecordsTest, NamesAreUniqueAndStartWithTheirClass) {
  std::set<std::string> names;
  std::set<std::string> classes;
  for (const HostileCase& c : AllHostileCases()) {
    EXPECT_TRUE(names.insert(c.name).second) << "two cases named " << c.name;
    EXPECT_TRUE(absl::StartsWith(c.name, c.klass + "/")) << c.name;
    classes.insert(c.klass);
  }
  EXPECT_EQ(classes, (std::set<std::string>{"amplify", "anpa", "apmedia", "at_limit", "atom", "g2", "html", "html_page",
                                            "iptc7901", "json", "kafka", "lies", "newsml1",
                                            "ninjs", "nitf", "oversized", "page_text", "ritzau",
                                            "rss", "stage", "text", "xml"}));
}

// Hashes of what a case puts on the wire (one suite in memory at a time:
// it holds over 100 MiB).
std::vector<size_t> WireHashes() {
  std::vector<size_t> hashes;
  for (const HostileCase& c : AllHostileCases()) {
    std::string wire = c.key.value_or("<null>") + "|" + c.value.value_or("<null>");
    for (const auto& [name, value] : c.headers) wire += "|" + name + "=" + value;
    hashes.push_back(std::hash<std::string>()(wire));
  }
  return hashes;
}

TEST(HostileRecordsTest, SameBytesEveryTime) {
  std::vector<size_t> first = WireHashes();
  EXPECT_EQ(first, WireHashes());
}

TEST(HostileRecordsTest, SizesAreWhatTheNamesSay) {
  std::vector<HostileCase> cases = AllHostileCases();
  const std::string& attributes = *Find(cases, "xml/many-attributes-150k").value;
  EXPECT_GE(Count(attributes, "=\"\""), 150000u);
  EXPECT_LT(attributes.size(), 2u << 20) << "must stay under the 2 MiB record limit";
  EXPECT_GT(Find(cases, "oversized/17MiB-lz4").value->size(), 16u << 20);
  EXPECT_EQ(Find(cases, "oversized/40MiB-zstd").value->size(), 40u << 20);
  EXPECT_EQ(Find(cases, "oversized/40MiB-zstd").compression, "zstd");
  const std::string& line = *Find(cases, "text/single-line-10MB").value;
  EXPECT_EQ(line.size(), 10u * 1000 * 1000);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(Count(*Find(cases, "xml/deep-nesting-10k").value, "<div>"), 10000u);
  EXPECT_EQ(Find(cases, "kafka/huge-key-1MiB").key->size(), 1u << 20);
  EXPECT_GE(Find(cases, "kafka/many-headers-20000").headers.size(), 20000u);
  // Every case the service reads as a record of its own format stays under
  // the record limit, so it reaches the parser it targets.
  for (const HostileCase& c : cases) {
    if (c.klass != "oversized" && c.name != "text/single-line-10MB" && c.value) {
      EXPECT_LT(c.value->size(), 2u << 20) << c.name;
    }
  }
}

TEST(HostileRecordsTest, KafkaNullsAreKeptApartFromEmpty) {
  std::vector<HostileCase> cases = AllHostileCases();
  EXPECT_FALSE(Find(cases, "kafka/tombstone").value.has_value());
  ASSERT_TRUE(Find(cases, "kafka/empty-value").value.has_value());
  EXPECT_TRUE(Find(cases, "kafka/empty-value").value->empty());
  EXPECT_FALSE(Find(cases, "kafka/null-key").key.has_value());
}

TEST(HostileRecordsTest, GzipBytesAreAGzipStream) {
  std::string gzip = Gzip(PlainStory("Headline", 1));
  ASSERT_GT(gzip.size(), 10u);
  EXPECT_EQ(gzip.substr(0, 2), "\x1f\x8b");
}

TEST(HostileRecordsTest, TextOracleRefusesSmuggledForms) {
  v1::Story story;
  story.set_headline("Caf\xC3\xA9 in Z\xC3\xBCrich \xF0\x9F\x93\xB0 \xEF\xBF\xBD");
  story.add_paragraphs("plain");
  EXPECT_EQ(CheckStoryText(story), "");
  const std::map<std::string, std::string> bad = {
      {"surrogate", "a\xED\xA0\x80z"},    {"overlong slash", "a\xC0\xAFz"},
      {"overlong 3-byte", "a\xE0\x80\xAFz"}, {"above U+10FFFF", "a\xF4\x90\x80\x80z"},
      {"lone continuation", "a\x80z"},    {"truncated", "a\xE2\x80"},
      {"NUL", std::string("a\0z", 3)},
  };
  for (const auto& [what, bytes] : bad) {
    v1::Story broken = story;
    broken.set_paragraphs(0, bytes);
    EXPECT_NE(CheckStoryText(broken), "") << what;
  }
}

TEST(HostileRecordsTest, StoryChecksCatchWhatTheyNameAndPassTheFix) {
  std::vector<HostileCase> cases = AllHostileCases();
  auto failures = [](const HostileCase& c, const v1::Story& story) {
    int failed = 0;
    for (const StoryCheck& check : c.story_checks) failed += check.check(story).empty() ? 0 : 1;
    return failed;
  };
  const HostileCase& bidi = Find(cases, "text/bidi-override-headline");
  v1::Story story;
  story.set_headline("Minister \xE2\x80\xAEgnorw si siht\xE2\x80\xAC resigns");
  EXPECT_EQ(failures(bidi, story), 1);
  story.set_headline("Minister gnorw si siht resigns");
  EXPECT_EQ(failures(bidi, story), 0);

  const HostileCase& cr = Find(cases, "text/cr-only-line-endings");
  story.set_headline("Harbour reopens after storm The council said on Monday.");
  EXPECT_EQ(failures(cr, story), 1);
  story.set_headline("Harbour reopens after storm");
  EXPECT_EQ(failures(cr, story), 0);

  const HostileCase& shy = Find(cases, "text/soft-hyphens");
  story.set_headline("Soft in formation headline");
  EXPECT_GE(failures(shy, story), 1);
  story.set_headline("Soft information headline");
  EXPECT_EQ(failures(shy, story), 0);
}

}  // namespace
}  // namespace newswire::hostile
