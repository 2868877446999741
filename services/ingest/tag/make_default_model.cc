// Build tool: turns a lexicon (lexicon.h) into a model file.
//
//   make_default_model LEXICON MODEL
//
// Run by the :default_model genrule on data/lexicon_en.txt; the result is
// compiled into the tagger as its default model. Deterministic.
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/statusor.h"
#include "services/ingest/tag/lexicon.h"
#include "services/ingest/tag/model.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_default_model LEXICON MODEL\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "make_default_model: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<newswire::tag::Lexicon> lexicon = newswire::tag::ParseLexicon(text.str(), argv[1]);
  if (!lexicon.ok()) {
    std::cerr << "make_default_model: " << lexicon.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<newswire::tag::NaiveBayesModel> model = newswire::tag::BuildLexiconModel(*lexicon);
  if (!model.ok()) {
    std::cerr << "make_default_model: " << model.status().message() << "\n";
    return 1;
  }
  if (absl::Status saved = model->Save(argv[2]); !saved.ok()) {
    std::cerr << "make_default_model: " << saved.message() << "\n";
    return 1;
  }
  return 0;
}
