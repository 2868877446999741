#include "services/ingest/normalize/normalizer.h"

#include <array>
#include <optional>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/proto_time.h"
#include "absl/strings/strip.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/normalize/enrich.h"
#include "services/ingest/normalize/json/json_formats.h"
#include "services/ingest/normalize/page/page_formats.h"
#include "services/ingest/normalize/plain_text.h"
#include "services/ingest/normalize/rules/record_limits.h"
#include "services/ingest/normalize/story_id.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/normalize/rules/times.h"
#include "services/ingest/normalize/xml/utf16_xml.h"
#include "services/ingest/normalize/wire/wire_text_formats.h"
#include "services/ingest/normalize/xml/xml_formats.h"

namespace newswire {
namespace {


// The C0 controls that count against a record: all but whitespace and the
// wire control characters (SOH, STX, ETX, EOT, SYN, RS, US).
constexpr std::array<bool, 0x20> kBinaryControl = [] {
  std::array<bool, 0x20> table{};
  for (int c = 0; c < 0x20; ++c) {
    table[c] = c != '\n' && c != '\r' && c != '\t' && c != '\f' && (c < 0x01 || c > 0x04) &&
               c != 0x1E && c != 0x1F && c != 0x16;
  }
  return table;
}();

// Share of bytes that are such controls above which a record is binary.
bool LooksBinary(absl::string_view bytes) {
  if (bytes.find('\0') != absl::string_view::npos) return true;
  size_t controls = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* const end = p + bytes.size();
#if defined(__SSE2__)
  // Text has a control (a line end) every line at most: 16 bytes are
  // looked at together, and only their bytes below 0x20 one by one.
  for (; end - p >= 16; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i below = _mm_cmpeq_epi8(_mm_min_epu8(block, _mm_set1_epi8(0x1F)), block);
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(below)); mask != 0;
         mask &= mask - 1) {
      controls += kBinaryControl[p[__builtin_ctz(mask)]];
    }
  }
#endif
  for (; p < end; ++p) controls += *p < 0x20 && kBinaryControl[*p];
  return controls * 20 > bytes.size();
}

// Cheap test that a record has text: any printable ASCII byte. Only records
// without one (rare) pay for the full Unicode whitespace check.
bool HasVisibleAscii(absl::string_view bytes) {
  for (unsigned char c : bytes) {
    if (c > 0x20 && c < 0x7F) return true;
  }
  return false;
}

// Times the parser read without an offset are the provider's local time.
void MoveLocalTimes(const ProviderProfile& profile, const ScopedLocalTimeLog& local_times,
                    v1::Story& story) {
  auto move = [&](google::protobuf::Timestamp* time) {
    if (!local_times.ReadAsLocal(*time)) return;
    const absl::Time read = FromProtoTime(*time);
    *time = ToProtoTime(LocalTimeInZone(read, profile.zone));
  };
  if (story.has_first_created()) move(story.mutable_first_created());
  if (story.has_version_created()) move(story.mutable_version_created());
  if (story.has_embargoed_until()) move(story.mutable_embargoed_until());
}

// What every story gets from the record and its own text, whatever its
// format: origin, the record's agency, then EnrichStory (datelines, credits).
void PrepareStory(const RawRecord& record, int index, v1::Story& story) {
  v1::Origin* origin = story.mutable_origin();
  origin->set_topic(record.topic);
  origin->set_partition(record.partition);
  origin->set_offset(record.offset);
  *origin->mutable_timestamp() = ToProtoTime(record.timestamp);
  origin->set_key(text::ToUtf8(record.key));
  origin->set_content_type(text::ToUtf8(record.Header(kHeaderContentType).value_or("")));
  origin->set_index(index);

  if (story.source_url().empty()) {
    story.set_source_url(text::ToUtf8(record.Header(kHeaderSourceUrl).value_or("")));
  }
  if (story.agency().empty()) {
    std::string agency = text::CollapseWhitespace(
        text::ToUtf8(record.Header(kHeaderAgency).value_or("")));
    for (char& c : agency) c = static_cast<char>(absl::ascii_toupper(c));
    story.set_agency(agency);
  }
  EnrichStory(story);
}

// The rest, once the provider is known. `profile`: its provider's, or null.
// `cycle_day`: the format's own date of the story's news cycle, if any.
void FinishStory(const RawRecord& record, const ProviderProfile* profile,
                 std::optional<absl::CivilDay> cycle_day, v1::Story& story) {
  // The provider's own credit, weaker than any the record or its text gives.
  if (story.agency().empty() && profile != nullptr) story.set_agency(profile->agency);
  if (!story.has_first_created()) {
    // A version's time is the story's first creation only for a first
    // version (or one that gives no number): version 48 was not made when
    // the story was.
    *story.mutable_first_created() = story.has_version_created() && story.version() <= 1
                                         ? story.version_created()
                                         : ToProtoTime(record.timestamp);
  }
  if (!story.has_version_created()) {
    *story.mutable_version_created() = story.first_created();
  }
  int words = text::CountWords(story.headline());
  for (const std::string& paragraph : story.paragraphs()) {
    words += text::CountWords(paragraph);
  }
  story.set_word_count(words);
  if (story.id().empty()) story.set_id(MakeStoryId(story, cycle_day));
}

bool AlwaysMatches(const ParseInput&) { return true; }

