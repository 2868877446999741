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
  };
  return *pairs;
}

}  // namespace newswire::dedup
