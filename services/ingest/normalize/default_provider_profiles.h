// The built-in provider profile table (data/providers.tsv), compiled into the
// binary by the genrule in BUILD.bazel (the tag module's embed_data tool,
// hence the namespace).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_DEFAULT_PROVIDER_PROFILES_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_DEFAULT_PROVIDER_PROFILES_H_

#include "absl/strings/string_view.h"

namespace newswire::tag {

// The text of data/providers.tsv as it was at build time.
absl::string_view DefaultProviderProfilesTsv();

}  // namespace newswire::tag

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_DEFAULT_PROVIDER_PROFILES_H_
