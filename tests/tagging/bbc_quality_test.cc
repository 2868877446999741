// Section quality on the BBC corpus (NEWSWIRE_CORPUS/bbc, five sections):
//   - trained on it, 5-fold cross-validated accuracy >= 0.97 (fixed seed)
//   - the built-in default model, which never saw it, >= 0.90 over all 743
//     files, choosing among all 17 topics
// Skips without the corpus. tagging_report prints the same figures in full.
#include <iostream>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "services/ingest/tag/default_model.h"
#include "tests/tagging/bbc_corpus.h"

namespace newswire::tagging {
namespace {

class BbcQualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::filesystem::path> dir = CorpusDir();
    if (!dir || !std::filesystem::is_directory(*dir / "bbc")) {
      GTEST_SKIP() << "BBC corpus not available: set NEWSWIRE_CORPUS to the corpus folder";
    }
    absl::StatusOr<tag::LabeledCorpus> corpus = ReadBbc(*dir);
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    corpus_ = *std::move(corpus);
  }

  tag::LabeledCorpus corpus_;
};

TEST_F(BbcQualityTest, FiveSectionsMappedToMediaTopics) {
  EXPECT_EQ(corpus_.documents.size(), 743u);
  EXPECT_EQ(corpus_.labels,
            (std::vector<std::string>{"medtop:04000000", "medtop:01000000", "medtop:11000000",
                                      "medtop:15000000", "medtop:13000000"}));
}

TEST_F(BbcQualityTest, TrainedClassifierCrossValidatesAtLeast97Percent) {
  absl::StatusOr<tag::CrossValidation> cv = tag::CrossValidate(corpus_, tag::TrainOptions{}, 5);
  ASSERT_TRUE(cv.ok()) << cv.status();
  for (const tag::FoldResult& fold : cv->folds) {
    std::cout << absl::StrFormat("fold accuracy %.4f (%d/%d)\n", fold.accuracy(), fold.correct,
                                 fold.total);
  }
  std::cout << absl::StrFormat("mean 5-fold accuracy %.4f\n", cv->mean_accuracy);
  EXPECT_GE(cv->mean_accuracy, 0.97);
}

TEST_F(BbcQualityTest, DefaultModelGetsAtLeast90PercentAmongAll17Topics) {
  absl::StatusOr<tag::NaiveBayesModel> model = tag::NaiveBayesModel::Parse(tag::DefaultModelBytes());
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ(model->num_classes(), 17);
  tag::TextClassifier classifier(*std::move(model));
  int correct = 0;
  for (const tag::LabeledDocument& document : corpus_.documents) {
    tag::Classification result = classifier.Classify(TextOf(document));
    if (result.has_evidence &&
        classifier.model().labels()[result.ranked[0].label] == corpus_.labels[document.label]) {
      ++correct;
    }
  }
  const double accuracy = static_cast<double>(correct) / corpus_.documents.size();
  std::cout << absl::StrFormat("default model accuracy %.4f (%d/%zu)\n", accuracy, correct,
                               corpus_.documents.size());
  EXPECT_GE(accuracy, 0.90);
}

}  // namespace
}  // namespace newswire::tagging