// `bytes` as UTF-8, as text::ToUtf8 gives them, viewed in place when they
// are UTF-8 already (nearly every record: a 200 KB page is not copied);
// otherwise repaired into `repaired`.
absl::string_view Utf8Of(absl::string_view bytes, std::string& repaired) {
  absl::ConsumePrefix(&bytes, "\xEF\xBB\xBF");
  if (text::IsValidUtf8(bytes)) return bytes;
  repaired = text::RepairUtf8(bytes);
  return repaired;
}

ParseInput InputFor(absl::string_view bytes, absl::string_view utf8,
                    const std::string& content_type, const std::string& source_url) {
  ParseInput input;
  input.bytes = bytes;
  input.utf8 = utf8;
  input.content_type = content_type;
  input.source_url = source_url;
  return input;
}

}  // namespace

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {
  for (auto* group :
       {&XmlFormatParsers, &JsonFormatParsers, &WireTextFormatParsers, &PageFormatParsers}) {
    for (const FormatParser& parser : group()) parsers_.push_back(parser);
  }
  parsers_.push_back({v1::SOURCE_FORMAT_PLAIN_TEXT, &AlwaysMatches, &ParsePlainText});
}

const FormatParser& Normalizer::ParserFor(const ParseInput& input) const {
  for (const FormatParser& parser : parsers_) {
    if (parser.sniff(input)) return parser;
  }
  return parsers_.back();
}

v1::SourceFormat Normalizer::DetectFormat(const RawRecord& record) const {
  const std::optional<std::string> utf16 = Utf16XmlToUtf8(record.value);
  const absl::string_view bytes = utf16.has_value() ? *utf16 : record.value;
  std::string repaired;
  const absl::string_view utf8 = Utf8Of(bytes, repaired);
  std::string content_type = record.Header(kHeaderContentType).value_or("");
  std::string source_url = record.Header(kHeaderSourceUrl).value_or("");
  return ParserFor(InputFor(bytes, utf8, content_type, source_url)).format;
}

absl::StatusOr<ParseResult> Normalizer::Normalize(const RawRecord& record) const {
  if (record.value.size() > options_.max_record_bytes) {
    return RecordRefused(DlqReason::kTooLarge,
                         absl::StrCat("record too large: ", record.value.size(), " bytes, limit ",
                                      options_.max_record_bytes));
  }
  NW_RETURN_IF_ERROR(CheckCopiedFields(record));
  if (record.value.empty()) return RecordRefused(DlqReason::kEmptyRecord, "empty record");
  // UTF-16 XML is read as UTF-8 from here on; its NUL bytes are not binary.
  const std::optional<std::string> utf16 = Utf16XmlToUtf8(record.value);
  const absl::string_view bytes = utf16.has_value() ? *utf16 : record.value;
  if (LooksBinary(bytes)) {
    return RecordRefused(DlqReason::kBinaryContent, "binary content");
  }
  if (!HasVisibleAscii(bytes) && text::CollapseWhitespace(text::ToUtf8(bytes)).empty()) {
    return RecordRefused(DlqReason::kEmptyRecord, "empty record: whitespace only");
  }
  // Bytes that are not UTF-8, declared so or not, are read by the one policy
  // of every format (text::RepairUtf8 in text::ToUtf8): the story is made.
  std::string repaired;
  const absl::string_view utf8 = Utf8Of(bytes, repaired);
  std::string content_type = text::ToUtf8(record.Header(kHeaderContentType).value_or(""));
  std::string source_url = text::ToUtf8(record.Header(kHeaderSourceUrl).value_or(""));
  ParseInput input = InputFor(bytes, utf8, content_type, source_url);
  const FormatParser& parser = ParserFor(input);
  ScopedLocalTimeLog local_times;
  NW_ASSIGN_OR_RETURN(ParseResult result, parser.parse(input));
  const ProviderProfiles& profiles = options_.provider_profiles != nullptr
                                         ? *options_.provider_profiles
                                         : ProviderProfiles::BuiltIn();
  // Every parser that reads several items checks them first; this holds
  // for any other way a parser could give many stories.
  NW_RETURN_IF_ERROR(CheckItemCount(result.stories.size(), "stories"));
  for (size_t i = 0; i < result.stories.size(); ++i) {
    NW_RETURN_IF_ERROR(CheckWorkBudget());
    v1::Story& story = result.stories[i];
    if (story.source_format() == v1::SOURCE_FORMAT_UNSPECIFIED) {
      story.set_source_format(parser.format);
    }
    NW_RETURN_IF_ERROR(CheckStoryParagraphs(story));
    TrimSourceLists(story);
    // The provider is looked up after the story's own text is read: a
    // feed may name its agency only in the dateline or a closing credit
    // ("Jan. 12 (BusinessDesk) -"). Looked up only when it can change
    // something (most stories have an agency and times with offsets).
    PrepareStory(record, static_cast<int>(i), story);
    const ProviderProfile* profile = nullptr;
    if (local_times.AnyLocal() || story.agency().empty()) {
      profile = profiles.Find(story, text::ToUtf8(record.Header(kHeaderAgency).value_or("")));
    }
    if (profile != nullptr) MoveLocalTimes(*profile, local_times, story);
    FinishStory(record, profile,
                i < result.cycle_days.size() ? result.cycle_days[i] : std::nullopt, story);
  }
  if (result.stories.empty() && result.no_story_reason.empty()) {
    result.no_story_reason = "no text story in the record";
  }
  return result;
}

}  // namespace newswire
