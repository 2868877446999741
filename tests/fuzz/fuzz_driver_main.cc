// A standalone driver for libFuzzer targets, so the fuzz targets run in the
// ordinary test suite (gcc, `bazel test`, `--config=asan`) without clang.
// Link it with one file that defines LLVMFuzzerTestOneInput.
//
//   xml_fuzz_test                      seeds from $NEWSWIRE_CORPUS, then
//                                      mutations for NEWSWIRE_FUZZ_SECONDS
//   xml_fuzz_test --seconds=60 --mutations=1000000 --seed=7
//   xml_fuzz_test crash-1234 dir/      run just these files (a reproducer,
//                                      e.g. one libFuzzer saved), no mutations
//
// Seeds: every file of the corpus folders wire/, seed/, a sample of bbc/ and
// article-extraction/html/ (gunzipped), plus a few tiny built-in records of
// each format so the test means something without the corpus. Then
// deterministic mutations of them (input_mutator.h) until the mutation
// count or the time budget runs out. A crash, sanitizer report, broken
// invariant or an input that runs longer than NEWSWIRE_FUZZ_INPUT_TIMEOUT
// seconds (default 60) writes the input to
// $TEST_UNDECLARED_OUTPUTS_DIR/crash-input (else /tmp/newswire-fuzz-crash-PID)
// and fails the test.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "tests/corpus/corpus_files.h"
#include "tests/fuzz/input_mutator.h"

#if defined(__SANITIZE_ADDRESS__)
#define NEWSWIRE_FUZZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWSWIRE_FUZZ_ASAN 1
#endif
#endif
#ifdef NEWSWIRE_FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace newswire::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  double seconds = 10;
  uint64_t mutations = 1000000;
  uint64_t seed = 1;
  double input_timeout_seconds = 60;
  std::vector<std::string> paths;  // files to replay / folders of seeds
};

// One BBC article in this many is a seed (about 50 of the 752).
constexpr size_t kBbcSampleEvery = 15;

// Seeds longer than this are cut to this length before being mutated.
constexpr size_t kMaxMutationBase = size_t{64} << 10;

struct Seed {
  std::string name;
  std::string bytes;
};

