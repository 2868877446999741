// Classification codes as JSON news formats give them, to v1::Subject.
//
// Sources write a concept three ways: a scheme and a code ({"scheme":
// "http://cv.iptc.org/newscodes/mediatopic/", "code": "11000000"}), a qcode
// ("medtop:11000000") or a concept URI
// ("http://cv.iptc.org/newscodes/mediatopic/11000000"). SplitConceptId and
// SchemeAlias turn each into the (scheme, code) pair the Story keeps, with
// the IPTC aliases ("medtop", "subj") for IPTC's own vocabularies so that
// downstream mapping sees one spelling. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_SUBJECTS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_SUBJECTS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "newswire/v1/story.pb.h"

namespace newswire {

struct ConceptId {
  std::string scheme;
  std::string code;
};

// "medtop:11000000" -> {"medtop", "11000000"};
// "http://cv.iptc.org/newscodes/mediatopic/11000000" -> {"medtop", "11000000"};
// "http://cv.ap.org/id/F1BD..." -> {"http://cv.ap.org/id/", "F1BD..."};
// "01000000" (no scheme at all) -> {"", "01000000"}.
ConceptId SplitConceptId(absl::string_view id);

// A scheme as written, with IPTC NewsCodes URIs replaced by their alias
// ("http://cv.iptc.org/newscodes/subjectcode/" -> "subj").
std::string SchemeAlias(absl::string_view scheme);

// Appends a source-given subject (origin SOURCE, confidence 1 unless given).
// Adds nothing and returns false when `code` and `name` are both empty.
bool AddSourceSubject(const ConceptId& id, absl::string_view name,
                      std::optional<float> confidence, v1::Story& story);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_JSON_JSON_SUBJECTS_H_
