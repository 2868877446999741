#include "services/ingest/common/text/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/text/utf8.h"
#include "utf8proc.h"

namespace newswire::text {
namespace {

// Windows-1252 code points for bytes 0x80..0x9F (0 = undefined, kept as C1).
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(char32_t cp, std::string& out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// ASCII letters, digits and '_'.
constexpr std::array<bool, 128> kAsciiWordChar = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

bool IsSpaceOrControl(utf8proc_int32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      break;
  }
  return false;
}

// What the character at `p` is to CollapseWhitespace and IsBlank, and its
// length in `n`: space (whitespace and controls), text, or dropped (a byte
// that is not UTF-8, or an invisible format character).
enum class Unit { kSpace, kText, kDropped };
inline Unit NextUnit(const utf8proc_uint8_t* p, const utf8proc_uint8_t* end,
                     utf8proc_ssize_t* n) {
  if (*p < 0x80) {  // ASCII, most of any text: no decoding, no table lookup
    *n = 1;
    return *p <= 0x20 || *p == 0x7F ? Unit::kSpace : Unit::kText;
  }
  utf8proc_int32_t cp;
  *n = utf8proc_iterate(p, end - p, &cp);
  if (*n <= 0) {
    *n = 1;
    return Unit::kDropped;
  }
  if (IsInvisibleFormat(static_cast<char32_t>(cp))) return Unit::kDropped;
  return IsSpaceOrControl(cp) ? Unit::kSpace : Unit::kText;
}

// Printable ASCII: 0x21..0x7E.
inline bool IsPrintableAscii(utf8proc_uint8_t c) { return static_cast<unsigned>(c) - 0x21u < 0x5Eu; }

// How many bytes from `p` (at least 16 before `end`) are printable ASCII,
// up to 16.
inline size_t PrintableRun16(const utf8proc_uint8_t* p) {
#if defined(__SSE2__)
  // Signed compares: bytes of 0x80 and up are negative, so "not above 0x20"
  // and "above 0x7E" are two compares against the block.
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i low = _mm_cmplt_epi8(block, _mm_set1_epi8(0x21));
  const __m128i high = _mm_cmpgt_epi8(block, _mm_set1_epi8(0x7E));
  const unsigned stop = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(low, high)));
  return stop == 0 ? 16 : static_cast<size_t>(__builtin_ctz(stop));
#else
  size_t n = 0;
  while (n < 16 && IsPrintableAscii(p[n])) ++n;
  return n;
#endif
}

// Han ideographs and Kana: scripts written without spaces between words.
bool IsHanOrKana(utf8proc_int32_t cp) {
  return (cp >= 0x3005 && cp <= 0x3007) ||   // iteration mark, closing mark, zero
         (cp >= 0x3040 && cp <= 0x30FF) ||   // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||   // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||   // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3134F);  // CJK extensions B..G, supplement
}

}  // namespace

bool IsInvisibleFormat(char32_t cp) {
  return cp == 0x00AD || cp == 0x200B || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool HasInvisibleFormat(absl::string_view utf8) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto* const end = p + utf8.size();
  while (p < end) {
    // ASCII, most of any text, 8 bytes at a time.
    uint64_t block;
    if (end - p >= 8 && (std::memcpy(&block, p, 8), (block & 0x8080808080808080ull) == 0)) {
      p += 8;
      continue;
    }
    // Every such character starts with 0xC2, 0xE2 or 0xEF.
    if (*p != 0xC2 && *p != 0xE2 && *p != 0xEF) {
      ++p;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &cp);
    if (n > 0 && IsInvisibleFormat(static_cast<char32_t>(cp))) return true;
    p += n > 0 ? n : 1;
  }
  return false;
}

bool IsValidUtf8(absl::string_view bytes) { return utf8::IsValid(bytes); }

