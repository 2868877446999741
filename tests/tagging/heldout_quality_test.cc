// The built-in model on the held-out test split of its training corpus
// (services/ingest/tag/README.md, "The default model"): accuracy, recall
// per section, expected calibration error, the wrong share among stories at
// confidence >= 0.9 and the reliability table, printed. The corpus is not
// in the repository: set NEWSWIRE_TRAINING_TSV to the file
// prepare_training_data.py wrote (~/.cache/newswire/huffpost/training.tsv);
// the test skips without it.
//
// Assertions are the levels reached (README): the targets (ECE <=
// 0.05, <= 3% wrong at >= 0.9) are met on bbc/ but not on this split, whose
// labels (HuffPost's) often name another topic than the story's subject.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "gtest/gtest.h"
#include "services/ingest/tag/calibration.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/default_model.h"
#include "services/ingest/tag/linear_trainer.h"

namespace newswire::tagging {
namespace {

TEST(HeldOutQualityTest, DefaultModelOnTheTestSplit) {
  const char* path = std::getenv("NEWSWIRE_TRAINING_TSV");
  if (path == nullptr || !std::filesystem::exists(path)) {
    GTEST_SKIP() << "training corpus not available: set NEWSWIRE_TRAINING_TSV";
  }
  absl::StatusOr<tag::LabeledCorpus> corpus = tag::ReadLabeledTsv(path);
  ASSERT_TRUE(corpus.ok()) << corpus.status();
  absl::StatusOr<tag::NaiveBayesModel> model = tag::NaiveBayesModel::Parse(tag::DefaultModelBytes());
  ASSERT_TRUE(model.ok()) << model.status();
  const tag::TextClassifier classifier(*std::move(model));
  const tag::CorpusSplit split = tag::SplitCorpus(corpus->documents.size());
  const tag::Evaluation e = tag::Evaluate(classifier, *corpus, &split.test);
  std::cout << "built-in model on the held-out test split (" << split.test.size()
            << " stories):\n"
            << tag::FormatEvaluation(e, corpus->labels);
  EXPECT_GT(e.stories, 1000);
  EXPECT_GE(e.accuracy(), 0.40);
  EXPECT_LE(e.expected_calibration_error, 0.10);
  EXPECT_LE(e.confident_wrong_share(), 0.30);
}

}  // namespace
}  // namespace newswire::tagging
