#include "services/ingest/tag/mapping.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include <utf8proc.h>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/ingest/common/file.h"
#include "services/ingest/tag/default_mapping.h"
#include "services/ingest/tag/taxonomy.h"

namespace newswire::tag {
namespace {

constexpr absl::string_view kLabel = "label";
constexpr absl::string_view kUrl = "url";
constexpr absl::string_view kScheme = "scheme";
constexpr absl::string_view kSubj = "subj";
constexpr absl::string_view kMedtop = "medtop";
constexpr absl::string_view kNoScheme = "(none)";

// Words that join two labels ("arts & culture", "Kultur und Freizeit").
bool IsConnector(absl::string_view word) {
  for (absl::string_view connector : {"&", "and", "und", "og", "och", "ja", "e", "y", "et", "+"}) {
    if (word == connector) return true;
  }
  return false;
}

bool AllDigits(absl::string_view text) {
  return !text.empty() && absl::c_all_of(text, absl::ascii_isdigit);
}

// "medtop:123" -> "123" when text starts with `prefix` + ':' (case-insensitive).
bool StripQcodePrefix(absl::string_view prefix, absl::string_view& text) {
  if (text.size() > prefix.size() && text[prefix.size()] == ':' &&
      absl::StartsWithIgnoreCase(text, prefix)) {
    text.remove_prefix(prefix.size() + 1);
    return true;
  }
  return false;
}

std::optional<uint32_t> EightDigits(absl::string_view code) {
  uint32_t value = 0;
  if (code.size() != 8 || !AllDigits(code) || !absl::SimpleAtoi(code, &value)) return std::nullopt;
  return value;
}

// The whitespace-trimmed, ASCII-lower-cased form of a code key.
std::string CodeKey(absl::string_view code) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(code));
}

absl::Status LineError(absl::string_view origin, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(origin, " line ", line, ": ", what));
}

}  // namespace

std::string MappingTables::NormalizeLabel(absl::string_view label) {
  std::string folded;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t size = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(label.data()),
      static_cast<utf8proc_ssize_t>(label.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD));
  if (size >= 0 && mapped != nullptr) {
    folded.assign(reinterpret_cast<const char*>(mapped), static_cast<size_t>(size));
  } else {
    folded = absl::AsciiStrToLower(label);  // not UTF-8: fold what we can
  }
  std::free(mapped);

  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    const bool space = c == '_' || c == '-' || c == '/' || absl::ascii_isspace(static_cast<unsigned char>(c));
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  constexpr absl::string_view kOuterPunctuation = ".,:;!?\"'()[]{}*#|>";
  size_t begin = 0;
  size_t end = out.size();
  while (begin < end && (kOuterPunctuation.find(out[begin]) != absl::string_view::npos ||
                         out[begin] == ' ')) {
    ++begin;
  }
  while (end > begin && (kOuterPunctuation.find(out[end - 1]) != absl::string_view::npos ||
                         out[end - 1] == ' ')) {
    --end;
  }
  return out.substr(begin, end - begin);
}

absl::StatusOr<MappingTables> MappingTables::Parse(absl::string_view tsv, absl::string_view origin) {
  MappingTables tables;
  absl::Status status = tables.Merge(tsv, origin);
  if (!status.ok()) return status;
  return tables;
}

absl::StatusOr<MappingTables> MappingTables::LoadDefault(const std::string& override_path) {
  absl::StatusOr<MappingTables> tables = Parse(DefaultMappingTsv(), "built-in mapping.tsv");
  if (!tables.ok() || override_path.empty()) return tables;
  absl::StatusOr<std::string> text = ReadFile(override_path, "mapping file");
  if (!text.ok()) return text.status();
  absl::Status merged = tables->Merge(*text, override_path);
  if (!merged.ok()) return merged;
  return tables;
}

