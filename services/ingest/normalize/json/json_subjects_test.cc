#include "services/ingest/normalize/json/json_subjects.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(SplitConceptIdTest, QcodesUrisAndBareCodes) {
  ConceptId medtop = SplitConceptId("medtop:11000000");
  EXPECT_EQ(medtop.scheme, "medtop");
  EXPECT_EQ(medtop.code, "11000000");

  ConceptId iptc = SplitConceptId("http://cv.iptc.org/newscodes/mediatopic/20000568");
  EXPECT_EQ(iptc.scheme, "medtop");
  EXPECT_EQ(iptc.code, "20000568");

  ConceptId subj = SplitConceptId("https://cv.iptc.org/newscodes/subjectcode/04005004");
  EXPECT_EQ(subj.scheme, "subj");
  EXPECT_EQ(subj.code, "04005004");

  ConceptId ap = SplitConceptId("http://cv.ap.org/id/661e48387d5b10048291c076b8e3055c");
  EXPECT_EQ(ap.scheme, "http://cv.ap.org/id/");
  EXPECT_EQ(ap.code, "661e48387d5b10048291c076b8e3055c");

  ConceptId bare = SplitConceptId("01000000");
  EXPECT_EQ(bare.scheme, "");
  EXPECT_EQ(bare.code, "01000000");

  ConceptId hashtag = SplitConceptId("#Biologie");
  EXPECT_EQ(hashtag.scheme, "");
  EXPECT_EQ(hashtag.code, "#Biologie");

  // Identifiers with a colon that are no qcodes stay whole.
  EXPECT_EQ(SplitConceptId("urn:newsml:iptc.org:x").code, "urn:newsml:iptc.org:x");
  EXPECT_EQ(SplitConceptId("12:30").code, "12:30");
  EXPECT_EQ(SplitConceptId("http://example.com/").code, "http://example.com/");
}

TEST(SchemeAliasTest, IptcVocabulariesGetTheirAlias) {
  EXPECT_EQ(SchemeAlias("http://cv.iptc.org/newscodes/mediatopic/"), "medtop");
  EXPECT_EQ(SchemeAlias("http://cv.iptc.org/newscodes/subjectcode"), "subj");
  EXPECT_EQ(SchemeAlias("http://cv.iptc.org/newscodes/unknowncv/"),
            "http://cv.iptc.org/newscodes/unknowncv/");
  EXPECT_EQ(SchemeAlias("fuzo"), "fuzo");
}

TEST(AddSourceSubjectTest, AddsWithOriginAndConfidence) {
  v1::Story story;
  EXPECT_TRUE(AddSourceSubject({"medtop", "11000000"}, "politics", std::nullopt, story));
  EXPECT_TRUE(AddSourceSubject({"", ""}, "Leisure", 0.5f, story));
  EXPECT_FALSE(AddSourceSubject({"x", " "}, "", std::nullopt, story));
  ASSERT_EQ(story.subjects_size(), 2);
  EXPECT_EQ(story.subjects(0).scheme(), "medtop");
  EXPECT_EQ(story.subjects(0).name(), "politics");
  EXPECT_EQ(story.subjects(0).origin(), v1::CLASSIFICATION_ORIGIN_SOURCE);
  EXPECT_FLOAT_EQ(story.subjects(0).confidence(), 1.0f);
  EXPECT_FLOAT_EQ(story.subjects(1).confidence(), 0.5f);
}

}  // namespace
}  // namespace newswire