// Tiny records of each format, written for this driver (not corpus copies).
constexpr absl::string_view kBuiltinSeeds[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><head><title>T</title><docdata>"
    "<doc-id id-string=\"X.1\"/><date.issue norm=\"20221107T120000+0900\"/></docdata></head>"
    "<body><body.head><hedline><hl1>Headline &amp; more</hl1></hedline><byline>By A Writer</byline>"
    "<dateline><location><city>TOKYO</city></location></dateline></body.head><body.content>"
    "<p>TOKYO (Kyodo) -- First paragraph.</p><pre>a  b\nc  d</pre><p>Second.</p></body.content></body></nitf>",
    "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet><newsItem guid=\"urn:x:1\" "
    "version=\"2\"><itemMeta><itemClass qcode=\"ninat:text\"/><provider literal=\"Agency\"/>"
    "<versionCreated>2022-11-07T12:00:00Z</versionCreated><signal qcode=\"sig:update\"/></itemMeta>"
    "<contentMeta><headline>H</headline><subject qcode=\"medtop:11000000\"/></contentMeta><contentSet>"
    "<inlineXML contenttype=\"application/nitf+xml\"><nitf><body><body.content><p>Body.</p>"
    "</body.content></body></nitf></inlineXML></contentSet></newsItem><packageItem guid=\"p\"/>"
    "</itemSet></newsMessage>",
    "<NewsML Version=\"1.2\"><NewsItem><NewsManagement><ThisRevisionCreated>20221107T120000Z"
    "</ThisRevisionCreated></NewsManagement><NewsComponent><NewsLines><HeadLine>H</HeadLine>"
    "<DateLine>PARIS, Nov 7 (AFP) -</DateLine></NewsLines><ContentItem><DataContent><nitf><body>"
    "<body.content><p>P</p></body.content></body></nitf></DataContent></ContentItem></NewsComponent>"
    "</NewsItem></NewsML>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id><title>T</title>"
    "<updated>2022-11-07T12:00:00Z</updated><content type=\"html\">&lt;p&gt;Body&lt;/p&gt;</content>"
    "</entry></feed>",
    "<rss version=\"2.0\"><channel><item><title>T</title><pubDate>Mon, 07 Nov 2022 12:00:00 GMT"
    "</pubDate><description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>",
    "{\"uri\":\"u\",\"type\":\"text\",\"versioncreated\":\"2022-11-07T12:00:00Z\",\"headline\":\"H\","
    "\"body_html\":\"<p>B \\u00e9</p>\",\"subject\":[{\"code\":\"11000000\",\"name\":\"politics\"}]}",
    "{\"uri\":\"u\",\"type\":\"text\",\"headlines\":[{\"role\":\"main\",\"value\":\"H\"}],"
    "\"bodies\":[{\"role\":\"main\",\"contenttype\":\"text/html\",\"value\":\"<p>B</p>\"}]}",
    "{\"api_version\":\"2\",\"data\":{\"items\":[{\"item\":{\"type\":\"text\",\"headline\":\"H\","
    "\"versioncreated\":\"2022-11-07T12:00:00Z\",\"renditions\":{}}}]}}",
    "\x16\x16\x01" "a1234\x1f-----\r\nr a\x13\x11 BC-Story 1stLd-Writethru  11-07 0100\r\n"
    "\x02^BC-Story, 1st Ld-Writethru,100<\r\n^Headline<\r\n^By A Writer=\r\n"
    "\t   TOKYO (AP) _ Body.\r\n\x03" "AP-WF-11-07-22 1200GMT<\r\n\x04",
    "\x01" "eca0001 4 i 100  dpa 0001\r\n\r\nSlug/\r\n\x02Headline =\r\n\r\n"
    "   Berlin (dpa) - Body.\r\n\r\n\x03" "071200 GMT Nov 22\r\n\x04",
    "Headline\n\nFirst paragraph.\n\nSecond paragraph.\n",
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T | Site</title></head><body>"
    "<article><h1>H</h1><p>TOKYO - Body.</p></article></body></html>",
};

// ---- crash reporting -------------------------------------------------------
// Set before each input runs, read by the signal handlers and the watchdog.
std::atomic<const std::string*> g_current{nullptr};
std::atomic<int64_t> g_started_ns{0};
char g_crash_path[4096];
char g_context[512];

void WriteStderr(const char* text) {
  ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
  (void)ignored;
}

