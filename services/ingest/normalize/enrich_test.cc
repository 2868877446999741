#include "services/ingest/normalize/enrich.h"

#include <cstdint>
#include <initializer_list>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;

v1::Story StoryWith(const std::string& headline, std::initializer_list<const char*> paragraphs) {
  v1::Story story;
  story.set_headline(headline);
  for (const char* paragraph : paragraphs) story.add_paragraphs(paragraph);
  return story;
}

v1::Story Enriched(v1::Story story) {
  EnrichStory(story);
  return story;
}

TEST(EnrichStoryTest, DatelineOpeningTheBodyStaysInTheParagraph) {
  v1::Story story = Enriched(StoryWith(
      "Ferry service to resume",
      {"WASHINGTON (AP) \xE2\x80\x94 The harbour authority said the ferry would resume sailing "
       "on Thursday.",
       "Officials expect the storm to pass overnight."}));
  EXPECT_EQ(story.dateline().place(), "WASHINGTON");
  EXPECT_EQ(story.dateline().agency(), "AP");
  EXPECT_EQ(story.dateline().text(), "WASHINGTON (AP) \xE2\x80\x94");
  EXPECT_EQ(story.paragraphs_size(), 2);
  EXPECT_EQ(story.paragraphs(0).rfind("WASHINGTON (AP)", 0), 0u);
  EXPECT_EQ(story.agency(), "AP");
  EXPECT_EQ(story.language(), "en");
}

TEST(EnrichStoryTest, PlaceLineOnItsOwnAndClosingCreditsLeaveTheBody) {
  v1::Story story = Enriched(StoryWith(
      "China wary of cyber defense center",
      {"BEIJING", "China on Monday expressed concern about a new research partnership.",
       "The ministry urged restraint.", "\xC2\xA9 KYODO", "\xC2\xA9" "2022 Example Media Inc."}));
  EXPECT_EQ(story.dateline().place(), "BEIJING");
  EXPECT_EQ(story.dateline().text(), "BEIJING");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("China on Monday expressed concern about a new research partnership.",
                          "The ministry urged restraint."));
  EXPECT_EQ(story.agency(), "KYODO");
  EXPECT_EQ(story.copyright(), "\xC2\xA9 KYODO");
  EXPECT_EQ(story.language(), "en");
}

TEST(EnrichStoryTest, AgencyFromDatelineBeforeCredits) {
  v1::Story story = Enriched(StoryWith(
      "Oil slips", {"LONDON, Jan 5 (Reuters) - Oil prices slipped on Thursday.",
                    "Reporting by Jane Doe; Editing by John Roe"}));
  EXPECT_EQ(story.agency(), "REUTERS");
  EXPECT_EQ(story.dateline().date_text(), "Jan 5");
  EXPECT_THAT(story.paragraphs(), ElementsAre("LONDON, Jan 5 (Reuters) - Oil prices slipped on Thursday."));
  EXPECT_EQ(story.copyright(), "");  // a staff credit is no copyright line
}

TEST(EnrichStoryTest, AgencyFromAnInlineCreditKeepsTheParagraph) {
  v1::Story story = Enriched(StoryWith(
      "Rates on hold", {"The central bank kept its cash rate unchanged on Tuesday.",
                        "Economists had expected the decision. (AAP)"}));
  EXPECT_EQ(story.agency(), "AAP");
  EXPECT_EQ(story.paragraphs_size(), 2);
  EXPECT_TRUE(story.dateline().text().empty());
}

TEST(EnrichStoryTest, UnknownDatelineAgencyIsKeptUpperCase) {
  v1::Story story = Enriched(StoryWith(
      "Palm oil firms", {"KUALA LUMPUR, Nov 7 (Bernama) -- Palm oil futures firmed on Monday."}));
  EXPECT_EQ(story.agency(), "BERNAMA");
}

TEST(EnrichStoryTest, FieldsTheParserSetAreNotOverridden) {
  v1::Story story = StoryWith("Ferry", {"TOKYO, Nov 7 (Reuters) - The ferry sailed again.",
                                        "(c) 2022 KYODO NEWS"});
  story.set_agency("Associated Press");
  story.mutable_dateline()->set_place("Yokohama");
  story.set_language("EN_gb");
  story.set_copyright("Copyright 2022 The Associated Press");
  story = Enriched(story);
  EXPECT_EQ(story.agency(), "AP");  // normalized, not replaced
  // The printed dateline wins over the metadata's place (issue 18).
  EXPECT_EQ(story.dateline().place(), "TOKYO");
  EXPECT_EQ(story.dateline().text(), "TOKYO, Nov 7 (Reuters) -");
  EXPECT_EQ(story.language(), "en-GB");
  EXPECT_EQ(story.copyright(), "Copyright 2022 The Associated Press");
  // The credit line is still no body text.
  EXPECT_THAT(story.paragraphs(), ElementsAre("TOKYO, Nov 7 (Reuters) - The ferry sailed again."));
}

TEST(EnrichStoryTest, LongAgencyNamesAndDeclaredLanguagesAreNormalized) {
  v1::Story story;
  story.set_agency("DEUTSCHE PRESSE-AGENTUR");
  story.set_language("ger");
  story = Enriched(story);
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.language(), "de");
}

TEST(EnrichStoryTest, UnreadableDeclaredLanguageGivesWayToDetection) {
  v1::Story story = StoryWith("Neue Regeln f\xC3\xBCr den Hafen",
                              {"Berlin (dpa) - Die Regierung will die Regeln f\xC3\xBCr "
                               "den Hafen im kommenden Jahr versch\xC3\xA4rfen."});
  story.set_language("??");
  story = Enriched(story);
  EXPECT_EQ(story.language(), "de");
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.dateline().place(), "Berlin");
}

