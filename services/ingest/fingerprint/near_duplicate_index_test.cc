#include "services/ingest/fingerprint/near_duplicate_index.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/fingerprint/fingerprints.h"

namespace newswire {
namespace {

using ::testing::Optional;
using ::testing::Field;

const absl::Time kT0 = absl::FromUnixSeconds(1'700'000'000);

std::vector<std::string> RandomWords(uint32_t seed, int words) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < words; ++i) out.push_back(absl::StrCat("w", rng() % 5000));
  return out;
}

v1::Fingerprints FingerprintsOf(const std::vector<std::string>& words) {
  v1::Story story;
  std::string paragraph;
  for (size_t i = 0; i < words.size(); ++i) {
    absl::StrAppend(&paragraph, paragraph.empty() ? "" : " ", words[i]);
    if (i % 10 == 9 || i + 1 == words.size()) {
      story.add_paragraphs(paragraph + ".");
      paragraph.clear();
    }
  }
  return ComputeFingerprints(story);
}

// A republished copy: a few words changed, the closing tenth cut.
std::vector<std::string> EditedCopy(std::vector<std::string> words) {
  for (size_t i = 17; i < words.size(); i += 97) words[i] = "changed";
  words.resize(words.size() * 9 / 10);
  return words;
}

std::unique_ptr<NearDuplicateIndex> MakeIndex(NearDuplicateIndex::Options options = {}) {
  absl::StatusOr<std::unique_ptr<NearDuplicateIndex>> index = NearDuplicateIndex::Create(options);
  EXPECT_TRUE(index.ok()) << index.status();
  return index.ok() ? std::move(*index) : nullptr;
}

TEST(NearDuplicateIndexTest, RejectsBadOptions) {
  NearDuplicateIndex::Options options;
  options.bands = 50;
  options.rows = 3;  // 150 bins > 128
  EXPECT_FALSE(NearDuplicateIndex::Create(options).ok());
  options = {};
  options.window = absl::ZeroDuration();
  EXPECT_FALSE(NearDuplicateIndex::Create(options).ok());
  options = {};
  options.min_containment = 1.5;
  EXPECT_FALSE(NearDuplicateIndex::Create(options).ok());
  options = {};
  options.max_entries = size_t{1} << 25;
  EXPECT_FALSE(NearDuplicateIndex::Create(options).ok());
}

TEST(NearDuplicateIndexTest, FindsAnEditedCopyAndNothingForUnrelatedText) {
  auto index = MakeIndex();
  const std::vector<std::string> original = RandomWords(1, 400);
  ASSERT_TRUE(index->Add("a:original", FingerprintsOf(original), kT0));
  ASSERT_TRUE(index->Add("a:other", FingerprintsOf(RandomWords(2, 400)), kT0));

  std::optional<NearDuplicateIndex::Match> match =
      index->FindNearest(FingerprintsOf(EditedCopy(original)), kT0 + absl::Hours(2));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "a:original");
  EXPECT_GT(match->resemblance, 0.6);
  EXPECT_GT(match->containment, 0.9);
  EXPECT_EQ(match->story_time, kT0);

  EXPECT_EQ(index->FindNearest(FingerprintsOf(RandomWords(3, 400)), kT0), std::nullopt);
}

TEST(NearDuplicateIndexTest, ATextAddingMuchNewMaterialIsNoDuplicate) {
  auto index = MakeIndex();
  const std::vector<std::string> short_version = RandomWords(4, 300);
  std::vector<std::string> expanded = short_version;
  for (const std::string& word : RandomWords(5, 150)) expanded.push_back(word);

  ASSERT_TRUE(index->Add("short", FingerprintsOf(short_version), kT0));
  // A third of the expanded text is new: a new story (or a version).
  EXPECT_EQ(index->FindNearest(FingerprintsOf(expanded), kT0), std::nullopt);
  // The other way round, the short text is all inside the long one.
  auto other = MakeIndex();
  ASSERT_TRUE(other->Add("expanded", FingerprintsOf(expanded), kT0));
  EXPECT_THAT(other->FindNearest(FingerprintsOf(short_version), kT0),
              Optional(Field(&NearDuplicateIndex::Match::id, "expanded")));
}

