#include "services/ingest/normalize/wire/wire_version.h"

#include "gtest/gtest.h"

namespace newswire::wire {
namespace {

TEST(VersionWordsTest, LeadsAndWriteThrus) {
  VersionWords words = ReadVersionWords("1stLd-Writethru");
  EXPECT_EQ(words.version, 2);
  EXPECT_EQ(words.signal, v1::SIGNAL_UPDATE);
  EXPECT_EQ(ReadVersionWords("2nd Ld-Writethru").version, 3);
  EXPECT_EQ(ReadVersionWords("3rd Ld").version, 4);
  EXPECT_EQ(ReadVersionWords("1ST LEAD").version, 2);
  EXPECT_EQ(ReadVersionWords("Writethru").signal, v1::SIGNAL_UPDATE);
  EXPECT_EQ(ReadVersionWords("Sub").version, 0);
}

// An unnumbered lead or write-thru still follows the first transmission
// (version 0), so the view orders it after the story it rewrites.
TEST(VersionWordsTest, UnnumberedLeadsOrderAfterTheFirstTransmission) {
  EXPECT_EQ(ReadVersionWords("Ld-Writethru").version, 2);
  EXPECT_EQ(ReadVersionWords("Ld-Writethru").signal, v1::SIGNAL_UPDATE);
  EXPECT_EQ(ReadVersionWords("LD-WRITETHRU").version, 2);
  EXPECT_EQ(ReadVersionWords("Ld").version, 2);
  EXPECT_EQ(ReadVersionWords("Lead").version, 2);
  EXPECT_EQ(ReadVersionWords("Writethru").version, 1);
  EXPECT_GT(ReadVersionWords("Ld-Writethru").version, ReadVersionWords("").version);
  EXPECT_LT(ReadVersionWords("Ld-Writethru").version, ReadVersionWords("2nd Ld-Writethru").version);
  EXPECT_EQ(ReadVersionWords("Sub").signal, v1::SIGNAL_UPDATE);
  EXPECT_EQ(ReadVersionWords("Neufassung").signal, v1::SIGNAL_UPDATE);
}

TEST(VersionWordsTest, CorrectionsAndKills) {
  EXPECT_EQ(ReadVersionWords("Correction").signal, v1::SIGNAL_CORRECTION);
  EXPECT_EQ(ReadVersionWords("1st Ld-Writethru CORRECTIVE").signal, v1::SIGNAL_CORRECTION);
  EXPECT_EQ(ReadVersionWords("1st Ld-Writethru CORRECTIVE").version, 2);
  EXPECT_EQ(ReadVersionWords("(Achtung Korrektur)").signal, v1::SIGNAL_CORRECTION);
  EXPECT_EQ(ReadVersionWords("Kill").signal, v1::SIGNAL_KILL);
  EXPECT_EQ(ReadVersionWords("ELIMINATION").signal, v1::SIGNAL_KILL);
  EXPECT_EQ(ReadVersionWords("Correction Kill").signal, v1::SIGNAL_KILL);
}

TEST(VersionWordsTest, ResendsAndPrioritiesSayNothing) {
  for (const char* words : {"", "REFILE", "Urgent", "Advisory", "EXTRA", "12-31", "2017"}) {
    VersionWords read = ReadVersionWords(words);
    EXPECT_EQ(read.signal, v1::SIGNAL_UNSPECIFIED) << words;
    EXPECT_EQ(read.version, 0) << words;
  }
}

}  // namespace
}  // namespace newswire::wire
