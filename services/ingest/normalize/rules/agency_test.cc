#include "services/ingest/normalize/rules/agency.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/ingest/common/text/text.h"
#include "tests/corpus/corpus_files.h"

namespace newswire {
namespace {

TEST(NormalizeAgencyTest, CodesAndNamesToShortCodes) {
  EXPECT_EQ(NormalizeAgency("KYODO"), "KYODO");
  EXPECT_EQ(NormalizeAgency("Kyodo News"), "KYODO");
  EXPECT_EQ(NormalizeAgency("AP"), "AP");
  EXPECT_EQ(NormalizeAgency("Associated Press"), "AP");
  EXPECT_EQ(NormalizeAgency("The Associated Press"), "AP");
  EXPECT_EQ(NormalizeAgency("ASSOCIATED PRESS"), "AP");
  EXPECT_EQ(NormalizeAgency("Reuters"), "REUTERS");
  EXPECT_EQ(NormalizeAgency("Thomson Reuters"), "REUTERS");
  EXPECT_EQ(NormalizeAgency("Agence France-Presse"), "AFP");
  EXPECT_EQ(NormalizeAgency("dpa"), "DPA");
  EXPECT_EQ(NormalizeAgency("dpa-AFX"), "DPA");
  EXPECT_EQ(NormalizeAgency("Deutsche Presse-Agentur"), "DPA");
  EXPECT_EQ(NormalizeAgency("dpa Deutsche Presse Agentur GmbH"), "DPA");
  EXPECT_EQ(NormalizeAgency("Australian Associated Press"), "AAP");
  EXPECT_EQ(NormalizeAgency("Agencia EFE"), "EFE");
  EXPECT_EQ(NormalizeAgency("ANSA"), "ANSA");
  EXPECT_EQ(NormalizeAgency("Xinhua News Agency"), "XINHUA");
  EXPECT_EQ(NormalizeAgency("PA Media"), "PA");
  EXPECT_EQ(NormalizeAgency("Press Association"), "PA");
  EXPECT_EQ(NormalizeAgency("NTB"), "NTB");
  EXPECT_EQ(NormalizeAgency("STT"), "STT");
  EXPECT_EQ(NormalizeAgency("Ritzau"), "RITZAU");
  EXPECT_EQ(NormalizeAgency("Bloomberg News"), "BLOOMBERG");
  EXPECT_EQ(NormalizeAgency("United Press International"), "UPI");
  EXPECT_EQ(NormalizeAgency("Jiji Press"), "JIJI");
  EXPECT_EQ(NormalizeAgency("Yonhap News Agency"), "YONHAP");
  EXPECT_EQ(NormalizeAgency("TASS"), "TASS");
  EXPECT_EQ(NormalizeAgency("ANP"), "ANP");
  EXPECT_EQ(NormalizeAgency("Belga"), "BELGA");
  EXPECT_EQ(NormalizeAgency("APA"), "APA");
  EXPECT_EQ(NormalizeAgency("Keystone-SDA"), "KEYSTONE-SDA");
  EXPECT_EQ(NormalizeAgency("TT"), "TT");
  EXPECT_EQ(NormalizeAgency("Lusa"), "LUSA");
  EXPECT_EQ(NormalizeAgency("EPA"), "EPA");
  EXPECT_EQ(NormalizeAgency("BBC"), "BBC");
  EXPECT_EQ(NormalizeAgency("AP Photo"), "AP");
  EXPECT_EQ(NormalizeAgency("\xE5\x85\xB1\xE5\x90\x8C"), "KYODO");  // 共同
}

TEST(NormalizeAgencyTest, CreditMarkersAndYearsAroundTheNameAreIgnored) {
  EXPECT_EQ(NormalizeAgency("\xC2\xA9 KYODO"), "KYODO");
  EXPECT_EQ(NormalizeAgency("(c) KYODO"), "KYODO");
  EXPECT_EQ(NormalizeAgency("\xC2\xA9" "2022 Kyodo News"), "KYODO");
  EXPECT_EQ(NormalizeAgency("/dpa"), "DPA");
  EXPECT_EQ(NormalizeAgency("(AAP)"), "AAP");
  EXPECT_EQ(NormalizeAgency("ANSA 2017"), "ANSA");
}

TEST(NormalizeAgencyTest, UnknownNamesGiveEmpty) {
  EXPECT_EQ(NormalizeAgency(""), "");
  EXPECT_EQ(NormalizeAgency("Japan Today"), "");
  EXPECT_EQ(NormalizeAgency("GPlusMedia Inc."), "");
  EXPECT_EQ(NormalizeAgency("The San Diego Union-Tribune"), "");
  EXPECT_EQ(NormalizeAgency("News"), "");
  EXPECT_EQ(NormalizeAgency("2022"), "");
  EXPECT_EQ(NormalizeAgency("Paris"), "");
}

TEST(DatelineAgencyCodeTest, PartnerCopyCredits) {
  EXPECT_EQ(DatelineAgencyCode("tca/dpa"), "DPA");
  // Keystone-ATS: its own code first, the partner's after it.
  EXPECT_EQ(DatelineAgencyCode("ats afp"), "KEYSTONE-SDA");
  EXPECT_EQ(DatelineAgencyCode("ats dpa"), "KEYSTONE-SDA");
  // Words that are not all agencies, or a list, are no credit.
  EXPECT_EQ(DatelineAgencyCode("local time"), "");
  EXPECT_EQ(DatelineAgencyCode("ats afp dpa"), "");
}

TEST(CreditLineTest, CopyrightLines) {
  std::optional<Credit> credit = ParseCreditLine("\xC2\xA9 KYODO");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "KYODO");
  EXPECT_TRUE(credit->is_copyright);

