#include "services/ingest/normalize/language.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(NormalizeLanguageTagTest, CanonicalCase) {
  EXPECT_EQ(NormalizeLanguageTag("en"), "en");
  EXPECT_EQ(NormalizeLanguageTag("EN"), "en");
  EXPECT_EQ(NormalizeLanguageTag(" en "), "en");
  EXPECT_EQ(NormalizeLanguageTag("en_GB"), "en-GB");
  EXPECT_EQ(NormalizeLanguageTag("en-gb"), "en-GB");
  EXPECT_EQ(NormalizeLanguageTag("zh-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(NormalizeLanguageTag("zh-Hant"), "zh-Hant");
  EXPECT_EQ(NormalizeLanguageTag("es-419"), "es-419");
  EXPECT_EQ(NormalizeLanguageTag("de_DE.UTF-8"), "de-DE");
}

TEST(NormalizeLanguageTagTest, ThreeLetterDeprecatedAndNamedLanguages) {
  EXPECT_EQ(NormalizeLanguageTag("eng"), "en");
  EXPECT_EQ(NormalizeLanguageTag("ger"), "de");
  EXPECT_EQ(NormalizeLanguageTag("deu"), "de");
  EXPECT_EQ(NormalizeLanguageTag("fre"), "fr");
  EXPECT_EQ(NormalizeLanguageTag("jpn"), "ja");
  EXPECT_EQ(NormalizeLanguageTag("ENG-US"), "en-US");
  EXPECT_EQ(NormalizeLanguageTag("fil"), "fil");  // no two-letter code: kept
  EXPECT_EQ(NormalizeLanguageTag("iw"), "he");
  EXPECT_EQ(NormalizeLanguageTag("English"), "en");
  EXPECT_EQ(NormalizeLanguageTag("Deutsch"), "de");
}

TEST(NormalizeLanguageTagTest, TagsThatSayNothingOrCannotBeReadGiveEmpty) {
  EXPECT_EQ(NormalizeLanguageTag(""), "");
  EXPECT_EQ(NormalizeLanguageTag("und"), "");
  EXPECT_EQ(NormalizeLanguageTag("mul"), "");
  EXPECT_EQ(NormalizeLanguageTag("e"), "");
  EXPECT_EQ(NormalizeLanguageTag("english please"), "");
  EXPECT_EQ(NormalizeLanguageTag("en--GB"), "");
  EXPECT_EQ(NormalizeLanguageTag("12"), "");
}

TEST(NormalizeLanguageTagTest, IsIdempotent) {
  for (const char* tag : {"EN", "en_gb", "zh-hant-tw", "ger", "iw", "es-419"}) {
    std::string once = NormalizeLanguageTag(tag);
    EXPECT_EQ(NormalizeLanguageTag(once), once) << tag;
  }
}

TEST(DetectLanguageTest, ShortNewsSentences) {
  EXPECT_EQ(DetectLanguage("The harbour authority said the ferry would resume sailing on "
                           "Thursday once the storm had passed."),
            "en");
  EXPECT_EQ(DetectLanguage("Die Hafenbeh\xC3\xB6rde teilte mit, dass die F\xC3\xA4hre am "
                           "Donnerstag wieder fahren werde, sobald der Sturm vorbei sei."),
            "de");
  // 港湾当局によると、嵐が過ぎ去り次第、フェリーは木曜日に運航を再開する。
  EXPECT_EQ(DetectLanguage("\xE6\xB8\xAF\xE6\xB9\xBE\xE5\xBD\x93\xE5\xB1\x80\xE3\x81\xAB"
                           "\xE3\x82\x88\xE3\x82\x8B\xE3\x81\xA8\xE3\x80\x81\xE5\xB5\x90"
                           "\xE3\x81\x8C\xE9\x81\x8E\xE3\x81\x8E\xE5\x8E\xBB\xE3\x82\x8A"
                           "\xE6\xAC\xA1\xE7\xAC\xAC\xE3\x80\x81\xE3\x83\x95\xE3\x82\xA7"
                           "\xE3\x83\xAA\xE3\x83\xBC\xE3\x81\xAF\xE6\x9C\xA8\xE6\x9B\x9C"
                           "\xE6\x97\xA5\xE3\x81\xAB\xE9\x81\x8B\xE8\x88\xAA\xE3\x82\x92"
                           "\xE5\x86\x8D\xE9\x96\x8B\xE3\x81\x99\xE3\x82\x8B\xE3\x80\x82"),
            "ja");
  EXPECT_EQ(DetectLanguage("La autoridad portuaria dijo que el transbordador volver\xC3\xAD"
                           "a a navegar el jueves cuando pasara la tormenta."),
            "es");
  EXPECT_EQ(DetectLanguage("L'autorit\xC3\xA9 portuaire a indiqu\xC3\xA9 que le ferry "
                           "reprendrait ses travers\xC3\xA9" "es jeudi apr\xC3\xA8s le "
                           "passage de la temp\xC3\xAAte."),
            "fr");
}

// Longer than the first look: one language throughout is decided there; a
// beginning in another language (a French lead-in before German text, which
// CLD2 finds 66% French in the first 512 bytes) is read on to
// kLanguageDetectBytes, where German is most of the text.
TEST(DetectLanguageTest, MixedBeginningIsReadOnToTheFullSample) {
  const std::string french =
      "L'autorit\xC3\xA9 portuaire a indiqu\xC3\xA9 que le ferry reprendrait ses "
      "travers\xC3\xA9" "es jeudi apr\xC3\xA8s le passage de la temp\xC3\xAAte. ";
  const std::string german =
      "Die Hafenbeh\xC3\xB6rde teilte mit, dass die F\xC3\xA4hre am Donnerstag wieder fahren "
      "werde, sobald der Sturm vorbei sei. ";
  std::string all_german, lead_in;
  while (all_german.size() < kLanguageDetectBytes) all_german += german;
  EXPECT_EQ(DetectLanguage(all_german), "de");
  lead_in = french + french + french;
  ASSERT_LT(lead_in.size(), kLanguageFirstLookBytes);
  while (lead_in.size() < kLanguageDetectBytes) lead_in += german;
  EXPECT_EQ(DetectLanguage(lead_in), "de");
}

TEST(DetectLanguageTest, TooShortOrUnclearGivesEmpty) {
  EXPECT_EQ(DetectLanguage(""), "");
  EXPECT_EQ(DetectLanguage("Hello there"), "");  // under 20 bytes
  EXPECT_EQ(DetectLanguage("1234 5678 9012 3456 7890 1234"), "");
  EXPECT_EQ(DetectLanguage("\xFF\xFE\xFD not utf-8 at all \xC3"), "");
}

}  // namespace
}  // namespace newswire
