#include "services/ingest/fingerprint/canonical_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/text/utf8.h"
#include "services/ingest/normalize/rules/dateline.h"
#include "services/ingest/common/text/text.h"
#include "utf8proc.h"

namespace newswire {
namespace {

// A credit or copyright line is short; "(Reporting by ...; Editing by ...)"
// lines name several people and may be longer.
constexpr int kMaxCreditWords = 15;
constexpr int kMaxReportingCreditWords = 40;
// Agency names that make up a whole credit paragraph ("AP", "-- AFP").
constexpr absl::string_view kAgencyCredits[] = {
    "ap", "afp", "reuters", "kyodo", "kyodo news", "dpa", "aap", "pa", "ansa", "efe",
    "xinhua", "upi", "ani", "pti", "yonhap", "jiji", "bloomberg", "the associated press",
    "associated press", "press association", "agence france-presse"};
constexpr absl::string_view kReportingCredits[] = {
    "reporting by", "writing by", "editing by", "additional reporting", "compiled by",
    "reporting and writing by", "graphics by"};
constexpr absl::string_view kCopyrightSign = "\xC2\xA9";  // ©

int CountWords(absl::string_view paragraph) {
  // Word starts: a non-space after a space (or at the start). Branch-free,
  // as spaces come too irregularly for the branch predictor.
  int words = 0;
  bool previous_space = true;
  for (char c : paragraph) {
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    words += static_cast<int>(previous_space & !space);
    previous_space = space;
  }
  return words;
}

// "(c) KYODO", "© 2022 Reuters", "Copyright 2005 The Associated Press. All
// rights reserved.", "(AP)", "-- AFP", "(Reporting by X; Editing by Y)".
bool IsCreditLine(absl::string_view paragraph, int words) {
  if (words > kMaxReportingCreditWords) return false;
  const std::string lower = absl::AsciiStrToLower(paragraph);
  absl::string_view s = lower;
  if (words <= kMaxCreditWords) {
    if (absl::StrContains(s, kCopyrightSign) || absl::StartsWith(s, "(c)") ||
        absl::StrContains(s, " (c) ") || absl::StartsWith(s, "copyright") ||
        absl::EndsWith(absl::StripSuffix(s, "."), "all rights reserved")) {
      return true;
    }
  }
  absl::string_view bare = absl::StripAsciiWhitespace(s);
  while (!bare.empty() && (bare.front() == '(' || bare.front() == '-' ||
                           bare.front() == '[' || absl::ascii_isspace(bare.front()))) {
    bare.remove_prefix(1);
  }
  for (absl::string_view prefix : kReportingCredits) {
    if (absl::StartsWith(bare, prefix) && words <= kMaxReportingCreditWords) return true;
  }
  while (!bare.empty() && (bare.back() == ')' || bare.back() == ']' || bare.back() == '.' ||
                           absl::ascii_isspace(bare.back()))) {
    bare.remove_suffix(1);
  }
  for (absl::string_view agency : kAgencyCredits) {
    if (bare == agency) return true;
  }
  return false;
}

// A site's prompt to its reader about an account or a subscription, in
// full sentences ("Use your Facebook account to login or register with
// JapanToday. By doing so, ...", "You must be logged in to post a
// comment.", "Sign up for free newsletters and get more CNBC delivered to
// your inbox"): at most kMaxPromptWords words, no quotation mark (news text
// that talks about logins or subscribers quotes people; a site's prompt
// does not), a login or subscription verb and "you" or "your".
constexpr int kMaxPromptWords = 40;

bool IsWordAt(absl::string_view s, size_t at, size_t size) {
  const auto letter = [](char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); };
  return (at == 0 || !letter(s[at - 1])) && (at + size == s.size() || !letter(s[at + size]));
}

bool ContainsWord(absl::string_view s, absl::string_view word) {
  for (size_t at = s.find(word); at != absl::string_view::npos; at = s.find(word, at + 1)) {
    if (IsWordAt(s, at, word.size())) return true;
  }
  return false;
}

bool IsSitePrompt(absl::string_view paragraph, int words) {
  static constexpr absl::string_view kQuotes[] = {
      "\"", "\xE2\x80\x9C" /* “ */, "\xE2\x80\x9D" /* ” */, "\xC2\xAB" /* « */,
      "\xC2\xBB" /* » */};
  static constexpr absl::string_view kActions[] = {
      "login", "log in", "logged in", "sign in", "signed in", "sign up", "register",
      "subscribe", "newsletter", "newsletters"};
  if (words > kMaxPromptWords) return false;
  // Most paragraphs never say "you": found without lowercasing a copy.
  bool says_you = false;
  for (size_t i = 0; !says_you && i + 3 <= paragraph.size(); ++i) {
    says_you = (paragraph[i] | 0x20) == 'y' && (paragraph[i + 1] | 0x20) == 'o' &&
               (paragraph[i + 2] | 0x20) == 'u';
  }
  if (!says_you) return false;
  for (absl::string_view quote : kQuotes) {
    if (absl::StrContains(paragraph, quote)) return false;
  }
  const std::string lower = absl::AsciiStrToLower(paragraph);
  if (!ContainsWord(lower, "you") && !ContainsWord(lower, "your")) return false;
  for (absl::string_view action : kActions) {
    if (ContainsWord(lower, action)) return true;
  }
  return false;
}

// True unless `paragraph` is already whitespace-collapsed as the Story
// contract promises: no controls, no Unicode space (NBSP, U+2000..U+200B,
// U+3000, ...), soft hyphen or BOM, no space at either end or twice in a
// row. Checking bytes is much cheaper than decoding every code point.
bool NeedsCollapsing(absl::string_view p) {
  const auto byte = [&p](size_t i) {
    return i < p.size() ? static_cast<unsigned char>(p[i]) : 0;
  };
  if (p.empty() || p.front() == ' ' || p.back() == ' ') return true;
  if (p.find("  ") != absl::string_view::npos) return true;
  for (size_t i = 0; i < p.size(); ++i) {
    const unsigned char c = byte(i);
    if (c >= 0x20 && c < 0x7F) continue;
    if (c < 0x80) return true;  // a control
    const unsigned char c1 = byte(i + 1), c2 = byte(i + 2);
    if (c == 0xC2 && (c1 <= 0xA0 || c1 == 0xAD)) return true;  // C1, NBSP, soft hyphen
    if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return true;      // U+1680
    if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) {
      return true;  // U+2000..U+200B, U+2028, U+2029, U+202F
    }
    if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return true;  // U+205F
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return true;  // U+3000
    if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return true;  // BOM
  }
  return false;
}

