// The body of a parser-family fuzz target: runs raw bytes through every
// FormatParser of a family whose sniffer claims them, and checks each
// outcome (fuzz_invariants.h).
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     static const auto* const kParsers = new std::vector<FormatParser>(XmlFormatParsers());
//     fuzz::FuzzFormatParsers(*kParsers, fuzz::AsBytes(data, size));
//     return 0;
//   }
//
// Thread-safe as long as the parsers are (they are pure functions).
#ifndef NEWSWIRE_TESTS_FUZZ_FORMAT_PARSER_FUZZ_H_
#define NEWSWIRE_TESTS_FUZZ_FORMAT_PARSER_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/rules/format_parser.h"

namespace newswire::fuzz {

// The Normalizer refuses larger records before any parser sees them.
inline constexpr size_t kMaxRecordBytes = size_t{2} << 20;

inline absl::string_view AsBytes(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

// A content-type header for this input, picked by its length so the fuzzer
// can steer it: none, XML, JSON, UTF-8 text (a promise the bytes may break),
// Latin-1 HTML. Headers are hints; no choice may change what is safe.
absl::string_view ContentTypeFor(absl::string_view bytes);

// Sniffs `bytes` with every parser of `parsers` and parses with each one
// that claims them, checking every outcome. Inputs over kMaxRecordBytes are
// ignored.
void FuzzFormatParsers(const std::vector<FormatParser>& parsers, absl::string_view bytes);

}  // namespace newswire::fuzz

#endif  // NEWSWIRE_TESTS_FUZZ_FORMAT_PARSER_FUZZ_H_