TEST(NearDuplicateIndexTest, FindRelatedLinksAFullerTextToTheShortOneBeforeIt) {
  auto index = MakeIndex();
  // An urgent of 150 words, then a write-thru of 300 that holds it.
  const std::vector<std::string> urgent = RandomWords(21, 150);
  std::vector<std::string> writethru = urgent;
  for (const std::string& word : RandomWords(22, 150)) writethru.push_back(word);
  ASSERT_TRUE(index->Add("urgent", FingerprintsOf(urgent), kT0));

  EXPECT_EQ(index->FindNearest(FingerprintsOf(writethru), kT0), std::nullopt);
  std::optional<NearDuplicateIndex::Match> related =
      index->FindRelated(FingerprintsOf(writethru), kT0);
  ASSERT_TRUE(related.has_value());
  EXPECT_EQ(related->id, "urgent");
  EXPECT_EQ(related->relation, NearDuplicateIndex::Relation::kContainsEarlier);
  // Shingles: 148 of the urgent's 148 in the write-thru's 298; J = 148/298.
  EXPECT_GT(related->earlier_contained, 0.85);
  EXPECT_NEAR(related->resemblance, 0.5, 0.12);
  EXPECT_LT(related->containment, 0.65);

  // A copy of the urgent is a copy, whatever else is indexed.
  ASSERT_TRUE(index->Add("writethru", FingerprintsOf(writethru), kT0));
  std::optional<NearDuplicateIndex::Match> copy =
      index->FindRelated(FingerprintsOf(EditedCopy(urgent)), kT0);
  ASSERT_TRUE(copy.has_value());
  EXPECT_EQ(copy->relation, NearDuplicateIndex::Relation::kCopy);

  // Unrelated text, and text holding too little of the urgent, find nothing.
  EXPECT_EQ(index->FindRelated(FingerprintsOf(RandomWords(23, 300)), kT0), std::nullopt);
  std::vector<std::string> little = RandomWords(24, 300);
  little.insert(little.end(), urgent.begin(), urgent.begin() + 60);
  EXPECT_EQ(index->FindRelated(FingerprintsOf(little), kT0), std::nullopt);

  // Turned off, the write-thru is new.
  NearDuplicateIndex::Options off;
  off.min_earlier_contained = 2;
  auto copies_only = MakeIndex(off);
  ASSERT_TRUE(copies_only->Add("urgent", FingerprintsOf(urgent), kT0));
  EXPECT_EQ(copies_only->FindRelated(FingerprintsOf(writethru), kT0), std::nullopt);
}

TEST(NearDuplicateIndexTest, CountsLookupsAndTheCandidatesTheyMeet) {
  auto index = MakeIndex();
  const std::vector<std::string> original = RandomWords(11, 400);
  ASSERT_TRUE(index->Add("a", FingerprintsOf(original), kT0));
  ASSERT_TRUE(index->Add("b", FingerprintsOf(EditedCopy(original)), kT0));
  ASSERT_TRUE(index->Add("c", FingerprintsOf(RandomWords(12, 400)), kT0));
  EXPECT_EQ(index->lookup_counts().lookups, 0u);

  // A copy of "a" meets "a" and "b" (both share bands with it), never "c".
  const v1::Fingerprints copy = FingerprintsOf(EditedCopy(original));
  ASSERT_TRUE(index->FindNearest(copy, kT0).has_value());
  EXPECT_EQ(index->lookup_counts().lookups, 1u);
  EXPECT_EQ(index->lookup_counts().candidates, 2u);
  // Candidates() counts as a lookup; unrelated text meets nothing.
  EXPECT_EQ(index->Candidates(copy, kT0).size(), 2u);
  EXPECT_FALSE(index->FindNearest(FingerprintsOf(RandomWords(13, 400)), kT0).has_value());
  EXPECT_EQ(index->lookup_counts().lookups, 3u);
  EXPECT_EQ(index->lookup_counts().candidates, 4u);
  // Texts too short to be candidates are not looked up.
  EXPECT_FALSE(index->FindNearest(FingerprintsOf(RandomWords(14, 10)), kT0).has_value());
  EXPECT_EQ(index->lookup_counts().lookups, 3u);
}

TEST(NearDuplicateIndexTest, ShortTextsAreNoCandidates) {
  auto index = MakeIndex();
  const std::vector<std::string> words = RandomWords(6, 29);  // min_words is 30
  EXPECT_FALSE(index->IsCandidate(FingerprintsOf(words)));
  EXPECT_FALSE(index->Add("short", FingerprintsOf(words), kT0));
  EXPECT_EQ(index->size(), 0u);
  ASSERT_TRUE(index->Add("long", FingerprintsOf(RandomWords(6, 60)), kT0));
  // Even the exact same short prefix is no near-duplicate candidate.
  EXPECT_EQ(index->FindNearest(FingerprintsOf(words), kT0), std::nullopt);
  EXPECT_FALSE(index->Add("empty", v1::Fingerprints(), kT0));
}

