#include "services/wirectl/dedup_command.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

// A fictional story, written for this test: an urgent of two paragraphs,
// then the write-thru that holds them and adds two.
const char* const kParagraphs[] = {
    "Engineers shut the northern tunnel of the city ring road on Friday evening after a "
    "section of its ceiling lining fell onto the carriageway, the transport authority said.",
    "Nobody was hurt, but traffic was diverted through the old town and drivers were told to "
    "expect long delays until the tunnel has been inspected from end to end.",
    "Inspectors will check every panel of the lining over the weekend, and the authority said "
    "it would publish their findings before deciding when the tunnel can reopen to traffic.",
    "The tunnel, opened eleven years ago, carries about forty thousand vehicles on a weekday "
    "and was last inspected in the spring, when no faults were reported."};

std::string Write(const std::string& name, const std::string& headline, int paragraphs) {
  const std::string path =
      (std::filesystem::path(std::getenv("TEST_TMPDIR")) / name).string();
  std::ofstream file(path);
  file << headline << "\n\n";
  for (int i = 0; i < paragraphs; ++i) file << kParagraphs[i] << "\n\n";
  return path;
}

TEST(DedupCommandTest, PrintsKindDuplicateOfAndFamily) {
  const std::string urgent = Write("urgent.txt", "URGENT: Ring road tunnel shut", 2);
  const std::string writethru = Write("writethru.txt", "Ring road tunnel shut after lining falls", 4);
  std::ostringstream out, err;
  ASSERT_TRUE(RunDedup({urgent, writethru}, {}, out, err).ok()) << err.str();
  const std::vector<std::string> lines =
      absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << out.str();
  const std::string urgent_id = "\"url:" + urgent + "\"";
  EXPECT_NE(lines[0].find("\"kind\":\"DEDUP_KIND_NEW_STORY\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("\"family_id\":" + urgent_id), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("\"kind\":\"DEDUP_KIND_CONTAINS_EARLIER\""), std::string::npos)
      << lines[1];
  EXPECT_NE(lines[1].find("\"duplicate_of\":" + urgent_id), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("\"family_id\":" + urgent_id), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace newswire
