// Well-formed UTF-8 as RFC 3629 and Unicode 15 Table 3-7 define it: no
// overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
//
//   if (!utf8::IsValid(bytes)) bytes = Repair(bytes);
//   for (size_t i = 0; i < s.size();) {
//     size_t n = utf8::SequenceLength(s, i);  // 0: s[i] starts no valid sequence
//     ...
//   }
//
// The one definition every stage uses; pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_UTF8_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_UTF8_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace newswire::utf8 {

// The length (1 to 4) of the well-formed sequence that starts at `s[i]`, or 0
// when the bytes there start none (a stray continuation byte, a lead byte
// whose sequence is cut short or ill-formed). `i` must be below `s.size()`.
size_t SequenceLength(absl::string_view s, size_t i);

// True when every byte of `s` belongs to a well-formed sequence (SIMD, simdjson's validator).
bool IsValid(absl::string_view s);

}  // namespace newswire::utf8

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_TEXT_UTF8_H_
