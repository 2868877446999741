#include "services/ingest/normalize/rules/dateline.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

// A lead paragraph, as follows a place line.
constexpr const char* kLead =
    "China on Monday expressed concern about a new research partnership in the region.";

struct Expected {
  const char* paragraph;
  const char* place;
  const char* date_text;
  const char* agency;
  const char* text;
  bool stands_alone;
};

class DatelineFormsTest : public testing::TestWithParam<Expected> {};

TEST_P(DatelineFormsTest, FindsPlaceDateAgencyAndText) {
  const Expected& want = GetParam();
  std::optional<DatelineMatch> got = FindDateline(want.paragraph, kLead);
  ASSERT_TRUE(got.has_value()) << want.paragraph;
  EXPECT_EQ(got->place, want.place) << want.paragraph;
  EXPECT_EQ(got->date_text, want.date_text) << want.paragraph;
  EXPECT_EQ(got->agency, want.agency) << want.paragraph;
  EXPECT_EQ(got->text, want.text) << want.paragraph;
  EXPECT_EQ(got->stands_alone, want.stands_alone) << want.paragraph;
}

INSTANTIATE_TEST_SUITE_P(
    WireStyles, DatelineFormsTest,
    testing::Values(
        // AP
        Expected{"WASHINGTON (AP) -- Senators met late into the night.", "WASHINGTON", "", "AP",
                 "WASHINGTON (AP) --", false},
        Expected{"WASHINGTON (AP) \xE2\x80\x94 Senators met late into the night.", "WASHINGTON",
                 "", "AP", "WASHINGTON (AP) \xE2\x80\x94", false},
        Expected{"ST. PAUL, Minn. (AP) \xE2\x80\x94 Snow closed schools.", "ST. PAUL, Minn.", "",
                 "AP", "ST. PAUL, Minn. (AP) \xE2\x80\x94", false},
        Expected{"RIO DE JANEIRO (AP) \xE2\x80\x94 The carnival opened.", "RIO DE JANEIRO", "",
                 "AP", "RIO DE JANEIRO (AP) \xE2\x80\x94", false},
        Expected{"BUENOS AIRES, Argentina (AP) _ Prices rose again.", "BUENOS AIRES, Argentina",
                 "", "AP", "BUENOS AIRES, Argentina (AP) _", false},
        Expected{"NEW YORK (AP) \xE2\x80\x94", "NEW YORK", "", "AP", "NEW YORK (AP) \xE2\x80\x94",
                 true},
        // Reuters
        Expected{"TOKYO, Nov 7 (Reuters) - Shares fell.", "TOKYO", "Nov 7", "Reuters",
                 "TOKYO, Nov 7 (Reuters) -", false},
        Expected{"Jan 30 (Reuters) - Gold steadied.", "", "Jan 30", "Reuters",
                 "Jan 30 (Reuters) -", false},
        Expected{"LONDON, Jan. 5, 2023 (Reuters) - Oil slipped.", "LONDON", "Jan. 5, 2023",
                 "Reuters", "LONDON, Jan. 5, 2023 (Reuters) -", false},
        // AFP, in English and French
        Expected{"LONDON, Jan 5 (AFP) - Rail workers walked out.", "LONDON", "Jan 5", "AFP",
                 "LONDON, Jan 5 (AFP) -", false},
        Expected{"PARIS, 7 nov 2022 (AFP) - Le gouvernement a annonc\xC3\xA9 un plan.", "PARIS",
                 "7 nov 2022", "AFP", "PARIS, 7 nov 2022 (AFP) -", false},
        // EFE, dpa, NTB, Xinhua, AAP
        Expected{"Tegucigalpa, Jan 2 (EFE).- El Gobierno anunci\xC3\xB3 medidas.", "Tegucigalpa",
                 "Jan 2", "EFE", "Tegucigalpa, Jan 2 (EFE).-", false},
        Expected{"Tegucigalpa, 2 ene (EFE).- El Gobierno anunci\xC3\xB3 medidas.", "Tegucigalpa",
                 "2 ene", "EFE", "Tegucigalpa, 2 ene (EFE).-", false},
        Expected{"Berlin (dpa) - Die Regierung plant neue Regeln.", "Berlin", "", "dpa",
                 "Berlin (dpa) -", false},
        Expected{"Frankfurt am Main (dpa) Die B\xC3\xB6rse schloss fester.", "Frankfurt am Main",
                 "", "dpa", "Frankfurt am Main (dpa)", false},
        Expected{"Oslo (NTB): Regjeringen legger fram budsjettet.", "Oslo", "", "NTB",
                 "Oslo (NTB):", false},
        Expected{"BEIJING, Nov. 7 (Xinhua) -- China's exports rose.", "BEIJING", "Nov. 7",
                 "Xinhua", "BEIJING, Nov. 7 (Xinhua) --", false},
        Expected{"SYDNEY, Nov 7 AAP - The Reserve Bank held rates.", "SYDNEY", "Nov 7", "AAP",
                 "SYDNEY, Nov 7 AAP -", false},
        Expected{"KUALA LUMPUR, Nov 7 (Bernama) -- Palm oil firmed.", "KUALA LUMPUR", "Nov 7",
                 "Bernama", "KUALA LUMPUR, Nov 7 (Bernama) --", false},
        Expected{"ROMA, 1 lug (ANSA) - Il governo ha approvato il decreto.", "ROMA", "1 lug",
                 "ANSA", "ROMA, 1 lug (ANSA) -", false},
        Expected{"(ANSA) - Rome, October 11 - Italy's foreign minister spoke.", "Rome",
                 "October 11", "ANSA", "(ANSA) - Rome, October 11 -", false},
        Expected{"(ANSA) - ROMA, 1 LUG - Il governo ha approvato il decreto.", "ROMA", "1 LUG",
                 "ANSA", "(ANSA) - ROMA, 1 LUG -", false},
        Expected{"THE HAGUE, Netherlands (AP) \xE2\x80\x94 The court ruled.",
                 "THE HAGUE, Netherlands", "", "AP", "THE HAGUE, Netherlands (AP) \xE2\x80\x94",
                 false},
        // The agencies' shapes named in issue 18: Reuters without a date,
        // AP with a country, dpa with a German date, a partner's copy moved
        // by dpa, a press release carried by Ritzau.
        Expected{"DAMASCUS (Reuters) - Syrian forces advanced.", "DAMASCUS", "", "Reuters",
                 "DAMASCUS (Reuters) -", false},
        Expected{"GROSSETO, Italy (AP) -- The trial of the captain began.", "GROSSETO, Italy", "",
                 "AP", "GROSSETO, Italy (AP) --", false},
        Expected{"BERLIN, 5. Mai (dpa) - Die Regierung plant neue Regeln.", "BERLIN", "5. Mai",
                 "dpa", "BERLIN, 5. Mai (dpa) -", false},
        Expected{"San Diego (tca/dpa) - History says this was no preview.", "San Diego", "",
                 "tca/dpa", "San Diego (tca/dpa) -", false},
        Expected{"GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) -- The agency awarded.",
                 "GLASGOW, Scotland", "Feb. 01, 2018", "GLOBE NEWSWIRE",
                 "GLASGOW, Scotland, Feb. 01, 2018 (GLOBE NEWSWIRE) --", false},
        // Kyodo's own name in title case after the date.
        Expected{"SAITAMA, Japan, Dec. 9 Kyodo - Urawa won the cup on Sunday.", "SAITAMA, Japan",
                 "Dec. 9", "Kyodo", "SAITAMA, Japan, Dec. 9 Kyodo -", false},
        // Keystone-ATS moving a partner's copy: both codes, no separator.
        Expected{"Paris (ats afp) Les violences ont un co\xC3\xBBt, a dit le ministre.", "Paris",
                 "", "ats afp", "Paris (ats afp)", false},
        // A house credit in lower case that no table knows, in the full
        // shape: upper-case place, parentheses, separator.
        Expected{"ROTTERDAM (newswire) -- The port authority opened a terminal.", "ROTTERDAM",
                 "", "newswire", "ROTTERDAM (newswire) --", false},
        Expected{"HSINCHU, Taiwan (newswire) -- A chipmaker reported revenue.",
                 "HSINCHU, Taiwan", "", "newswire", "HSINCHU, Taiwan (newswire) --", false},
        // Upper-case place and a dash or colon, no agency
        Expected{"NEW YORK \xE2\x80\x94 Stocks rallied on Friday.", "NEW YORK", "", "",
                 "NEW YORK \xE2\x80\x94", false},
        Expected{"NEW YORK\xE2\x80\x94Stocks rallied on Friday.", "NEW YORK", "", "",
                 "NEW YORK\xE2\x80\x94", false},
        Expected{"NEW DELHI: The monsoon arrived early.", "NEW DELHI", "", "", "NEW DELHI:",
                 false},
        Expected{"Tokyo, Nov. 7 \xE2\x80\x93 The yen weakened.", "Tokyo", "Nov. 7", "",
                 "Tokyo, Nov. 7 \xE2\x80\x93", false},
        Expected{"Z\xC3\x9CRICH \xE2\x80\x94 The bank reported.", "Z\xC3\x9CRICH", "", "",
                 "Z\xC3\x9CRICH \xE2\x80\x94", false},
        // Ritzau: its name between slashes, as in its sign-off
        Expected{"K\xC3\xB8" "benhavn /ritzau/: En mand blev anholdt onsdag.",
                 "K\xC3\xB8" "benhavn", "", "ritzau", "K\xC3\xB8" "benhavn /ritzau/:", false},
        Expected{"Aarhus /ritzau/ - Byr\xC3\xA5" "det vedtog budgettet.", "Aarhus", "", "ritzau",
                 "Aarhus /ritzau/ -", false},
        // A paragraph that is only the place
        Expected{"BEIJING", "BEIJING", "", "", "BEIJING", true},
        Expected{"SAN FRANCISCO", "SAN FRANCISCO", "", "", "SAN FRANCISCO", true},
        Expected{"Tegucigalpa, Jan 2", "Tegucigalpa", "Jan 2", "", "Tegucigalpa, Jan 2", true},
        // Japanese agency datelines
        Expected{"\xE3\x80\x90\xE5\x8C\x97\xE4\xBA\xAC\xE5\x85\xB1\xE5\x90\x8C\xE3\x80\x91"
                 "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE5\x8B\x99\xE7\x9C\x81\xE3\x81\xAF",
                 "\xE5\x8C\x97\xE4\xBA\xAC", "", "\xE5\x85\xB1\xE5\x90\x8C",
                 "\xE3\x80\x90\xE5\x8C\x97\xE4\xBA\xAC\xE5\x85\xB1\xE5\x90\x8C\xE3\x80\x91",
                 false}));

