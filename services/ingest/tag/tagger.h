// Tagger: gives a story its section on the IPTC Media Topics top level, and
// secondary subjects, each saying where it came from and how sure it is.
//
//   TaggerOptions options;                  // defaults: built-in model and tables
//   options.model_path = "bbc.nwtm";        // --tagger_model
//   options.mapping_path = "extra.tsv";     // --tagger_mapping
//   absl::StatusOr<std::unique_ptr<Tagger>> tagger = Tagger::Create(options);
//   (*tagger)->Tag(story);                  // fills story.section, adds subjects
//
// The section is decided by the first of these that names a topic:
//   1. a media topic code the source gives (any depth; origin SOURCE, 1.0)
//   2. the source's other codes mapped: IPTC subject codes, ANPA-1312 and AP
//      categories, IPTC 7901 and agency category codes (MAPPED)
//   3. the source's section label, `story.source_section` (MAPPED)
//   4. the labels of subjects whose scheme has no table (MAPPED)
//   5. a path segment of `story.source_url` (MAPPED)
//   6. the text classifier over headline, subheadline and paragraphs
//      (CLASSIFIED)
// Within one step the codes vote, weighted by confidence. The classifier
// runs for every story with text: beside a section from steps 1-5 its answer
// is kept as `classified_code` / `classified_confidence`. A story the
// classifier has no evidence about either (no text it knows) is left without
// a section. A classified section whose calibrated confidence is below the
// model's threshold gets `low_confidence`. A story with nothing for steps
// 1-5 whose `language` the model was not trained for (the built-in model:
// English) is not classified: its section has origin UNCLASSIFIED, no code,
// and evidence "language:<tag>".
//
// Subjects: each top level the source's codes map to is added as a medtop
// subject (MAPPED), and the classifier's best class other than the section
// when it has at least `secondary_min_confidence` (CLASSIFIED). The source's
// own subjects are never changed or removed, and a medtop subject already
// present is not added again, so tagging twice gives the same story.
//
// Create() loads everything up front; Tag() is const, allocation-light and
// thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_TAGGER_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_TAGGER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "newswire/v1/story.pb.h"
#include "services/ingest/tag/classifier.h"
#include "services/ingest/tag/mapping.h"

namespace newswire::tag {

struct TaggerOptions {
  // Classifier model file (`wirectl train --out`); empty: the built-in
  // default model, data/default_model.nwtm (see README.md).
  std::string model_path;
  // Mapping rows added over the built-in tables; empty: built-in only.
  std::string mapping_path;
  // Least confidence for the classifier's secondary subject.
  float secondary_min_confidence = 0.3f;
};

class Tagger {
 public:
  static absl::StatusOr<std::unique_ptr<Tagger>> Create(const TaggerOptions& options);

  void Tag(v1::Story& story) const;

  const MappingTables& mapping() const { return mapping_; }
  const TextClassifier& classifier() const { return classifier_; }

 private:
  Tagger(MappingTables mapping, TextClassifier classifier, std::vector<int> topic_of_label,
         TaggerOptions options)
      : mapping_(std::move(mapping)),
        classifier_(std::move(classifier)),
        topic_of_label_(std::move(topic_of_label)),
        options_(std::move(options)) {}

  MappingTables mapping_;
  TextClassifier classifier_;
  std::vector<int> topic_of_label_;  // model label index -> kTopics index
  TaggerOptions options_;
};

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_TAGGER_H_
