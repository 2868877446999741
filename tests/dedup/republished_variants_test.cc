#include "tests/dedup/republished_variants.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "tests/dedup/bbc_corpus.h"

namespace newswire::dedup {
namespace {

// Corpus-like articles without the corpus: four sections of prose.
std::vector<CorpusArticle> Articles() {
  std::vector<CorpusArticle> articles;
  const char* sections[] = {"business", "politics", "sport", "tech"};
  SeededRandom random(1);
  for (int i = 0; i < 40; ++i) {
    std::string text = absl::StrCat("Story number ", i, " makes the news\n\n");
    for (int p = 0; p < 4; ++p) {
      for (int s = 0; s < 4; ++s) {
        absl::StrAppend(&text, "The firm said about ", random.Below(1000), " people will see ",
                        "new shares rise in sector ", random.Below(1000), " and region ",
                        random.Below(1000), " this year. ");
      }
      text += "\n\n";
    }
    CorpusArticle article;
    article.section = sections[i % 4];
    article.key = absl::StrCat(article.section, "/", 100 + i, ".txt");
    article.bytes = text;
    absl::StatusOr<v1::Story> story = StoryFromPlainText(text, "bbc:" + article.key);
    EXPECT_TRUE(story.ok());
    article.story = *story;
    articles.push_back(article);
  }
  return articles;
}

TEST(SeededRandomTest, FixedStream) {
  SeededRandom random(0);
  // SplitMix64's published first output for seed 0.
  EXPECT_EQ(random.Next(), 0xe220a8397b1dcdafULL);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(random.Below(7), 7u);
}

TEST(RepublishedVariantsTest, SameSeedSameBytes) {
  const std::vector<CorpusArticle> articles = Articles();
  VariantOptions options;
  const std::vector<Variant> a = MakeVariants(articles, options);
  const std::vector<Variant> b = MakeVariants(articles, options);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].delay, b[i].delay);
  }
  options.seed += 1;
  const std::vector<Variant> c = MakeVariants(articles, options);
  EXPECT_TRUE(c.size() != a.size() || c.front().text != a.front().text);
}

TEST(RepublishedVariantsTest, CopiesAreEditedButRecognisable) {
  const std::vector<CorpusArticle> articles = Articles();
  VariantOptions options;
  options.share_copied = 1;
  const std::vector<Variant> variants = MakeVariants(articles, options);
  EXPECT_GE(variants.size(), articles.size());
  std::set<std::string> ids;
  size_t earlier = 0;
  for (const Variant& variant : variants) {
    SCOPED_TRACE(variant.id);
    EXPECT_TRUE(ids.insert(variant.id).second);
    const CorpusArticle* source = nullptr;
    for (const CorpusArticle& article : articles) {
      if (article.key == variant.source_key) source = &article;
    }
    ASSERT_NE(source, nullptr);
    absl::StatusOr<v1::Story> copy = StoryFromPlainText(variant.text, variant.id);
    ASSERT_TRUE(copy.ok());
    EXPECT_NE(copy->headline(), source->story.headline());
    EXPECT_FALSE(variant.edits.empty());
    // Arrival shuffled: up to 48 hours either side of the article.
    EXPECT_GE(variant.delay, -absl::Hours(48));
    EXPECT_LE(variant.delay, absl::Hours(48));
    earlier += variant.delay < absl::ZeroDuration() ? 1 : 0;
    // Edited and trimmed (up to two thirds), but still sharing a good part
    // of its article's shingles.
    EXPECT_GT(EstimateResemblance(ComputeFingerprints(*copy).minhash(),
                                  ComputeFingerprints(source->story).minhash()),
              0.15);
  }
  // About half arrive before their article.
  EXPECT_GT(earlier, variants.size() / 3);
  EXPECT_LT(earlier, 2 * variants.size() / 3);
}

TEST(RepublishedVariantsTest, InOrderCopiesFollowTheirArticle) {
  VariantOptions options;
  options.shuffle_arrival = false;
  for (const Variant& variant : MakeVariants(Articles(), options)) {
    EXPECT_GE(variant.delay, absl::Minutes(10));
    EXPECT_LE(variant.delay, absl::Hours(49));
  }
}

}  // namespace
}  // namespace newswire::dedup
