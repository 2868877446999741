#include "services/ingest/tag/model.h"

#include <fstream>
#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace newswire::tag {
namespace {

NaiveBayesModel::Parameters SmallParameters() {
  NaiveBayesModel::Parameters p;
  p.name = "small";
  p.hash_bits = 10;
  p.labels = {"medtop:15000000", "medtop:11000000"};
  p.log_priors = {-0.7f, -0.7f};
  p.unseen = {-9.0f, -8.5f};
  absl::flat_hash_map<uint32_t, std::vector<float>> rows;
  rows[7] = {2.5f, 0.0f};
  rows[1023] = {0.0f, 3.0f};
  rows[512] = {0.0f, 0.0f};  // all zero: dropped
  QuantizeRows(rows, p);
  return p;
}

TEST(ModelTest, RowsAreFoundByBucket) {
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(SmallParameters());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->num_rows(), 2u);
  ASSERT_NE(model->Row(7), nullptr);
  EXPECT_NEAR(model->Row(7)[0] * model->weight_scale(), 2.5, 1e-3);
  EXPECT_EQ(model->Row(7)[1], 0);
  ASSERT_NE(model->Row(1023), nullptr);
  EXPECT_NEAR(model->Row(1023)[1] * model->weight_scale(), 3.0, 1e-3);
  EXPECT_EQ(model->Row(512), nullptr);
  EXPECT_EQ(model->Row(8), nullptr);
}

TEST(ModelTest, SerializeParseRoundTrip) {
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(SmallParameters());
  ASSERT_TRUE(model.ok());
  const std::string bytes = model->Serialize();
  absl::StatusOr<NaiveBayesModel> parsed = NaiveBayesModel::Parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->Serialize(), bytes);
  EXPECT_EQ(parsed->name(), "small");
  EXPECT_EQ(parsed->labels(), model->labels());
  EXPECT_EQ(parsed->unseen(), model->unseen());
  EXPECT_EQ(parsed->hash_bits(), 10);
}

// Calibration fields make a version 2 file; without them the bytes are
// version 1 as before, so older model files and readers keep working.
TEST(ModelTest, CalibratedModelsRoundTripAsVersionTwo) {
  NaiveBayesModel::Parameters p = SmallParameters();
  absl::StatusOr<NaiveBayesModel> plain = NaiveBayesModel::Create(p);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->Serialize()[8], 1);
  p.calibration_temperature = 2.5f;
  p.reference_features = 90.0f;
  p.low_confidence_below = 0.6f;
  p.languages = "en,de";
  absl::StatusOr<NaiveBayesModel> calibrated = NaiveBayesModel::Create(p);
  ASSERT_TRUE(calibrated.ok()) << calibrated.status();
  const std::string bytes = calibrated->Serialize();
  EXPECT_EQ(bytes[8], 2);
  absl::StatusOr<NaiveBayesModel> parsed = NaiveBayesModel::Parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->Serialize(), bytes);
  EXPECT_EQ(parsed->calibration_temperature(), 2.5f);
  EXPECT_EQ(parsed->reference_features(), 90.0f);
  EXPECT_EQ(parsed->low_confidence_below(), 0.6f);
  EXPECT_TRUE(parsed->ServesLanguage("en"));
  EXPECT_TRUE(parsed->ServesLanguage("de-AT"));
  EXPECT_TRUE(parsed->ServesLanguage(""));
  EXPECT_FALSE(parsed->ServesLanguage("fr"));
  EXPECT_FALSE(parsed->ServesLanguage("eng"));
  EXPECT_TRUE(plain->ServesLanguage("fr"));

  // ToParameters gives back what builds the same model.
  absl::StatusOr<NaiveBayesModel> rebuilt = NaiveBayesModel::Create(parsed->ToParameters());
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  EXPECT_EQ(rebuilt->Serialize(), bytes);

  p.low_confidence_below = 1.5f;
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
}

TEST(ModelTest, SaveAndLoad) {
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(SmallParameters());
  ASSERT_TRUE(model.ok());
  const std::string path = ::testing::TempDir() + "/small.nwtm";
  ASSERT_TRUE(model->Save(path).ok());
  absl::StatusOr<NaiveBayesModel> loaded = NaiveBayesModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->Serialize(), model->Serialize());
  EXPECT_EQ(NaiveBayesModel::Load(path + ".missing").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ModelTest, CorruptFilesAreErrorsNotCrashes) {
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(SmallParameters());
  ASSERT_TRUE(model.ok());
  const std::string bytes = model->Serialize();

  absl::StatusOr<NaiveBayesModel> not_a_model = NaiveBayesModel::Parse("hello world, no model");
  EXPECT_EQ(not_a_model.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(not_a_model.status().message().find("magic"), std::string::npos);

  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  absl::StatusOr<NaiveBayesModel> corrupt = NaiveBayesModel::Parse(flipped, "model file x");
  EXPECT_EQ(corrupt.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(corrupt.status().message().find("model file x"), std::string::npos);

  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(NaiveBayesModel::Parse(bytes.substr(0, cut)).ok()) << cut;
  }
  EXPECT_FALSE(NaiveBayesModel::Parse("").ok());
}

TEST(ModelTest, CreateRejectsInconsistentParameters) {
  NaiveBayesModel::Parameters p = SmallParameters();
  p.hash_bits = 40;
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
  p = SmallParameters();
  p.labels.push_back("medtop:01000000");
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
  p = SmallParameters();
  p.buckets = {5, 3};
  p.weights = {1, 1, 1, 1};
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
  p = SmallParameters();
  p.buckets = {2048};
  p.weights = {1, 1};
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
  p = SmallParameters();
  p.unseen[0] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
  p = SmallParameters();
  p.labels.clear();
  p.log_priors.clear();
  p.unseen.clear();
  p.weights.clear();
  p.buckets.clear();
  EXPECT_FALSE(NaiveBayesModel::Create(p).ok());
}

}  // namespace
}  // namespace newswire::tag
