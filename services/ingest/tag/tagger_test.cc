#include "services/ingest/tag/tagger.h"

#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tag {
namespace {

const Tagger& DefaultTagger() {
  static const Tagger* tagger = [] {
    absl::StatusOr<std::unique_ptr<Tagger>> created = Tagger::Create(TaggerOptions{});
    EXPECT_TRUE(created.ok()) << created.status();
    return created->release();
  }();
  return *tagger;
}

v1::Story Story(absl::string_view headline, absl::string_view body) {
  v1::Story story;
  story.set_headline(std::string(headline));
  story.add_paragraphs(std::string(body));
  return story;
}

void AddSubject(v1::Story& story, absl::string_view scheme, absl::string_view code,
                absl::string_view name = "") {
  v1::Subject* subject = story.add_subjects();
  subject->set_scheme(std::string(scheme));
  subject->set_code(std::string(code));
  subject->set_name(std::string(name));
  subject->set_origin(v1::CLASSIFICATION_ORIGIN_SOURCE);
  subject->set_confidence(1.0f);
}

const v1::Subject* FindSubject(const v1::Story& story, absl::string_view code,
                               v1::ClassificationOrigin origin) {
  for (const v1::Subject& subject : story.subjects()) {
    if (subject.scheme() == "medtop" && subject.code() == code && subject.origin() == origin) {
      return &subject;
    }
  }
  return nullptr;
}

// A sports text, so that the classifier's opinion differs from the mappings.
constexpr absl::string_view kSportHeadline = "Striker's late goal wins the cup final";
constexpr absl::string_view kSportBody =
    "The midfielder crossed and the striker scored as the team won the league match.";

TEST(TaggerTest, SourceMedtopCodeWinsAndIsExpandedToItsTopLevel) {
  v1::Story story = Story(kSportHeadline, kSportBody);
  AddSubject(story, "medtop", "20000523", "labour market");
  AddSubject(story, "subj", "04000000");
  story.set_source_section("politics");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:09000000");
  EXPECT_EQ(story.section().name(), "labour");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_SOURCE);
  EXPECT_EQ(story.section().confidence(), 1.0f);
  EXPECT_EQ(story.section().evidence(), "medtop:20000523");
  // The classifier's second opinion rides along.
  EXPECT_EQ(story.section().classified_code(), "medtop:15000000");
  EXPECT_GT(story.section().classified_confidence(), 0.5f);
}

TEST(TaggerTest, MappedCodesComeBeforeLabels) {
  v1::Story story = Story(kSportHeadline, kSportBody);
  AddSubject(story, "subj", "04016007");
  AddSubject(story, "anpa-category", "f");
  story.set_source_section("politics");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:04000000");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_MAPPED);
  EXPECT_EQ(story.section().evidence(), "subj:04016007");
  EXPECT_GT(story.section().confidence(), 0.5f);
  EXPECT_LT(story.section().confidence(), 1.0f);
}

TEST(TaggerTest, SubjectCodesVote) {
  v1::Story story = Story("", "");
  AddSubject(story, "subj", "04011002");
  AddSubject(story, "subj", "10000000");
  AddSubject(story, "subj", "15000000");
  AddSubject(story, "subj", "15054000");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:15000000");
  EXPECT_EQ(story.section().evidence(), "subj:15000000");
}

TEST(TaggerTest, AnpaLetterWithoutATopicLeavesItToTheLabelOrText) {
  v1::Story story = Story(kSportHeadline, kSportBody);
  AddSubject(story, "anpa-category", "a");
  story.set_source_section("Urheilu");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:15000000");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_MAPPED);
  EXPECT_EQ(story.section().evidence(), "label:Urheilu");
}

