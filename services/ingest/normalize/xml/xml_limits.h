// Structural limits of an XML document, checked by one linear scan of its
// bytes before libxml2 sees them.
//
// libxml2 2.9.14 does superlinear work on some shapes that are well formed:
// it checks an element's attributes (and its namespace declarations) for
// duplicates pairwise, so one element with 100,000 attributes takes half a
// minute, and it looks every prefix up among all the namespaces in scope.
// A libxml2 call cannot be interrupted, so such a document is refused before
// the parse, with ResourceExhausted "too costly: <what> (limit N)".
//
//   NW_RETURN_IF_ERROR(xml::CheckXmlLimits(bytes));  // before Document::Parse
//
// The scan reads tags, attributes, comments, CDATA, processing instructions
// and the DOCTYPE as XML writes them, and stops quietly at anything
// malformed: well-formedness is libxml2's to judge. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_LIMITS_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_LIMITS_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire::xml {

// Far above any agency document (a NewsML-G2 item uses a handful of
// attributes per element and a dozen namespaces), far below the sizes where
// libxml2's cost shows: with these, a 2 MiB document of the worst shape
// parses in tens of milliseconds.
struct XmlLimits {
  size_t max_bytes = 16 << 20;
  // libxml2's own limit without XML_PARSE_HUGE, refused here first.
  int max_depth = 256;
  size_t max_elements = 250'000;
  // Attributes of one element, namespace declarations included.
  int max_attributes_per_element = 256;
  // Namespace declarations in the whole document (every prefix is looked up
  // among all those in scope).
  int max_namespace_declarations = 256;
  size_t max_attribute_value_bytes = 1 << 20;
};

// OK, or ResourceExhausted "too costly: ..." naming the first limit the
// document exceeds.
absl::Status CheckXmlLimits(absl::string_view bytes, const XmlLimits& limits = XmlLimits());

// Position after the DOCTYPE whose body starts at `pos` (after "<!DOCTYPE"),
// brackets and quotes honoured; npos when it does not end.
size_t SkipDoctype(absl::string_view text, size_t pos);

}  // namespace newswire::xml

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_XML_LIMITS_H_
