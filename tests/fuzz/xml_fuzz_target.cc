// libFuzzer target for the XML formats: NITF, NewsML-G2, NewsML 1.2, Atom, RSS and Ritzau XML:
// every parser of the family whose sniffer claims the input parses it, and
// the outcome must keep the invariants of fuzz_invariants.h.
//
// Built by Bazel with the standalone driver (fuzz_driver_main.cc) and by
// tests/fuzz/run_libfuzzer.sh with clang's libFuzzer.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "services/ingest/normalize/xml/xml_formats.h"
#include "tests/fuzz/format_parser_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* const kParsers =
      new std::vector<newswire::FormatParser>(newswire::XmlFormatParsers());
  newswire::fuzz::FuzzFormatParsers(*kParsers, newswire::fuzz::AsBytes(data, size));
  return 0;
}
