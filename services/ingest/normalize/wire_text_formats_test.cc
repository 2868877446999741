// The wire-text parsers as the Normalizer sees them: which records they
// claim, and what garbage with control characters does.
#include "services/ingest/normalize/wire/wire_text_formats.h"

#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/normalize/normalizer.h"

namespace newswire {
namespace {

using ::testing::SizeIs;

RawRecord Record(std::string value) {
  RawRecord record;
  record.topic = "newswire.raw";
  record.value = std::move(value);
  return record;
}

TEST(WireTextFormatsTest, ListsAnpaThenIptc7901) {
  std::vector<FormatParser> parsers = WireTextFormatParsers();
  ASSERT_THAT(parsers, SizeIs(2));
  EXPECT_EQ(parsers[0].format, v1::SOURCE_FORMAT_ANPA_1312);
  EXPECT_EQ(parsers[1].format, v1::SOURCE_FORMAT_IPTC_7901);
}

TEST(WireTextFormatsTest, DetectsByControlCharacters) {
  Normalizer normalizer({});
  EXPECT_EQ(normalizer.DetectFormat(Record("\x16\x16\x01W2870\x1F" "asian\nr a\x13\x11 BC-X 01-01 1\n"
                                           "\x02^BC-X<\n^Head<\n\tBody.\n\x03\x04")),
            v1::SOURCE_FORMAT_ANPA_1312);
  EXPECT_EQ(normalizer.DetectFormat(Record("\x01" "eca062 4 i 211 ccccb   dpa 061\r\n\r\nX/\r\n"
                                           "\x02Head =\r\n\r\nBody.\r\n\x03")),
            v1::SOURCE_FORMAT_IPTC_7901);
  EXPECT_EQ(normalizer.DetectFormat(Record("Quake hits coast\n\nTOKYO - A quake.")),
            v1::SOURCE_FORMAT_PLAIN_TEXT);
}

TEST(WireTextFormatsTest, StoriesThroughTheNormalizer) {
  Normalizer normalizer({});
  auto anpa = normalizer.Normalize(Record("\x16\x16\x01W2870\x1F" "asian\nr a\x13\x11 BC-X 01-01 1\n"
                                          "\x02^BC-X<\n^Head<\n\tTOKYO (AP) _ Body.\n\x03\x04"));
  ASSERT_TRUE(anpa.ok()) << anpa.status();
  ASSERT_THAT(anpa->stories, SizeIs(1));
  EXPECT_EQ(anpa->stories[0].source_format(), v1::SOURCE_FORMAT_ANPA_1312);
  EXPECT_EQ(anpa->stories[0].headline(), "Head");
  EXPECT_EQ(anpa->stories[0].agency(), "AP");
}

// Old Mac and some wire systems end lines with CR alone, others with LF: the
// format is recognised and the story is the same as with CR LF, not one long
// headline.
TEST(WireTextFormatsTest, LineEndsCrLfLfAndCrGiveTheSameStory) {
  const std::string anpa =
      "\x16\x16\x01" "a1234\x1F" "sel\r\nu i\x13\x11 BC-AS--Japan-Quake     11-07 0321\r\n"
      "\x02^BC-AS--Japan-Quake,321<\r\n^Strong quake shakes Tokyo<\r\n^By JANE DOE=\r\n"
      "\t   TOKYO (AP) _ A strong earthquake shook Tokyo.\r\n\t   No damage was reported.\r\n"
      "\x03" "AP-WF-11-07-22 1230GMT<\r\n\x04";
  const std::string iptc =
      "\x01" "xyz012 2 pl 120 abc  dpa 0042\r\n\nJapan/Quake/\r\n\x02"
      "Strong quake shakes Tokyo =\r\n\n   Tokyo (dpa) - A strong earthquake shook\r\n"
      "Tokyo on Monday.\r\n\n   No damage was reported.\r\n\x03" "071230 GMT Nov 22\r\n\x04";
  Normalizer normalizer({});
  for (const auto& [crlf, format] : {std::pair{anpa, v1::SOURCE_FORMAT_ANPA_1312},
                                     std::pair{iptc, v1::SOURCE_FORMAT_IPTC_7901}}) {
    auto expected = normalizer.Normalize(Record(crlf));
    ASSERT_TRUE(expected.ok()) << expected.status();
    ASSERT_THAT(expected->stories, SizeIs(1));
    EXPECT_EQ(expected->stories[0].source_format(), format);
    EXPECT_EQ(expected->stories[0].headline(), "Strong quake shakes Tokyo");
    EXPECT_EQ(expected->stories[0].paragraphs_size(), 2);
    const std::string lf = absl::StrReplaceAll(crlf, {{"\r\n", "\n"}});
    const std::string cr = absl::StrReplaceAll(lf, {{"\n", "\r"}});
    for (const std::string& message : {lf, cr}) {
      auto result = normalizer.Normalize(Record(message));
      ASSERT_TRUE(result.ok()) << result.status();
      ASSERT_THAT(result->stories, SizeIs(1));
      EXPECT_EQ(result->stories[0].DebugString(), expected->stories[0].DebugString());
    }
  }
}

TEST(WireTextFormatsTest, ControlCharacterGarbageNeverCrashes) {
  Normalizer normalizer({});
  std::string all_controls;
  for (int c = 1; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
  for (const std::string& garbage :
       {std::string("\x16\x16\x01"), std::string("\x16\x16\x01\x03\x02\x03\x02"),
        std::string("\x01\x02\x03\x04"), std::string("\x01" "a1 4 i\x02\x02\x02=\x03"),
        std::string("\x16\x01\x02^^^^<<<==\x03"), std::string("\x01" "x 1 y\r\n\x02 =\r\n=\r\n\x03"),
        all_controls + "text", std::string("\x16\x16\x01") + std::string(5000, '\x02'),
        std::string("\x16\x16\x01\x02") + std::string(3000, '^') + "\x08\x08\x10{"}) {
    auto result = normalizer.Normalize(Record(garbage));
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
      continue;
    }
    for (const v1::Story& story : result->stories) {
      EXPECT_TRUE(!story.headline().empty() || story.paragraphs_size() > 0);
    }
  }
}

}  // namespace
}  // namespace newswire