// Detection reads a sample of the start, cut on a character boundary: long
// Japanese text (no spaces, three bytes a character) is still Japanese, and a
// long story whose end is in another language is told by its start.
TEST(EnrichStoryTest, LanguageOfLongStoriesComesFromTheirStart) {
  std::string japanese;
  while (japanese.size() < 10000) {
    japanese += "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA7"
                "\xE4\xBC\x9A\xE8\xAD\xB0\xE3\x82\x92\xE9\x96\x8B\xE3\x81\x84\xE3\x81\x9F\xE3\x80\x82";
  }
  v1::Story story;
  story.set_headline("\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\x8C\xE4\xBC\x9A\xE8\xAD\xB0");
  story.add_paragraphs(japanese);
  EXPECT_EQ(Enriched(story).language(), "ja");

  v1::Story mixed;
  mixed.set_headline("Harbour rules to be tightened next year");
  std::string english;
  while (english.size() < 3000) {
    english += "The government said on Monday that it would tighten the rules for the harbour. ";
  }
  mixed.add_paragraphs(english);
  std::string german;
  while (german.size() < 6000) {
    german += "Die Regierung will die Regeln f\xC3\xBCr den Hafen im kommenden Jahr versch\xC3\xA4rfen. ";
  }
  mixed.add_paragraphs(german);
  EXPECT_EQ(Enriched(mixed).language(), "en");
}

TEST(EnrichStoryTest, NothingToFindLeavesFieldsEmpty) {
  v1::Story story = Enriched(StoryWith("Hi", {"Short."}));
  EXPECT_EQ(story.agency(), "");
  EXPECT_EQ(story.language(), "");  // too little text
  EXPECT_FALSE(story.has_dateline());
  EXPECT_THAT(story.paragraphs(), ElementsAre("Short."));

  v1::Story empty = Enriched(v1::Story());
  EXPECT_EQ(empty.SerializeAsString(), "");
}

TEST(EnrichStoryTest, APlaceLineWithoutABodyIsLeftAlone) {
  v1::Story story = Enriched(StoryWith("Headline", {"BEIJING"}));
  EXPECT_FALSE(story.has_dateline());
  EXPECT_THAT(story.paragraphs(), ElementsAre("BEIJING"));
}

TEST(EnrichStoryTest, TheFirstParagraphIsNeverRemovedAsACredit) {
  v1::Story story = Enriched(StoryWith("Headline", {"(AP)", "AFP"}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("(AP)"));
  EXPECT_EQ(story.agency(), "AFP");
}

TEST(EnrichStoryTest, EnrichingTwiceEqualsEnrichingOnce) {
  const v1::Story stories[] = {
      StoryWith("China wary of cyber defense center",
                {"BEIJING", "China on Monday expressed concern about a research partnership.",
                 "\xC2\xA9 KYODO", "\xC2\xA9" "2022 Example Media Inc."}),
      StoryWith("Oil slips", {"LONDON, Jan 5 (Reuters) - Oil prices slipped on Thursday.",
                              "(Reporting by Jane Doe; Editing by John Roe)", "(AP)", "AFP",
                              "dpa", "/dpa", "(AAP)", "Associated Press"}),
      StoryWith("Palm oil", {"KUALA LUMPUR, Nov 7 (Bernama) -- Palm oil firmed on Monday."}),
      StoryWith("Headline", {"WASHINGTON (AP) \xE2\x80\x94", "Body text follows here."}),
      StoryWith("", {}),
  };
  for (const v1::Story& original : stories) {
    v1::Story once = Enriched(original);
    v1::Story twice = Enriched(once);
    EXPECT_EQ(once.SerializeAsString(), twice.SerializeAsString()) << original.DebugString();
  }
}

// Stories built from the pieces datelines and credits are made of, in every
// order: no crash (the ASan build checks memory), and still idempotent.
TEST(EnrichStoryTest, ArbitraryPiecesAreHandledAndIdempotent) {
  static constexpr const char* kPieces[] = {
      "(", ")", "\xE2\x80\x94", "-", "--", " ", " ", "AP", "Reuters", "Nov", "7", ",", ".",
      ":", "_", "\xC2\xA9", "(c)", "BEIJING", "Tokyo", "de", "Kyodo", "dpa", "/", "said",
      "\xE3\x80\x90", "\xE3\x80\x91", "\xE5\x85\xB1\xE5\x90\x8C", "\xC3", "\xFF",
      "2022", "Reporting by ", "Editing by ", ";", "NEW YORK", "The"};
  constexpr size_t kPieceCount = sizeof(kPieces) / sizeof(kPieces[0]);
  uint64_t state = 42;
  auto next = [&state](uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state >> 33) % bound);
  };
  for (int round = 0; round < 3000; ++round) {
    v1::Story story;
    size_t paragraphs = next(5);
    for (size_t p = 0; p < paragraphs; ++p) {
      std::string paragraph;
      size_t pieces = 1 + next(10);
      for (size_t k = 0; k < pieces; ++k) paragraph += kPieces[next(kPieceCount)];
      story.add_paragraphs(paragraph);
    }
    v1::Story once = Enriched(story);
    v1::Story twice = Enriched(once);
    ASSERT_EQ(once.SerializeAsString(), twice.SerializeAsString()) << story.DebugString();
  }
}

}  // namespace
}  // namespace newswire

