#include "services/ingest/common/text/utf8.h"

#include "simdjson.h"

namespace newswire::utf8 {

size_t SequenceLength(absl::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = at(i);
  if (lead < 0x80) return 1;
  const size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (n == 0 || lead > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  }
  // Table 3-7: the second byte's range narrows after E0 (overlong), ED
  // (surrogates), F0 (overlong) and F4 (above U+10FFFF).
  const unsigned char second = at(i + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0) ||
      (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90)) {
    return 0;
  }
  return n;
}

bool IsValid(absl::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

}  // namespace newswire::utf8