TEST(NearDuplicateIndexTest, WindowUsesStoryTimes) {
  NearDuplicateIndex::Options options;
  options.window = absl::Hours(24);
  auto index = MakeIndex(options);
  const std::vector<std::string> words = RandomWords(7, 300);
  ASSERT_TRUE(index->Add("old", FingerprintsOf(words), kT0));
  const v1::Fingerprints copy = FingerprintsOf(EditedCopy(words));
  EXPECT_TRUE(index->FindNearest(copy, kT0 + absl::Hours(24)).has_value());
  EXPECT_TRUE(index->FindNearest(copy, kT0 - absl::Hours(23)).has_value());
  EXPECT_FALSE(index->FindNearest(copy, kT0 + absl::Hours(25)).has_value());
  EXPECT_FALSE(index->FindNearest(copy, kT0 - absl::Hours(25)).has_value());
}

TEST(NearDuplicateIndexTest, ExpireRemovesOlderEntriesAndRefusesThemLater) {
  auto index = MakeIndex();
  const std::vector<std::string> words = RandomWords(8, 300);
  ASSERT_TRUE(index->Add("t0", FingerprintsOf(words), kT0));
  ASSERT_TRUE(index->Add("t1", FingerprintsOf(RandomWords(9, 300)), kT0 + absl::Hours(1)));
  EXPECT_EQ(index->size(), 2u);

  index->Expire(kT0 + absl::Minutes(30));
  EXPECT_EQ(index->size(), 1u);
  EXPECT_EQ(index->watermark(), kT0 + absl::Minutes(30));
  EXPECT_FALSE(index->FindNearest(FingerprintsOf(words), kT0).has_value());
  // A late story older than the watermark stays out, as after a rebuild.
  EXPECT_FALSE(index->Add("late", FingerprintsOf(words), kT0));
  EXPECT_EQ(index->size(), 1u);
  // A lower watermark changes nothing.
  index->Expire(kT0);
  EXPECT_EQ(index->watermark(), kT0 + absl::Minutes(30));
}

TEST(NearDuplicateIndexTest, MaxEntriesKeepsTheNewestByStoryTime) {
  NearDuplicateIndex::Options options;
  options.max_entries = 3;
  auto index = MakeIndex(options);
  std::vector<v1::Fingerprints> texts;
  for (uint32_t i = 0; i < 5; ++i) texts.push_back(FingerprintsOf(RandomWords(100 + i, 200)));
  // Times 0, 4, 1, 3, 2 hours: the newest three are 4, 3, 2.
  const int hours[] = {0, 4, 1, 3, 2};
  for (size_t i = 0; i < 5; ++i) {
    index->Add(absl::StrCat("s", i), texts[i], kT0 + absl::Hours(hours[i]));
  }
  EXPECT_EQ(index->size(), 3u);
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(index->FindNearest(texts[i], kT0).has_value(), hours[i] >= 2);
  }
}

TEST(NearDuplicateIndexTest, TiesGoToTheEarliestStoryThenTheSmallestId) {
  const v1::Fingerprints text = FingerprintsOf(RandomWords(10, 300));
  for (bool reversed : {false, true}) {
    SCOPED_TRACE(reversed);
    auto index = MakeIndex();
    std::vector<std::pair<std::string, absl::Time>> adds = {
        {"b", kT0 + absl::Hours(1)}, {"c", kT0}, {"a", kT0 + absl::Hours(1)}};
    if (reversed) std::reverse(adds.begin(), adds.end());
    for (const auto& [id, time] : adds) index->Add(id, text, time);
    EXPECT_THAT(index->FindNearest(text, kT0),
                Optional(Field(&NearDuplicateIndex::Match::id, "c")));
    index->Expire(kT0 + absl::Minutes(1));
    EXPECT_THAT(index->FindNearest(text, kT0),
                Optional(Field(&NearDuplicateIndex::Match::id, "a")));
  }
}