namespace newswire {
namespace {

// Whatever path a parser took, no text field keeps a bidi override, isolate
// or embedding, nor a soft hyphen: a story built by hand carries them all.
TEST(EnrichStoryTest, RemovesInvisibleFormatFromEveryTextField) {
  const std::string rlo = "\xE2\x80\xAE", pdf = "\xE2\x80\xAC", lri = "\xE2\x81\xA6",
                    pdi = "\xE2\x81\xA9", shy = "\xC2\xAD";
  v1::Story story;
  story.set_headline("Invoice " + rlo + "fdp.exe" + pdf);
  story.set_subheadline(lri + "sub" + pdi);
  story.set_byline("By " + rlo + "Jane Doe");
  story.add_paragraphs("In" + shy + "formation on the " + lri + "harbour" + pdi + " plan.");
  story.add_keywords(rlo + "ferry");
  story.set_slugline("slug" + pdf);
  story.set_editorial_note(pdi + "note");
  story.set_copyright(rlo + "(c) Example");
  story.mutable_dateline()->set_place(lri + "ROTTERDAM" + pdi);
  v1::Story enriched = Enriched(story);
  EXPECT_EQ(enriched.headline(), "Invoice fdp.exe");
  EXPECT_EQ(enriched.subheadline(), "sub");
  EXPECT_EQ(enriched.byline(), "By Jane Doe");
  EXPECT_THAT(enriched.paragraphs(), ElementsAre("Information on the harbour plan."));
  EXPECT_THAT(enriched.keywords(), ElementsAre("ferry"));
  EXPECT_EQ(enriched.slugline(), "slug");
  EXPECT_EQ(enriched.editorial_note(), "note");
  EXPECT_EQ(enriched.copyright(), "(c) Example");
  EXPECT_EQ(enriched.dateline().place(), "ROTTERDAM");
  // The marks that only place neutral characters are kept.
  v1::Story marked = Enriched(StoryWith("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D 2024\xE2\x80\x8F", {}));
  EXPECT_EQ(marked.headline(), "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D 2024\xE2\x80\x8F");
}

}  // namespace
}  // namespace newswire

namespace newswire {
namespace {

// The head of the text as each agency prints it (issue 18, classes 2, 3, 4
// and 8): notes, bylines and bullets above the lead, the dateline on the
// lead, the credit line at the end.

TEST(StoryHeadTest, ReutersNoteBulletsBylineDatelineAndCreditLine) {
  v1::Story story = Enriched(StoryWith(
      "PRECIOUS-Gold rises",
      {"(Adds comments, detail)", "* Spot gold may edge up to $1,205 per ounce",
       "* Dollar index down 0.1 percent", "By Arpan Varghese",
       "Jan 30 (Reuters) - Gold rose on Tuesday on increased safe haven demand.",
       "Palladium rose 0.7 percent.",
       "(Reporting by Arpan Varghese in Bengaluru; Editing by Joseph Radford)"}));
  EXPECT_EQ(story.editorial_note(), "Adds comments, detail");
  EXPECT_EQ(story.byline(), "By Arpan Varghese");
  EXPECT_EQ(story.dateline().place(), "");
  EXPECT_EQ(story.dateline().date_text(), "Jan 30");
  EXPECT_EQ(story.dateline().agency(), "Reuters");
  EXPECT_EQ(story.dateline().text(), "Jan 30 (Reuters) -");
  EXPECT_EQ(story.agency(), "REUTERS");
  EXPECT_EQ(story.credit_line(),
            "Reporting by Arpan Varghese in Bengaluru; Editing by Joseph Radford");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("* Spot gold may edge up to $1,205 per ounce",
                          "* Dollar index down 0.1 percent",
                          "Jan 30 (Reuters) - Gold rose on Tuesday on increased safe haven demand.",
                          "Palladium rose 0.7 percent."));
}

TEST(StoryHeadTest, ReutersCorrectionNoteAndMetadataPlaceWithoutPrintedPlace) {
  v1::Story story = StoryWith(
      "CORRECTED-Flooding", {"(In Jan. 3 story, corrects last paragraph)",
                             "Jan 3 (Reuters) - Residents of flooded areas waited on Sunday."});
  story.mutable_dateline()->set_place("Chicago");
  story = Enriched(story);
  EXPECT_EQ(story.editorial_note(), "In Jan. 3 story, corrects last paragraph");
  EXPECT_EQ(story.dateline().place(), "Chicago");  // the printed one has none
  EXPECT_EQ(story.dateline().date_text(), "Jan 3");
  EXPECT_EQ(story.dateline().text(), "Jan 3 (Reuters) -");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("Jan 3 (Reuters) - Residents of flooded areas waited on Sunday."));
}

TEST(StoryHeadTest, CorrectionNoteMakesACorrection) {
  // A printed Reuters note, and a metadata note as STT writes it.
  v1::Story printed = Enriched(StoryWith(
      "Flooding", {"(Corrects spelling of name in paragraph 2)",
                   "Jan 3 (Reuters) - Residents of flooded areas waited on Sunday."}));
  EXPECT_EQ(printed.signal(), v1::SIGNAL_CORRECTION);
  v1::Story metadata = StoryWith("Niinist\xC3\xB6: Ylen tiedoissa", {"Puolustusministeri kertoo."});
  metadata.set_editorial_note("2. kpl. po. Puolustusvoimissa; Korjattu aiempaa uutista: ...");
  metadata.set_signal(v1::SIGNAL_UPDATE);
  EXPECT_EQ(Enriched(metadata).signal(), v1::SIGNAL_CORRECTION);
}

