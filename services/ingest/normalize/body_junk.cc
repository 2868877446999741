#include "services/ingest/normalize/body_junk.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace newswire {
namespace {

// Longest Ritzau sign-off read ("/ritzau/Reuters-AFP").
constexpr size_t kMaxRitzauSignOffBytes = 32;
// A photo credit line is short: "Foto: NTNU", "Photo: Jane Doe / Reuters".
constexpr int kMaxPhotoCreditWords = 6;
constexpr int kMinRoutingCodes = 6;

// The last word of an agency's copy, in the languages of its desks.
constexpr absl::string_view kEndWords[] = {"end", "ends", "ende", "fin", "slut", "loppu",
                                           "30", "###", "+++"};
// Picture labels in the agencies' languages.
constexpr absl::string_view kPictureLabels[] = {
    "bilde", "bild", "billede", "foto", "photo", "picture", "pic", "image", "imagen",
    "kuva", "caption", "grafikk", "grafik", "graphic"};

bool IsFrame(char c) {
  return c == '(' || c == ')' || c == '[' || c == ']' || c == '-' || c == '.' || c == ' ' ||
         c == '=';
}

int CountWords(absl::string_view text) {
  return static_cast<int>(
      std::vector<absl::string_view>(absl::StrSplit(text, ' ', absl::SkipEmpty())).size());
}

}  // namespace

bool IsSignOff(absl::string_view paragraph) {
  absl::string_view word = absl::StripAsciiWhitespace(paragraph);
  if (TrailingSignOffStart(word) == 0) return true;
  while (!word.empty() && IsFrame(word.front())) word.remove_prefix(1);
  while (!word.empty() && IsFrame(word.back())) word.remove_suffix(1);
  const std::string lower = absl::AsciiStrToLower(word);
  for (absl::string_view end : kEndWords) {
    if (lower == end) return true;
  }
  return false;
}

size_t TrailingSignOffStart(absl::string_view paragraph) {
  absl::string_view text = absl::StripTrailingAsciiWhitespace(paragraph);
  // Only the tail can hold it; lower-casing the whole paragraph would cost
  // a copy of every story's last paragraph.
  const size_t tail_start =
      text.size() > kMaxRitzauSignOffBytes ? text.size() - kMaxRitzauSignOffBytes : 0;
  const std::string tail = absl::AsciiStrToLower(text.substr(tail_start));
  size_t found = tail.rfind("/ritz");
  if (found == std::string::npos) return absl::string_view::npos;
  for (char c : absl::string_view(tail).substr(found)) {
    if (!(absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '/' || c == '-')) {
      return absl::string_view::npos;
    }
  }
  size_t start = tail_start + found;
  while (start > 0 && text[start - 1] == ' ') --start;
  return start;
}

std::string SignOffAgency(absl::string_view sign_off) {
  return absl::StrContains(absl::AsciiStrToLower(sign_off), "/ritz") ? "RITZAU" : "";
}

bool IsRoutingLine(absl::string_view paragraph) {
  int codes = 0;
  int with_digits = 0;
  int mixed = 0;
  for (absl::string_view token : absl::StrSplit(paragraph, ' ', absl::SkipEmpty())) {
    bool digit = false;
    bool letter = false;
    for (char c : token) {
      if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        digit = true;
      } else if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
        letter = true;
      } else if (c != '/' && c != '-' && c != '.') {
        return false;  // a lower-case letter, punctuation of prose, non-ASCII
      }
    }
    ++codes;
    with_digits += digit;
    mixed += digit && letter;
  }
  return codes >= kMinRoutingCodes && 3 * with_digits >= 2 * codes && mixed >= 2;
}

