// libFuzzer target for the whole Normalizer: format detection, every parser
// (XML, JSON, wire text, scraped pages, plain text) and what every story
// gets afterwards. The outcome must keep the invariants of
// fuzz_invariants.h and, as normalizer.h promises, be the same byte for byte
// when the same record is normalized again.
//
// Built by Bazel with the standalone driver (fuzz_driver_main.cc) and by
// tests/fuzz/run_libfuzzer.sh with clang's libFuzzer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/normalize/normalizer.h"
#include "tests/fuzz/format_parser_fuzz.h"
#include "tests/fuzz/fuzz_invariants.h"

namespace newswire::fuzz {
namespace {

// Serialized stories, or the error, of one outcome.
std::string Fingerprint(const absl::StatusOr<ParseResult>& outcome) {
  if (!outcome.ok()) return outcome.status().ToString();
  std::string out = absl::StrCat("reason=", outcome->no_story_reason, "\n");
  for (const v1::Story& story : outcome->stories) out += story.SerializeAsString();
  return out;
}

void FuzzNormalizer(absl::string_view bytes) {
  static const Normalizer* const kNormalizer = new Normalizer(NormalizerOptions{});
  RawRecord record;
  record.topic = "newswire.raw";
  record.offset = 42;
  record.timestamp = absl::FromUnixSeconds(1667800000);
  record.key = "fuzz";
  record.value = std::string(bytes);
  record.headers = {{std::string(kHeaderContentType), std::string(ContentTypeFor(bytes))},
                    {std::string(kHeaderSourceUrl), "https://www.example.com/news/2022/11/07/story.html"}};
  absl::StatusOr<ParseResult> first = kNormalizer->Normalize(record);
  CheckOutcome(first, Caller::kNormalizer, "Normalizer");
  if (Fingerprint(kNormalizer->Normalize(record)) != Fingerprint(first)) {
    Fail("Normalizer", "normalizing the same record twice gave different results");
  }
  kNormalizer->DetectFormat(record);
}

}  // namespace
}  // namespace newswire::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newswire::fuzz::FuzzNormalizer(newswire::fuzz::AsBytes(data, size));
  return 0;
}