// Async-signal-safe: open, write, close.
void DumpCurrentInput() {
  const std::string* input = g_current.load();
  if (input == nullptr) return;
  int fd = open(g_crash_path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd >= 0) {
    size_t done = 0;
    while (done < input->size()) {
      ssize_t n = write(fd, input->data() + done, input->size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  }
  WriteStderr("\nfuzz driver: failed on ");
  WriteStderr(g_context);
  WriteStderr("\nfuzz driver: input saved to ");
  WriteStderr(g_crash_path);
  WriteStderr(" (rerun this binary with that path to reproduce)\n");
}

void OnFatalSignal(int signal_number) {
  DumpCurrentInput();
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

void InstallCrashHandlers() {
  const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  if (dir != nullptr && *dir != '\0') {
    snprintf(g_crash_path, sizeof(g_crash_path), "%s/crash-input", dir);
  } else {
    snprintf(g_crash_path, sizeof(g_crash_path), "/tmp/newswire-fuzz-crash-%d", getpid());
  }
  signal(SIGABRT, OnFatalSignal);  // broken invariants, failed CHECKs
#ifdef NEWSWIRE_FUZZ_ASAN
  // The sanitizers handle SEGV and friends themselves and call this on death.
  __sanitizer_set_death_callback(DumpCurrentInput);
#else
  for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) signal(s, OnFatalSignal);
#endif
}

// Aborts when one input runs longer than the timeout: a hang is a failure.
void StartWatchdog(double timeout_seconds) {
  std::thread([timeout_seconds] {
    const int64_t limit_ns = static_cast<int64_t>(timeout_seconds * 1e9);
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      int64_t started = g_started_ns.load();
      if (started == 0) continue;
      int64_t now = Clock::now().time_since_epoch().count();
      if (now - started > limit_ns) {
        WriteStderr("\nfuzz driver: input ran longer than the timeout (a hang)");
        DumpCurrentInput();
        std::_Exit(70);
      }
    }
  }).detach();
}

// ---- running -----------------------------------------------------------------

double RunOne(const std::string& bytes, const std::string& context) {
  snprintf(g_context, sizeof(g_context), "%s (%zu bytes)", context.c_str(), bytes.size());
  g_current.store(&bytes);
  Clock::time_point start = Clock::now();
  g_started_ns.store(start.time_since_epoch().count());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  g_started_ns.store(0);
  g_current.store(nullptr);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool ParseFlag(absl::string_view arg, absl::string_view name, std::string* value) {
  std::string prefix = absl::StrCat("--", name, "=");
  if (!absl::StartsWith(arg, prefix)) return false;
  *value = std::string(arg.substr(prefix.size()));
  return true;
}

double EnvDouble(const char* name, double fallback) {
  const char* value = std::getenv(name);
  double parsed = 0;
  return value != nullptr && absl::SimpleAtod(value, &parsed) ? parsed : fallback;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  options.seconds = EnvDouble("NEWSWIRE_FUZZ_SECONDS", options.seconds);
  options.mutations = static_cast<uint64_t>(EnvDouble("NEWSWIRE_FUZZ_MUTATIONS", 1e6));
  options.input_timeout_seconds = EnvDouble("NEWSWIRE_FUZZ_INPUT_TIMEOUT", 60);
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    std::string value;
    bool ok = true;
    if (ParseFlag(arg, "seconds", &value)) {
      ok = absl::SimpleAtod(value, &options.seconds);
    } else if (ParseFlag(arg, "mutations", &value)) {
      ok = absl::SimpleAtoi(value, &options.mutations);
    } else if (ParseFlag(arg, "seed", &value)) {
      ok = absl::SimpleAtoi(value, &options.seed);
    } else if (absl::StartsWith(arg, "-")) {
      ok = false;
    } else {
      options.paths.emplace_back(arg);
    }
    if (!ok) {
      fprintf(stderr, "usage: %s [--seconds=S] [--mutations=N] [--seed=N] [FILE|DIR...]\n", argv[0]);
      return false;
    }
  }
  return true;
}

// The inputs to run: the files and folders named on the command line, else
// the built-in records and the corpus. `replay` says the former named files.
absl::StatusOr<std::vector<Seed>> LoadSeeds(const Options& options, bool* replay) {
  std::vector<Seed> seeds;
  *replay = false;
  for (const std::string& path : options.paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      absl::StatusOr<std::vector<test_corpus::CorpusFile>> files =
          test_corpus::ReadFolder(path, ".");
      if (!files.ok()) return files.status();
      for (auto& file : *files) seeds.push_back({path + "/" + file.path, std::move(file.bytes)});
    } else {
      absl::StatusOr<std::string> bytes = test_corpus::ReadFile(path);
      if (!bytes.ok()) return bytes.status();
      seeds.push_back({path, *std::move(bytes)});
      *replay = true;
    }
  }
  if (!options.paths.empty()) return seeds;

  for (size_t i = 0; i < std::size(kBuiltinSeeds); ++i) {
    seeds.push_back({absl::StrCat("builtin seed ", i), std::string(kBuiltinSeeds[i])});
  }
  std::optional<std::filesystem::path> root = test_corpus::RootFromEnv();
  if (!root) {
    fprintf(stderr,
            "fuzz driver: NEWSWIRE_CORPUS not set: fuzzing the built-in seeds only "
            "(bazel test ... --test_env=NEWSWIRE_CORPUS=/path/to/shared/corpus)\n");
    return seeds;
  }
  for (absl::string_view folder : test_corpus::kRecordFolders) {
    absl::StatusOr<std::vector<test_corpus::CorpusFile>> files =
        test_corpus::ReadFolder(*root, folder);
    if (!files.ok()) {
      fprintf(stderr, "fuzz driver: skipping corpus folder: %s\n",
              files.status().ToString().c_str());
      continue;
    }
    // The BBC articles are all plain text: a sample keeps mutations spread
    // over the formats rather than spent on one.
    size_t every = folder == "bbc" ? kBbcSampleEvery : 1;
    for (size_t i = 0; i < files->size(); i += every) {
      seeds.push_back({(*files)[i].path, std::move((*files)[i].bytes)});
    }
  }
  return seeds;
}

