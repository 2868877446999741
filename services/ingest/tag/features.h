// Text features of the section classifier: hashed word unigrams and bigrams.
//
// Text is split into words (maximal runs of Unicode letters, marks and
// digits), lower-cased; words of one ASCII character and words of digits
// only are dropped. Each word gives a unigram feature, each pair of adjacent
// words a bigram feature. A feature is a 64-bit key (xxHash3 of the word,
// mixed for pairs); a model of 2^bits buckets uses its top `bits` bits.
//
//   ForEachFeature(paragraph, [&](uint64_t key) { ... });
//
// Training, the default-lexicon builder and classification all go through
// these functions, so a term means the same bucket everywhere. Pure and
// thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_FEATURES_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_FEATURES_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

// xxHash inlined: hashing words is a third of the classifier's time.
#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

namespace newswire::tag {

// Longest word kept whole; longer runs (URLs, base64) are cut here.
inline constexpr size_t kMaxWordBytes = 48;

// Key of a single word (already normalized, as Words() returns it).
inline uint64_t UnigramKey(absl::string_view word) { return XXH3_64bits(word.data(), word.size()); }

// Key of two adjacent words, from their unigram keys.
inline uint64_t BigramKey(uint64_t first, uint64_t second) {
  uint64_t h = first * 0x9E3779B97F4A7C15ull + ((second << 29) | (second >> 35)) +
               0x5851F42D4C957F2Dull;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

// The bucket of `key` in a table of 2^bits buckets.
inline uint32_t BucketOf(uint64_t key, int bits) {
  return static_cast<uint32_t>(key >> (64 - bits));
}

// The normalized words of `utf8`, in order (invalid UTF-8 bytes separate words).
std::vector<std::string> Words(absl::string_view utf8);

// Calls on_word(std::string_view word) for each normalized word of `utf8`.
// The view is valid only during the call.
template <typename OnWord>
void ForEachWord(absl::string_view utf8, OnWord&& on_word);

// Calls on_feature(uint64_t key) for every unigram and bigram of `utf8`.
template <typename OnFeature>
void ForEachFeature(absl::string_view utf8, OnFeature&& on_feature) {
  uint64_t previous = 0;
  bool has_previous = false;
  ForEachWord(utf8, [&](absl::string_view word) {
    const uint64_t key = UnigramKey(word);
    on_feature(key);
    if (has_previous) on_feature(BigramKey(previous, key));
    previous = key;
    has_previous = true;
  });
}

// The parts of a story the classifier reads. Views; the caller keeps the
// text alive.
struct StoryText {
  absl::string_view headline;
  absl::string_view subheadline;
  std::vector<absl::string_view> paragraphs;
};

// Bytes of text read per story at most; a longer story is judged by its
// beginning, so a 2 MB record costs no more than a long article.
inline constexpr size_t kMaxStoryBytes = 32 * 1024;

// Calls on_text(absl::string_view part, int weight) for the parts of a story
// the classifier reads, in order, cut to kMaxStoryBytes in all: the headline
// with weight `headline_weight`, the subheadline and the paragraphs with 1.
template <typename OnText>
void ForEachStoryPart(const StoryText& text, int headline_weight, OnText&& on_text) {
  size_t budget = kMaxStoryBytes;
  auto part = [&](absl::string_view field, int weight) {
    if (budget == 0 || field.empty()) return;
    field = field.substr(0, budget);
    budget -= field.size();
    on_text(field, weight);
  };
  part(text.headline, headline_weight);
  part(text.subheadline, 1);
  for (absl::string_view paragraph : text.paragraphs) part(paragraph, 1);
}

// Calls on_feature(uint64_t key, int weight) for the features of a story's
// parts (ForEachStoryPart); pairs do not cross part bounds.
template <typename OnFeature>
void ForEachStoryFeature(const StoryText& text, int headline_weight, OnFeature&& on_feature) {
  ForEachStoryPart(text, headline_weight, [&](absl::string_view part, int weight) {
    ForEachFeature(part, [&](uint64_t key) { on_feature(key, weight); });
  });
}

// ---- implementation --------------------------------------------------------

namespace features_internal {

// Per-byte class for ASCII: 0 separator, else the lower-cased byte.
extern const std::array<unsigned char, 128> kAsciiWordByte;

// The word being read; bytes past kMaxWordBytes are dropped (the word is cut).
struct WordBuffer {
  char data[kMaxWordBytes + 4];
  size_t size = 0;
  bool has_non_digit = false;

  absl::string_view view() const { return absl::string_view(data, size); }
};

// Decodes one non-ASCII code point at text[i]; appends its lower-cased UTF-8
// to `word` and returns true when it is a word character. Sets `length` to
// the bytes consumed (at least 1).
bool AppendNonAscii(absl::string_view text, size_t i, WordBuffer& word, size_t& length);

// Whether `word` is kept (not one ASCII character, not all digits).
inline bool KeepWord(const WordBuffer& word) {
  return word.has_non_digit &&
         (word.size > 1 || static_cast<unsigned char>(word.data[0]) >= 0x80);
}

}  // namespace features_internal

template <typename OnWord>
void ForEachWord(absl::string_view utf8, OnWord&& on_word) {
  features_internal::WordBuffer word;
  auto flush = [&]() {
    if (word.size != 0) {
      if (features_internal::KeepWord(word)) on_word(word.view());
      word.size = 0;
      word.has_non_digit = false;
    }
  };
  const unsigned char* const data = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t size = utf8.size();
  const unsigned char* const table = features_internal::kAsciiWordByte.data();
  size_t i = 0;
  while (i < size) {
    // Separators, then a run of ASCII word bytes: the common case in two
    // tight loops.
    unsigned char byte = data[i];
    if (byte < 0x80 && table[byte] == 0) {
      flush();
      ++i;
      continue;
    }
    while (byte < 0x80) {
      const unsigned char mapped = table[byte];
      if (mapped == 0) break;
      if (word.size < kMaxWordBytes) word.data[word.size++] = static_cast<char>(mapped);
      word.has_non_digit |= mapped > '9';
      if (++i == size) break;
      byte = data[i];
    }
    if (i == size || byte < 0x80) continue;
    size_t length = 1;
    if (!features_internal::AppendNonAscii(utf8, i, word, length)) flush();
    i += length;
  }
  flush();
}

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_FEATURES_H_
