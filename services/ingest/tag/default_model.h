// The default section model: data/lexicon_en.txt turned into a model file at
// build time (make_default_model) and compiled into the binary, so ingest
// classifies English news out of the box with no model file.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MODEL_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MODEL_H_

#include "absl/strings/string_view.h"

namespace newswire::tag {

// The bytes of the default model file (NaiveBayesModel::Parse reads them).
absl::string_view DefaultModelBytes();

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MODEL_H_