TEST(StoryHeadTest, ReplaceNoticeIsANoteAndAnUpdate) {
  // ANP: "N i e u w bericht, vervangt: <earlier headline>" above the lead.
  v1::Story anp = Enriched(StoryWith(
      "Brand in Rotterdam (2)", {"N i e u w bericht, vervangt: Brand in Rotterdam",
                                 "Rotterdam (ANP) - In de haven woedt een grote brand."}));
  EXPECT_EQ(anp.editorial_note(), "Nieuw bericht, vervangt: Brand in Rotterdam");
  EXPECT_EQ(anp.signal(), v1::SIGNAL_UPDATE);
  EXPECT_EQ(anp.dateline().place(), "Rotterdam");
  EXPECT_THAT(anp.paragraphs(), ElementsAre("Rotterdam (ANP) - In de haven woedt een grote brand."));
  // A press-release service's notice on a corrected release.
  v1::Story release = Enriched(StoryWith(
      "CORRECTING and REPLACING Acme names CEO",
      {"The following corrects and replaces the release issued earlier today by Acme Corp.",
       "TORONTO, May 26, 2020 (GLOBE NEWSWIRE) -- Acme Corp. named a new chief executive."}));
  EXPECT_EQ(release.editorial_note(),
            "The following corrects and replaces the release issued earlier today by Acme Corp.");
  EXPECT_EQ(release.signal(), v1::SIGNAL_CORRECTION);
  EXPECT_EQ(release.dateline().place(), "TORONTO");
  EXPECT_EQ(release.paragraphs_size(), 1);
}

TEST(StoryHeadTest, AnsaHeadlineMarksAndSubtitleInTheBylineField) {
  // ANSA flags a top story with arrows and its name before the headline,
  // and Belga's NITF of it carries the subtitle in <byline>.
  v1::Story story = StoryWith(">>>ANSA/Rome council approves budget",
                              {"ROME - The city council approved the budget on Monday."});
  story.set_byline("Vote passed late at night after long debate");
  story = Enriched(story);
  EXPECT_EQ(story.headline(), "Rome council approves budget");
  EXPECT_EQ(story.subheadline(), "Vote passed late at night after long debate");
  EXPECT_EQ(story.byline(), "");
}

TEST(StoryHeadTest, HeadlinesAndBylinesThatAreWords) {
  v1::Story story = StoryWith("AP/NORC poll: most back the plan",
                              {"WASHINGTON (AP) -- Most Americans back the plan."});
  story.set_byline("Von Bettina Grachtrup, dpa");
  story = Enriched(story);
  EXPECT_EQ(story.headline(), "AP/NORC poll: most back the plan");
  EXPECT_EQ(story.byline(), "Von Bettina Grachtrup, dpa");
  EXPECT_EQ(story.subheadline(), "");
  v1::Story ap = StoryWith("Captain on trial", {"GROSSETO, Italy (AP) -- The trial began."});
  ap.set_byline("Frances D'Emilio, Associated Press Writer");
  EXPECT_EQ(Enriched(ap).byline(), "Frances D'Emilio, Associated Press Writer");
}

TEST(StoryHeadTest, WritersNameClosingTheTextIsTheByline) {
  v1::Story story = StoryWith("Krisen djupare", {"HIF f\xC3\xB6rlorade igen.", "Anna Berg"});
  story.set_byline("Anna Berg/TT");
  EXPECT_THAT(Enriched(story).paragraphs(), ElementsAre("HIF f\xC3\xB6rlorade igen."));
  v1::Story other = StoryWith("Krisen djupare", {"HIF f\xC3\xB6rlorade igen.", "Anna Bergman"});
  other.set_byline("Anna Berg/TT");
  EXPECT_EQ(Enriched(other).paragraphs_size(), 2);
}

TEST(StoryHeadTest, ReleaseMetadataLineLeavesTheBody) {
  v1::Story story = Enriched(StoryWith(
      "Annual report", {"2.4.2019 16:02:09 CEST | Acme Oyj | Annual report",
                        "Acme's revenue grew by 5 percent.", "Acme makes tools."}));
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("Acme's revenue grew by 5 percent.", "Acme makes tools."));
}

TEST(StoryHeadTest, ReleaseLeadBelowTitleSubtitleAndHighlights) {
  v1::Story release = Enriched(StoryWith(
      "Acme leads rural speeds", {"Acme leads rural speeds", "Acme has the fastest network",
                                  "Rural download speeds rank second in the G7",
                                  "Investment raised rural speeds by 71 percent",
                                  "TORONTO, May 26, 2020 (GLOBE NEWSWIRE) -- Rural download "
                                  "speeds in Canada rank among the highest in the world."}));
  EXPECT_EQ(release.dateline().place(), "TORONTO");
  EXPECT_EQ(release.dateline().date_text(), "May 26, 2020");
  EXPECT_EQ(release.agency(), "GLOBE NEWSWIRE");
  // Without a date, a dateline that far down is not the lead's.
  v1::Story story = Enriched(StoryWith(
      "Rural speeds", {"Rural speeds are up", "The network is fast", "Speeds rank second",
                       "Investment raised speeds",
                       "TORONTO (Reuters) - Rural download speeds rank among the highest."}));
  EXPECT_FALSE(story.has_dateline());
}

TEST(StoryHeadTest, OtherNotesAndKillsKeepTheirSignal) {
  v1::Story update = Enriched(StoryWith(
      "Gold rises", {"(Adds comments, detail)", "Jan 30 (Reuters) - Gold rose on Tuesday."}));
  EXPECT_EQ(update.signal(), v1::SIGNAL_UNSPECIFIED);
  v1::Story kill = StoryWith("Flooding", {});
  kill.set_editorial_note("Corrects the headline");
  kill.set_signal(v1::SIGNAL_KILL);
  EXPECT_EQ(Enriched(kill).signal(), v1::SIGNAL_KILL);
}

