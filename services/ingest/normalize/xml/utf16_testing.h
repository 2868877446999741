// Test helper: text written as UTF-16 bytes, by the tests' own encoder, so
// expected values follow from RFC 2781 rather than from utf16_xml.h.
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_TESTING_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_TESTING_H_

#include <string>

namespace newswire::testing {

// Each code unit of `units` as two bytes, low byte first when
// `little_endian`. No byte order mark.
inline std::string Utf16Bytes(const std::u16string& units, bool little_endian) {
  std::string out;
  for (char16_t u : units) {
    const char high = static_cast<char>(u >> 8);
    const char low = static_cast<char>(u & 0xFF);
    out.push_back(little_endian ? low : high);
    out.push_back(little_endian ? high : low);
  }
  return out;
}

}  // namespace newswire::testing

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_XML_UTF16_TESTING_H_