TEST(TaggerTest, SectionLabelThenUrlThenClassifier) {
  v1::Story labelled = Story(kSportHeadline, kSportBody);
  labelled.set_source_section("politics");
  labelled.set_source_url("https://example.com/business/some-story");
  DefaultTagger().Tag(labelled);
  EXPECT_EQ(labelled.section().code(), "medtop:11000000");
  EXPECT_EQ(labelled.section().name(), "politics");
  EXPECT_EQ(labelled.section().evidence(), "label:politics");

  v1::Story from_url = Story(kSportHeadline, kSportBody);
  from_url.set_source_section("World");
  from_url.set_source_url("https://example.com/business/some-story");
  DefaultTagger().Tag(from_url);
  EXPECT_EQ(from_url.section().code(), "medtop:04000000");
  EXPECT_EQ(from_url.section().evidence(), "url:business");
  EXPECT_EQ(from_url.section().origin(), v1::CLASSIFICATION_ORIGIN_MAPPED);

  v1::Story from_text = Story(kSportHeadline, kSportBody);
  from_text.set_source_url("https://example.com/news/some-story");
  DefaultTagger().Tag(from_text);
  EXPECT_EQ(from_text.section().code(), "medtop:15000000");
  EXPECT_EQ(from_text.section().origin(), v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
  EXPECT_EQ(from_text.section().evidence(), "model:default-en-2");
  EXPECT_TRUE(from_text.section().classified_code().empty());
}

TEST(TaggerTest, UnknownSchemesFallBackToTheirLabels) {
  v1::Story story = Story("", "");
  AddSubject(story, "fuzo", "science", "Science");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:13000000");
  EXPECT_EQ(story.section().evidence(), "label:Science");
}

TEST(TaggerTest, SecondarySubjectsAreAddedAndSourceSubjectsKept) {
  v1::Story story = Story(kSportHeadline, kSportBody);
  AddSubject(story, "subj", "04011002");
  AddSubject(story, "medtop", "20000523");
  AddSubject(story, "apgeography", "b0fa317082b3100484dbdf092526b43e", "Maryland");
  const v1::Story before = story;
  DefaultTagger().Tag(story);
  ASSERT_GE(story.subjects_size(), before.subjects_size());
  for (int i = 0; i < before.subjects_size(); ++i) {
    EXPECT_EQ(story.subjects(i).SerializeAsString(), before.subjects(i).SerializeAsString());
  }
  const v1::Subject* labour = FindSubject(story, "09000000", v1::CLASSIFICATION_ORIGIN_MAPPED);
  const v1::Subject* economy = FindSubject(story, "04000000", v1::CLASSIFICATION_ORIGIN_MAPPED);
  const v1::Subject* sport = FindSubject(story, "15000000", v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
  ASSERT_NE(labour, nullptr);
  ASSERT_NE(economy, nullptr);
  ASSERT_NE(sport, nullptr);
  EXPECT_EQ(labour->name(), "labour");
  EXPECT_GT(sport->confidence(), 0.3f);
}

TEST(TaggerTest, TaggingTwiceGivesTheSameStory) {
  v1::Story story = Story(kSportHeadline, kSportBody);
  AddSubject(story, "subj", "04011002");
  story.set_source_section("business");
  DefaultTagger().Tag(story);
  const std::string once = story.SerializeAsString();
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.SerializeAsString(), once);
}

TEST(TaggerTest, AStoryWithNothingToGoOnGetsNoSectionAndNoCrash) {
  v1::Story empty;
  DefaultTagger().Tag(empty);
  EXPECT_FALSE(empty.has_section());
  EXPECT_EQ(empty.subjects_size(), 0);

  v1::Story gibberish = Story("Qwxz", "zzzq xxyy 12345 \xff\xfe");
  gibberish.set_source_section("UK News Service");
  DefaultTagger().Tag(gibberish);
  EXPECT_FALSE(gibberish.has_section());
}

// A story in a language the built-in (English) model never learnt, with no
// codes: not guessed, marked unclassified with the reason.
TEST(TaggerTest, AnUnservedLanguageWithoutCodesIsUnclassifiedNotGuessed) {
  v1::Story story = Story("Le Premier ministre devant le parlement",
                          "Le gouvernement a presente son budget au parlement mardi.");
  story.set_language("fr");
  DefaultTagger().Tag(story);
  ASSERT_TRUE(story.has_section());
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_UNCLASSIFIED);
  EXPECT_EQ(story.section().code(), "");
  EXPECT_EQ(story.section().evidence(), "language:fr");

  // The same story with a code keeps its mapped section.
  AddSubject(story, "medtop", "11000000", "politics");
  DefaultTagger().Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:11000000");
  EXPECT_EQ(story.section().origin(), v1::CLASSIFICATION_ORIGIN_SOURCE);

  // English, and a region subtag of it, are classified.
  v1::Story english = Story(kSportHeadline, kSportBody);
  english.set_language("en-GB");
  DefaultTagger().Tag(english);
  EXPECT_EQ(english.section().code(), "medtop:15000000");
  EXPECT_EQ(english.section().origin(), v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
}

// The built-in model's threshold is 0.6: a clear sports story is above it, a
// story with one weak political word below it.
TEST(TaggerTest, ClassifiedSectionsBelowTheThresholdAreMarkedLowConfidence) {
  v1::Story sport = Story(kSportHeadline, kSportBody);
  DefaultTagger().Tag(sport);
  EXPECT_EQ(sport.section().origin(), v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
  EXPECT_GE(sport.section().confidence(), 0.6f);
  EXPECT_FALSE(sport.section().low_confidence());

  v1::Story vague = Story("A note", "The minister walked by.");
  DefaultTagger().Tag(vague);
  ASSERT_EQ(vague.section().origin(), v1::CLASSIFICATION_ORIGIN_CLASSIFIED);
  EXPECT_LT(vague.section().confidence(), 0.6f);
  EXPECT_TRUE(vague.section().low_confidence());

  // A mapped section is never marked: the source said so.
  v1::Story mapped = Story("A note", "The minister walked by.");
  mapped.set_source_section("politics");
  DefaultTagger().Tag(mapped);
  EXPECT_FALSE(mapped.section().low_confidence());
}

TEST(TaggerTest, AModelFileReplacesTheDefaultModel) {
  // A model trained to call football talk "weather" answers "weather".
  LabeledCorpus corpus;
  corpus.labels = {"medtop:17000000", "medtop:11000000"};
  corpus.label_sources = {"weather", "politics"};
  for (int i = 0; i < 4; ++i) {
    LabeledDocument weather;
    weather.label = 0;
    weather.headline = "Striker goal cup final";
    weather.paragraphs = {"the striker scored a goal in the league match"};
    corpus.documents.push_back(weather);
    LabeledDocument politics;
    politics.label = 1;
    politics.headline = "Minister vote parliament";
    politics.paragraphs = {"mps voted on the bill in parliament"};
    corpus.documents.push_back(politics);
  }
  TrainOptions options;
  options.name = "odd";
  absl::StatusOr<NaiveBayesModel> model = Train(corpus, options);
  ASSERT_TRUE(model.ok());
  const std::string path = ::testing::TempDir() + "/odd.nwtm";
  ASSERT_TRUE(model->Save(path).ok());
  TaggerOptions tagger_options;
  tagger_options.model_path = path;
  absl::StatusOr<std::unique_ptr<Tagger>> tagger = Tagger::Create(tagger_options);
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  v1::Story story = Story(kSportHeadline, kSportBody);
  (*tagger)->Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:17000000");
  EXPECT_EQ(story.section().evidence(), "model:odd");
}

TEST(TaggerTest, MappingFileAddsLabels) {
  const std::string path = ::testing::TempDir() + "/labels.tsv";
  std::ofstream(path) << "label\tInnenriks\t11000000\t0.7\n";
  TaggerOptions options;
  options.mapping_path = path;
  absl::StatusOr<std::unique_ptr<Tagger>> tagger = Tagger::Create(options);
  ASSERT_TRUE(tagger.ok()) << tagger.status();
  v1::Story story = Story(kSportHeadline, kSportBody);
  story.set_source_section("Innenriks");
  (*tagger)->Tag(story);
  EXPECT_EQ(story.section().code(), "medtop:11000000");
  EXPECT_FLOAT_EQ(story.section().confidence(), 0.7f);
}

TEST(TaggerTest, BadFilesFailCreate) {
  TaggerOptions missing_model;
  missing_model.model_path = "/nonexistent/model.nwtm";
  EXPECT_EQ(Tagger::Create(missing_model).status().code(), absl::StatusCode::kNotFound);

  const std::string corrupt = ::testing::TempDir() + "/corrupt.nwtm";
  std::ofstream(corrupt) << "NWTAGNB1 but not really a model";
  TaggerOptions corrupt_model;
  corrupt_model.model_path = corrupt;
  EXPECT_FALSE(Tagger::Create(corrupt_model).ok());

  TaggerOptions missing_mapping;
  missing_mapping.mapping_path = "/nonexistent/mapping.tsv";
  EXPECT_FALSE(Tagger::Create(missing_mapping).ok());
}

}  // namespace
}  // namespace newswire::tag
