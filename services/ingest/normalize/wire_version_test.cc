#include "services/ingest/normalize/wire_version.h"

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
  EXPECT_EQ(ReadVersionWords("Writethru").version, 0);
  EXPECT_EQ(ReadVersionWords("Writethru").signal, v1::SIGNAL_UPDATE);
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