TEST(NearDuplicateIndexTest, MostSimilarWins) {
  auto index = MakeIndex();
  std::vector<std::string> original = RandomWords(11, 400);
  std::vector<std::string> far_copy = original;
  far_copy.resize(300);  // J ~ 0.75 to the query below
  index->Add("far", FingerprintsOf(far_copy), kT0);
  index->Add("near", FingerprintsOf(original), kT0 + absl::Hours(1));
  EXPECT_THAT(index->FindNearest(FingerprintsOf(EditedCopy(original)), kT0),
              Optional(Field(&NearDuplicateIndex::Match::id, "near")));
}

// The same live entries give the same answers however the index got there:
// incrementally with expiry and eviction, or rebuilt from what survived.
TEST(NearDuplicateIndexTest, RebuiltIndexAnswersAsTheLiveOne) {
  NearDuplicateIndex::Options options;
  options.max_entries = 150;
  options.max_bucket_entries = 2;  // exercise full buckets too
  auto live = MakeIndex(options);
  struct Added {
    std::string id;
    v1::Fingerprints fp;
    absl::Time time;
  };
  std::vector<Added> log;
  std::mt19937 rng(12);
  std::vector<std::vector<std::string>> bases;
  for (uint32_t i = 0; i < 40; ++i) bases.push_back(RandomWords(200 + i, 120));
  for (int i = 0; i < 400; ++i) {
    // Families of copies of 40 texts, story times jittered out of order.
    std::vector<std::string> words = bases[rng() % bases.size()];
    for (int edit = 0; edit < 3; ++edit) {
      words[rng() % words.size()] = absl::StrCat("e", rng() % 100);
    }
    const absl::Time time = kT0 + absl::Minutes(i) - absl::Minutes(rng() % 120);
    log.push_back({absl::StrCat("id", i), FingerprintsOf(words), time});
    live->Add(log.back().id, log.back().fp, log.back().time);
    if (i % 50 == 49) live->Expire(kT0 + absl::Minutes(i - 200));
  }

  // Rebuilt in log order, and in (story time, log offset) order as a store
  // keyed by time would give them back.
  std::vector<Added> by_time = log;
  std::stable_sort(by_time.begin(), by_time.end(),
                   [](const Added& a, const Added& b) { return a.time < b.time; });
  for (const std::vector<Added>* order : {&log, &by_time}) {
    auto rebuilt = MakeIndex(options);
    rebuilt->Expire(live->watermark());
    for (const Added& added : *order) {
      if (added.time >= live->watermark()) rebuilt->Add(added.id, added.fp, added.time);
    }
    ASSERT_EQ(rebuilt->size(), live->size());
    for (uint32_t i = 0; i < 40; ++i) {
      const v1::Fingerprints query = FingerprintsOf(bases[i]);
      const auto a = live->Candidates(query, kT0 + absl::Minutes(300));
      const auto b = rebuilt->Candidates(query, kT0 + absl::Minutes(300));
      ASSERT_EQ(a.size(), b.size()) << i;
      for (size_t j = 0; j < a.size(); ++j) {
        EXPECT_EQ(a[j].id, b[j].id);
        EXPECT_EQ(a[j].equal_bins, b[j].equal_bins);
      }
    }
  }
}

// FindNearest leaves out candidates below min_resemblance before ranking;
// its answer is still the first match Candidates() ranks, for texts that
// share a part with many indexed ones (the case that leaving out is for).
TEST(NearDuplicateIndexTest, NearestIsTheBestRankedCandidateThatMatches) {
  for (double min_resemblance : {0.05, 0.3, 0.5}) {
    NearDuplicateIndex::Options options;
    options.min_resemblance = min_resemblance;
    auto index = MakeIndex(options);
    std::vector<std::vector<std::string>> parts;
    for (uint32_t i = 0; i < 12; ++i) parts.push_back(RandomWords(1000 + i, 40));
    std::mt19937 random(7);
    auto story = [&](int pieces) {
      std::vector<std::string> words;
      for (int p = 0; p < pieces; ++p) {
        const std::vector<std::string>& part = parts[random() % parts.size()];
        words.insert(words.end(), part.begin(), part.end());
      }
      return words;
    };
    for (int i = 0; i < 300; ++i) {
      index->Add(absl::StrCat("s", i), FingerprintsOf(story(4)), kT0 + absl::Minutes(i));
    }
    int matched = 0;
    for (int q = 0; q < 60; ++q) {
      const v1::Fingerprints query = FingerprintsOf(story(3 + q % 3));
      std::optional<NearDuplicateIndex::Match> expected;
      for (const NearDuplicateIndex::Match& m : index->Candidates(query, kT0)) {
        if (m.resemblance >= options.min_resemblance && m.containment >= options.min_containment) {
          expected = m;
          break;
        }
      }
      const std::optional<NearDuplicateIndex::Match> nearest = index->FindNearest(query, kT0);
      ASSERT_EQ(nearest.has_value(), expected.has_value()) << min_resemblance << " " << q;
      if (!nearest.has_value()) continue;
      ++matched;
      EXPECT_EQ(nearest->id, expected->id);
      EXPECT_EQ(nearest->equal_bins, expected->equal_bins);
    }
    EXPECT_GT(matched, 0) << min_resemblance;
  }
}

