// Canonical text: what "the same text" means for duplicate detection.
//
//   std::string text = CanonicalText(story);   // hashed for exact duplicates
//   std::vector<absl::string_view> words = CanonicalWords(text);  // shingled
//
// The canonical text is the story's BODY, reduced to what every copy of the
// story shares:
//
// 1. Paragraphs that are not story text are set aside:
//    - credit and copyright lines anywhere ("(c) KYODO", "(AP)",
//      "© 2022 Reuters", "Copyright 2005 The Associated Press. All rights
//      reserved.", "(Reporting by ...; Editing by ...)");
//    - a site's prompt about accounts or subscriptions, in full sentences
//      ("Use your Facebook account to login or register with JapanToday.
//      ...", "You must be logged in to post a comment."): at most 40 words,
//      no quotation mark, a login/sign-up/register/subscribe/newsletter
//      word and "you" or "your";
//    - a dateline opening the body, on its own line ("BEIJING") or before
//      the first sentence ("WASHINGTON (AP) --", "TOKYO, Nov 7 (Reuters) -",
//      "BEIJING -"), as FindDateline (normalize/rules/dateline.h) recognises it;
//    - short lines that are not sentences: at most kMaxLabelWords words and
//      no sentence punctuation at the end (navigation, "Share this",
//      "Related stories" and their links, bylines, captions, crossheads).
//      Only when the body reads as prose: if setting them aside would leave
//      less than half of the words (a list, a results table, hard-wrapped
//      lines), every line is kept.
// 2. The text left is normalized: Unicode NFKC, full case folding,
//    diacritics on Latin letters removed ("Pelé" == "Pele", as 7-bit wire
//    formats print it; marks of other scripts are kept, they are letters
//    there), default-ignorable characters (soft hyphen, zero-width joiners)
//    removed, every character that is not a letter, mark or digit becomes a
//    space (punctuation, symbols, typographic quotes and dashes), runs of
//    white space become one space, both ends trimmed.
//
// The headline is not part of it: republishers rewrite headlines and keep
// bodies (the BBC corpus holds five such pairs). A story without body text
// uses its headline instead, so that headline-only items still hash.
//
// All functions are pure and thread-safe. Changing any rule here changes
// every stored content_sha256 and MinHash signature: stories folded before
// and after the change no longer match. Treat the rules as a format.
#ifndef NEWSWIRE_SERVICES_INGEST_FINGERPRINT_CANONICAL_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_FINGERPRINT_CANONICAL_TEXT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

// A paragraph of at most this many words without sentence punctuation at
// its end is a label, not story text.
inline constexpr int kMaxLabelWords = 12;

// The body paragraphs that count (step 1 above), as printed, with a leading
// dateline cut off the first one.
std::vector<std::string> CanonicalParagraphs(const v1::Story& story);

// Step 2 above on any UTF-8 text. Invalid UTF-8 sequences become spaces.
std::string NormalizeForFingerprint(absl::string_view utf8);

// The canonical text of `story`: its canonical paragraphs, normalized and
// joined by one space; the normalized headline when they are empty. Empty
// when the story has no text at all.
std::string CanonicalText(const v1::Story& story);

// The words of a canonical text: its space-separated runs, except that each
// Han, Hiragana and Katakana character is a word of its own (Chinese and
// Japanese print no spaces between words, and character shingles are what
// matches there).
std::vector<absl::string_view> CanonicalWords(absl::string_view canonical_text);

// Calls f(word) for each word of CanonicalWords(canonical_text), in order,
// without building the vector.
template <typename F>
void ForEachCanonicalWord(absl::string_view canonical_text, F&& f);

// True for the Han, Hiragana and Katakana code points that are words alone.
bool IsCjkCodePoint(uint32_t cp);

// Implementation.

template <typename F>
void ForEachCanonicalWord(absl::string_view text, F&& f) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t end = i;
    bool ascii = true;
    for (; end < n && text[end] != ' '; ++end) {
      ascii &= static_cast<unsigned char>(text[end]) < 0x80;
    }
    if (ascii) {
      f(text.substr(i, end - i));
      i = end;
      continue;
    }
    // Split out CJK characters (3 or 4 UTF-8 bytes, lead byte 0xE3..0xF0).
    size_t start = i;
    while (i < end) {
      const unsigned char lead = static_cast<unsigned char>(text[i]);
      const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      uint32_t cp = 0;
      if (length >= 3 && i + length <= end) {
        cp = length == 3 ? (lead & 0x0Fu) << 12 |
                               (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6 |
                               (static_cast<unsigned char>(text[i + 2]) & 0x3Fu)
                         : (lead & 0x07u) << 18 |
                               (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 12 |
                               (static_cast<unsigned char>(text[i + 2]) & 0x3Fu) << 6 |
                               (static_cast<unsigned char>(text[i + 3]) & 0x3Fu);
      }
      const size_t step = std::min(length, end - i);
      if (cp != 0 && IsCjkCodePoint(cp)) {
        if (i > start) f(text.substr(start, i - start));
        f(text.substr(i, step));
        start = i + step;
      }
      i += step;
    }
    if (end > start) f(text.substr(start, end - start));
    i = end;
  }
}

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_FINGERPRINT_CANONICAL_TEXT_H_