absl::Status MappingTables::Merge(absl::string_view tsv, absl::string_view origin) {
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty() || line.front() == '#') continue;
    std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    if (columns.size() < 3 || columns.size() > 4) {
      return LineError(origin, line_number,
                       absl::StrCat("expected 3 or 4 tab-separated columns, found ", columns.size()));
    }
    const std::string kind = CodeKey(columns[0]);
    const absl::string_view key = absl::StripAsciiWhitespace(columns[1]);
    const absl::string_view target = absl::StripAsciiWhitespace(columns[2]);
    if (kind.empty() || key.empty() || target.empty()) {
      return LineError(origin, line_number, "empty kind, key or target");
    }
    if (kind == "version") {
      version_ = version_.empty() ? std::string(target) : absl::StrCat(version_, "+", target);
      continue;
    }
    if (kind == kScheme) {
      Entry entry;
      entry.target = CodeKey(target);
      tables_[kScheme][CodeKey(key)] = std::move(entry);
      continue;
    }
    MappedTopic mapped;
    mapped.confidence = kind == kMedtop ? 1.0f : kind == kSubj ? 0.95f : 0.9f;
    if (target != "-") {
      std::optional<int> topic = TopicFromCode(target);
      if (!topic) {
        return LineError(origin, line_number,
                         absl::StrCat("target '", target, "' is not a top-level media topic"));
      }
      mapped.topic = *topic;
    }
    if (columns.size() == 4 && !absl::StripAsciiWhitespace(columns[3]).empty()) {
      float confidence = 0;
      if (!absl::SimpleAtof(absl::StripAsciiWhitespace(columns[3]), &confidence) ||
          !(confidence >= 0.0f && confidence <= 1.0f)) {
        return LineError(origin, line_number,
                         absl::StrCat("confidence '", columns[3], "' is not a number in 0..1"));
      }
      mapped.confidence = confidence;
    }
    if (kind == kMedtop) {
      absl::string_view first_text = key;
      absl::string_view last_text = key;
      if (size_t dash = key.find('-'); dash != absl::string_view::npos) {
        first_text = key.substr(0, dash);
        last_text = key.substr(dash + 1);
      }
      std::optional<uint32_t> first = EightDigits(first_text);
      std::optional<uint32_t> last = EightDigits(last_text);
      if (!first || !last || *last < *first || *last - *first > 1000000) {
        return LineError(origin, line_number,
                         absl::StrCat("medtop key '", key, "' is not an 8-digit code or range"));
      }
      for (uint32_t code = *first; code <= *last; ++code) medtop_[code] = mapped;
      continue;
    }
    const std::string normalized =
        (kind == kLabel || kind == kUrl) ? NormalizeLabel(key) : CodeKey(key);
    if (normalized.empty()) return LineError(origin, line_number, "key is empty once normalized");
    Entry entry;
    entry.mapped = mapped;
    tables_[kind][normalized] = std::move(entry);
  }
  return absl::OkStatus();
}

std::optional<MappedTopic> MappingTables::Lookup(absl::string_view table,
                                                 absl::string_view key) const {
  auto t = tables_.find(table);
  if (t == tables_.end()) return std::nullopt;
  auto e = t->second.find(key);
  if (e == t->second.end()) return std::nullopt;
  return e->second.mapped;
}

std::optional<MappedTopic> MappingTables::LookupLabelExact(absl::string_view normalized) const {
  return Lookup(kLabel, normalized);
}

std::optional<MappedTopic> MappingTables::ExpandMedtop(absl::string_view code) const {
  code = absl::StripAsciiWhitespace(code);
  if (!StripQcodePrefix(kMedtop, code)) {
    constexpr absl::string_view kUri = "http://cv.iptc.org/newscodes/mediatopic/";
    if (absl::StartsWithIgnoreCase(code, kUri)) code.remove_prefix(kUri.size());
  }
  std::optional<uint32_t> number = EightDigits(code);
  if (!number) return std::nullopt;
  if (auto it = medtop_.find(*number); it != medtop_.end()) return it->second;
  // NN000000 names a top level by its digits; deeper codes do not.
  if (std::optional<int> topic = TopicFromCode(code)) return MappedTopic{*topic, 1.0f};
  return std::nullopt;
}

std::optional<MappedTopic> MappingTables::MapSubjectCode(absl::string_view code) const {
  code = absl::StripAsciiWhitespace(code);
  StripQcodePrefix(kSubj, code);
  if (!EightDigits(code)) return std::nullopt;
  if (std::optional<MappedTopic> full = Lookup(kSubj, code)) return full;
  return Lookup(kSubj, code.substr(0, 2));
}

std::optional<std::string> MappingTables::TableForScheme(absl::string_view scheme) const {
  std::string key = CodeKey(scheme);
  if (key.empty()) key = std::string(kNoScheme);
  auto t = tables_.find(kScheme);
  if (t == tables_.end()) return std::nullopt;
  auto e = t->second.find(key);
  if (e == t->second.end()) return std::nullopt;
  return e->second.target;
}

std::optional<MappedTopic> MappingTables::MapCode(absl::string_view scheme,
                                                  absl::string_view code) const {
  code = absl::StripAsciiWhitespace(code);
  if (absl::StartsWithIgnoreCase(code, "medtop:")) return ExpandMedtop(code);
  if (absl::StartsWithIgnoreCase(code, "subj:")) return MapSubjectCode(code);
  std::optional<std::string> table = TableForScheme(scheme);
  if (!table) return std::nullopt;
  if (*table == kMedtop) return ExpandMedtop(code);
  if (*table == kSubj) return MapSubjectCode(code);
  return Lookup(*table, CodeKey(code));
}