  credit = ParseCreditLine("\xC2\xA9" "2022 Kyodo News");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "KYODO");

  credit = ParseCreditLine("(c) KYODO");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "KYODO");

  credit = ParseCreditLine("Copyright 2022 The Associated Press. All rights reserved.");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "AP");

  credit = ParseCreditLine(
      "(c) Copyright Thomson Reuters 2014. Click For Restrictions - "
      "http://about.reuters.com/fulllegal.asp");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "REUTERS");

  credit = ParseCreditLine("Copyright 2022, dpa (www.dpa.de). Alle Rechte vorbehalten");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "DPA");

  credit = ParseCreditLine("(c)2018 The San Diego Union-Tribune");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "");
  EXPECT_TRUE(credit->is_copyright);

  credit = ParseCreditLine("Copyright Opta Sports Data 2018. All Rights Reserved");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "");

  credit = ParseCreditLine("\xC2\xA9" "2022 GPlusMedia Inc.");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "");
  EXPECT_TRUE(credit->is_copyright);
}

// EFE closes its copy with its code (and the desk's initials) run on after
// the last sentence.
TEST(CreditLineTest, AgencySignOffRunOnAfterTheLastSentence) {
  const std::string efe = "Quedan unos 500 ejemplares. EFE";
  EXPECT_EQ(TrailingAgencyCodeSignOffStart(efe), efe.find("EFE"));
  const std::string initials = "Quedan unos 500 ejemplares. EFE gr/bp";
  EXPECT_EQ(TrailingAgencyCodeSignOffStart(initials), initials.find("EFE"));
  for (const char* prose : {"The minister told AFP", "Shares rose. Later, AFP", "It ended. efe",
                            "It ended. NATO", "EFE"}) {
    EXPECT_EQ(TrailingAgencyCodeSignOffStart(prose), absl::string_view::npos) << prose;
  }
}

TEST(CreditLineTest, AgencyAloneAndStaffCredits) {
  for (const char* line : {"(AP)", "AP", "Associated Press"}) {
    std::optional<Credit> credit = ParseCreditLine(line);
    ASSERT_TRUE(credit.has_value()) << line;
    EXPECT_EQ(credit->agency, "AP") << line;
    EXPECT_FALSE(credit->is_copyright) << line;
  }
  EXPECT_EQ(ParseCreditLine("(AAP)")->agency, "AAP");
  EXPECT_EQ(ParseCreditLine("(BusinessDesk)")->agency, "BUSINESSDESK");
  EXPECT_EQ(NormalizeAgency("The Canadian Press"), "CP");
  EXPECT_EQ(ParseCreditLine("(CP)")->agency, "CP");
  // An agency and desk initials in parentheses (Swiss agencies' sign-off).
  ASSERT_TRUE(ParseCreditLine("(SDA/sj)").has_value());
  EXPECT_EQ(ParseCreditLine("(SDA/sj)")->agency, "KEYSTONE-SDA");
  ASSERT_TRUE(ParseCreditLine("(ats/afp/mf)").has_value());
  EXPECT_EQ(ParseCreditLine("(ats/afp/mf)")->agency, "KEYSTONE-SDA");
  EXPECT_FALSE(ParseCreditLine("(see/below)").has_value());
  EXPECT_FALSE(ParseCreditLine("(Reuters/said)").has_value());
  EXPECT_EQ(ParseCreditLine("AFP")->agency, "AFP");
  EXPECT_EQ(ParseCreditLine("dpa")->agency, "DPA");
  EXPECT_EQ(ParseCreditLine("/dpa")->agency, "DPA");
  EXPECT_EQ(ParseCreditLine("kb/xy/dpa")->agency, "DPA");
  EXPECT_EQ(ParseCreditLine("AFP sn")->agency, "AFP");
  EXPECT_EQ(ParseCreditLine("AAP RTV ar")->agency, "AAP");
  EXPECT_EQ(ParseCreditLine("dpa kl yy")->agency, "DPA");
  ASSERT_TRUE(ParseCreditLine("hh/ph/ts/hd").has_value());
  EXPECT_EQ(ParseCreditLine("hh/ph/ts/hd")->agency, "");

  std::optional<Credit> credit =
      ParseCreditLine("Reporting by Jane Doe; Editing by John Roe (Reuters)");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "REUTERS");
  credit = ParseCreditLine("(Reporting by Jane Doe; Editing by John Roe)");
  ASSERT_TRUE(credit.has_value());
  EXPECT_EQ(credit->agency, "");
}

