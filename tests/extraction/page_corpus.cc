#include "tests/extraction/page_corpus.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"

namespace newswire::extraction {
namespace {

absl::StatusOr<std::string> Gunzip(const std::string& bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return absl::InternalError("zlib: inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&stream);
      return absl::InvalidArgumentError(absl::StrCat("gzip: corrupt data (", rc, ")"));
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  return out;
}

std::string Body(simdjson::dom::element page) {
  std::string_view body;
  if (page["articleBody"].get(body) != simdjson::SUCCESS) return "";
  return std::string(body);
}

}  // namespace

absl::StatusOr<std::string> ReadFileMaybeGzip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (absl::EndsWith(path, ".gz")) return Gunzip(bytes);
  return bytes;
}

absl::StatusOr<std::vector<CorpusPage>> LoadCorpus(const std::string& html_dir,
                                                   const std::string& truth_file) {
  absl::StatusOr<std::string> truth_json = ReadFileMaybeGzip(truth_file);
  if (!truth_json.ok()) return truth_json.status();
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(*truth_json).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(truth_file, ": not a JSON object"));
  }
  std::vector<CorpusPage> pages;
  for (auto [key, value] : root) {
    CorpusPage page;
    page.key = std::string(key);
    page.truth = Body(value);
    std::string_view url;
    if (value["url"].get(url) == simdjson::SUCCESS) page.url = std::string(url);
    std::string base = html_dir + "/" + page.key + ".html";
    absl::StatusOr<std::string> html = ReadFileMaybeGzip(base + ".gz");
    if (!html.ok()) html = ReadFileMaybeGzip(base);
    if (!html.ok()) return html.status();
    page.html = *std::move(html);
    pages.push_back(std::move(page));
  }
  std::sort(pages.begin(), pages.end(),
            [](const CorpusPage& a, const CorpusPage& b) { return a.key < b.key; });
  return pages;
}

absl::StatusOr<std::vector<std::string>> LoadPages(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::string name = entry.path().string();
    if (absl::EndsWith(name, ".html") || absl::EndsWith(name, ".html.gz")) names.push_back(name);
  }
  if (error) return absl::NotFoundError(absl::StrCat("cannot list ", dir));
  std::sort(names.begin(), names.end());
  std::vector<std::string> pages;
  for (const std::string& name : names) {
    absl::StatusOr<std::string> page = ReadFileMaybeGzip(name);
    if (!page.ok()) return page.status();
    pages.push_back(*std::move(page));
  }
  return pages;
}

absl::StatusOr<Predictions> LoadPredictions(const std::string& file) {
  absl::StatusOr<std::string> json = ReadFileMaybeGzip(file);
  if (!json.ok()) return json.status();
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(*json).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": not a JSON object"));
  }
  Predictions predictions;
  simdjson::dom::object bodies = root;
  double speed;
  if (root["pages_per_second"].get(speed) == simdjson::SUCCESS) {
    predictions.pages_per_second = speed;
  }
  simdjson::dom::object inner;
  if (root["predictions"].get(inner) == simdjson::SUCCESS) bodies = inner;
  for (auto [key, value] : bodies) {
    predictions.bodies[std::string(key)] = Body(value);
  }
  return predictions;
}

std::optional<std::string> CorpusRoot() {
  const char* root = std::getenv("NEWSWIRE_CORPUS");
  if (root == nullptr || *root == '\0') return std::nullopt;
  if (!std::filesystem::is_directory(root)) return std::nullopt;
  return std::string(root);
}

}  // namespace newswire::extraction