// Closing quotes and brackets that may follow a sentence's last punctuation.
bool ConsumeClosingSuffix(absl::string_view& s) {
  static constexpr absl::string_view kClosers[] = {
      "\"", "'", ")", "]", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */,
      "\xC2\xBB" /* » */, "\xE3\x80\x8D" /* 」 */, "\xE3\x80\x8F" /* 』 */};
  for (absl::string_view closer : kClosers) {
    if (absl::ConsumeSuffix(&s, closer)) return true;
  }
  return false;
}

// True when the paragraph ends as a sentence does.
bool EndsLikeSentence(absl::string_view paragraph) {
  static constexpr absl::string_view kEnds[] = {
      ".", "!", "?", ":", ";", "\xE2\x80\xA6" /* … */, "\xE3\x80\x82" /* 。 */,
      "\xEF\xBC\x81" /* ！ */, "\xEF\xBC\x9F" /* ？ */};
  absl::string_view s = absl::StripTrailingAsciiWhitespace(paragraph);
  while (ConsumeClosingSuffix(s)) {
  }
  for (absl::string_view end : kEnds) {
    if (absl::EndsWith(s, end)) return true;
  }
  return false;
}

// A cheap necessary condition for FindDateline (dateline.h): a dateline
// is a short paragraph of its own, or ends within its first bytes in a
// separator (dash, "--", " _ ", ":") or names an agency in parentheses.
bool MayOpenWithDateline(absl::string_view paragraph) {
  constexpr size_t kStandaloneBytes = 64;  // dateline.cc: 60
  constexpr size_t kPrefixBytes = 170;     // dateline.cc: 160
  if (paragraph.size() <= kStandaloneBytes) return true;
  const absl::string_view prefix = paragraph.substr(0, kPrefixBytes);
  return prefix.find_first_of("(:-_\xE2\xE3\xEF") != absl::string_view::npos;
}