bool IsPictureCaption(absl::string_view paragraph) {
  // The longest label is "billede"; the colon follows it closely.
  constexpr size_t kMaxLabelBytes = 12;
  size_t colon = paragraph.substr(0, kMaxLabelBytes).find(':');
  if (colon == absl::string_view::npos) return false;
  absl::string_view label = absl::StripAsciiWhitespace(paragraph.substr(0, colon));
  absl::string_view rest = absl::StripAsciiWhitespace(paragraph.substr(colon + 1));
  const std::string lower = absl::AsciiStrToLower(label);
  bool known = false;
  for (absl::string_view picture : kPictureLabels) known = known || lower == picture;
  if (!known || rest.empty()) return false;
  // "BILDE: ..." is a caption whatever its length; "Bild: ..." may be the
  // German paper quoted, so a mixed-case label only marks a credit line.
  const bool upper = label == absl::AsciiStrToUpper(label);
  return upper || CountWords(rest) <= kMaxPhotoCreditWords;
}

bool IsPictureLabelWithoutCaption(absl::string_view paragraph) {
  if (!IsPictureCaption(paragraph)) return false;
  absl::string_view rest = absl::StripAsciiWhitespace(paragraph.substr(paragraph.find(':') + 1));
  return rest.find(' ') == absl::string_view::npos &&
         (absl::StartsWith(rest, "http://") || absl::StartsWith(rest, "https://"));
}

bool IsPlaceholder(absl::string_view paragraph) {
  constexpr size_t kMaxPlaceholderBytes = 40;
  absl::string_view text = absl::StripAsciiWhitespace(paragraph);
  if (text.size() > kMaxPlaceholderBytes || !absl::ConsumePrefix(&text, "[") ||
      !absl::ConsumeSuffix(&text, "]")) {
    return false;
  }
  bool letter = false;
  for (char c : text) {
    if (absl::ascii_islower(static_cast<unsigned char>(c))) return false;
    letter = letter || absl::ascii_isupper(static_cast<unsigned char>(c));
  }
  return letter;
}

bool IsEmptyLabel(absl::string_view paragraph) {
  constexpr size_t kMaxLabelBytes = 16;
  absl::string_view label = absl::StripAsciiWhitespace(paragraph);
  if (label.size() > kMaxLabelBytes || !absl::ConsumeSuffix(&label, ":") || label.empty()) {
    return false;
  }
  for (char c : label) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void ReplacePseudoMarkup(std::string* text) {
  struct Pseudo {
    absl::string_view name;
    absl::string_view character;
  };
  static constexpr Pseudo kPseudo[] = {{"endash", "\xE2\x80\x93"}, {"ndash", "\xE2\x80\x93"},
                                       {"emdash", "\xE2\x80\x94"}, {"mdash", "\xE2\x80\x94"}};
  // What an element may hold between its tags ("-", "--", " - ").
  constexpr size_t kMaxPseudoContentBytes = 8;
  if (text->find('<') == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  absl::string_view rest = *text;
  while (!rest.empty()) {
    size_t open = rest.find('<');
    absl::string_view before = rest.substr(0, open == absl::string_view::npos ? rest.size() : open);
    out.append(before.data(), before.size());
    if (open == absl::string_view::npos) break;
    rest.remove_prefix(open);
    size_t consumed = 0;
    absl::string_view character;
    for (const Pseudo& pseudo : kPseudo) {
      absl::string_view tail = rest.substr(1);
      if (!absl::StartsWithIgnoreCase(tail, pseudo.name)) continue;
      tail.remove_prefix(pseudo.name.size());
      absl::string_view after = absl::StripLeadingAsciiWhitespace(tail);
      if (absl::StartsWith(after, "/>")) {
        consumed = rest.size() - after.size() + 2;
      } else if (absl::StartsWith(tail, ">")) {
        const std::string close = absl::StrCat("</", pseudo.name, ">");
        size_t end = absl::AsciiStrToLower(tail.substr(0, 1 + kMaxPseudoContentBytes + close.size()))
                         .find(close);
        if (end == std::string::npos) continue;
        consumed = 1 + pseudo.name.size() + end + close.size();
      } else {
        continue;
      }
      character = pseudo.character;
      break;
    }
    if (consumed == 0) {
      out.push_back('<');
      rest.remove_prefix(1);
      continue;
    }
    out.append(character.data(), character.size());
    rest.remove_prefix(consumed);
  }
  *text = std::move(out);
}

}  // namespace newswire
