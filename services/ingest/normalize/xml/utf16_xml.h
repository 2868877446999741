// Reads an XML document written in UTF-16 as UTF-8, before the Normalizer's
// binary check (UTF-16 markup is half NUL bytes, which that check refuses).
//
//   std::optional<std::string> utf8 = Utf16XmlToUtf8(record.value);
//   absl::string_view bytes = utf8.has_value() ? *utf8 : record.value;
//
// A record is UTF-16 XML when it starts with a byte order mark (FF FE
// little-endian, FE FF big-endian) or, without one, with `<?` in UTF-16
// (3C 00 3F 00 or 00 3C 00 3F, XML 1.0 appendix F), and its decoded text
// starts like XML (optional whitespace, then `<`). Anything else, and any
// record that is not whole, valid UTF-16 (odd length, an unpaired surrogate,
// a NUL or other C0 control but whitespace) is nullopt: it stays what it was,
// and UTF-16 garbage is still refused as binary. The UTF-8 text has no byte
// order mark; its XML declaration still names UTF-16, which xml_doc.h reads
// as UTF-8 for bytes without NULs. Pure and thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_XML_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_XML_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

std::optional<std::string> Utf16XmlToUtf8(absl::string_view bytes);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_XML_H_
