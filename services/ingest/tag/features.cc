#include "services/ingest/tag/features.h"

#include <array>
#include <cstring>

#include <utf8proc.h>

namespace newswire::tag {
namespace features_internal {

namespace {

constexpr std::array<unsigned char, 128> MakeAsciiTable() {
  std::array<unsigned char, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<unsigned char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<unsigned char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<unsigned char>(c - 'A' + 'a');
  return table;
}

}  // namespace

const std::array<unsigned char, 128> kAsciiWordByte = MakeAsciiTable();

bool AppendNonAscii(absl::string_view text, size_t i, WordBuffer& word, size_t& length) {
  utf8proc_int32_t code_point = -1;
  const utf8proc_ssize_t consumed =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                       static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
  if (consumed <= 0 || code_point < 0) {
    length = 1;
    return false;
  }
  length = static_cast<size_t>(consumed);
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      break;
    default:
      return false;
  }
  utf8proc_uint8_t encoded[4];
  const utf8proc_ssize_t written = utf8proc_encode_char(utf8proc_tolower(code_point), encoded);
  // A code point that does not fit whole is dropped: the word is cut there.
  if (word.size + static_cast<size_t>(written) <= kMaxWordBytes) {
    std::memcpy(word.data + word.size, encoded, static_cast<size_t>(written));
    word.size += static_cast<size_t>(written);
  }
  // A non-ASCII digit (Arabic-Indic, full-width) does not make a word.
  word.has_non_digit |= utf8proc_category(code_point) != UTF8PROC_CATEGORY_ND;
  return true;
}

}  // namespace features_internal

std::vector<std::string> Words(absl::string_view utf8) {
  std::vector<std::string> words;
  ForEachWord(utf8, [&](absl::string_view word) { words.emplace_back(word); });
  return words;
}

}  // namespace newswire::tag
