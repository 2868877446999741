// extraction_explain: shows how the extractor read one page, for tuning and
// bug reports: the metadata, the chosen container with its ancestors, and
// the paragraphs.
//
//   extraction_explain page.html[.gz]
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "services/ingest/normalize/page/extract_blocks.h"
#include "services/ingest/normalize/page/extract_body.h"
#include "services/ingest/normalize/page/html_page_charset.h"
#include "services/ingest/normalize/page/html_page_dom.h"
#include "services/ingest/normalize/page/html_page_hints.h"
#include "services/ingest/normalize/page/html_page_meta.h"
#include "tests/corpus/corpus_files.h"
#include "tests/extraction/page_corpus.h"

namespace newswire::html {
namespace {

std::string Describe(const HtmlPageDom& dom, uint32_t i) {
  std::string out = "#" + std::to_string(i) + " tag=" + std::to_string(static_cast<int>(dom.node(i).tag));
  for (const DomAttribute* a = dom.AttrBegin(i); a != dom.AttrEnd(i); ++a) {
    if (a->name == "class" || a->name == "id" || a->name == "itemprop" || a->name == "role") {
      out += " " + std::string(a->name) + "=\"" + std::string(a->value.substr(0, 80)) + "\"";
    }
  }
  return out;
}

std::string needle;

int Run(const char* path, uint32_t inspect) {
  absl::StatusOr<std::string> bytes = test_corpus::ReadFile(path);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", bytes.status().ToString().c_str());
    return 2;
  }
  HtmlPageDom dom = HtmlPageDom::Parse(HtmlPageToUtf8(*bytes, ""));
  std::vector<uint32_t> hints = ComputeHints(dom);
  PageMeta meta = ReadPageMeta(dom, hints);
  std::printf("nodes=%u title=[%s]\nog_title=[%s]\nld_headline=[%s]\nh1=[%s]\nsite=[%s] "
              "author=[%s]\npublished=[%s] modified=[%s] section=[%s] lang=[%s]\ncanonical=[%s]\n"
              "ld_body=%zu bytes\n",
              dom.size(), meta.title.c_str(), meta.og_title.c_str(), meta.ld_headline.c_str(),
              meta.first_h1.c_str(), meta.site_name.c_str(), meta.author.c_str(),
              meta.published.c_str(), meta.modified.c_str(), meta.section.c_str(),
              meta.language.c_str(), meta.canonical_url.c_str(), meta.ld_body.size());
  BodyHints body_hints;
  body_hints.ld_body = meta.ld_body;
  ExtractedBody body = ExtractBody(dom, hints, body_hints);
  std::vector<uint32_t> chain;
  for (uint32_t i = body.container; i != 0; i = dom.node(i).parent) chain.push_back(i);
  for (size_t k = chain.size(); k-- > 0;) {
    std::printf("%*s%s hints=%x\n", static_cast<int>(chain.size() - k), "",
                Describe(dom, chain[k]).c_str(), hints[chain[k]]);
  }
  std::printf("---- %zu paragraphs\n", body.paragraphs.size());
  for (const std::string& p : body.paragraphs) std::printf("| %s\n", p.c_str());
  {
    BlockModel model = BuildBlockModel(dom, hints, meta.ld_body);
    std::vector<double> sum(dom.size(), 0.0);
    for (uint32_t i = dom.size(); i-- > 1;) {
      sum[i] += model.blocks[i].weight;
      sum[dom.node(i).parent] += sum[i];
    }
    std::vector<uint32_t> order;
    for (uint32_t i = 1; i < dom.size(); ++i) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return sum[a] > sum[b]; });
    for (size_t k = 0; k < 12 && k < order.size(); ++k) {
      std::printf("cand %s sum=%.0f chars=%u\n", Describe(dom, order[k]).c_str(), sum[order[k]],
                  model.blocks[order[k]].subtree_chars);
    }
  }
  if (!needle.empty()) {
    for (uint32_t i = 1; i < dom.size(); ++i) {
      if (dom.node(i).tag == Tag::kText && dom.node(i).text.find(needle) != absl::string_view::npos) {
        inspect = i;
        break;
      }
    }
  }
  if (inspect != 0) {
    for (uint32_t a = inspect; a != 0; a = dom.node(a).parent) {
      std::printf("  ^ %s hints=%x\n", Describe(dom, a).c_str(), hints[a]);
    }
    BlockModel model = BuildBlockModel(dom, hints, meta.ld_body);
    for (uint32_t i = inspect; i < dom.node(inspect).end && i < dom.size(); ++i) {
      const BlockStats& b = model.blocks[i];
      if (b.chars == 0 && !model.dead(i)) continue;
      if (model.dead(i) && dom.node(dom.node(i).parent).tag != Tag::kText &&
          i != inspect && model.dead(dom.node(i).parent)) continue;
      std::printf("%s dead=%d chars=%u links=%u ends=%u w=%.0f\n", Describe(dom, i).c_str(),
                  model.dead(i), b.chars, b.link_chars, b.sentence_ends, b.weight);
    }
  }
  return 0;
}

}  // namespace
}  // namespace newswire::html

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: extraction_explain page.html[.gz]\n");
    return 2;
  }
  if (argc > 3) newswire::html::needle = argv[3];
  return newswire::html::Run(argv[1], argc > 2 ? std::atoi(argv[2]) : 0);
}
