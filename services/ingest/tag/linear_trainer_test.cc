#include "services/ingest/tag/linear_trainer.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "services/ingest/tag/calibration.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

// Two topics told apart by a few words each, with shared filler; labels
// are the 17 topics as ReadLabeledTsv gives them.
LabeledCorpus ToyCorpus(int per_topic) {
  LabeledCorpus corpus;
  for (int t = 0; t < kTopicCount; ++t) corpus.labels.emplace_back(kTopics[t].qcode);
  const char* sport[] = {"goal striker", "match referee", "league coach", "striker scored"};
  const char* economy[] = {"shares market", "inflation rates", "bank profits", "market shares"};
  for (int i = 0; i < per_topic; ++i) {
    LabeledDocument a;
    a.label = 14;  // sport
    a.headline = sport[i % 4];
    a.paragraphs = {std::string("the news today said ") + sport[(i + 1) % 4]};
    corpus.documents.push_back(a);
    LabeledDocument b;
    b.label = 3;  // economy
    b.headline = economy[i % 4];
    b.paragraphs = {std::string("the news today said ") + economy[(i + 1) % 4]};
    corpus.documents.push_back(b);
  }
  return corpus;
}

TEST(LinearTrainerTest, LearnsSeparableTopicsAndIsDeterministic) {
  const LabeledCorpus corpus = ToyCorpus(40);
  LinearTrainOptions options;
  options.hash_bits = 16;
  absl::StatusOr<NaiveBayesModel> model = TrainLinear(corpus, options);
  ASSERT_TRUE(model.ok()) << model.status();
  const TextClassifier classifier(*model);
  StoryText text;
  text.headline = "striker";
  text.paragraphs = {"the referee stopped the match"};
  Classification result = classifier.Classify(text);
  ASSERT_TRUE(result.has_evidence);
  EXPECT_EQ(model->labels()[result.ranked[0].label], "medtop:15000000");
  text.headline = "bank";
  text.paragraphs = {"inflation hit the market"};
  result = classifier.Classify(text);
  EXPECT_EQ(model->labels()[result.ranked[0].label], "medtop:04000000");
  EXPECT_EQ(Evaluate(classifier, corpus).accuracy(), 1.0);

  absl::StatusOr<NaiveBayesModel> again = TrainLinear(corpus, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Serialize(), model->Serialize());
}

TEST(LinearTrainerTest, ABaseModelsRowsAreKeptUnderTheLearntOnes) {
  const LabeledCorpus corpus = ToyCorpus(10);
  NaiveBayesModel::Parameters base;
  base.hash_bits = 16;
  base.labels = corpus.labels;
  base.log_priors.assign(kTopicCount, 0.0f);
  base.unseen.assign(kTopicCount, 0.0f);
  absl::flat_hash_map<uint32_t, std::vector<float>> rows;
  std::vector<float> weather(kTopicCount, 0.0f);
  weather[16] = 4.0f;
  rows[BucketOf(UnigramKey("blizzard"), 16)] = weather;
  QuantizeRows(rows, base);
  absl::StatusOr<NaiveBayesModel> base_model = NaiveBayesModel::Create(base);
  ASSERT_TRUE(base_model.ok());
  absl::StatusOr<NaiveBayesModel> model = TrainLinear(corpus, LinearTrainOptions{}, &*base_model);
  ASSERT_TRUE(model.ok()) << model.status();
  const TextClassifier classifier(*model);
  StoryText text;
  text.paragraphs = {"blizzard"};
  const Classification result = classifier.Classify(text);
  ASSERT_TRUE(result.has_evidence);
  // Weather has no training story; only the base model knows the word.
  EXPECT_EQ(model->labels()[result.ranked[0].label], "medtop:17000000");
}

TEST(LinearTrainerTest, ReadsTsvAndRejectsBadLines) {
  const std::string path = ::testing::TempDir() + "/labelled.tsv";
  {
    std::ofstream out(path);
    out << "# comment\nsport\tCup final\tThe striker scored.\\nThe crowd cheered.\n"
        << "medtop:04000000\tShares fall\t\n\n";
  }
  absl::StatusOr<LabeledCorpus> corpus = ReadLabeledTsv(path);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  ASSERT_EQ(corpus->documents.size(), 2u);
  EXPECT_EQ(corpus->labels.size(), 17u);
  EXPECT_EQ(corpus->documents[0].label, 14);
  EXPECT_EQ(corpus->documents[0].headline, "Cup final");
  EXPECT_EQ(corpus->documents[0].paragraphs,
            (std::vector<std::string>{"The striker scored.", "The crowd cheered."}));
  EXPECT_EQ(corpus->documents[1].label, 3);
  {
    std::ofstream out(path);
    out << "sport\tonly two fields\n";
  }
  EXPECT_FALSE(ReadLabeledTsv(path).ok());
  {
    std::ofstream out(path);
    out << "gardening\ta\tb\n";
  }
  EXPECT_FALSE(ReadLabeledTsv(path).ok());
  std::remove(path.c_str());
}

// Expected values worked by hand from the definitions in calibration.h.
TEST(CalibrationTest, ExpectedCalibrationErrorAndConfidentShareByHand) {
  // One class each for two topics; a model that always says sport with
  // scores (2, 0): p(sport) = e^2 / (e^2 + 1) = 0.8808 at T = 1 (bin 0.8).
  NaiveBayesModel::Parameters p;
  p.hash_bits = 10;
  p.labels = {"medtop:15000000", "medtop:04000000"};
  p.log_priors = {2.0f, 0.0f};
  p.unseen = {0.0f, 0.0f};
  absl::flat_hash_map<uint32_t, std::vector<float>> rows;
  rows[BucketOf(UnigramKey("word"), 10)] = {0.0f, 0.0f};
  rows[BucketOf(UnigramKey("word"), 10)][1] = 1e-3f;  // a stored row, so texts have evidence
  QuantizeRows(rows, p);
  p.calibration_temperature = 1.0f;
  p.reference_features = 10.0f;  // longer than the texts: no length term
  p.low_confidence_below = 0.9f;
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Create(p);
  ASSERT_TRUE(model.ok()) << model.status();
  const TextClassifier classifier(*model);
  LabeledCorpus corpus;
  corpus.labels = {"medtop:15000000", "medtop:04000000"};
  for (int i = 0; i < 4; ++i) {
    LabeledDocument d;
    d.label = i < 3 ? 0 : 1;  // 3 of 4 right
    d.headline = "word";
    corpus.documents.push_back(d);
  }
  const Evaluation e = Evaluate(classifier, corpus);
  EXPECT_EQ(e.correct, 3);
  const double confidence = classifier.Classify(DocumentText(corpus.documents[0])).ranked[0].probability;
  EXPECT_NEAR(confidence, 0.8808, 2e-3);
  // All four in the [0.8, 0.9) bin: ECE = |0.75 - 0.8808|.
  EXPECT_EQ(e.bins[8].stories, 4);
  EXPECT_NEAR(e.expected_calibration_error, 0.1308, 2e-3);
  EXPECT_EQ(e.confident, 0);
  EXPECT_EQ(e.low_confidence, 4);
  EXPECT_EQ(e.per_label_correct, (std::vector<int>{3, 0}));

  // The NLL-optimal temperature makes p(sport) = 0.75: 2 / T = ln 3.
  const float t = FitTemperature(classifier, corpus, {0, 1, 2, 3}, 10.0f);
  EXPECT_NEAR(t, 2.0 / std::log(3.0), 1e-2);
}

}  // namespace
}  // namespace newswire::tag
