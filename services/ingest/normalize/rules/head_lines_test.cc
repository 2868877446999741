#include "services/ingest/normalize/rules/head_lines.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(ParseBylineLine, AgenciesBylines) {
  // Reuters, AP (ANPA, with the affiliation), IPTC 7901 with its " =",
  // dpa, AFP with the agency in parentheses, EFE, PA.
  EXPECT_EQ(ParseBylineLine("By Arpan Varghese"), "By Arpan Varghese");
  EXPECT_EQ(ParseBylineLine("By PAUL BYRNE and ALMUDENA CALATRAVA, Associated Press"),
            "By PAUL BYRNE and ALMUDENA CALATRAVA, Associated Press");
  EXPECT_EQ(ParseBylineLine("By Tom Krasovic, The San Diego Union-Tribune ="),
            "By Tom Krasovic, The San Diego Union-Tribune");
  EXPECT_EQ(ParseBylineLine("Von Bettina Grachtrup, dpa"), "Von Bettina Grachtrup, dpa");
  EXPECT_EQ(ParseBylineLine("Par Jean-Luc Dupont (AFP)"), "Par Jean-Luc Dupont (AFP)");
  EXPECT_EQ(ParseBylineLine("Por Juan de la Cruz"), "Por Juan de la Cruz");
  EXPECT_EQ(ParseBylineLine("BY ULRIKE von der LEYEN"), "BY ULRIKE von der LEYEN");
  EXPECT_EQ(ParseBylineLine("By Jan Olsen and Mary June Smith"),
            "By Jan Olsen and Mary June Smith");
  EXPECT_EQ(ParseBylineLine("By Sam Lister, Press Association Political Correspondent"),
            "By Sam Lister, Press Association Political Correspondent");
}

TEST(ParseBylineLine, NordicAndDutchMarkers) {
  EXPECT_EQ(ParseBylineLine("Av Kari Nordmann"), "Av Kari Nordmann");
  EXPECT_EQ(ParseBylineLine("Af Peder Top Poulsen, Ritzau"), "Af Peder Top Poulsen, Ritzau");
  EXPECT_EQ(ParseBylineLine("Door Jan de Vries"), "Door Jan de Vries");
  EXPECT_EQ(ParseBylineLine("Av de 300 deltakerne kom 20"), std::nullopt);
}

TEST(IsBylineAffiliation, RolesAndEmployers) {
  EXPECT_TRUE(IsBylineAffiliation("Associated Press Writer"));
  EXPECT_TRUE(IsBylineAffiliation("AP Sports Writer"));
  EXPECT_TRUE(IsBylineAffiliation("Press Association Chief Political Correspondent"));
  EXPECT_TRUE(IsBylineAffiliation("Associated Press"));
  EXPECT_TRUE(IsBylineAffiliation("dpa"));
  EXPECT_FALSE(IsBylineAffiliation("The storm moved up the coast."));
  EXPECT_FALSE(IsBylineAffiliation("WASHINGTON"));
  EXPECT_FALSE(IsBylineAffiliation("Jan 30 (Reuters) - Gold rose"));
}

