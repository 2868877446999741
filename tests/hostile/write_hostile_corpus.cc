// Writes the hostile suite as files, for tools that take files (wirectl
// normalize, fuzzers' seed corpora):
//   bazel run //tests/hostile:write_hostile_corpus -- /tmp/hostile
// gives one <class>__<what>.value file per case with a non-null value and
// index.tsv: name, class, expectation, compression, value bytes (-1: null),
// key bytes (-1: null), header count, content-type.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/hostile/hostile_records.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_hostile_corpus DIR (an existing directory)\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::ofstream index(dir + "/index.tsv");
  for (const newswire::hostile::HostileCase& c : newswire::hostile::AllHostileCases()) {
    const std::string file = absl::StrReplaceAll(c.name, {{"/", "__"}});
    if (c.value) {
      std::ofstream out(absl::StrCat(dir, "/", file, ".value"), std::ios::binary);
      out.write(c.value->data(), static_cast<std::streamsize>(c.value->size()));
    }
    std::string content_type;
    for (const auto& [name, value] : c.headers) {
      if (name == "content-type") content_type = absl::StrReplaceAll(value, {{"\t", " "}});
    }
    index << c.name << '\t' << c.klass << '\t' << ExpectName(c.expect) << '\t' << c.compression
          << '\t' << (c.value ? static_cast<long>(c.value->size()) : -1L) << '\t'
          << (c.key ? static_cast<long>(c.key->size()) : -1L) << '\t' << c.headers.size() << '\t'
          << content_type << '\n';
  }
  if (!index) {
    std::cerr << "write_hostile_corpus: cannot write " << dir << "/index.tsv\n";
    return 1;
  }
  return 0;
}