// The slowest input so far, for the summary line.
struct Slowest {
  double seconds = 0;
  std::string name;

  void Update(double took, const std::string& input_name) {
    if (took <= seconds) return;
    seconds = took;
    name = input_name;
  }
};

int Main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) return 2;
  InstallCrashHandlers();
  StartWatchdog(options.input_timeout_seconds);
  const std::string program = std::filesystem::path(argv[0]).filename().string();

  bool replay = false;
  absl::StatusOr<std::vector<Seed>> seeds = LoadSeeds(options, &replay);
  if (!seeds.ok()) {
    fprintf(stderr, "fuzz driver: %s\n", seeds.status().ToString().c_str());
    return 2;
  }
  Slowest slowest;
  Clock::time_point start = Clock::now();
  size_t seed_bytes = 0;
  for (const Seed& seed : *seeds) {
    slowest.Update(RunOne(seed.bytes, seed.name), seed.name);
    seed_bytes += seed.bytes.size();
  }
  fprintf(stderr, "fuzz driver: %s: %zu inputs (%zu bytes) in %.2f s\n", program.c_str(),
          seeds->size(), seed_bytes, std::chrono::duration<double>(Clock::now() - start).count());
  if (replay || seeds->empty()) return 0;

  std::vector<std::string> pool;
  pool.reserve(seeds->size());
  for (const Seed& seed : *seeds) pool.push_back(seed.bytes);
  InputMutator mutator(options.seed);
  Clock::time_point mutation_start = Clock::now();
  Clock::time_point deadline =
      mutation_start + std::chrono::microseconds(static_cast<int64_t>(options.seconds * 1e6));
  uint64_t done = 0;
  for (; done < options.mutations && Clock::now() < deadline; ++done) {
    size_t index = static_cast<size_t>(done % pool.size());
    // Mutating the head of a big page finds as much as mutating all of it,
    // and leaves time for the other formats.
    const std::string& base = pool[index];
    std::string input = mutator.Mutate(
        base.size() > kMaxMutationBase ? base.substr(0, kMaxMutationBase) : base, pool);
    std::string name = absl::StrCat("mutation ", done, " (--seed=", options.seed, ") of ",
                                    (*seeds)[index].name);
    slowest.Update(RunOne(input, name), name);
  }
  double mutation_seconds = std::chrono::duration<double>(Clock::now() - mutation_start).count();
  fprintf(stderr,
          "fuzz driver: %s: %llu mutations in %.2f s (%.0f inputs/s); slowest input %.3f s: %s\n",
          program.c_str(), static_cast<unsigned long long>(done), mutation_seconds,
          mutation_seconds > 0 ? done / mutation_seconds : 0.0, slowest.seconds,
          slowest.name.c_str());
  return 0;
}

}  // namespace
}  // namespace newswire::fuzz

int main(int argc, char** argv) { return newswire::fuzz::Main(argc, argv); }