TEST(NearDuplicateIndexTest, FullBucketsKeepTheNewest) {
  NearDuplicateIndex::Options options;
  options.max_bucket_entries = 2;
  auto index = MakeIndex(options);
  const v1::Fingerprints text = FingerprintsOf(RandomWords(13, 200));
  for (int i = 0; i < 5; ++i) index->Add(absl::StrCat("copy", i), text, kT0 + absl::Hours(i));
  EXPECT_EQ(index->size(), 5u);
  const std::vector<NearDuplicateIndex::Match> candidates = index->Candidates(text, kT0);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].id, "copy3");
  EXPECT_EQ(candidates[1].id, "copy4");
}

TEST(NearDuplicateIndexTest, ReportsMemory) {
  auto index = MakeIndex();
  EXPECT_EQ(index->BytesPerEntry(), 0);
  for (uint32_t i = 0; i < 1000; ++i) {
    index->Add(absl::StrCat("url:https://example.com/news/", i),
               FingerprintsOf(RandomWords(i, 50)), kT0);
  }
  EXPECT_EQ(index->size(), 1000u);
  EXPECT_GT(index->BytesPerEntry(), 256);  // the signature alone
  EXPECT_LT(index->BytesPerEntry(), 2000);
}

TEST(NearDuplicateIndexTest, ReadersRunBesideTheWriter) {
  NearDuplicateIndex::Options options;
  options.max_entries = 64;
  auto index = MakeIndex(options);
  std::vector<v1::Fingerprints> texts;
  for (uint32_t i = 0; i < 200; ++i) texts.push_back(FingerprintsOf(RandomWords(300 + i, 60)));
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&index, &texts] {
      for (int round = 0; round < 3; ++round) {
        for (const v1::Fingerprints& text : texts) index->FindNearest(text, kT0);
      }
    });
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    index->Add(absl::StrCat("s", i), texts[i], kT0 + absl::Seconds(static_cast<int64_t>(i)));
  }
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(index->size(), 64u);
  EXPECT_TRUE(index->FindNearest(texts.back(), kT0).has_value());
  EXPECT_FALSE(index->FindNearest(texts.front(), kT0).has_value());
}

TEST(IndexEntryTest, RoundTrip) {
  const v1::Fingerprints fp = FingerprintsOf(RandomWords(14, 100));
  const absl::Time time = kT0 + absl::Microseconds(123);
  const std::string bytes = SerializeIndexEntry("KYODO:123", fp, time);
  absl::StatusOr<IndexEntry> entry = ParseIndexEntry(bytes);
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(entry->id, "KYODO:123");
  EXPECT_EQ(entry->story_time, time);
  EXPECT_EQ(entry->fingerprints.canonical_words(), fp.canonical_words());
  EXPECT_THAT(entry->fingerprints.minhash(), ::testing::ElementsAreArray(fp.minhash()));
  EXPECT_LT(bytes.size(), 300u);

  const std::string before_epoch = SerializeIndexEntry("x", fp, absl::FromUnixSeconds(-5));
  ASSERT_TRUE(ParseIndexEntry(before_epoch).ok());
  EXPECT_EQ(ParseIndexEntry(before_epoch)->story_time, absl::FromUnixSeconds(-5));
}

TEST(IndexEntryTest, GarbageIsAnError) {
  EXPECT_FALSE(ParseIndexEntry("").ok());
  EXPECT_FALSE(ParseIndexEntry("\x02").ok());
  EXPECT_FALSE(ParseIndexEntry(std::string("\x01\x80", 2)).ok());
  const std::string bytes = SerializeIndexEntry("id", FingerprintsOf(RandomWords(15, 50)), kT0);
  EXPECT_FALSE(ParseIndexEntry(bytes.substr(0, 40)).ok());
}

}  // namespace
}  // namespace newswire
