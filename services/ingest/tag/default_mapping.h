// The default mapping tables (data/mapping.tsv), compiled into the binary by
// the genrule in BUILD.bazel so a tagger needs no data file at run time.
#ifndef NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MAPPING_H_
#define NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MAPPING_H_

#include "absl/strings/string_view.h"

namespace newswire::tag {

// The text of data/mapping.tsv as it was at build time.
absl::string_view DefaultMappingTsv();

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_TAG_DEFAULT_MAPPING_H_
