#include "services/ingest/common/text/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire::utf8 {
namespace {

// The Unicode Standard 15.0, Table 3-7 "Well-Formed UTF-8 Byte Sequences":
// per row, the first byte's range, the second byte's range and the length.
// Third and fourth bytes are always 80..BF.
struct Row {
  int first_lo, first_hi, second_lo, second_hi;
  size_t length;
};
constexpr Row kTable37[] = {
    {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3}, {0xE1, 0xEC, 0x80, 0xBF, 3},
    {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3}, {0xF0, 0xF0, 0x90, 0xBF, 4},
    {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4},
};

// The length Table 3-7 gives a sequence starting with `first`, `second`, or 0.
size_t TableLength(int first, int second) {
  for (const Row& row : kTable37) {
    if (first >= row.first_lo && first <= row.first_hi && second >= row.second_lo &&
        second <= row.second_hi) {
      return row.length;
    }
  }
  return 0;
}

TEST(Utf8Test, AsciiIsOneByte) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string s(1, static_cast<char>(c));
    EXPECT_EQ(SequenceLength(s, 0), 1u) << c;
    EXPECT_TRUE(IsValid(s)) << c;
  }
}

// Every lead byte 80..FF with every second byte, the rest 80 (a continuation).
TEST(Utf8Test, EveryFirstAndSecondByteAsTable37Says) {
  for (int first = 0x80; first <= 0xFF; ++first) {
    for (int second = 0; second <= 0xFF; ++second) {
      const std::string s = {static_cast<char>(first), static_cast<char>(second), '\x80', '\x80'};
      const size_t want = TableLength(first, second);
      EXPECT_EQ(SequenceLength(s, 0), want) << std::hex << first << " " << second;
      EXPECT_EQ(IsValid(s.substr(0, want == 0 ? 4 : want)), want != 0)
          << std::hex << first << " " << second;
    }
  }
}

TEST(Utf8Test, CutShortOrBadContinuationIsZero) {
  EXPECT_EQ(SequenceLength("\xE2\x82", 0), 0u);          // U+20AC without its last byte
  EXPECT_EQ(SequenceLength("\xE2\x82\xAC", 0), 3u);      // U+20AC EURO SIGN
  EXPECT_EQ(SequenceLength("\xE2\x82\x41", 0), 0u);      // third byte not 80..BF
  EXPECT_EQ(SequenceLength("\xF0\x9F\x98", 0), 0u);      // U+1F600 cut short
  EXPECT_EQ(SequenceLength("\xF0\x9F\x98\x80", 0), 4u);  // U+1F600
  EXPECT_EQ(SequenceLength("a\xC3\xA9", 1), 2u);         // U+00E9 at an offset
  EXPECT_FALSE(IsValid("caf\xC3"));
  EXPECT_TRUE(IsValid(""));
}

}  // namespace
}  // namespace newswire::utf8
