#include "tests/dedup/bbc_must_not_merge.h"

namespace newswire::dedup {

const std::vector<DifferentReports>& BbcMustNotMerge() {
  static const auto* pairs = new std::vector<DifferentReports>{
      {"sport/466.txt", "sport/472.txt",
       "Davis Cup final, Seville: the Bryans win the doubles (Spain 2-1) / Moya beats Roddick "
       "to win the cup"},
      {"tech/250.txt", "tech/292.txt",
       "Microsoft after buying Giant: may charge for an anti-spyware kit / releases its "
       "virus and spyware cleaning tools"},
      {"sport/022.txt", "sport/052.txt",
       "Kelly Holmes: her 2005 British races announced / wins the 1500m in Glasgow"},
      {"sport/424.txt", "sport/427.txt",
       "SAP Open, San Jose: Roddick into the final against Saulnier / Melzer beats Agassi in "
       "the quarter-finals"},
      {"politics/256.txt", "politics/262.txt",
       "the Blair-Brown rift: Blair reassures Labour MPs / Howard taunts Blair at prime "
       "minister's questions"},
      {"politics/154.txt", "politics/232.txt",
       "Livingstone's Nazi jibe: he refuses to retract / the Standards Board opens an "
       "investigation"},
      {"business/358.txt", "business/391.txt",
       "Yukos's US bankruptcy case: Deutsche Bank challenges the filing / Yukos due back in "
       "a Houston court"},
      {"sport/343.txt", "sport/346.txt",
       "England v Ireland referee Kaplan: Robinson faces RFU discipline / England to protest "
       "to the IRB"},
      {"business/316.txt", "business/319.txt",
       "Euronext and the LSE: poised to bid, say reports / has approached the LSE"},
      {"politics/358.txt", "politics/373.txt",
       "the UK's EU rebate: Straw says it is not negotiable / Chirac calls it unjustified"},
      {"sport/013.txt", "sport/019.txt",
       "Susan Chepkemei: Athletics Kenya lifts her ban / London Marathon hopes she runs "
       "while banned"},
      // The closest pairs outside the reviewed ones (word 3-shingles: J 0.04
      // to 0.10, up to a fifth of the smaller one shared).
      {"politics/058.txt", "politics/136.txt",
       "EU arms ban on China: Straw says it will be lifted / rights groups and Tories condemn "
       "the move"},
      {"politics/253.txt", "politics/256.txt",
       "the book on Blair and Brown: Blair dismisses the quit claim on television / reassures "
       "Labour MPs"},
      {"politics/019.txt", "politics/094.txt",
       "McConnell's 'drunk once in a while': the remark to pupils / a charity says it "
       "diverted attention"},
      {"business/073.txt", "business/439.txt",
       "German economy: shrank 0.2% in the last quarter of 2004 / grew 1.7% over the year"},
      {"business/100.txt", "business/196.txt",
       "Ebbers's WorldCom trial: Ebbers testifies and denies knowing / Sullivan ends his "
       "evidence"},
      {"sport/457.txt", "sport/496.txt",
       "Philippoussis's groin injury: out of Sydney / almost certain to miss the Australian "
       "Open"},
      {"sport/016.txt", "sport/082.txt",
       "Greek sprinters Kenteris and Thanou: the verdict postponed / cleared by the tribunal"},
      {"sport/466.txt", "sport/469.txt",
       "Davis Cup final: Moya's win clinches the cup (match report) / Moya on the highlight "
       "of his career"},
  };
  return *pairs;
}

}  // namespace newswire::dedup
