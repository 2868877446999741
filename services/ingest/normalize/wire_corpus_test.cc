// Every JSON, ANPA-1312 (.tst) and IPTC 7901 (IPTC7901.txt, dpa_*.txt) file of
// the shared corpus through the Normalizer: each gives a story or a reason,
// and every story is clean. Skips when NEWSWIRE_CORPUS is not set.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/normalizer.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

bool IsOurs(const std::string& name) {
  return absl::EndsWith(name, ".json") || absl::EndsWith(name, ".tst") || name == "IPTC7901.txt" ||
         (absl::StartsWith(name, "dpa_") && absl::EndsWith(name, ".txt"));
}

std::vector<std::filesystem::path> CorpusFiles() {
  std::vector<std::filesystem::path> files;
  std::optional<std::filesystem::path> dir = test_corpus::RootFromEnv();
  if (!dir) return files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(*dir / "wire", error)) {
    if (entry.is_regular_file() && IsOurs(entry.path().filename().string())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The format a file must be recognised as, from its first bytes: a .tst file
// is ANPA only when it starts with the ANPA controls (some are ZCZC text,
// which is plain text and not ours).
std::optional<v1::SourceFormat> ExpectedFormat(const std::string& bytes) {
  size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return std::nullopt;
  switch (bytes[start]) {
    case '\x16':
      return v1::SOURCE_FORMAT_ANPA_1312;
    case '\x01':
      return v1::SOURCE_FORMAT_IPTC_7901;
    case '{':
    case '[':
      return absl::StrContains(bytes, "\"api_version\"") ? v1::SOURCE_FORMAT_AP_MEDIA_JSON
                                                         : v1::SOURCE_FORMAT_NINJS;
    default:
      return std::nullopt;
  }
}

// No C0/C1 control character (tab and line breaks included) in `value`.
bool FreeOfControls(const std::string& value) {
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7F) return false;
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      return false;
    }
  }
  return true;
}

// Every string field of `message`, recursively, with its path.
void CheckStrings(const google::protobuf::Message& message, const std::string& path,
                  const std::string& file) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    std::string name = path + field->name();
    int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
        std::string value = field->is_repeated() ? reflection->GetRepeatedString(message, field, i)
                                                 : reflection->GetString(message, field);
        EXPECT_TRUE(text::IsValidUtf8(value)) << file << ": " << name;
        EXPECT_TRUE(FreeOfControls(value)) << file << ": " << name << " = " << value;
      } else if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
        CheckStrings(field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                          : reflection->GetMessage(message, field),
                     name + ".", file);
      }
    }
  }
}

TEST(WireCorpusTest, EveryFileGivesCleanStoriesOrAReason) {
  std::vector<std::filesystem::path> files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "no corpus: set NEWSWIRE_CORPUS to the corpus folder";
  Normalizer normalizer({});
  for (const std::filesystem::path& path : files) {
    std::string name = path.filename().string();
    std::optional<std::string> bytes = test_corpus::ReadCorpusFile("wire/" + name);
    ASSERT_TRUE(bytes.has_value()) << name;
    RawRecord record;
    record.topic = "corpus";
    record.value = *bytes;
    record.headers = {{"source-url", name}};
    absl::StatusOr<ParseResult> result = normalizer.Normalize(record);
    ASSERT_TRUE(result.ok()) << name << ": " << result.status();
    EXPECT_TRUE(!result->stories.empty() || !result->no_story_reason.empty()) << name;
    std::optional<v1::SourceFormat> expected = ExpectedFormat(*bytes);
    if (expected) {
      EXPECT_EQ(normalizer.DetectFormat(record), *expected) << name;
    }
    for (const v1::Story& story : result->stories) {
      if (expected) {
        EXPECT_EQ(story.source_format(), *expected) << name;
      }
      EXPECT_TRUE(!story.headline().empty() || story.paragraphs_size() > 0) << name;
      for (const std::string& paragraph : story.paragraphs()) EXPECT_FALSE(paragraph.empty()) << name;
      EXPECT_FALSE(story.id().empty()) << name;
      CheckStrings(story, "", name);
    }
  }
}

