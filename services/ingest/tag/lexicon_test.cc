#include "services/ingest/tag/lexicon.h"

#include <string>

#include "gtest/gtest.h"
#include "services/ingest/common/file.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/default_model.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

TEST(LexiconTest, ParsesSettingsTopicsAndTerms) {
  absl::StatusOr<Lexicon> lexicon = ParseLexicon(
      "!name tiny\n!hash_bits 12\n!headline_weight 2\n!smoothing 1\n"
      "@sport   # comment\n3: striker, grand slam\n@medtop:11000000\n1.5: parliament\n",
      "tiny.txt");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(lexicon->name, "tiny");
  EXPECT_EQ(lexicon->hash_bits, 12);
  EXPECT_EQ(lexicon->headline_weight, 2);
  ASSERT_EQ(lexicon->terms.size(), 3u);
  EXPECT_EQ(lexicon->terms[1].topic, 14);
  EXPECT_EQ(lexicon->terms[1].words, (std::vector<std::string>{"grand", "slam"}));
  EXPECT_EQ(lexicon->terms[2].topic, 10);
  EXPECT_FLOAT_EQ(lexicon->terms[2].weight, 1.5f);
}

TEST(LexiconTest, MistakesAreErrorsWithTheirLine) {
  auto error = [](absl::string_view text) {
    absl::StatusOr<Lexicon> lexicon = ParseLexicon(text, "bad.txt");
    return lexicon.ok() ? std::string("ok") : std::string(lexicon.status().message());
  };
  EXPECT_NE(error("@sport\n3: state of the union\n").find("line 2"), std::string::npos);
  EXPECT_NE(error("@sports desk\n").find("unknown topic"), std::string::npos);
  EXPECT_NE(error("3: goal\n").find("before the first"), std::string::npos);
  EXPECT_NE(error("@sport\nx: goal\n").find("WEIGHT"), std::string::npos);
  EXPECT_NE(error("@sport\n-1: goal\n").find("WEIGHT"), std::string::npos);
  EXPECT_NE(error("!hash_bits 99\n").find("hash_bits"), std::string::npos);
  EXPECT_NE(error("!colour blue\n").find("unknown setting"), std::string::npos);
  EXPECT_NE(error("# nothing\n").find("no terms"), std::string::npos);
}

TEST(LexiconTest, ModelScoresOnlyTheLexiconsTerms) {
  absl::StatusOr<Lexicon> lexicon =
      ParseLexicon("!hash_bits 16\n@sport\n3: striker\n@politics\n3: parliament, prime minister\n",
                   "x");
  ASSERT_TRUE(lexicon.ok());
  absl::StatusOr<NaiveBayesModel> model = BuildLexiconModel(*lexicon);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->num_classes(), kTopicCount);
  TextClassifier classifier(*std::move(model));
  StoryText text;
  text.paragraphs = {"The prime minister addressed parliament about the striker"};
  Classification result = classifier.Classify(text);
  ASSERT_TRUE(result.has_evidence);
  EXPECT_EQ(result.ranked[0].label, 10);
  EXPECT_EQ(result.ranked[1].label, 14);
  text.paragraphs = {"Nothing here is in the lexicon"};
  EXPECT_FALSE(classifier.Classify(text).has_evidence);
}

// The built-in model (data/default_model.nwtm, written by make_default_model)
// carries the lexicon's weights: building the lexicon's model again gives
// the same rows, and the built-in one adds calibration and its language.
TEST(LexiconTest, DefaultModelHoldsTheLexiconsRows) {
  const std::string text = ReadFile("services/ingest/tag/data/lexicon_en.txt").value_or("");
  ASSERT_FALSE(text.empty());
  absl::StatusOr<Lexicon> lexicon = ParseLexicon(text, "lexicon_en.txt");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  absl::StatusOr<NaiveBayesModel> model = BuildLexiconModel(*lexicon);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_GT(lexicon->terms.size(), 3000u);
  absl::StatusOr<NaiveBayesModel> built_in = NaiveBayesModel::Parse(DefaultModelBytes());
  ASSERT_TRUE(built_in.ok()) << built_in.status();
  ASSERT_EQ(built_in->num_rows(), model->num_rows());
  ASSERT_EQ(built_in->hash_bits(), model->hash_bits());
  for (uint32_t bucket = 0; bucket < (uint32_t{1} << model->hash_bits()); ++bucket) {
    const int16_t* expected = model->Row(bucket);
    const int16_t* actual = built_in->Row(bucket);
    ASSERT_EQ(expected == nullptr, actual == nullptr) << bucket;
    if (expected == nullptr) continue;
    for (int c = 0; c < model->num_classes(); ++c) ASSERT_EQ(actual[c], expected[c]) << bucket;
  }
  EXPECT_GT(built_in->calibration_temperature(), 1.0f);
  EXPECT_EQ(built_in->languages(), "en");
}

