#include "services/ingest/normalize/body_junk.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(SignOffTest, AgencySignOffs) {
  for (const char* sign_off : {"ends", "END", "ENDS", "(END)", "-- END --", "ENDE", "FIN", "-30-",
                               "###", "/ritzau/", "/ritzau/AFP"}) {
    EXPECT_TRUE(IsSignOff(sign_off)) << sign_off;
  }
  for (const char* text : {"The end", "Ends meet.", "END OF SEASON", "30 people died.", "Finland",
                           "Slutspillet"}) {
    EXPECT_FALSE(IsSignOff(text)) << text;
  }
}

TEST(SignOffTest, RitzauRunOn) {
  const std::string paragraph = "Han hjalp sin spanske holdkammerat. /ritzau/";
  EXPECT_EQ(TrailingSignOffStart(paragraph), paragraph.find(" /ritzau/"));
  EXPECT_EQ(TrailingSignOffStart("Han sagde det. /ritzau/AFP"), 14u);
  EXPECT_EQ(TrailingSignOffStart("Se www.ritzau.dk/ritz for mere."), std::string::npos);
  EXPECT_EQ(TrailingSignOffStart("No sign-off here."), std::string::npos);
  EXPECT_EQ(SignOffAgency("/ritzau/"), "RITZAU");
  EXPECT_EQ(SignOffAgency("ends"), "");
}

TEST(RoutingLineTest, AnsaRouting) {
  EXPECT_TRUE(IsRoutingLine("51 77 03 CRO01 1113 APE4800 GEST GEST03 MAE03 LOC03 QBXBSXB"));
  // Not routing: capitals of a headline, a table row, a score, prose.
  EXPECT_FALSE(IsRoutingLine("9. DEMOCRATS PROPOSE SPENDING TRILLIONS TO FIGHT CLIMATE CHANGE"));
  EXPECT_FALSE(IsRoutingLine("19 12 6 1 37 12 42"));
  EXPECT_FALSE(IsRoutingLine("1 Besiktas 19 13 5 1 39 15 44"));
  EXPECT_FALSE(IsRoutingLine("G7 AND G20 MEET"));
  // Too few codes to tell from a list of names.
  EXPECT_FALSE(IsRoutingLine("G7 G20 B20"));
}

TEST(PictureCaptionTest, LabelsAndCredits) {
  EXPECT_TRUE(IsPictureCaption("BILDE: Professor Asbjorn Dyrendal."));
  EXPECT_TRUE(IsPictureCaption("PHOTO: A man walks past the closed market in the old city."));
  EXPECT_TRUE(IsPictureCaption("Foto: NTNU"));
  EXPECT_TRUE(IsPictureCaption("Photo: Jane Doe / Reuters"));
  // "Bild" is also a German paper: a mixed-case label only marks a credit.
  EXPECT_FALSE(IsPictureCaption("Bild: Die Regierung plant nach Angaben der Zeitung einen neuen "
                                "Haushalt fuer das kommende Jahr."));
  EXPECT_FALSE(IsPictureCaption("Foto:"));
  EXPECT_FALSE(IsPictureCaption("Police said: the photo was taken on Monday."));
}

TEST(PlaceholderTest, BracketsAndCapitals) {
  EXPECT_TRUE(IsPlaceholder("[ GRAFIKK/VIDEO MANGLER ]"));
  EXPECT_TRUE(IsPlaceholder("[PHOTO]"));
  EXPECT_FALSE(IsPlaceholder("[Dette dokumentet beskriver] FNs Agenda 21"));
  EXPECT_FALSE(IsPlaceholder("[ Graphic missing ]"));
  EXPECT_FALSE(IsPlaceholder("[ 1 ]"));
}

TEST(PictureCaptionTest, LabelGivingOnlyTheAddress) {
  EXPECT_TRUE(IsPictureLabelWithoutCaption("BILDE: http://res.cloudinary.com/faktisk/r8mk.jpg"));
  EXPECT_FALSE(IsPictureLabelWithoutCaption("BILDE: Professor Asbjørn Dyrendal."));
  EXPECT_FALSE(IsPictureLabelWithoutCaption("See http://example.com/a.jpg"));
}

TEST(EmptyLabelTest, LabelWithoutContent) {
  EXPECT_TRUE(IsEmptyLabel("WEB:"));
  EXPECT_TRUE(IsEmptyLabel(" LINK: "));
  EXPECT_FALSE(IsEmptyLabel("WEB: www.spire.com"));
  EXPECT_FALSE(IsEmptyLabel("Business Minister, the Rt. Hon. Lord Henley, said:"));
  EXPECT_FALSE(IsEmptyLabel("Web:"));
  EXPECT_FALSE(IsEmptyLabel(":"));
  EXPECT_FALSE(IsEmptyLabel("BIRTHDAYS"));
}

TEST(PseudoMarkupTest, BecomesTheCharacter) {
  std::string text = "Helsinki <endash>-</endash> Turku";
  ReplacePseudoMarkup(&text);
  EXPECT_EQ(text, "Helsinki \xE2\x80\x93 Turku");
  text = "A<EMDASH/>B <emdash>--</emdash> C";
  ReplacePseudoMarkup(&text);
  EXPECT_EQ(text, "A\xE2\x80\x94" "B \xE2\x80\x94 C");
  // Other markup and an unclosed element are text.
  text = "a < b and <endash> alone, <b>bold</b>";
  ReplacePseudoMarkup(&text);
  EXPECT_EQ(text, "a < b and <endash> alone, <b>bold</b>");
}

}  // namespace
}  // namespace newswire