bool IsLatinBase(utf8proc_int32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F) ||
         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
         (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F);
}

bool IsWordCategory(utf8proc_category_t category) {
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_ME) ||
         (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

bool IsMark(utf8proc_category_t category) {
  return category >= UTF8PROC_CATEGORY_MN && category <= UTF8PROC_CATEGORY_ME;
}

// Byte classes for the ASCII fast path.
enum ByteClass : uint8_t { kSeparator = 0, kAsciiWordByte = 1, kNonAscii = 2 };

constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    classes[static_cast<size_t>(c)] = c >= 0x80 ? kNonAscii : alnum ? kAsciiWordByte : kSeparator;
  }
  return classes;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();

// Writes normalized words separated by single spaces into a buffer sized
// up front (ASCII never grows; Unicode chunks make room as they go).
class WordWriter {
 public:
  explicit WordWriter(size_t reserve) { out_.resize(reserve + 8); }

  void Separator() { pending_space_ = true; }

  void AsciiWord(absl::string_view word) {
    Reserve(word.size() + 1);
    StartWord();
    char* to = &out_[size_];
    for (char c : word) *to++ = absl::ascii_tolower(static_cast<unsigned char>(c));
    size_ += word.size();
  }

  void CodePoint(utf8proc_int32_t cp) {
    Reserve(5);
    StartWord();
    size_ += static_cast<size_t>(
        utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(&out_[size_])));
  }

  std::string Take() && {
    out_.resize(size_);
    return std::move(out_);
  }

 private:
  void Reserve(size_t n) {
    if (size_ + n > out_.size()) out_.resize(std::max(2 * out_.size(), size_ + n));
  }
  void StartWord() {
    if (pending_space_ && size_ > 0) out_[size_++] = ' ';
    pending_space_ = false;
  }

  std::string out_;
  size_t size_ = 0;
  bool pending_space_ = false;
};

// `chunk` with every byte that does not start a valid UTF-8 sequence
// replaced by a space.
std::string ValidUtf8OrSpaces(absl::string_view chunk) {
  std::string out;
  out.reserve(chunk.size());
  for (size_t i = 0; i < chunk.size();) {
    const size_t n = utf8::SequenceLength(chunk, i);
    if (n == 0) {
      out.push_back(' ');
      ++i;
      continue;
    }
    out.append(chunk.data() + i, n);
    i += n;
  }
  return out;
}

// NFKC + case folding of a chunk holding non-ASCII text, Latin diacritics
// removed; letters, marks and digits written, everything else a separator.
void WriteUnicodeChunk(absl::string_view chunk, std::vector<utf8proc_int32_t>& buffer,
                       WordWriter& writer) {
  constexpr utf8proc_option_t kDecompose = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
      UTF8PROC_IGNORE);
  std::string sanitized;
  utf8proc_ssize_t n = -1;
  for (int attempt = 0; attempt < 4; ++attempt) {
    n = utf8proc_decompose(reinterpret_cast<const utf8proc_uint8_t*>(chunk.data()),
                           static_cast<utf8proc_ssize_t>(chunk.size()), buffer.data(),
                           static_cast<utf8proc_ssize_t>(buffer.size()), kDecompose);
    if (n == UTF8PROC_ERROR_INVALIDUTF8 && sanitized.empty()) {
      sanitized = ValidUtf8OrSpaces(chunk);
      chunk = sanitized;
      continue;
    }
    if (n < 0) return;  // no memory or an unassigned code point in stable mode
    if (static_cast<size_t>(n) <= buffer.size()) break;
    buffer.resize(static_cast<size_t>(n));
    n = -1;
  }
  if (n < 0) return;

  // Drop the combining marks that sit on Latin letters.
  utf8proc_ssize_t kept = 0;
  utf8proc_int32_t base = 0;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const utf8proc_int32_t cp = buffer[static_cast<size_t>(i)];
    const utf8proc_category_t category = utf8proc_category(cp);
    if (IsMark(category)) {
      if (category == UTF8PROC_CATEGORY_MN && IsLatinBase(base)) continue;
    } else {
      base = cp;
    }
    buffer[static_cast<size_t>(kept++)] = cp;
  }
  const utf8proc_ssize_t composed = utf8proc_normalize_utf32(
      buffer.data(), kept, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  for (utf8proc_ssize_t i = 0; i < composed; ++i) {
    const utf8proc_int32_t cp = buffer[static_cast<size_t>(i)];
    if (IsWordCategory(utf8proc_category(cp))) {
      writer.CodePoint(cp);
    } else {
      writer.Separator();
    }
  }
}

}  // namespace

