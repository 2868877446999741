// Runs LLVMFuzzerTestOneInput (extract_fuzzer.cc) over files, so the fuzz
// target builds and runs with gcc in the normal suite:
//   extract_fuzz_driver FILE_OR_DIR...
// Each regular file (directories are read one level deep, .gz files
// gunzipped) is one input; then every input is also fed cut at a few
// lengths and with bytes flipped, a poor man's mutation pass.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/corpus/corpus_files.h"
#include "tests/extraction/page_corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void Run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::error_code error;
    if (std::filesystem::is_directory(argv[i], error)) {
      for (const auto& entry : std::filesystem::directory_iterator(argv[i], error)) {
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      }
    } else {
      files.push_back(argv[i]);
    }
  }
  size_t runs = 0;
  uint32_t seed = 42;
  for (const std::string& file : files) {
    absl::StatusOr<std::string> bytes = newswire::test_corpus::ReadFile(file);
    if (!bytes.ok()) continue;
    Run(*bytes);
    ++runs;
    for (size_t cut : {bytes->size() / 2, bytes->size() / 3, bytes->size() * 9 / 10}) {
      Run(bytes->substr(0, cut));
      ++runs;
    }
    std::string flipped = *bytes;
    for (int k = 0; k < 64 && !flipped.empty(); ++k) {
      seed = seed * 1103515245 + 12345;
      flipped[(seed >> 8) % flipped.size()] = static_cast<char>(seed >> 24);
    }
    Run(flipped);
    ++runs;
  }
  std::printf("extract_fuzz_driver: %zu inputs from %zu files, no crash\n", runs, files.size());
  return 0;
}