TEST(CreditLineTest, ParagraphsWithMoreThanACreditAreNot) {
  EXPECT_FALSE(ParseCreditLine("The ministry said the talks would resume. (AP)").has_value());
  EXPECT_FALSE(ParseCreditLine("Bloomberg declined to comment.").has_value());
  EXPECT_FALSE(ParseCreditLine("AFP contributed to this report from Paris.").has_value());
  EXPECT_FALSE(ParseCreditLine("(c) The government will publish the rules next week.").has_value());
  EXPECT_FALSE(ParseCreditLine("Copyright law is being reformed this year, officials said, "
                               "and the changes take effect in the spring after a long debate "
                               "in parliament about how musicians and writers are paid for work "
                               "shared online by platforms").has_value());
  EXPECT_FALSE(ParseCreditLine("Copyright holders object.").has_value());
  EXPECT_FALSE(ParseCreditLine("(c) The rules will be published in 2023.").has_value());
  EXPECT_FALSE(ParseCreditLine("Tokyo").has_value());
  EXPECT_FALSE(ParseCreditLine("").has_value());
  EXPECT_FALSE(ParseCreditLine("2022/11/07").has_value());
  EXPECT_FALSE(ParseCreditLine("Reuters said").has_value());
  EXPECT_FALSE(ParseCreditLine("AFP reported").has_value());
}

TEST(TrailingCreditTest, CreditAfterTheLastSentence) {
  EXPECT_EQ(TrailingCreditAgency("The ministry said the talks would resume. (AP)"), "AP");
  EXPECT_EQ(TrailingCreditAgency("Die Gespr\xC3\xA4" "che gehen weiter. kb/dpa"), "DPA");
  EXPECT_EQ(TrailingCreditAgency("\"We will win,\" he said. (Reuters)"), "REUTERS");
  EXPECT_EQ(TrailingCreditAgency("The minister told AFP"), "");
  EXPECT_EQ(TrailingCreditAgency("according to the Associated Press (AP)"), "");
  EXPECT_EQ(TrailingCreditAgency("It fell 2 percent. (Nikkei)"), "");
  EXPECT_EQ(TrailingCreditAgency("(AP)"), "");
}

// ANSA closes every story with "(ANSA)." after its last sentence or line.
TEST(TrailingAgencySignOffTest, AnsaClosingCredit) {
  const std::string closed = "Il governo ha approvato il decreto. (ANSA).";
  EXPECT_EQ(TrailingAgencySignOffStart(closed), closed.find(" (ANSA)."));
  const std::string line = "(ANSA) - ROMA, 1 LUG - TEST FROM XAWES (ANSA).";
  EXPECT_EQ(TrailingAgencySignOffStart(line), line.find(" (ANSA)."));
  // Named inside a sentence, or a credit without the closing stop: text.
  EXPECT_EQ(TrailingAgencySignOffStart("the report said, citing the agency (ANSA)."),
            std::string::npos);
  EXPECT_EQ(TrailingAgencySignOffStart("Il decreto. (ANSA)"), std::string::npos);
  EXPECT_EQ(TrailingAgencySignOffStart("It fell 2 percent. (Nikkei)."), std::string::npos);
  EXPECT_EQ(TrailingAgencySignOffStart("(ANSA)."), std::string::npos);
}

// The seed page: a Kyodo story as Japan Today carried it, closing with
// "© KYODO". Only the credit line is checked here; the page's extraction is
// the page-text parser's business.
TEST(TrailingStaffCreditTest, StaffCreditRunOnAfterTheLastSentence) {
  const std::string run_on = "Brent fell. (Reporting by Jane Doe; Editing by Joe Bloggs)";
  EXPECT_EQ(TrailingStaffCreditStart(run_on), run_on.find('('));
  const std::string nested = "Brent fell. (Writing by Jane Doe (Reuters))";
  EXPECT_EQ(TrailingStaffCreditStart(nested), nested.find('('));
  // Not after a finished sentence, not a staff credit, or nothing before it.
  EXPECT_EQ(TrailingStaffCreditStart("He said (Reporting by Jane Doe)"), std::string::npos);
  EXPECT_EQ(TrailingStaffCreditStart("Brent fell. (AP)"), std::string::npos);
  EXPECT_EQ(TrailingStaffCreditStart("(Reporting by Jane Doe)"), std::string::npos);
  EXPECT_EQ(TrailingStaffCreditStart("Brent fell."), std::string::npos);
}

TEST(CreditLineTest, SeedPageCreditIsKyodo) {
  NW_CORPUS_FILE_OR_SKIP(bytes, "seed/japantoday-kyodo-2022-11-07.txt");

  EXPECT_EQ(NormalizeAgency("\xC2\xA9 KYODO"), "KYODO");
  std::vector<std::string> credited;
  for (const std::string& paragraph : text::SplitParagraphs(text::ToUtf8(bytes))) {
    std::optional<Credit> credit = ParseCreditLine(paragraph);
    if (credit.has_value() && !credit->agency.empty()) credited.push_back(credit->agency);
  }
  EXPECT_EQ(credited, std::vector<std::string>{"KYODO"});
}

}  // namespace
}  // namespace newswire