std::vector<std::string> CanonicalParagraphs(const v1::Story& story) {
  std::vector<std::string> candidates;
  candidates.reserve(static_cast<size_t>(story.paragraphs_size()));
  std::vector<int> candidate_words;
  int all_words = 0;
  for (const std::string& raw : story.paragraphs()) {
    std::string paragraph = NeedsCollapsing(raw) ? text::CollapseWhitespace(raw) : raw;
    const int words = CountWords(paragraph);
    if (words == 0 || IsCreditLine(paragraph, words) || IsSitePrompt(paragraph, words)) continue;
    all_words += words;
    candidate_words.push_back(words);
    candidates.push_back(std::move(paragraph));
  }

  std::vector<std::string> kept;
  kept.reserve(candidates.size());
  int kept_words = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const int words = candidate_words[i];
    if (words <= kMaxLabelWords && !EndsLikeSentence(candidates[i])) continue;
    kept_words += words;
    kept.push_back(candidates[i]);
  }
  // Not prose (a list, a table, one line per line of print): keep it all.
  if (2 * kept_words < all_words) kept = std::move(candidates);

  // A dateline opens the body: on its own line, or before the first sentence.
  while (!kept.empty() && MayOpenWithDateline(kept.front())) {
    std::optional<DatelineMatch> dateline = FindDateline(kept.front());
    if (!dateline.has_value()) break;
    if (dateline->stands_alone) {
      kept.erase(kept.begin());
      continue;
    }
    absl::string_view rest = kept.front();
    if (absl::ConsumePrefix(&rest, dateline->text)) {
      rest = absl::StripLeadingAsciiWhitespace(rest);
      if (rest.empty()) {
        kept.erase(kept.begin());
      } else {
        kept.front() = std::string(rest);
      }
    }
    break;
  }
  return kept;
}

std::string NormalizeForFingerprint(absl::string_view utf8) {
  WordWriter writer(utf8.size());
  std::vector<utf8proc_int32_t> buffer(64);
  const size_t n = utf8.size();
  size_t i = 0;
  while (i < n) {
    if (kByteClass[static_cast<unsigned char>(utf8[i])] == kSeparator) {
      writer.Separator();
      ++i;
      continue;
    }
    // A chunk runs to the next ASCII byte that is no letter or digit; only
    // chunks holding non-ASCII text need Unicode normalization.
    size_t end = i;
    uint8_t classes = 0;
    for (; end < n; ++end) {
      const uint8_t c = kByteClass[static_cast<unsigned char>(utf8[end])];
      if (c == kSeparator) break;
      classes |= c;
    }
    const absl::string_view chunk = utf8.substr(i, end - i);
    if (classes == kAsciiWordByte) {
      writer.AsciiWord(chunk);
    } else {
      WriteUnicodeChunk(chunk, buffer, writer);
    }
    i = end;
  }
  return std::move(writer).Take();
}

std::string CanonicalText(const v1::Story& story) {
  std::string text = NormalizeForFingerprint(absl::StrJoin(CanonicalParagraphs(story), " "));
  if (text.empty()) text = NormalizeForFingerprint(story.headline());
  return text;
}

std::vector<absl::string_view> CanonicalWords(absl::string_view canonical_text) {
  std::vector<absl::string_view> words;
  words.reserve(canonical_text.size() / 5 + 1);
  ForEachCanonicalWord(canonical_text,
                       [&words](absl::string_view word) { words.push_back(word); });
  return words;
}

bool IsCjkCodePoint(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

}  // namespace newswire
