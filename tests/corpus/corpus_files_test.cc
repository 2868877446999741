#include "tests/corpus/corpus_files.h"

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace newswire::test_corpus {
namespace {

std::string Gzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(CorpusFilesTest, GunzipRoundTripsAndRejectsCorruptData) {
  std::string page(100000, 'x');
  page += "<html>end</html>";
  absl::StatusOr<std::string> out = Gunzip(Gzip(page));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, page);
  std::string truncated = Gzip(page).substr(0, 40);
  EXPECT_EQ(Gunzip(truncated).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(Gunzip("not gzip at all").status().code(), absl::StatusCode::kDataLoss);
}

TEST(CorpusFilesTest, ReadFolderListsRecursivelyInOrderAndGunzips) {
  std::filesystem::path root = std::filesystem::path(std::getenv("TEST_TMPDIR")) / "corpus";
  WriteFile(root / "wire" / "b.xml", "<b/>");
  WriteFile(root / "wire" / "a.txt", "a");
  WriteFile(root / "wire" / "sub" / "c.html.gz", Gzip("<p>c</p>"));
  absl::StatusOr<std::vector<CorpusFile>> files = ReadFolder(root, "wire");
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].path, "wire/a.txt");
  EXPECT_EQ((*files)[1].path, "wire/b.xml");
  EXPECT_EQ((*files)[2].path, "wire/sub/c.html.gz");
  EXPECT_EQ((*files)[2].bytes, "<p>c</p>");
  EXPECT_EQ(ReadFolder(root, "missing").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace newswire::test_corpus
