#include "tests/corpus/corpus_files.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/status_macros.h"

namespace newswire::test_corpus {
namespace {

constexpr size_t kMaxGunzipBytes = size_t{256} << 20;

}  // namespace

std::optional<std::filesystem::path> RootFromEnv() {
  const char* dir = std::getenv("NEWSWIRE_CORPUS");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return std::nullopt;
  return std::filesystem::path(dir);
}

absl::StatusOr<std::string> Gunzip(absl::string_view compressed) {
  z_stream stream{};
  // 16 + MAX_WBITS: expect a gzip header and trailer.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return absl::InternalError("gunzip: inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int code = Z_OK;
  while (code != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    code = inflate(&stream, Z_NO_FLUSH);
    if (code != Z_OK && code != Z_STREAM_END) {
      inflateEnd(&stream);
      return absl::DataLossError(absl::StrCat("gunzip: corrupt data (zlib code ", code, ")"));
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (out.size() > kMaxGunzipBytes) {
      inflateEnd(&stream);
      return absl::DataLossError("gunzip: output larger than 256 MiB");
    }
    if (code == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return absl::DataLossError("gunzip: truncated data");
    }
  }
  inflateEnd(&stream);
  return out;
}

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  NW_ASSIGN_OR_RETURN(std::string bytes, newswire::ReadFile(path.string()));
  if (absl::EndsWith(path.filename().string(), ".gz")) return Gunzip(bytes);
  return bytes;
}

std::optional<std::string> ReadCorpusFile(absl::string_view relative) {
  std::optional<std::filesystem::path> root = RootFromEnv();
  if (!root) return std::nullopt;
  absl::StatusOr<std::string> bytes = ReadFile(*root / std::string(relative));
  if (!bytes.ok()) return std::nullopt;
  return *std::move(bytes);
}

absl::StatusOr<std::vector<CorpusFile>> ReadFolder(const std::filesystem::path& root,
                                                   absl::string_view folder) {
  std::filesystem::path dir = root / std::string(folder);
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat("no corpus folder ", dir.string()));
  }
  std::vector<std::filesystem::path> paths;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) paths.push_back(it->path());
  }
  if (error) return absl::InternalError(absl::StrCat("listing ", dir.string(), ": ", error.message()));
  std::sort(paths.begin(), paths.end());
  std::vector<CorpusFile> files;
  files.reserve(paths.size());
  for (const std::filesystem::path& path : paths) {
    absl::StatusOr<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) return bytes.status();
    files.push_back({std::filesystem::relative(path, root).generic_string(), *std::move(bytes)});
  }
  return files;
}

}  // namespace newswire::test_corpus
