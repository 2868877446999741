// Fuzz target for the scraped-page parsers: any bytes through the HTML page
// extractor, the page-text parser and the Normalizer must return (an error
// or a story) without crashing, hanging or reading out of bounds.
//
// With clang (apt-get install clang), as a real libFuzzer target:
//   tools/extraction_fuzz.sh [SECONDS]
// compiles this file and the page parsers with clang++ -fsanitize=fuzzer,
// address,undefined (-DNEWSWIRE_FUZZ_PAGES_ONLY: the two page parsers, not
// the whole Normalizer, so the link needs only absl, protobuf, simdjson and
// utf8proc) and runs it. Built with gcc in the suite, the standalone driver
// extract_fuzz_driver.cc runs it over files instead.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "services/ingest/normalize/page/html_page.h"
#ifndef NEWSWIRE_FUZZ_PAGES_ONLY
#include "services/ingest/normalize/normalizer.h"
#endif
#include "services/ingest/normalize/page/page_text.h"
#include "services/ingest/common/text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The page parsers directly, whatever the sniffers say.
  newswire::v1::Story story = newswire::ExtractHtmlStory(bytes, "text/html", "");
  (void)story;
  newswire::ParseInput input;
  input.bytes = bytes;
  const std::string utf8 = newswire::text::ToUtf8(bytes);  // as the Normalizer decodes
  input.utf8 = utf8;
  if (newswire::LooksLikePageText(input) || size % 2 == 0) {
    (void)newswire::ParsePageText(input);
  }
#ifndef NEWSWIRE_FUZZ_PAGES_ONLY
  // And the Normalizer, as ingest runs it.
  static const newswire::Normalizer* normalizer =
      new newswire::Normalizer(newswire::NormalizerOptions());
  newswire::RawRecord record;
  record.value = std::string(bytes);
  record.headers.push_back({"content-type", size % 3 == 0 ? "text/html" : "text/plain"});
  (void)normalizer->Normalize(record);
#endif
  return 0;
}