std::optional<MappedTopic> MappingTables::MapLabel(absl::string_view label) const {
  const std::string normalized = NormalizeLabel(label);
  if (normalized.empty()) return std::nullopt;
  if (std::optional<MappedTopic> exact = LookupLabelExact(normalized)) return exact;

  // Parts: "Sport - Football", "News/Politics", "Nachrichten > Politik".
  std::vector<std::string> parts;
  for (absl::string_view piece :
       absl::StrSplit(label, absl::ByAnyChar("|>,;:/\xE2\x80\xA2\xC2\xB7\xC2\xBB"))) {
    for (absl::string_view sub : absl::StrSplit(piece, " - ")) {
      std::string part = NormalizeLabel(sub);
      if (!part.empty()) parts.push_back(std::move(part));
    }
  }
  if (parts.size() > 1) {
    bool all_known = true;
    for (const std::string& part : parts) {
      std::optional<MappedTopic> mapped = LookupLabelExact(part);
      if (!mapped) {
        all_known = false;
        continue;
      }
      if (mapped->topical()) return MappedTopic{mapped->topic, mapped->confidence * 0.9f};
    }
    if (all_known) return MappedTopic{};
  }

  // Words, when every word is known: "UK Politics", "Sport News".
  std::vector<absl::string_view> words = absl::StrSplit(normalized, ' ', absl::SkipEmpty());
  if (words.size() < 2 || words.size() > 4) return std::nullopt;
  std::optional<MappedTopic> first_topical;
  bool conflict = false;
  for (absl::string_view word : words) {
    if (IsConnector(word)) continue;
    std::optional<MappedTopic> mapped = LookupLabelExact(word);
    if (!mapped) return std::nullopt;
    if (!mapped->topical()) continue;
    if (!first_topical) {
      first_topical = mapped;
    } else if (first_topical->topic != mapped->topic) {
      conflict = true;
    }
  }
  if (!first_topical) return MappedTopic{};
  return MappedTopic{first_topical->topic, first_topical->confidence * (conflict ? 0.5f : 0.8f)};
}

std::optional<UrlMatch> MappingTables::MapUrl(absl::string_view url) const {
  url = absl::StripAsciiWhitespace(url);
  if (size_t cut = url.find_first_of("?#"); cut != absl::string_view::npos) url = url.substr(0, cut);
  // Only web addresses: a file path (`wirectl normalize` names files so) is
  // no site's section.
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return std::nullopt;
  url.remove_prefix(scheme + 3);
  const size_t path = url.find('/');
  url = path == absl::string_view::npos ? absl::string_view() : url.substr(path);
  const bool trailing_slash = !url.empty() && url.back() == '/';
  std::vector<absl::string_view> segments = absl::StrSplit(url, '/', absl::SkipEmpty());
  for (size_t i = 0; i < segments.size(); ++i) {
    const bool slug = i + 1 == segments.size() && !trailing_slash;
    absl::string_view segment = segments[i];
    std::string lower = absl::AsciiStrToLower(segment);
    for (absl::string_view extension : {".html", ".htm", ".shtml", ".php", ".aspx", ".jsp"}) {
      if (absl::EndsWith(lower, extension)) {
        lower.resize(lower.size() - extension.size());
        break;
      }
    }
    // A trailing article number: "business-12345678".
    size_t end = lower.size();
    while (end > 0 && absl::ascii_isdigit(static_cast<unsigned char>(lower[end - 1]))) --end;
    if (end < lower.size() && end > 0 && (lower[end - 1] == '-' || lower[end - 1] == '_')) {
      lower.resize(end - 1);
    }
    if (lower.empty() || AllDigits(lower)) continue;
    const std::string key = NormalizeLabel(lower);
    std::optional<MappedTopic> mapped = Lookup(kUrl, key);
    if (!mapped) mapped = LookupLabelExact(key);
    if (mapped) {
      if (mapped->topical()) return UrlMatch{*mapped, std::string(segment)};
      continue;
    }
    if (slug) continue;
    std::vector<absl::string_view> parts = absl::StrSplit(key, ' ', absl::SkipEmpty());
    if (parts.size() < 2 || parts.size() > 3) continue;
    for (absl::string_view part : parts) {
      std::optional<MappedTopic> part_mapped = Lookup(kUrl, part);
      if (!part_mapped) part_mapped = LookupLabelExact(part);
      if (part_mapped && part_mapped->topical()) {
        return UrlMatch{MappedTopic{part_mapped->topic, part_mapped->confidence * 0.9f},
                        std::string(segment)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace newswire::tag