TEST(StoryHeadTest, ApBylineAndPrintedDatelineOverMetadataPlace) {
  v1::Story story = StoryWith(
      "Captain on trial", {"By FRANCES D'EMILIO, Associated Press",
                           "GROSSETO, Italy (AP) -- The trial of the captain has begun.",
                           "The sole defendant denied wrongdoing."});
  story.mutable_dateline()->set_place("Rome");  // a `located` that disagrees
  story = Enriched(story);
  EXPECT_EQ(story.byline(), "By FRANCES D'EMILIO, Associated Press");
  EXPECT_EQ(story.dateline().place(), "GROSSETO, Italy");
  EXPECT_EQ(story.dateline().agency(), "AP");
  EXPECT_EQ(story.dateline().text(), "GROSSETO, Italy (AP) --");
  EXPECT_EQ(story.agency(), "AP");
  ASSERT_EQ(story.paragraphs_size(), 2);
  EXPECT_EQ(story.paragraphs(0), "GROSSETO, Italy (AP) -- The trial of the captain has begun.");
}

TEST(StoryHeadTest, ApEdsNoteAndPlaceLineOnItsOwn) {
  v1::Story story = StoryWith("Storm", {"Eds: With AP Photos.", "NEW YORK",
                                        "The storm moved up the coast on Monday, forecasters said."});
  story.mutable_dateline()->set_place("NEW YORK");
  story = Enriched(story);
  EXPECT_EQ(story.editorial_note(), "Eds: With AP Photos.");
  EXPECT_EQ(story.dateline().place(), "NEW YORK");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("The storm moved up the coast on Monday, forecasters said."));
}

TEST(StoryHeadTest, DpaBylineAndGermanDate) {
  v1::Story story = Enriched(StoryWith(
      "Regierung", {"Von Anna Schmidt, dpa",
                    "BERLIN, 5. Mai (dpa) - Die Regierung plant neue Regeln f\xC3\xBCr Mieten.",
                    "xy/ab/dpa"}));
  EXPECT_EQ(story.byline(), "Von Anna Schmidt, dpa");
  EXPECT_EQ(story.dateline().place(), "BERLIN");
  EXPECT_EQ(story.dateline().date_text(), "5. Mai");
  EXPECT_EQ(story.dateline().agency(), "dpa");
  EXPECT_EQ(story.agency(), "DPA");
  EXPECT_EQ(story.credit_line(), "");  // a desk sign-off is no staff credit
  EXPECT_EQ(story.paragraphs_size(), 1);
}

TEST(StoryHeadTest, PartnerCopyMovedByDpaCreditsDpa) {
  v1::Story story = Enriched(StoryWith(
      "Super Bowl", {"San Diego (tca/dpa) - History says this was no Super Bowl preview."}));
  EXPECT_EQ(story.dateline().place(), "San Diego");
  EXPECT_EQ(story.dateline().agency(), "tca/dpa");
  EXPECT_EQ(story.agency(), "DPA");
}

TEST(StoryHeadTest, AfpParBylineAndFrenchDate) {
  v1::Story story = Enriched(StoryWith(
      "Plan", {"Par Jean-Luc Dupont",
               "PARIS, 7 nov 2022 (AFP) - Le gouvernement a annonc\xC3\xA9 un plan."}));
  EXPECT_EQ(story.byline(), "Par Jean-Luc Dupont");
  EXPECT_EQ(story.dateline().place(), "PARIS");
  EXPECT_EQ(story.dateline().date_text(), "7 nov 2022");
  EXPECT_EQ(story.agency(), "AFP");
}

TEST(StoryHeadTest, EfePorBylineAndDatelineWithDotDash) {
  v1::Story story = Enriched(StoryWith(
      "Medidas", {"(Actualiza con declaraciones del ministro)", "Por Juan de la Cruz",
                  "Tegucigalpa, Jan 2 (EFE).- El Gobierno anunci\xC3\xB3 medidas."}));
  EXPECT_EQ(story.editorial_note(), "Actualiza con declaraciones del ministro");
  EXPECT_EQ(story.byline(), "Por Juan de la Cruz");
  EXPECT_EQ(story.dateline().place(), "Tegucigalpa");
  EXPECT_EQ(story.dateline().date_text(), "Jan 2");
  EXPECT_EQ(story.dateline().text(), "Tegucigalpa, Jan 2 (EFE).-");
  EXPECT_EQ(story.agency(), "EFE");
}

TEST(StoryHeadTest, AnsaAgencyFirstFillsTheMetadataDateline) {
  v1::Story story = StoryWith(
      "Catalonia", {"(ANSA) - Rome, October 11 - Italy's foreign minister spoke on Wednesday."});
  story.mutable_dateline()->set_place("Rome");
  story.set_agency("ANSA");
  story = Enriched(story);
  EXPECT_EQ(story.dateline().place(), "Rome");
  EXPECT_EQ(story.dateline().date_text(), "October 11");
  EXPECT_EQ(story.dateline().agency(), "ANSA");
  EXPECT_EQ(story.dateline().text(), "(ANSA) - Rome, October 11 -");
}

TEST(StoryHeadTest, MetadataAgencyIsNotReplacedByTheDatelines) {
  v1::Story story = StoryWith("PR", {"GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) -- "
                                     "The UK Space Agency has awarded funding."});
  v1::Story without = Enriched(story);
  EXPECT_EQ(without.agency(), "GLOBE NEWSWIRE");
  story.set_agency("Ritzau");
  v1::Story with = Enriched(story);
  EXPECT_EQ(with.agency(), "RITZAU");
  EXPECT_EQ(with.dateline().agency(), "GLOBE NEWSWIRE");
}