class NotADatelineTest : public testing::TestWithParam<const char*> {};

TEST_P(NotADatelineTest, FindsNothing) {
  EXPECT_FALSE(FindDateline(GetParam(), kLead).has_value()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Sentences, NotADatelineTest,
    testing::Values(
        "The president said (in a statement) that talks would resume.",
        "The president said (AP) that talks would resume.",
        "Apple Inc (AAPL.O) said on Tuesday it would buy back shares.",
        "Shares of Apple (AAPL) \xE2\x80\x94 the biggest company \xE2\x80\x94 fell.",
        "Barack Obama \xE2\x80\x94 the former president \xE2\x80\x94 spoke on Monday.",
        "Results: the party won 40 seats.",
        "UPDATE: adds comment from the ministry.",
        "BREAKING \xE2\x80\x94 A strong earthquake struck.",
        "EDITOR'S NOTE: This story contains graphic details.",
        "COVID-19 \xE2\x80\x94 cases rose again.",
        "Sen. Elizabeth Warren (D-Mass.) \xE2\x80\x94 who chairs the panel \xE2\x80\x94 objected.",
        "In Tokyo, Nov 7, the yen fell.",
        "Monday, Nov 7 \xE2\x80\x94 The market opened.",
        "AP \xE2\x80\x94 The agency said.",
        "Prices rose 3 - 4 percent last year.",
        "Stratford-upon-Avon is a market town in Warwickshire.",
        "Police said the man, 34, was arrested.",
        "(AP) \xE2\x80\x94 Without a place.",
        "(AP) \xE2\x80\x94 Officials said \xE2\x80\x94 quietly \xE2\x80\x94 that talks ended.",
        "(Reuters) - The company said - in a filing - that profit fell.",
        "(see below) - Rome - more text",
        "Kiev/Washington: talks resumed on Monday.",  // two places, no agency
        "The price was 4 /month/ - or less.",        // no agency between the slashes
        "Copenhagen /ritzau/ said the minister.",    // no separator after it
        // a lower-case word in parentheses is no agency without the shape
        "Rotterdam (newswire) -- The port authority opened a terminal.",
        // a title-case agency name without a date before it may be words
        "Messages to Reuters - and to Kyodo - went unanswered.",
        "PARIS Reuters - the agency said.",
        "ROTTERDAM (newswire) The port authority opened a terminal.",
        "Nov. 7 (local time) - The market opened.",
        "Beijing",            // a place line needs upper case or a date
        "politics",
        "0 Comments",
        "Nov 7",              // a date alone is no place
        "ADVERTISEMENT",
        "BASEBALL'S TOP TEN",  // a heading, not a place
        // Machine time stamps are never datelines.
        "2014-07-16 13:00:03 GMT+00:00 - The ministry said.",
        "2018-02-01T18:44:52.973 - Press release",
        "12:59 GMT - Stocks fell.",
        "20181121T125900Z",
        "1259GMT (Reuters) - Stocks fell.",
        "",
        "   "));

TEST(DatelineTest, LongParagraphWithoutMarkersIsNotAPlaceLine) {
  EXPECT_FALSE(
      FindDateline("CHINA WARY ABOUT JAPAN JOINING NATO CYBER DEFENSE CENTER", kLead).has_value());
}

TEST(DatelineTest, PlaceLineNeedsProseUnderIt) {
  EXPECT_TRUE(FindDateline("BEIJING", kLead).has_value());
  EXPECT_FALSE(FindDateline("BEIJING").has_value());
  EXPECT_FALSE(FindDateline("NATIONAL LEAGUE", "G AB R H Pct.").has_value());
  EXPECT_FALSE(FindDateline("NATIONAL LEAGUE", "By The Associated Press").has_value());
  EXPECT_FALSE(FindDateline("BEIJING", "THE MINISTRY SAID ON MONDAY THAT TALKS WOULD RESUME SOON")
                   .has_value());
  // Datelines with an agency or a separator need no such check.
  EXPECT_TRUE(FindDateline("WASHINGTON (AP) \xE2\x80\x94").has_value());
  EXPECT_TRUE(FindDateline("TOKYO, Nov 7 (Reuters) - Shares fell.").has_value());
}

TEST(DatelineTest, InvalidUtf8DoesNotCrash) {
  EXPECT_FALSE(FindDateline("\xFF\xFE (AP) \xE2\x80\x94 x").has_value());
  EXPECT_FALSE(FindDateline("TOKYO\xC3").has_value());
}

TEST(IsMachineTimestampTest, FeedTimeStampsButNoPrintedDates) {
  EXPECT_TRUE(IsMachineTimestamp("2014-07-16 13:00:03 GMT+00:00"));
  EXPECT_TRUE(IsMachineTimestamp("20180201T184452Z"));
  EXPECT_TRUE(IsMachineTimestamp("2018-02-01T18:44:52.973"));
  EXPECT_TRUE(IsMachineTimestamp(" 2018/02/01 18:44 UTC "));
  EXPECT_FALSE(IsMachineTimestamp("Feb. 01, 2018"));
  EXPECT_FALSE(IsMachineTimestamp("5. Mai"));
  EXPECT_FALSE(IsMachineTimestamp("2018"));
  EXPECT_FALSE(IsMachineTimestamp("BEIJING"));
  EXPECT_FALSE(IsMachineTimestamp("2018-02-01 Berlin"));
  EXPECT_FALSE(IsMachineTimestamp(""));
}

// Release and agency feeds fill a dateline element with their own numeric
// forms: day.month.year with a local zone name (Nordic release services),
// month/day/year (a Greek agency's NewsML 1.2 DateLine).
TEST(IsMachineTimestampTest, NumericDatesWithZoneNames) {
  EXPECT_TRUE(IsMachineTimestamp("15.7.2019 12:09:11 CEST"));
  EXPECT_TRUE(IsMachineTimestamp("3.1.2020 09:15 CET"));
  EXPECT_TRUE(IsMachineTimestamp("11/9/2021"));
  EXPECT_TRUE(IsMachineTimestamp("2021-11-09"));
  EXPECT_FALSE(IsMachineTimestamp("11/9"));
  EXPECT_FALSE(IsMachineTimestamp("1.2.3"));
  EXPECT_FALSE(IsMachineTimestamp("15.7.2019 OSLO"));
  EXPECT_FALSE(IsMachineTimestamp("12 CEST"));
}

// The headline of a flash or news alert without one: the lead's first
// sentence after its dateline, no full stop.
TEST(LeadSentenceTest, FirstSentenceAfterTheDateline) {
  EXPECT_EQ(LeadSentence("HONOLULU (AP) _ Hawaii files court challenge to the U.S. travel ban. "
                         "Gov. David Ige said so."),
            "Hawaii files court challenge to the U.S. travel ban");
  EXPECT_EQ(LeadSentence("Forskere har testet dieselgas. Det fortaeller de selv."),
            "Forskere har testet dieselgas");
  EXPECT_EQ(LeadSentence("One sentence only."), "One sentence only");
}

}  // namespace
}  // namespace newswire