std::string Windows1252ToUtf8(absl::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0xA0) {
      char32_t cp = kCp1252High[c - 0x80];
      AppendUtf8(cp != 0 ? cp : c, out);
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

std::string ToUtf8(absl::string_view bytes) {
  absl::ConsumePrefix(&bytes, "\xEF\xBB\xBF");
  return RepairUtf8(bytes);
}

std::string RepairUtf8(absl::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (size_t i = 0; i < bytes.size();) {
    const size_t n = utf8::SequenceLength(bytes, i);
    if (n > 0) {
      out.append(bytes.data() + i, n);
      i += n;
    } else {
      out += Windows1252ToUtf8(bytes.substr(i, 1));
      ++i;
    }
  }
  return out;
}

std::vector<absl::string_view> SplitLines(absl::string_view text) {
  std::vector<absl::string_view> lines;
  // The next CR and the next LF at or after `start`, each found with memchr
  // and looked for again only once passed: a line ends at the nearer.
  size_t next_cr = text.find('\r');
  size_t next_lf = text.find('\n');
  size_t start = 0;
  while (start < text.size()) {
    if (next_cr < start) next_cr = text.find('\r', start);
    if (next_lf < start) next_lf = text.find('\n', start);
    const size_t end = std::min(next_cr, next_lf);
    if (end == absl::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
    if (text[end] == '\r' && start < text.size() && text[start] == '\n') ++start;
  }
  return lines;
}

std::string CollapseWhitespace(absl::string_view utf8) {
  // Written through a pointer into a buffer of the input's size (the output
  // is never longer): no capacity check per byte.
  std::string out(utf8.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto* const end = p + utf8.size();
  bool pending_space = false;
  for (utf8proc_ssize_t n = 0; p < end; p += n) {
    // Printable ASCII, most of any text, a word at a time: 16 bytes are
    // copied and the run's length kept (w trails p, so they fit).
    if (end - p >= 16 && IsPrintableAscii(*p)) {
      if (pending_space) *w++ = ' ';
      pending_space = false;
      size_t run;
      do {
        run = PrintableRun16(p);
        std::memcpy(w, p, 16);
        w += run;
        p += run;
      } while (run == 16 && end - p >= 16);
      n = 0;
      continue;
    }
    switch (NextUnit(p, end, &n)) {
      case Unit::kSpace:
        pending_space = w != begin;
        break;
      case Unit::kText:
        // A pending space replaced at least one input byte, so this fits.
        if (pending_space) *w++ = ' ';
        pending_space = false;
        for (utf8proc_ssize_t k = 0; k < n; ++k) *w++ = static_cast<char>(p[k]);
        break;
      case Unit::kDropped:
        break;
    }
  }
  out.resize(static_cast<size_t>(w - begin));
  return out;
}

bool MoreWordsThan(absl::string_view text, size_t max) {
  size_t count = 0;
  bool in_word = false;
  for (char c : text) {
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      if (++count > max) return true;
    }
  }
  return false;
}

bool IsBlank(absl::string_view utf8) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto* const end = p + utf8.size();
  for (utf8proc_ssize_t n = 0; p < end; p += n) {
    if (NextUnit(p, end, &n) == Unit::kText) return false;
  }
  return true;
}

std::vector<std::string> SplitParagraphs(absl::string_view utf8) {
  std::vector<absl::string_view> lines = SplitLines(absl::StripAsciiWhitespace(utf8));
  bool has_blank_line = false;
  for (absl::string_view line : lines) {
    if (IsBlank(line)) {
      has_blank_line = true;
      break;
    }
  }
  std::vector<std::string> paragraphs;
  std::string block;
  auto flush = [&] {
    std::string paragraph = CollapseWhitespace(block);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    block.clear();
  };
  for (absl::string_view line : lines) {
    if (!has_blank_line || IsBlank(line)) {
      if (has_blank_line) {
        flush();
        continue;
      }
      block.assign(line.data(), line.size());
      flush();
      continue;
    }
    block.append(line.data(), line.size());
    block.push_back(' ');
  }
  flush();
  return paragraphs;
}

int CountWords(absl::string_view utf8) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  const auto* const end = p + utf8.size();
  int words = 0;
  bool in_word = false;
  while (p < end) {
#if defined(__SSE2__)
    // Sixteen ASCII bytes at a time: a word starts at each word character
    // (letters, digits, '_') that follows a character that is none.
    if (end - p >= 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (_mm_movemask_epi8(block) == 0) {
        const __m128i zero = _mm_setzero_si128();
        // Letters: c | 0x20 is one of 'a'..'z' (only letters map there).
        const __m128i letter_offset =
            _mm_sub_epi8(_mm_or_si128(block, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
        const __m128i letter =
            _mm_cmpeq_epi8(_mm_subs_epu8(letter_offset, _mm_set1_epi8(25)), zero);
        const __m128i digit = _mm_cmpeq_epi8(
            _mm_subs_epu8(_mm_sub_epi8(block, _mm_set1_epi8('0')), _mm_set1_epi8(9)), zero);
        const __m128i underscore = _mm_cmpeq_epi8(block, _mm_set1_epi8('_'));
        const unsigned word_chars = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), underscore)));
        const unsigned starts = word_chars & ~((word_chars << 1) | (in_word ? 1u : 0u));
        words += __builtin_popcount(starts);
        in_word = (word_chars >> 15) != 0;
        p += 16;
        continue;
      }
    }
#endif
    if (*p < 0x80) {  // ASCII: letters, digits and '_' are the word characters
      const bool word_char = kAsciiWordChar[*p];
      words += word_char & !in_word;
      in_word = word_char;
      ++p;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &cp);
    if (n <= 0) n = 1, cp = ' ';
    p += n;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (IsHanOrKana(cp) && (cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM ||
                            cat == UTF8PROC_CATEGORY_NL)) {
      ++words;  // one word per character (not the Kana block's punctuation)
      in_word = false;
      continue;
    }
    bool word_char = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND) ||
                     cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO ||
                     cp == '_';
    words += word_char & !in_word;
    in_word = word_char;
  }
  return words;
}

}  // namespace newswire::text
