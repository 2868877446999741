// Shared by the tagging quality tests and the report: the BBC section corpus
// of the shared test corpus (NEWSWIRE_CORPUS/bbc, five sections), read as
// labelled stories through the tagger's own tables.
#ifndef NEWSWIRE_TESTS_TAGGING_BBC_CORPUS_H_
#define NEWSWIRE_TESTS_TAGGING_BBC_CORPUS_H_

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/mapping.h"
#include "services/ingest/tag/trainer.h"

namespace newswire::tagging {

inline absl::StatusOr<tag::LabeledCorpus> ReadBbc(const std::filesystem::path& corpus) {
  absl::StatusOr<tag::MappingTables> mapping = tag::MappingTables::LoadDefault("");
  if (!mapping.ok()) return mapping.status();
  return tag::ReadLabeledFolder((corpus / "bbc").string(), *mapping);
}

inline tag::StoryText TextOf(const tag::LabeledDocument& document) {
  tag::StoryText text;
  text.headline = document.headline;
  for (const std::string& paragraph : document.paragraphs) text.paragraphs.push_back(paragraph);
  return text;
}

}  // namespace newswire::tagging

#endif  // NEWSWIRE_TESTS_TAGGING_BBC_CORPUS_H_
