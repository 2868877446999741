// make_variants: writes republished variants of the BBC corpus as files, so
// that the whole ingest path (`wirectl dedup`, a broker) can be run on them.
//
//   bazel run //tests/dedup:make_variants -- --corpus=/work/shared/corpus
//       --out=/tmp/variants --seed=2005
//
// Writes <out>/<site>/<section>/<NNN>-<n>.txt, one page per copy, and
// <out>/stream.tsv: every original and copy in story-time order (path, id,
// copied article, minutes after the stream start, edits), the order to feed
// them in.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "tests/corpus/corpus_files.h"
#include "tests/dedup/bbc_corpus.h"
#include "tests/dedup/republished_variants.h"

ABSL_FLAG(std::string, corpus, "", "corpus folder (default: $NEWSWIRE_CORPUS)");
ABSL_FLAG(std::string, out, "", "folder to write the copies to");
ABSL_FLAG(uint64_t, seed, 2005, "generator seed");
ABSL_FLAG(double, share_copied, 0.4, "share of the articles that get copies");

namespace newswire::dedup {
namespace {

struct StreamLine {
  int64_t minute;
  std::string path;
  std::string id;
  std::string source_key;
  std::string edits;
};

int Run(const std::string& corpus_dir, const std::string& out, const VariantOptions& options) {
  namespace fs = std::filesystem;
  absl::StatusOr<std::vector<CorpusArticle>> articles = LoadBbcCorpus(corpus_dir);
  if (!articles.ok()) {
    std::fprintf(stderr, "make_variants: %s\n", articles.status().ToString().c_str());
    return 1;
  }
  std::vector<StreamLine> stream;
  std::map<std::string, int64_t> minute_of;
  for (size_t i = 0; i < articles->size(); ++i) {
    const CorpusArticle& article = (*articles)[i];
    // The same spacing as the quality tool: ten minutes per article.
    minute_of[article.key] = static_cast<int64_t>(i) * 10;
    stream.push_back({minute_of[article.key], (fs::path(corpus_dir) / "bbc" / article.key).string(),
                      article.story.id(), article.key, "original"});
  }
  const std::vector<Variant> variants = MakeVariants(*articles, options);
  for (const Variant& variant : variants) {
    const std::string name = absl::StrReplaceAll(variant.source_key, {{".txt", ""}});
    const std::string copy_number = variant.id.substr(variant.id.rfind('#') + 1);
    const fs::path path =
        fs::path(out) / variant.site / absl::StrCat(name, "-", copy_number, ".txt");
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    std::ofstream file(path, std::ios::binary);
    file << variant.text;
    if (!file) {
      std::fprintf(stderr, "make_variants: cannot write %s\n", path.string().c_str());
      return 1;
    }
    stream.push_back({minute_of[variant.source_key] + absl::ToInt64Minutes(variant.delay),
                      path.string(), variant.id, variant.source_key,
                      absl::StrJoin(variant.edits, "; ")});
  }
  std::stable_sort(stream.begin(), stream.end(), [](const StreamLine& a, const StreamLine& b) {
    return a.minute < b.minute;
  });
  std::ofstream tsv(fs::path(out) / "stream.tsv");
  tsv << "path\tid\tsource\tminute\tedits\n";
  for (const StreamLine& line : stream) {
    tsv << line.path << '\t' << line.id << '\t' << line.source_key << '\t' << line.minute << '\t'
        << line.edits << '\n';
  }
  std::printf("wrote %zu copies of %zu articles to %s (stream order in stream.tsv)\n",
              variants.size(), articles->size(), out.c_str());
  return tsv ? 0 : 1;
}

}  // namespace
}  // namespace newswire::dedup

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::string corpus = absl::GetFlag(FLAGS_corpus);
  if (corpus.empty()) {
    if (std::optional<std::filesystem::path> root = newswire::test_corpus::RootFromEnv()) {
      corpus = root->string();
    }
  }
  const std::string out = absl::GetFlag(FLAGS_out);
  if (corpus.empty() || out.empty()) {
    std::fprintf(stderr, "make_variants: give --corpus (or NEWSWIRE_CORPUS) and --out\n");
    return 2;
  }
  newswire::dedup::VariantOptions options;
  options.seed = absl::GetFlag(FLAGS_seed);
  options.share_copied = absl::GetFlag(FLAGS_share_copied);
  return newswire::dedup::Run(corpus, out, options);
}
