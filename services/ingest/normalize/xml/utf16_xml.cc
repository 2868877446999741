#include "services/ingest/normalize/xml/utf16_xml.h"

#include "services/ingest/normalize/xml/xml_entities.h"

namespace newswire {
namespace {

enum class ByteOrder { kLittle, kBig };

// Controls XML never allows in a document (1.0, section 2.2).
bool IsForbiddenControl(char32_t cp) {
  return cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r';
}

// The whole of `units` (an even number of bytes) as UTF-8, or nullopt.
std::optional<std::string> Decode(absl::string_view units, ByteOrder order) {
  if (units.size() % 2 != 0) return std::nullopt;
  auto unit = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(units[i]);
    const auto b = static_cast<unsigned char>(units[i + 1]);
    return order == ByteOrder::kLittle ? (b << 8 | a) : (a << 8 | b);
  };
  std::string out;
  out.reserve(units.size());  // ASCII markup halves; CJK text grows by half
  for (size_t i = 0; i < units.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xDC00 && cp <= 0xDFFF) return std::nullopt;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= units.size()) return std::nullopt;
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return std::nullopt;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    if (IsForbiddenControl(cp)) return std::nullopt;
    xml::AppendUtf8(cp, &out);
  }
  return out;
}

}  // namespace

std::optional<std::string> Utf16XmlToUtf8(absl::string_view bytes) {
  if (bytes.size() < 4) return std::nullopt;
  ByteOrder order;
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    order = ByteOrder::kLittle;
    bytes.remove_prefix(2);
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    order = ByteOrder::kBig;
    bytes.remove_prefix(2);
  } else if (bytes.substr(0, 4) == absl::string_view("<\0?\0", 4)) {
    order = ByteOrder::kLittle;
  } else if (bytes.substr(0, 4) == absl::string_view("\0<\0?", 4)) {
    order = ByteOrder::kBig;
  } else {
    return std::nullopt;
  }
  std::optional<std::string> text = Decode(bytes, order);
  if (!text.has_value()) return std::nullopt;
  const size_t first = text->find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (*text)[first] != '<') return std::nullopt;
  return text;
}

}  // namespace newswire