struct Case {
  const char* topic;
  const char* headline;
  const char* body;
};

// Made-up English news sentences, one or two per topic.
TEST(LexiconTest, DefaultModelKnowsEnglishNewsAcrossTheTopics) {
  absl::StatusOr<NaiveBayesModel> model = NaiveBayesModel::Parse(DefaultModelBytes());
  ASSERT_TRUE(model.ok()) << model.status();
  TextClassifier classifier(*std::move(model));
  const Case cases[] = {
      {"arts", "Actress wins Oscar for debut film",
       "The film, directed by a first-time filmmaker, topped the box office and its soundtrack "
       "album went to number one."},
      {"crime", "Man charged with murder after stabbing",
       "Police arrested the suspect, who appeared before magistrates and was remanded in custody "
       "ahead of his trial."},
      {"disaster", "Earthquake kills dozens",
       "Rescuers searched the rubble for survivors after the quake as the death toll rose and "
       "thousands were evacuated."},
      {"economy", "Bank raises interest rates as inflation climbs",
       "Shares fell on the stock market and the central bank warned that economic growth would "
       "slow; analysts expect profits to drop."},
      {"education", "Teachers warn over exam changes",
       "Pupils at secondary schools will sit new exams, and universities say tuition fees will "
       "rise for students."},
      {"environment", "Carbon emissions hit record",
       "Climate change campaigners said greenhouse gas pollution from fossil fuels threatens "
       "endangered species and rainforests."},
      {"health", "Hospital waiting lists grow",
       "Doctors and nurses said patients with cancer and heart disease face delays for treatment "
       "as the virus outbreak spreads."},
      {"labour", "Union calls strike over pay",
       "Workers voted for industrial action after employers offered a pay freeze; unemployment "
       "rose and job cuts loom."},
      {"lifestyle", "Ten recipes for summer",
       "The chef shares cooking tips, a wine list and ideas for a beach holiday at a seaside "
       "resort."},
      {"politics", "Prime minister faces vote in parliament",
       "Opposition MPs and the party's backbenchers said the government's bill would fail as "
       "the election campaign began."},
      {"religion", "Pope meets bishops",
       "The Vatican said the pontiff would celebrate mass at the cathedral with Catholic "
       "pilgrims and clergy."},
      {"science", "New smartphone chip unveiled",
       "The software firm said the processor runs artificial intelligence apps and connects to "
       "broadband networks and the internet."},
      {"society", "Charities warn of rising poverty",
       "Homelessness and inequality grow as food banks and social workers help families on "
       "welfare, a survey of communities found."},
      {"sport", "Striker's late goal wins the cup final",
       "The midfielder crossed, the striker headed in, and the manager praised his squad after "
       "the league title race tightened."},
      {"conflict", "Troops advance as ceasefire collapses",
       "Rebels shelled the city and airstrikes hit militant positions; soldiers and civilians "
       "were killed in the fighting."},
      {"weather", "Snow and ice warning",
       "Forecasters predict heavy snow, freezing temperatures and gale-force winds, with rain "
       "and sleet in the south."},
  };
  for (const Case& c : cases) {
    StoryText text;
    text.headline = c.headline;
    text.paragraphs = {c.body};
    Classification result = classifier.Classify(text);
    ASSERT_TRUE(result.has_evidence) << c.topic;
    EXPECT_EQ(kTopics[result.ranked[0].label].short_name, c.topic) << c.headline;
  }
}

}  // namespace
}  // namespace newswire::tag