TEST(StoryHeadTest, BylineInMetadataAndBodyIsNeverBoth) {
  v1::Story story = StoryWith("Benitez", {"By Toby Davis"});
  v1::Story only_body = Enriched(story);
  EXPECT_EQ(only_body.byline(), "By Toby Davis");
  EXPECT_EQ(only_body.paragraphs_size(), 0);
  story.set_byline("Toby Davis");
  v1::Story both = Enriched(story);
  EXPECT_EQ(both.byline(), "Toby Davis");
  EXPECT_EQ(both.paragraphs_size(), 0);
}

TEST(StoryHeadTest, BylineBelowTheLeadIsBodyText) {
  v1::Story story = Enriched(StoryWith(
      "Story", {"LONDON (Reuters) - The bank raised rates on Thursday.", "By Jane Doe"}));
  EXPECT_EQ(story.byline(), "");
  EXPECT_EQ(story.paragraphs_size(), 2);
}

TEST(StoryHeadTest, NoteInTheSubheadlineAndNoteMarkupBecomeText) {
  v1::Story story = StoryWith("Storm", {"The storm moved up the coast on Monday."});
  story.set_subheadline("(Eds: Updates with death toll)");
  story.set_editorial_note("<p>Embargoed until <b>0001 GMT</b></p>");
  story = Enriched(story);
  EXPECT_EQ(story.subheadline(), "");
  EXPECT_EQ(story.editorial_note(), "Embargoed until 0001 GMT; Eds: Updates with death toll");
  // An address in angle brackets is text, not a tag.
  v1::Story dpa = StoryWith("Yemen", {"The talks begin next week."});
  dpa.set_editorial_note("Tel: +49-30-285231472; <international@dpa.com>; x < y > z");
  EXPECT_EQ(Enriched(dpa).editorial_note(),
            "Tel: +49-30-285231472; <international@dpa.com>; x < y > z");
}

TEST(StoryHeadTest, ApTwoLineBylineAndTwoBylines) {
  v1::Story story = Enriched(StoryWith(
      "Storm", {"By JIM KRANE", "Associated Press Writer", "By JANE ROE", "AP Science Writer",
                "DUBAI, United Arab Emirates (AP) _ The storm closed the port on Monday."}));
  EXPECT_EQ(story.byline(), "By JIM KRANE, Associated Press Writer; By JANE ROE, AP Science Writer");
  EXPECT_EQ(story.dateline().place(), "DUBAI, United Arab Emirates");
  EXPECT_EQ(story.paragraphs_size(), 1);
}

TEST(StoryHeadTest, CreditLineRunOnAtTheEndOfTheLastParagraph) {
  v1::Story story = Enriched(StoryWith(
      "Oil", {"LONDON, Jan 5 (Reuters) - Oil prices slipped on Thursday.",
              "Brent fell 1 percent. (Reporting by Jane Doe; Editing by Joe Bloggs (Reuters))",
              "(c) Copyright Thomson Reuters 2014."}));
  EXPECT_EQ(story.credit_line(), "Reporting by Jane Doe; Editing by Joe Bloggs (Reuters)");
  EXPECT_THAT(story.paragraphs(), ElementsAre("LONDON, Jan 5 (Reuters) - Oil prices slipped on Thursday.",
                                              "Brent fell 1 percent."));
  // An agency named in a closing parenthesis is not a staff credit.
  v1::Story named = Enriched(StoryWith("Oil", {"Prices fell.", "Analysts said so (Reuters poll)."}));
  EXPECT_EQ(named.credit_line(), "");
  EXPECT_EQ(named.paragraphs_size(), 2);
}

// AP agate: the byline under a title in capitals leaves the body, the
// title stays.
TEST(StoryHeadTest, AgateBylineUnderACapitalsTitle) {
  v1::Story story = Enriched(StoryWith(
      "Top Ten", {"BASEBALL'S TOP TEN", "By The Associated Press", "NATIONAL LEAGUE",
                  "McNeil NYM 72 271 37 95 .351"}));
  EXPECT_EQ(story.byline(), "By The Associated Press");
  EXPECT_THAT(story.paragraphs(), ElementsAre("BASEBALL'S TOP TEN", "NATIONAL LEAGUE",
                                              "McNeil NYM 72 271 37 95 .351"));
  EXPECT_EQ(story.dateline().place(), "");
}

TEST(StoryHeadTest, MachineTimestampIsNeverADateline) {
  v1::Story story = StoryWith("Assad", {"The president spoke on Wednesday in Damascus."});
  story.mutable_dateline()->set_text("2014-07-16 13:00:03 GMT+00:00");
  story.mutable_dateline()->set_date_text("2014-07-16 13:00:03 GMT+00:00");
  story = Enriched(story);
  EXPECT_EQ(story.dateline().text(), "");
  EXPECT_EQ(story.dateline().date_text(), "");
}

// A press release sets its subtitle (or a distribution notice) above the
// lead; the lead still opens with the wire's dateline, agency and all.
TEST(StoryHeadTest, ReleaseDatelineBelowASubtitleLine) {
  v1::Story story = Enriched(StoryWith(
      "Harbour Tools Names New Finance Chief",
      {"Veteran controller to lead the company's expansion in Europe",
       "PORTLAND, Ore., March 04, 2021 (GLOBE NEWSWIRE) -- Harbour Tools Inc. today named "
       "Jane Roe its chief financial officer.",
       "Roe joins from a regional bank."}));
  EXPECT_EQ(story.dateline().place(), "PORTLAND, Ore.");
  EXPECT_EQ(story.dateline().agency(), "GLOBE NEWSWIRE");
  EXPECT_EQ(story.dateline().text(), "PORTLAND, Ore., March 04, 2021 (GLOBE NEWSWIRE) --");
  EXPECT_EQ(story.paragraphs_size(), 3);
  EXPECT_EQ(story.paragraphs(0), "Veteran controller to lead the company's expansion in Europe");
  EXPECT_EQ(story.agency(), "GLOBE NEWSWIRE");
}

