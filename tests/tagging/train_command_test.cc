// `wirectl train`'s implementation (services/wirectl/train.h) on a small
// labelled folder written here: it reports per-fold and mean accuracy and the
// load time, and writes a model the tagger loads.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "services/ingest/tag/model.h"
#include "services/wirectl/train.h"

namespace newswire {
namespace {

namespace fs = std::filesystem;

void WriteStories(const fs::path& dir, const std::string& label,
                  const std::vector<std::string>& stories) {
  fs::create_directories(dir / label);
  for (size_t i = 0; i < stories.size(); ++i) {
    std::ofstream(dir / label / ("story" + std::to_string(i) + ".txt")) << stories[i];
  }
}

fs::path MakeFolder() {
  const fs::path dir = fs::path(::testing::TempDir()) / "labelled";
  fs::remove_all(dir);
  std::vector<std::string> sport, business;
  for (int i = 0; i < 10; ++i) {
    sport.push_back("Striker scores again\n\nThe striker scored twice as the team won match " +
                    std::to_string(i) + " of the league season.\n");
    business.push_back("Profits rise at bank\n\nShares rose after the bank said profits and " +
                       std::string("revenue grew in quarter ") + std::to_string(i) + ".\n");
  }
  WriteStories(dir, "sport", sport);
  WriteStories(dir, "business", business);
  return dir;
}

TEST(TrainCommandTest, ReportsCrossValidationAndWritesALoadableModel) {
  const fs::path dir = MakeFolder();
  const std::string out = (fs::path(::testing::TempDir()) / "trained.nwtm").string();
  std::ostringstream report;
  ASSERT_TRUE(TrainCommand(out, dir.string(), report).ok()) << report.str();
  const std::string text = report.str();
  EXPECT_NE(text.find("20 stories, 2 labels"), std::string::npos) << text;
  EXPECT_NE(text.find("business         -> medtop:04000000"), std::string::npos) << text;
  EXPECT_NE(text.find("fold 5: accuracy"), std::string::npos) << text;
  EXPECT_NE(text.find("mean accuracy: 1.0000"), std::string::npos) << text;
  EXPECT_NE(text.find("load time:"), std::string::npos) << text;
  absl::StatusOr<tag::NaiveBayesModel> model = tag::NaiveBayesModel::Load(out);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->name(), "trained.nwtm");
  EXPECT_EQ(model->labels(),
            (std::vector<std::string>{"medtop:04000000", "medtop:15000000"}));
}

// Logistic regression through the same command; the model is calibrated
// (version 2 file) and carries the threshold and languages asked for.
TEST(TrainCommandTest, LogisticLearnerWritesACalibratedModel) {
  const fs::path dir = MakeFolder();
  const std::string out = (fs::path(::testing::TempDir()) / "logistic.nwtm").string();
  TrainCommandOptions options;
  options.learner = "logistic";
  options.languages = "en";
  options.low_confidence_below = 0.7f;
  std::ostringstream report;
  ASSERT_TRUE(TrainCommand(out, dir.string(), options, report).ok()) << report.str();
  const std::string text = report.str();
  EXPECT_NE(text.find("learner: logistic"), std::string::npos) << text;
  EXPECT_NE(text.find("mean accuracy: 1.0000"), std::string::npos) << text;
  EXPECT_NE(text.find("calibration on 2 held-out stories: temperature"), std::string::npos)
      << text;
  absl::StatusOr<tag::NaiveBayesModel> model = tag::NaiveBayesModel::Load(out);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_GT(model->calibration_temperature(), 0.0f);
  EXPECT_EQ(model->low_confidence_below(), 0.7f);
  EXPECT_TRUE(model->ServesLanguage("en"));
  EXPECT_FALSE(model->ServesLanguage("fr"));

  options.learner = "boosted-trees";
  EXPECT_EQ(TrainCommand(out, dir.string(), options, report).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TrainCommandTest, SameFolderSameReport) {
  const fs::path dir = MakeFolder();
  const std::string out = (fs::path(::testing::TempDir()) / "again.nwtm").string();
  std::ostringstream first, second;
  ASSERT_TRUE(TrainCommand(out, dir.string(), first).ok());
  ASSERT_TRUE(TrainCommand(out, dir.string(), second).ok());
  auto without_load_time = [](std::string text) { return text.substr(0, text.find("load time")); };
  EXPECT_EQ(without_load_time(first.str()), without_load_time(second.str()));
}

TEST(TrainCommandTest, ErrorsSayWhatIsWrong) {
  std::ostringstream report;
  EXPECT_EQ(TrainCommand("/tmp/x.nwtm", "/nonexistent/dir", report).code(),
            absl::StatusCode::kNotFound);
  EXPECT_FALSE(TrainCommand("", MakeFolder().string(), report).ok());

  const fs::path odd = fs::path(::testing::TempDir()) / "odd-labels";
  fs::remove_all(odd);
  WriteStories(odd, "misc-stuff", {"Headline\n\nText.\n", "Other\n\nMore.\n"});
  absl::Status status = TrainCommand("/tmp/x.nwtm", odd.string(), report);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("misc-stuff"), std::string::npos);
}

}  // namespace
}  // namespace newswire
