#include "services/ingest/normalize/wire/wire_version.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace newswire::wire {
namespace {

bool ContainsAny(absl::string_view text, std::initializer_list<absl::string_view> words) {
  for (absl::string_view word : words) {
    if (absl::StrContains(text, word)) return true;
  }
  return false;
}

// "<n>st|nd|rd|th" followed by "ld", "lead" or "writethru" in `squeezed`
// (lower case, no spaces or hyphens): n, else 0.
int64_t LeadNumber(absl::string_view squeezed) {
  for (size_t i = 0; i < squeezed.size();) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(squeezed[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < squeezed.size() && absl::ascii_isdigit(static_cast<unsigned char>(squeezed[end]))) {
      ++end;
    }
    absl::string_view rest = squeezed.substr(end);
    int64_t n = 0;
    bool ordinal = absl::ConsumePrefix(&rest, "st") || absl::ConsumePrefix(&rest, "nd") ||
                   absl::ConsumePrefix(&rest, "rd") || absl::ConsumePrefix(&rest, "th");
    if (ordinal &&
        (absl::StartsWith(rest, "ld") || absl::StartsWith(rest, "lead") ||
         absl::StartsWith(rest, "writethru")) &&
        absl::SimpleAtoi(squeezed.substr(i, end - i), &n) && n > 0 && n < 1000) {
      return n;
    }
    i = end;
  }
  return 0;
}

}  // namespace

VersionWords ReadVersionWords(absl::string_view words) {
  std::string squeezed =
      absl::StrReplaceAll(absl::AsciiStrToLower(words), {{" ", ""}, {"-", ""}, {"\t", ""}});
  VersionWords result;
  int64_t lead = LeadNumber(squeezed);
  if (lead > 0) {
    result.version = lead + 1;
  } else if (absl::StartsWith(squeezed, "ld") || absl::StrContains(squeezed, "lead")) {
    // An unnumbered new lead ("Ld-Writethru", "Lead") is the first one: it
    // orders after the first transmission (0), like "1st Ld".
    result.version = 2;
  } else if (absl::StrContains(squeezed, "writethr")) {
    // A write-thru without a lead rewrites the first transmission.
    result.version = 1;
  }
  if (ContainsAny(squeezed, {"kill", "eliminat", "withdraw", "zur\xC3\xBC" "ckgezogen", "storno"})) {
    result.signal = v1::SIGNAL_KILL;
  } else if (ContainsAny(squeezed, {"correct", "korrektur", "berichtigung"})) {
    result.signal = v1::SIGNAL_CORRECTION;
  } else if (lead > 0 || squeezed == "ld" || absl::StartsWith(squeezed, "sub") ||
             ContainsAny(squeezed, {"writethr", "lead", "update", "neufassung"})) {
    result.signal = v1::SIGNAL_UPDATE;
  }
  return result;
}

}  // namespace newswire::wire
