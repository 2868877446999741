#include "services/ingest/fingerprint/fingerprints.h"

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/fingerprint/canonical_text.h"

namespace newswire {
namespace {

using ::testing::Each;
using ::testing::Le;

// A text of `words` words drawn from a vocabulary of 5,000, seeded.
std::vector<std::string> RandomWords(uint32_t seed, int words) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < words; ++i) out.push_back(absl::StrCat("w", rng() % 5000));
  return out;
}

v1::Story StoryOfWords(const std::vector<std::string>& words, std::string headline = "h") {
  v1::Story story;
  story.set_headline(std::move(headline));
  // Sentences of ten words, paragraphs of three sentences.
  std::string paragraph;
  for (size_t i = 0; i < words.size(); ++i) {
    absl::StrAppend(&paragraph, paragraph.empty() ? "" : " ", words[i]);
    if (i % 10 == 9 || i + 1 == words.size()) paragraph += ".";
    if (i % 30 == 29 || i + 1 == words.size()) {
      story.add_paragraphs(paragraph);
      paragraph.clear();
    }
  }
  return story;
}

double ExactShingleJaccard(const v1::Story& a, const v1::Story& b) {
  const std::vector<uint64_t> sa = ShingleHashes(CanonicalText(a));
  const std::vector<uint64_t> sb = ShingleHashes(CanonicalText(b));
  const std::set<uint64_t> x(sa.begin(), sa.end()), y(sb.begin(), sb.end());
  size_t both = 0;
  for (uint64_t h : x) both += y.count(h);
  return static_cast<double>(both) / static_cast<double>(x.size() + y.size() - both);
}

TEST(FingerprintsTest, Sha256OfTheCanonicalText) {
  v1::Story story;
  story.add_paragraphs("Hello, World!");
  const v1::Fingerprints fp = ComputeFingerprints(story);
  EXPECT_EQ(fp.content_sha256(),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");  // "hello world"
  EXPECT_EQ(fp.canonical_words(), 2);
}

TEST(FingerprintsTest, IdenticalBodiesUnderDifferentHeadlinesHashAlike) {
  const std::vector<std::string> words = RandomWords(1, 300);
  const v1::Fingerprints a =
      ComputeFingerprints(StoryOfWords(words, "Slim PlayStation triples sales"));
  const v1::Fingerprints b =
      ComputeFingerprints(StoryOfWords(words, "Slimmer PlayStation triple sales"));
  EXPECT_EQ(a.content_sha256(), b.content_sha256());
  EXPECT_EQ(a.simhash(), b.simhash());
  EXPECT_THAT(a.minhash(), ::testing::ElementsAreArray(b.minhash()));
}

TEST(FingerprintsTest, TypographyCreditsAndDatelinesDoNotChangeTheHash) {
  v1::Story wire;
  wire.add_paragraphs(
      "TOKYO, Nov 7 (Reuters) - Japan's exports rose 5% in October - the fastest pace in a "
      "year.");
  wire.add_paragraphs("\"It's a good sign,\" an official said.");
  v1::Story copy;
  copy.add_paragraphs(
      "Japan\xE2\x80\x99s exports rose 5% in October \xE2\x80\x94 the fastest pace in a year.");
  copy.add_paragraphs("\xE2\x80\x9CIT\xE2\x80\x99S a good sign,\xE2\x80\x9D an official said.");
  copy.add_paragraphs("\xC2\xA9 2022 Reuters");
  EXPECT_EQ(ComputeFingerprints(wire).content_sha256(),
            ComputeFingerprints(copy).content_sha256());
}

TEST(FingerprintsTest, EmptyStoryHasNoFingerprints) {
  const v1::Fingerprints fp = ComputeFingerprints(v1::Story());
  EXPECT_EQ(fp.content_sha256(), "");
  EXPECT_EQ(fp.minhash_size(), 0);
  EXPECT_EQ(fp.canonical_words(), 0);
}

TEST(FingerprintsTest, SignatureShape) {
  const v1::Fingerprints fp = ComputeFingerprints(StoryOfWords(RandomWords(2, 50)));
  EXPECT_EQ(fp.minhash_size(), kMinHashBins);
  EXPECT_THAT(fp.minhash(), Each(Le(0xFFFFu)));
  EXPECT_EQ(fp.canonical_words(), 50);
  // A one-word text still fills every bin.
  v1::Story one;
  one.add_paragraphs("Earthquake.");
  EXPECT_EQ(ComputeFingerprints(one).minhash_size(), kMinHashBins);
}

TEST(FingerprintsTest, StableFormat) {
  // Stored fingerprints must keep meaning the same: these values pin the
  // canonical text rules, the hash seeds and the MinHash layout.
  v1::Story story;
  story.add_paragraphs(
      "Andy Roddick will play Cyril Saulnier in the final of the SAP Open in San Jose on "
      "Sunday.");
  story.add_paragraphs(
      "The American top seed and defending champion overcame Germany's Tommy Haas, the third "
      "seed, 7-6 (7-3) 6-3.");
  const v1::Fingerprints fp = ComputeFingerprints(story);
  // sha256("andy roddick will play ... the third seed 7 6 7 3 6 3")
  EXPECT_EQ(fp.content_sha256(),
            "7cb0c9b6a4370ff2f92665dab7fe412d1248797f2b8d3f5f1603662541e419ce");
  EXPECT_EQ(fp.simhash(), 14981199033524113813u);
  EXPECT_EQ(absl::StrJoin(fp.minhash().begin(), fp.minhash().begin() + 8, ","),
            "23761,6521,30575,6521,4771,42324,19916,48");
  EXPECT_EQ(fp.canonical_words(), 39);
}

TEST(FingerprintsTest, Deterministic) {
  const v1::Story story = StoryOfWords(RandomWords(4, 400));
  const std::string first = ComputeFingerprints(story).SerializeAsString();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ComputeFingerprints(story).SerializeAsString(), first);
}

