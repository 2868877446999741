#include "services/ingest/tag/classifier.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/ingest/tag/model.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {
namespace {

// Small synthetic corpus: two labels with their own vocabulary.
LabeledCorpus Synthetic(bool swap_labels = false) {
  LabeledCorpus corpus;
  corpus.labels = {"medtop:15000000", "medtop:11000000"};
  corpus.label_sources = {"sport", "politics"};
  const std::vector<std::string> sport = {
      "The striker scored twice and the keeper saved a penalty in the cup final",
      "United won the league match after a late goal from their captain",
      "The coach praised the defenders after the goalless draw at the stadium",
      "The tennis champion won the final set and lifted the trophy",
      "Fans cheered as the team reached the semi final of the tournament",
      "The midfielder signed a new contract with the club before the season",
  };
  const std::vector<std::string> politics = {
      "The prime minister faced questions from MPs in parliament over the budget",
      "Voters go to the polls in the general election as parties campaign",
      "The opposition leader called for a vote on the new immigration bill",
      "Ministers met in the cabinet to discuss the government reform plans",
      "The president signed the treaty after talks with foreign diplomats",
      "The party manifesto promised tax cuts ahead of the election campaign",
  };
  for (int label = 0; label < 2; ++label) {
    for (const std::string& text : label == 0 ? sport : politics) {
      LabeledDocument document;
      document.label = swap_labels ? 1 - label : label;
      document.headline = text.substr(0, text.find(' ', 20));
      document.paragraphs = {text};
      corpus.documents.push_back(std::move(document));
    }
  }
  return corpus;
}

StoryText Text(absl::string_view headline, absl::string_view body) {
  StoryText text;
  text.headline = headline;
  text.paragraphs = {body};
  return text;
}

int Best(const TextClassifier& classifier, const StoryText& text) {
  Classification result = classifier.Classify(text);
  EXPECT_TRUE(result.has_evidence);
  return result.has_evidence ? result.ranked[0].label : -1;
}

TEST(ClassifierTest, TrainedOnSyntheticDataItLearnsTheLabels) {
  absl::StatusOr<NaiveBayesModel> model = Train(Synthetic(), TrainOptions{});
  ASSERT_TRUE(model.ok()) << model.status();
  TextClassifier classifier(*std::move(model));
  EXPECT_EQ(Best(classifier, Text("Late goal wins the cup", "The striker scored in the final")),
            0);
  EXPECT_EQ(Best(classifier, Text("Budget vote", "MPs in parliament backed the minister")), 1);

  Classification result = classifier.Classify(Text("Goal", "the striker and the keeper"));
  ASSERT_EQ(result.ranked.size(), 2u);
  EXPECT_GT(result.ranked[0].probability, result.ranked[1].probability);
  EXPECT_NEAR(result.ranked[0].probability + result.ranked[1].probability, 1.0, 1e-5);
  EXPECT_GT(result.known_features, 0);
  EXPECT_LE(result.known_features, result.features);
}

TEST(ClassifierTest, TextTheModelNeverSawHasNoEvidence) {
  absl::StatusOr<NaiveBayesModel> model = Train(Synthetic(), TrainOptions{});
  ASSERT_TRUE(model.ok());
  TextClassifier classifier(*std::move(model));
  EXPECT_FALSE(classifier.Classify(Text("", "")).has_evidence);
  EXPECT_FALSE(classifier.Classify(Text("Zyxwv", "qwert plokij 12345")).has_evidence);
  EXPECT_TRUE(classifier.Classify(Text("", "")).ranked.empty());
}

TEST(ClassifierTest, SaveLoadRoundTripGivesTheSameAnswers) {
  absl::StatusOr<NaiveBayesModel> model = Train(Synthetic(), TrainOptions{});
  ASSERT_TRUE(model.ok());
  const std::string path = ::testing::TempDir() + "/synthetic.nwtm";
  ASSERT_TRUE(model->Save(path).ok());
  absl::StatusOr<NaiveBayesModel> loaded = NaiveBayesModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  TextClassifier original(*std::move(model));
  TextClassifier reloaded(*std::move(loaded));
  const StoryText text = Text("Cabinet row", "the minister and the striker in parliament");
  Classification a = original.Classify(text);
  Classification b = reloaded.Classify(text);
  ASSERT_EQ(a.ranked.size(), b.ranked.size());
  for (size_t i = 0; i < a.ranked.size(); ++i) {
    EXPECT_EQ(a.ranked[i].label, b.ranked[i].label);
    EXPECT_DOUBLE_EQ(a.ranked[i].score, b.ranked[i].score);
  }
}

TEST(ClassifierTest, AChangedModelChangesTheAnswer) {
  absl::StatusOr<NaiveBayesModel> model = Train(Synthetic(), TrainOptions{});
  absl::StatusOr<NaiveBayesModel> swapped = Train(Synthetic(/*swap_labels=*/true), TrainOptions{});
  ASSERT_TRUE(model.ok() && swapped.ok());
  const StoryText text = Text("Cup final", "The striker scored a late goal");
  EXPECT_EQ(Best(TextClassifier(*std::move(model)), text), 0);
  EXPECT_EQ(Best(TextClassifier(*std::move(swapped)), text), 1);
}

TEST(ClassifierTest, ExplainNamesTheFeaturesBehindADecision) {
  absl::StatusOr<NaiveBayesModel> model = Train(Synthetic(), TrainOptions{});
  ASSERT_TRUE(model.ok());
  TextClassifier classifier(*std::move(model));
  const StoryText text = Text("Striker", "the striker scored in the cup final");
  std::vector<Contribution> why = classifier.Explain(text, 0, 1, 3);
  ASSERT_EQ(why.size(), 3u);
  EXPECT_GT(why[0].weight, 0);
  EXPECT_GE(why[0].weight, why[1].weight);
  bool striker = false;
  for (const Contribution& c : why) striker = striker || c.feature == "striker";
  EXPECT_TRUE(striker);
  EXPECT_TRUE(classifier.Explain(text, 0, 7, 3).empty());
}

TEST(ClassifierTest, CrossValidationIsDeterministic) {
  LabeledCorpus corpus = Synthetic();
  absl::StatusOr<CrossValidation> first = CrossValidate(corpus, TrainOptions{}, 3, 42);
  absl::StatusOr<CrossValidation> second = CrossValidate(corpus, TrainOptions{}, 3, 42);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_EQ(first->folds.size(), 3u);
  int total = 0;
  for (size_t f = 0; f < 3; ++f) {
    EXPECT_EQ(first->folds[f].correct, second->folds[f].correct);
    EXPECT_EQ(first->folds[f].total, second->folds[f].total);
    total += first->folds[f].total;
  }
  EXPECT_EQ(total, 12);
  EXPECT_EQ(first->mean_accuracy, second->mean_accuracy);
  EXPECT_FALSE(CrossValidate(corpus, TrainOptions{}, 1).ok());
  EXPECT_FALSE(CrossValidate(corpus, TrainOptions{}, 13).ok());
}

TEST(ClassifierTest, StoryFilesSplitIntoHeadlineAndParagraphs) {
  LabeledDocument document = DocumentFromText("\n  Headline here \n\nFirst para.\n\nSecond \xe9t\xe9.\n");
  EXPECT_EQ(document.headline, "Headline here");
  ASSERT_EQ(document.paragraphs.size(), 2u);
  EXPECT_EQ(document.paragraphs[1], "Second \xc3\xa9t\xc3\xa9.");  // Windows-1252 decoded
}

}  // namespace
}  // namespace newswire::tag