TEST(StoryHeadTest, DatelineBelowANoticeLineAndMetadataAgencyStays) {
  v1::Story metadata = StoryWith(
      "Vakbond kondigt acties aan",
      {"Nieuw bericht, vervangt: Vakbond stelt ultimatum",
       "Utrecht (ANP) - De vakbond kondigt werkonderbrekingen aan bij het postbedrijf.",
       "Het overleg met de leden loopt nog."});
  metadata.set_agency("ANP");
  v1::Story story = Enriched(metadata);
  EXPECT_EQ(story.dateline().place(), "Utrecht");
  EXPECT_EQ(story.dateline().agency(), "ANP");
  EXPECT_EQ(story.agency(), "ANP");
}

// Below a line of prose, a paragraph opening like a dateline is a quotation
// or a second story, not the lead's dateline; nor is a place without agency.
TEST(StoryHeadTest, NoDatelineTakenFromDeepInTheStory) {
  v1::Story story = Enriched(StoryWith(
      "Markets calm",
      {"Markets were calm on Monday as investors waited for the central bank to announce its "
       "decision on interest rates later in the week, traders in several cities said after a "
       "quiet morning session.",
       "LONDON (Reuters) - A second story printed below.", "More text."}));
  EXPECT_EQ(story.dateline().text(), "");
  EXPECT_EQ(story.agency(), "");
  v1::Story no_agency = Enriched(StoryWith(
      "Markets calm", {"A short subtitle line", "LONDON, March 4 - Markets were calm.", "More."}));
  EXPECT_EQ(no_agency.dateline().text(), "");
}

// Nothing in the text credits an agency: a provider that is one is the
// credit; a publisher that is none leaves it empty.
TEST(StoryHeadTest, ProviderThatIsAnAgencyIsTheLastCredit) {
  v1::Story swiss = StoryWith("Bull walks into a shop", {"A young bull walked into a shop."});
  swiss.set_provider("ats");
  EXPECT_EQ(Enriched(swiss).agency(), "KEYSTONE-SDA");
  v1::Story page = StoryWith("Bull walks into a shop", {"A young bull walked into a shop."});
  page.set_provider("Japan Today");
  EXPECT_EQ(Enriched(page).agency(), "");
  v1::Story credited = StoryWith(
      "Bull walks into a shop", {"LANDQUART (AP) - A young bull walked into a shop."});
  credited.set_provider("ats");
  EXPECT_EQ(Enriched(credited).agency(), "AP");
}

// EFE's NITF puts the desk's initials in <byline>: no writer's name.
TEST(StoryHeadTest, DeskInitialsAreNoByline) {
  v1::Story initials = StoryWith("Cabinet changes", {"Tegucigalpa, Jan 2 (EFE).- Text."});
  initials.set_byline("gr/bp");
  EXPECT_EQ(Enriched(initials).byline(), "");
  for (const char* byline : {"Jane Doe", "By The Associated Press", "AFP", "mar/jd Smith"}) {
    v1::Story named = StoryWith("Cabinet changes", {"Tegucigalpa, Jan 2 (EFE).- Text."});
    named.set_byline(byline);
    EXPECT_EQ(Enriched(named).byline(), byline);
  }
}

TEST(StoryJunkTest, EfeSignOffRunOnLeavesTheBody) {
  v1::Story story = Enriched(StoryWith(
      "Leones", {"Nueva Delhi, 21 ene (EFE).- Una pareja de leones hiri\xC3\xB3 a un joven.",
                 "Quedan unos 500 ejemplares en el pa\xC3\xADs. EFE"}));
  EXPECT_EQ(story.paragraphs(1), "Quedan unos 500 ejemplares en el pa\xC3\xADs.");
  EXPECT_EQ(story.agency(), "EFE");
}

// Reuters' credit set on two rows of its own is still its credit line.
TEST(StoryHeadTest, StaffCreditOnTwoRows) {
  v1::Story story = Enriched(StoryWith(
      "Asian shares struggle",
      {"SHANGHAI, Oct 26 (Reuters) - Asian shares struggled on Friday.",
       "Spot gold was flat at $1,231.75 per ounce.", "($1 = 0.8794 euros)",
       "(Reporting by Jane Roe", "Editing by John Doe)"}));
  EXPECT_EQ(story.credit_line(), "Reporting by Jane Roe; Editing by John Doe");
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("SHANGHAI, Oct 26 (Reuters) - Asian shares struggled on Friday.",
                          "Spot gold was flat at $1,231.75 per ounce.", "($1 = 0.8794 euros)"));
  // Rows that are no credit stay as they are.
  v1::Story other = Enriched(StoryWith(
      "Asian shares struggle", {"Shares struggled on Friday.", "(The index", "fell 2 percent)"}));
  EXPECT_EQ(other.paragraphs_size(), 3);
  EXPECT_EQ(other.credit_line(), "");
}