TEST(FingerprintsTest, LightEditsStayClose) {
  std::vector<std::string> words = RandomWords(5, 400);
  const v1::Story original = StoryOfWords(words);
  // Five word swaps, one sentence dropped, the last 10% trimmed.
  for (int i : {37, 111, 190, 260, 333}) words[static_cast<size_t>(i)] = "edited";
  words.erase(words.begin() + 200, words.begin() + 210);
  words.resize(350);
  const v1::Story edited = StoryOfWords(words);
  const v1::Fingerprints a = ComputeFingerprints(original);
  const v1::Fingerprints b = ComputeFingerprints(edited);
  const double exact = ExactShingleJaccard(original, edited);
  EXPECT_GT(exact, 0.7);
  EXPECT_NEAR(EstimateResemblance(a.minhash(), b.minhash()), exact, 0.12);
  EXPECT_LE(HammingDistance(a.simhash(), b.simhash()), 12);
}

TEST(FingerprintsTest, UnrelatedTextsAreFar) {
  const v1::Fingerprints a = ComputeFingerprints(StoryOfWords(RandomWords(6, 400)));
  const v1::Fingerprints b = ComputeFingerprints(StoryOfWords(RandomWords(7, 400)));
  EXPECT_LT(EstimateResemblance(a.minhash(), b.minhash()), 0.05);
  EXPECT_GE(HammingDistance(a.simhash(), b.simhash()), 16);
}

TEST(FingerprintsTest, ResemblanceEstimateTracksExactJaccard) {
  // Texts sharing a growing prefix: the estimate follows the exact value.
  const std::vector<std::string> base = RandomWords(8, 600);
  for (int shared : {100, 300, 500}) {
    std::vector<std::string> other = RandomWords(9, 600);
    std::copy(base.begin(), base.begin() + shared, other.begin());
    const v1::Story a = StoryOfWords(base);
    const v1::Story b = StoryOfWords(other);
    SCOPED_TRACE(shared);
    EXPECT_NEAR(
        EstimateResemblance(ComputeFingerprints(a).minhash(), ComputeFingerprints(b).minhash()),
        ExactShingleJaccard(a, b), 0.1);
  }
}

TEST(FingerprintsTest, ResemblanceOfMismatchedSignaturesIsZero) {
  const std::vector<uint32_t> a = {1, 2, 3};
  const std::vector<uint32_t> b = {1, 2};
  EXPECT_EQ(EstimateResemblance(a, b), 0);
  EXPECT_EQ(EstimateResemblance({}, {}), 0);
  EXPECT_EQ(EstimateResemblance(a, a), 1);
  EXPECT_EQ(HammingDistance(0, ~uint64_t{0}), 64);
}

}  // namespace
}  // namespace newswire
