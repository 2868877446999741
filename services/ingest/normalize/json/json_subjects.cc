#include "services/ingest/normalize/json/json_subjects.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/text/text.h"

namespace newswire {
namespace {

// IPTC NewsCodes vocabularies and the scheme aliases IPTC assigns them.
constexpr struct {
  const char* vocabulary;
  const char* alias;
} kIptcAliases[] = {
    {"mediatopic", "medtop"}, {"subjectcode", "subj"}, {"genre", "genre"},
    {"scene", "scene"},       {"product", "product"},
};

bool ConsumeIptcPrefix(absl::string_view& uri) {
  for (absl::string_view prefix :
       {"http://cv.iptc.org/newscodes/", "https://cv.iptc.org/newscodes/"}) {
    if (absl::StartsWithIgnoreCase(uri, prefix)) {
      uri.remove_prefix(prefix.size());
      return true;
    }
  }
  return false;
}

// A qcode's scheme alias: a letter, then letters, digits, '-' or '_'.
bool IsQcodeAlias(absl::string_view alias) {
  if (alias.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(alias.front()))) {
    return false;
  }
  for (char c : alias) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  // "urn:..." and "tag:..." are identifiers, not qcodes.
  return !absl::EqualsIgnoreCase(alias, "urn") && !absl::EqualsIgnoreCase(alias, "tag");
}

}  // namespace

std::string SchemeAlias(absl::string_view scheme) {
  absl::string_view rest = scheme;
  if (ConsumeIptcPrefix(rest)) {
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    for (const auto& known : kIptcAliases) {
      if (rest == known.vocabulary) return known.alias;
    }
  }
  return std::string(scheme);
}

ConceptId SplitConceptId(absl::string_view id) {
  id = absl::StripAsciiWhitespace(id);
  ConceptId concept_id;
  absl::string_view rest = id;
  if (ConsumeIptcPrefix(rest)) {
    size_t slash = rest.rfind('/');
    if (slash != absl::string_view::npos && slash + 1 < rest.size()) {
      concept_id.scheme = SchemeAlias(id.substr(0, id.size() - rest.size() + slash + 1));
      concept_id.code = std::string(rest.substr(slash + 1));
      return concept_id;
    }
  }
  size_t colon = id.find(':');
  if (colon != absl::string_view::npos && id.substr(colon, 3) == "://") {
    // A URI: the vocabulary is everything up to the last '/' or '#'.
    size_t cut = id.find_last_of("/#");
    if (cut != absl::string_view::npos && cut > colon + 2 && cut + 1 < id.size()) {
      concept_id.scheme = std::string(id.substr(0, cut + 1));
      concept_id.code = std::string(id.substr(cut + 1));
      return concept_id;
    }
  } else if (colon != absl::string_view::npos && colon + 1 < id.size() &&
             IsQcodeAlias(id.substr(0, colon))) {
    concept_id.scheme = std::string(id.substr(0, colon));
    concept_id.code = std::string(id.substr(colon + 1));
    return concept_id;
  }
  concept_id.code = std::string(id);
  return concept_id;
}

bool AddSourceSubject(const ConceptId& id, absl::string_view name,
                      std::optional<float> confidence, v1::Story& story) {
  std::string code = text::CollapseWhitespace(id.code);
  std::string label = text::CollapseWhitespace(name);
  if (code.empty() && label.empty()) return false;
  v1::Subject* subject = story.add_subjects();
  subject->set_scheme(text::CollapseWhitespace(id.scheme));
  subject->set_code(code);
  subject->set_name(label);
  subject->set_origin(v1::CLASSIFICATION_ORIGIN_SOURCE);
  subject->set_confidence(confidence.value_or(1.0f));
  return true;
}

}  // namespace newswire
