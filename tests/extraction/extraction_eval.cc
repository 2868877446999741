// extraction_eval: scores article-body extraction on a folder of pages with a
// ground-truth file of the shape of ../shared/corpus/article-extraction, and
// times it. tools/extraction_eval.sh runs it beside trafilatura.
//
//   extraction_eval --pages=DIR --truth=ground-truth.json
//       [--compare=trafilatura=preds.json,other=more.json] [--write_predictions=ours.json]
//       [--details] [--min_seconds=2]
//
// Prints, per extractor, F1, precision and recall (shingle_score.h) and
// pages per CPU second (ours: one thread, bytes in -> Story out, repeated for
// at least --min_seconds of CPU time; others: as their prediction file reports), then the ratio.
#include <time.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/normalize/page/html_page.h"
#include "tests/extraction/page_corpus.h"
#include "tests/extraction/shingle_score.h"

ABSL_FLAG(std::string, pages, "", "folder of <key>.html.gz / <key>.html pages");
ABSL_FLAG(std::string, truth, "", "ground-truth JSON {key: {articleBody, url}}");
ABSL_FLAG(std::vector<std::string>, compare, {},
          "NAME=FILE[,NAME=FILE...] prediction files of other extractors, scored the same way");
ABSL_FLAG(std::string, write_predictions, "", "write our predictions as JSON here");
ABSL_FLAG(bool, details, false, "print per-page precision and recall");
ABSL_FLAG(double, min_seconds, 2.0, "time our extractor for at least this long");

namespace newswire::extraction {
namespace {

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

std::string Extract(const CorpusPage& page) {
  v1::Story story = ExtractHtmlStory(page.html, "text/html", page.url);
  return absl::StrJoin(story.paragraphs(), "\n\n");
}

void PrintLine(const std::string& name, const ScoreSummary& s, double pages_per_second) {
  std::printf("%-14s F1=%.4f  precision=%.4f  recall=%.4f  pages/s=%.1f\n", name.c_str(), s.f1,
              s.precision, s.recall, pages_per_second);
}

int Run() {
  absl::StatusOr<std::vector<CorpusPage>> pages =
      LoadCorpus(absl::GetFlag(FLAGS_pages), absl::GetFlag(FLAGS_truth));
  if (!pages.ok()) {
    std::fprintf(stderr, "extraction_eval: %s\n", pages.status().ToString().c_str());
    return 2;
  }
  std::vector<std::string> ours;
  for (const CorpusPage& page : *pages) ours.push_back(Extract(page));

  // Timing: whole passes over the pages until min_seconds of this thread's
  // CPU time have gone by (CPU time, so other load on the machine does not
  // count against us; trafilatura is timed the same way).
  size_t extracted = 0;
  size_t sink = 0;
  const double start = ThreadCpuSeconds();
  double seconds = 0;
  do {
    for (const CorpusPage& page : *pages) {
      v1::Story story = ExtractHtmlStory(page.html, "text/html", page.url);
      sink += story.paragraphs_size();
      ++extracted;
    }
    seconds = ThreadCpuSeconds() - start;
  } while (seconds < absl::GetFlag(FLAGS_min_seconds));
  const double our_speed = extracted / seconds;

  std::vector<PageScore> scores;
  for (size_t i = 0; i < pages->size(); ++i) {
    scores.push_back(ScorePage((*pages)[i].truth, ours[i]));
  }
  std::printf("pages: %zu (timed %zu extractions, %zu paragraphs)\n", pages->size(), extracted,
              sink);
  PrintLine("newswire", Summarize(scores), our_speed);
  if (absl::GetFlag(FLAGS_details)) {
    for (size_t i = 0; i < pages->size(); ++i) {
      std::printf("  %s P=%.3f R=%.3f %s\n", (*pages)[i].key.substr(0, 8).c_str(),
                  scores[i].precision(), scores[i].recall(), (*pages)[i].url.c_str());
    }
  }
  int status = 0;
  for (const std::string& spec : absl::GetFlag(FLAGS_compare)) {
    std::vector<std::string> parts = absl::StrSplit(spec, absl::MaxSplits('=', 1));
    if (parts.size() != 2) {
      std::fprintf(stderr, "extraction_eval: --compare wants NAME=FILE, got %s\n", spec.c_str());
      return 2;
    }
    absl::StatusOr<Predictions> other = LoadPredictions(parts[1]);
    if (!other.ok()) {
      std::fprintf(stderr, "extraction_eval: %s\n", other.status().ToString().c_str());
      status = 2;
      continue;
    }
    std::vector<PageScore> other_scores;
    for (const CorpusPage& page : *pages) {
      auto it = other->bodies.find(page.key);
      other_scores.push_back(
          ScorePage(page.truth, it == other->bodies.end() ? "" : it->second));
    }
    double speed = other->pages_per_second.value_or(0);
    PrintLine(parts[0], Summarize(other_scores), speed);
    if (speed > 0) {
      std::printf("speed ratio newswire/%s: %.1fx\n", parts[0].c_str(), our_speed / speed);
    }
  }
  const std::string out = absl::GetFlag(FLAGS_write_predictions);
  if (!out.empty()) {
    std::ofstream file(out);
    file << "{\n";
    for (size_t i = 0; i < pages->size(); ++i) {
      file << " \"" << (*pages)[i].key << "\": {\"articleBody\": \"" << JsonEscape(ours[i])
           << "\"}" << (i + 1 < pages->size() ? ",\n" : "\n");
    }
    file << "}\n";
  }
  return status;
}

}  // namespace
}  // namespace newswire::extraction

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newswire::extraction::Run();
}
