#include "services/ingest/normalize/wire_agency.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/ingest/normalize/text.h"

namespace newswire {
namespace {

// Full names and common spellings of agencies whose feeds reach us.
constexpr struct {
  const char* lower_name;
  const char* short_name;
} kAgencies[] = {
    {"associated press", "AP"},
    {"the associated press", "AP"},
    {"ap", "AP"},
    {"australian associated press", "AAP"},
    {"aap", "AAP"},
    {"reuters", "REUTERS"},
    {"thomson reuters", "REUTERS"},
    {"agence france-presse", "AFP"},
    {"agence france presse", "AFP"},
    {"afp", "AFP"},
    {"deutsche presse-agentur", "DPA"},
    {"deutsche presse agentur", "DPA"},
    {"dpa", "DPA"},
    {"kyodo", "KYODO"},
    {"kyodo news", "KYODO"},
    {"press association", "PA"},
    {"pa media", "PA"},
    {"bbc", "BBC"},
    {"bbc news", "BBC"},
    {"ansa", "ANSA"},
    {"agenzia nazionale stampa associata", "ANSA"},
    {"efe", "EFE"},
    {"agencia efe", "EFE"},
    {"ntb", "NTB"},
    {"norsk telegrambyrå", "NTB"},
    {"stt", "STT"},
    {"ritzau", "RITZAU"},
    {"ritzaus bureau", "RITZAU"},
    {"xinhua", "XINHUA"},
    {"yonhap", "YONHAP"},
    {"anp", "ANP"},
};

const char* KnownAgency(absl::string_view lower) {
  for (const auto& agency : kAgencies) {
    if (lower == agency.lower_name) return agency.short_name;
  }
  return nullptr;
}

// A code-like token as written: letters, digits and '-', at most 12
// characters, all upper or all lower case ("NTB", "apa"; not "John").
bool IsAgencyCode(absl::string_view token) {
  if (token.empty() || token.size() > 12) return false;
  bool upper = false;
  bool lower = false;
  for (char c : token) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_isalnum(u) && c != '-') return false;
    upper |= absl::ascii_isupper(u);
    lower |= absl::ascii_islower(u);
  }
  return absl::ascii_isalpha(static_cast<unsigned char>(token.front())) && !(upper && lower);
}

}  // namespace

std::string AgencyShortName(absl::string_view name) {
  std::string written = text::CollapseWhitespace(name);
  if (absl::EndsWith(written, ".")) written.pop_back();
  std::string lower = absl::AsciiStrToLower(written);
  absl::string_view trimmed = lower;
  if (const char* known = KnownAgency(trimmed)) return known;
  // "dpa-tns", "AP-WF": a known agency with a service suffix.
  size_t dash = trimmed.find('-');
  if (dash != absl::string_view::npos) {
    if (const char* known = KnownAgency(trimmed.substr(0, dash))) return known;
  }
  if (!IsAgencyCode(written)) return "";
  return absl::AsciiStrToUpper(written);
}

}  // namespace newswire