// Values read off the files by hand.
TEST(WireCorpusTest, SpotChecks) {
  if (CorpusFiles().empty()) GTEST_SKIP() << "no corpus: set NEWSWIRE_CORPUS to the corpus folder";
  Normalizer normalizer({});
  auto normalize = [&normalizer](const std::string& name) {
    RawRecord record;
    record.value = test_corpus::ReadCorpusFile("wire/" + name).value_or("");
    return normalizer.Normalize(record);
  };

  auto ninjs1 = normalize("ninjs1.json");
  ASSERT_TRUE(ninjs1.ok()) << ninjs1.status();
  ASSERT_THAT(ninjs1->stories, SizeIs(1));
  EXPECT_EQ(ninjs1->stories[0].source_guid(),
            "urn:newsml:localhost:2017-08-24T14:37:19.783611:c044162e-7f40-4d04-b700-49b6a66e652c");
  EXPECT_EQ(ninjs1->stories[0].agency(), "AAP");
  EXPECT_EQ(ninjs1->stories[0].language(), "fr");
  EXPECT_EQ(ninjs1->stories[0].dateline().place(), "Milton Keynes");
  EXPECT_EQ(ninjs1->stories[0].version(), 2);

  auto simple = normalize("ninjsExSimpleText1.json");
  ASSERT_TRUE(simple.ok()) << simple.status();
  ASSERT_THAT(simple->stories, SizeIs(1));
  EXPECT_EQ(simple->stories[0].headline(), "Captain of wrecked cruise ship on trial in Italy");
  EXPECT_THAT(simple->stories[0].paragraphs(), SizeIs(4));  // body_xhtml, not the flat body_text
  EXPECT_EQ(simple->stories[0].version_created().seconds(), 1373366220);

  auto german = normalize("ninjs4.json");
  ASSERT_TRUE(german.ok()) << german.status();
  ASSERT_THAT(german->stories, SizeIs(1));  // the two embedded pictures are no stories
  EXPECT_EQ(german->stories[0].headline(), "China behauptet, einen Polizeihund geklont zu haben");
  EXPECT_THAT(german->stories[0].keywords(), ::testing::Contains("Polizeihund"));
  EXPECT_THAT(german->stories[0].paragraphs(), ::testing::Contains("China klont Polizeihund: Zeit ist schlie\xC3\x9F"
                                                                 "lich Geld"));

  auto ap_feed = normalize("ap_media_feed.json");
  ASSERT_TRUE(ap_feed.ok()) << ap_feed.status();
  EXPECT_EQ(ap_feed->no_story_reason, "picture item: no text story");

  auto tables = normalize("ap_anpa-2.tst");
  ASSERT_TRUE(tables.ok()) << tables.status();
  ASSERT_THAT(tables->stories, SizeIs(1));
  EXPECT_EQ(tables->stories[0].headline(), "Baseball Expanded Standings");
  EXPECT_EQ(tables->stories[0].byline(), "By The Associated Press");
  EXPECT_THAT(tables->stories[0].paragraphs(), ::testing::Contains("Tampa Bay;17;19;.472;6;3\xC2\xBD;5-5;W-1;10-11;7-8"));

  auto heat = normalize("ap_anpa-1.tst");
  ASSERT_TRUE(heat.ok()) << heat.status();
  EXPECT_EQ(heat->stories[0].byline(), "By CHARLES ODUM, AP Sports Writer");
  EXPECT_EQ(heat->stories[0].version(), 2);
  EXPECT_THAT(heat->stories[0].subheadline(), HasSubstr("Luol Deng scored 30 points"));

  auto notice = normalize("dpa_copyright.txt");
  ASSERT_TRUE(notice.ok()) << notice.status();
  EXPECT_EQ(notice->stories[0].headline(), "Impressum");
  EXPECT_EQ(notice->stories[0].editorial_note(), "Achtung");
  EXPECT_EQ(notice->stories[0].source_section(), "rs");
}

}  // namespace
}  // namespace newswire