// An HTML body that opens with its <h1> prints the headline twice.
TEST(StoryJunkTest, BodyRepeatingTheHeadlineLosesTheCopy) {
  v1::Story story = Enriched(StoryWith(
      "Harbour reopens", {"Harbour reopens", "The harbour reopened on Friday.", "Ferries sail."}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("The harbour reopened on Friday.", "Ferries sail."));
  // A one-paragraph body, or a lead that only starts like the headline, stays.
  EXPECT_EQ(Enriched(StoryWith("Harbour reopens", {"Harbour reopens"})).paragraphs_size(), 1);
  EXPECT_EQ(Enriched(StoryWith("Harbour reopens", {"Harbour reopens on Friday.", "More."}))
                .paragraphs_size(),
            2);
}

TEST(StoryHeadTest, HeadLinesAreIdempotent) {
  const v1::Story stories[] = {
      StoryWith("Gold", {"(Adds comments)", "* Bullet", "By Arpan Varghese",
                         "Jan 30 (Reuters) - Gold rose on Tuesday.",
                         "(Reporting by A; Editing by B)", "(Writing by C)"}),
      StoryWith("Benitez", {"By Toby Davis"}),
  };
  for (const v1::Story& original : stories) {
    v1::Story once = Enriched(original);
    v1::Story twice = Enriched(once);
    EXPECT_EQ(once.SerializeAsString(), twice.SerializeAsString()) << original.DebugString();
  }
}

}  // namespace
}  // namespace newswire

namespace newswire {
namespace {

// Issue 18, class 7: what closes or interrupts the copy and is no story
// text, as each agency prints it.

TEST(StoryJunkTest, PaSignOffAndApSeparatorLeaveTheBody) {
  v1::Story story = Enriched(StoryWith(
      "Trivia", {"1878: Two local teams took part in the first floodlit match.", "___",
                 "Answers: 1. Al-Saadi Gaddafi; 2. 2003.", "ends"}));
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("1878: Two local teams took part in the first floodlit match.",
                          "Answers: 1. Al-Saadi Gaddafi; 2. 2003."));
}

TEST(StoryJunkTest, RitzauSignOffRunOnNamesTheAgency) {
  v1::Story story = Enriched(StoryWith(
      "Kort om sport", {"Den danske cykelrytter blev torsdag nummer tre.",
                        "Han kørte for at hjælpe sin holdkammerat. /ritzau/"}));
  EXPECT_EQ(story.paragraphs(1), "Han kørte for at hjælpe sin holdkammerat.");
  EXPECT_EQ(story.agency(), "RITZAU");
}

TEST(StoryJunkTest, AnsaRoutingLineLeavesTheBody) {
  v1::Story story = Enriched(StoryWith(
      "Test", {"(ANSA) - ROMA, 1 LUG - Il testo della notizia (ANSA).",
               "51 77 03 CRO01 1113 APE4800 GEST GEST03 MAE03 LOC03 QBXBSXB"}));
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("(ANSA) - ROMA, 1 LUG - Il testo della notizia (ANSA)."));
}

TEST(StoryJunkTest, AnsaSignOffRunOnNamesTheAgency) {
  v1::Story story = Enriched(StoryWith(
      "Decreto", {"(ANSA) - ROMA, 1 LUG - Il governo ha approvato il decreto. (ANSA)."}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("(ANSA) - ROMA, 1 LUG - Il governo ha approvato il decreto."));
  EXPECT_EQ(story.agency(), "ANSA");
}

TEST(StoryJunkTest, LabelLeftWithoutItsLinkLeavesTheBody) {
  v1::Story story = Enriched(StoryWith(
      "PR", {"The agency awarded the contract today.", "WEB:", "** Forwarded by Ritzau. **"}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("The agency awarded the contract today.",
                                              "** Forwarded by Ritzau. **"));
}

TEST(StoryJunkTest, PictureCaptionsLeaveTheBody) {
  v1::Story story = Enriched(StoryWith(
      "Faktasjekk", {"Professoren har forsket på konspirasjonsteorier.",
                     "BILDE: Professor Asbjørn Dyrendal.", "Foto: NTNU",
                     "Selv om teoriene ikke er nye, oppdateres innholdet."}));
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("Professoren har forsket på konspirasjonsteorier.",
                          "Selv om teoriene ikke er nye, oppdateres innholdet."));
}

// NTB's Faktisk.no copy: a picture label with only the image's address has
// its caption in the paragraph under it; a placeholder for a missing graphic
// is no text either.
TEST(StoryJunkTest, CaptionUnderAnAddressOnlyLabelAndPlaceholdersLeave) {
  v1::Story story = Enriched(StoryWith(
      "Faktasjekk", {"Handlingsplanen er tematisk beslektet med FNs Agenda 2030.",
                     "BILDE: http://res.cloudinary.com/faktisk/r8mk.jpg",
                     "Budskapet om FNs Agenda 21 og Agenda 2030 deles på sosiale medier.",
                     "[ GRAFIKK/VIDEO MANGLER ]", "Ingenting med saken å gjøre"}));
  EXPECT_THAT(story.paragraphs(),
              ElementsAre("Handlingsplanen er tematisk beslektet med FNs Agenda 2030.",
                          "Ingenting med saken å gjøre"));
}

TEST(StoryJunkTest, PseudoMarkupInTextBecomesTheCharacter) {
  v1::Story story = Enriched(StoryWith("Turku <endash>-</endash> Helsinki",
                                       {"Junat kulkevat Turku <endash>-</endash> Helsinki."}));
  EXPECT_EQ(story.headline(), "Turku \xE2\x80\x93 Helsinki");
  EXPECT_EQ(story.paragraphs(0), "Junat kulkevat Turku \xE2\x80\x93 Helsinki.");
}

TEST(StoryJunkTest, ABodyOfJunkAloneIsKept) {
  v1::Story story = Enriched(StoryWith("Rule", {"___"}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("___"));
  story = Enriched(StoryWith("End", {"END"}));
  EXPECT_THAT(story.paragraphs(), ElementsAre("END"));
}

}  // namespace
}  // namespace newswire