TEST(ParseBylineLine, SentencesAreNotBylines) {
  EXPECT_EQ(ParseBylineLine("By Monday, the river had crested."), std::nullopt);
  EXPECT_EQ(ParseBylineLine("By 2030 the fleet will be electric"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("By the time police arrived"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("Von Berlin aus fuhr der Zug weiter"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("Par ailleurs, le gouvernement a annonce"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("By Contrast Officials Said Nothing New About The Plan Today."),
            std::nullopt);
  EXPECT_EQ(ParseBylineLine("By Monday Evening"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("Von Freitag An"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("BY THE NUMBERS"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("By March, Prices Had Doubled"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("Bypass"), std::nullopt);
  EXPECT_EQ(ParseBylineLine("The story by Jane Doe"), std::nullopt);
}

TEST(ParseEditorNote, ParenthesizedNotes) {
  EXPECT_EQ(ParseEditorNote("(Adds comments, detail)"), "Adds comments, detail");
  EXPECT_EQ(ParseEditorNote("(Updates with closing prices)"), "Updates with closing prices");
  EXPECT_EQ(ParseEditorNote("(Corrects spelling of name in paragraph 3)"),
            "Corrects spelling of name in paragraph 3");
  EXPECT_EQ(ParseEditorNote("(Eds: With AP Photos.)"), "Eds: With AP Photos.");
  EXPECT_EQ(ParseEditorNote("(In Jan. 3 story, corrects last paragraph)"),
            "In Jan. 3 story, corrects last paragraph");
  EXPECT_EQ(ParseEditorNote("(Aktualisierung: neue Zitate)"), "Aktualisierung: neue Zitate");
  EXPECT_EQ(ParseEditorNote("(Actualiza con declaraciones)"), "Actualiza con declaraciones");
  EXPECT_EQ(ParseEditorNote("(For a live blog on European stocks, type LIVE/ in a news window.)"),
            "For a live blog on European stocks, type LIVE/ in a news window.");
  EXPECT_EQ(ParseEditorNote("Eds: With AP Photos."), "Eds: With AP Photos.");
  EXPECT_EQ(ParseEditorNote("Editor's note: Contains strong language"),
            "Editor's note: Contains strong language");
}

TEST(ParseEditorNote, OtherParenthesesAreNotNotes) {
  EXPECT_EQ(ParseEditorNote("(AP)"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("(Reporting by Jane Doe; Editing by Joe Bloggs)"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("(In a statement, the ministry said ...)"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("(Adds X) and then the story goes on (Y)"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("Adds comments, detail"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("Eds:"), std::nullopt);
}

TEST(IsCorrectionNote, NotesThatOpenWithACorrection) {
  EXPECT_TRUE(IsCorrectionNote("Corrects spelling of name in paragraph 3"));
  EXPECT_TRUE(IsCorrectionNote("(Corrects spelling of name)"));
  EXPECT_TRUE(IsCorrectionNote("In Jan. 3 story, corrects last paragraph"));
  EXPECT_TRUE(IsCorrectionNote("Berichtigung: Name im dritten Absatz"));
  EXPECT_TRUE(IsCorrectionNote("Rettelse: Navnet er rettet"));
  EXPECT_TRUE(IsCorrectionNote("R\xC3\xA4ttad: namnet"));
  // STT's public note on a corrected story.
  EXPECT_TRUE(IsCorrectionNote("Korjattu aiempaa uutista: juttu perustuu toiseen l\xC3\xA4hteeseen"));
  EXPECT_TRUE(IsCorrectionNote("Corrig\xC3\xA9 le nom au 3e paragraphe"));
}

TEST(ParseEditorNote, NoticesThatTheStoryReplacesAnEarlierOne) {
  // ANP sets the kind of message letter-spaced, then the earlier headline.
  EXPECT_EQ(ParseEditorNote("N i e u w bericht, vervangt: Brand in Rotterdam"),
            "Nieuw bericht, vervangt: Brand in Rotterdam");
  EXPECT_EQ(ParseEditorNote("C o r r e c t i e, vervangt: Brand in Rotterdam"),
            "Correctie, vervangt: Brand in Rotterdam");
  EXPECT_EQ(ParseEditorNote("Neue Fassung, ersetzt: Brand in Hamburg"),
            "Neue Fassung, ersetzt: Brand in Hamburg");
  EXPECT_EQ(ParseEditorNote("Nouvelle version, remplace : Incendie \xC3\xA0 Lyon"),
            "Nouvelle version, remplace : Incendie \xC3\xA0 Lyon");
  // A press-release service heads a corrected release with a notice.
  EXPECT_EQ(ParseEditorNote("The following corrects and replaces the press release issued "
                            "earlier today by Acme Corp. The complete, corrected release follows:"),
            "The following corrects and replaces the press release issued earlier today by "
            "Acme Corp. The complete, corrected release follows:");
  EXPECT_EQ(ParseEditorNote("Le communiqu\xC3\xA9 suivant corrige et remplace le communiqu\xC3\xA9 "
                            "diffus\xC3\xA9 hier par Acme."),
            "Le communiqu\xC3\xA9 suivant corrige et remplace le communiqu\xC3\xA9 diffus\xC3\xA9 "
            "hier par Acme.");
}

TEST(ParseEditorNote, SentencesAboutReplacingAreNotNotices) {
  EXPECT_EQ(ParseEditorNote("The new law replaces the old one from 1990."), std::nullopt);
  EXPECT_EQ(ParseEditorNote("Het kabinet zegt dat de wet de oude regeling vervangt: een stap."),
            std::nullopt);
  EXPECT_EQ(ParseEditorNote("A b c"), std::nullopt);
  EXPECT_EQ(ParseEditorNote("The company corrects errors and replaces parts every year."),
            std::nullopt);
}

TEST(IsReplaceNotice, ReplaceAndCorrectNotices) {
  EXPECT_TRUE(IsReplaceNotice("Nieuw bericht, vervangt: Brand in Rotterdam"));
  EXPECT_TRUE(IsReplaceNotice("CORRECTING and REPLACING the release of May 2"));
  EXPECT_FALSE(IsReplaceNotice("Adds comments, detail"));
  // Replacing alone is a new version; correcting and replacing is a correction.
  EXPECT_FALSE(IsCorrectionNote("Nieuw bericht, vervangt: Brand in Rotterdam"));
  EXPECT_TRUE(IsCorrectionNote("Correctie, vervangt: Brand in Rotterdam"));
  EXPECT_TRUE(IsCorrectionNote("The following corrects and replaces the release issued today"));
  EXPECT_TRUE(IsCorrectionNote("Le communiqu\xC3\xA9 suivant corrige et remplace le communiqu\xC3\xA9"));
}

TEST(IsSentenceNotByline, SubtitlesAreNotBylines) {
  EXPECT_TRUE(IsSentenceNotByline("Situation serious, ready for all scenarios says EC"));
  EXPECT_FALSE(IsSentenceNotByline("By Jane Doe, AP Business Writer"));
  EXPECT_FALSE(IsSentenceNotByline("Von Bettina Grachtrup, dpa"));
  EXPECT_FALSE(IsSentenceNotByline("Juan de la Cruz y Maria del Mar"));
  EXPECT_FALSE(IsSentenceNotByline("Martin Hardenberger/TT"));
}

TEST(IsReleaseMetadataLine, TimeIssuerAndKind) {
  EXPECT_TRUE(IsReleaseMetadataLine("2.4.2019 16:02:09 CEST | Acme Oyj | Annual report"));
  EXPECT_TRUE(IsReleaseMetadataLine("2019-04-02 16:02 | Acme ASA"));
  EXPECT_FALSE(IsReleaseMetadataLine("Acme Oyj | Annual report"));
  EXPECT_FALSE(IsReleaseMetadataLine("2.4.2019 | Acme Oyj | Annual report"));
  EXPECT_FALSE(IsReleaseMetadataLine("2.4.2019 Helsinki | Acme Oyj | Annual report"));
  EXPECT_FALSE(IsReleaseMetadataLine("Revenue 2019 16:02 | up 5 % | down 2 %"));
  EXPECT_FALSE(IsReleaseMetadataLine("2.4.2019 16:02:09 CEST"));
}

TEST(IsCorrectionNote, OtherNotesAreNotCorrections) {
  EXPECT_FALSE(IsCorrectionNote("Adds comments, detail"));
  EXPECT_FALSE(IsCorrectionNote("Updates with closing prices"));
  EXPECT_FALSE(IsCorrectionNote("Eds: UPDATES with details; corrections to follow"));
  EXPECT_FALSE(IsCorrectionNote("In a statement, the ministry corrects nothing"));
  EXPECT_FALSE(IsCorrectionNote("lopusta"));
  EXPECT_FALSE(IsCorrectionNote(""));
}

TEST(IsSummaryBullet, Bullets) {
  EXPECT_TRUE(IsSummaryBullet("* Spot gold may edge up to $1,205 per ounce- technicals"));
  EXPECT_TRUE(IsSummaryBullet("\xE2\x80\xA2 Dollar index down"));
  EXPECT_FALSE(IsSummaryBullet("Jan 30 (Reuters) - Gold rose on Tuesday"));
  EXPECT_FALSE(IsSummaryBullet("-5 degrees overnight"));
}

}  // namespace
}  // namespace newswire
