#include "services/ingest/normalize/normalizer.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/normalize/plain_text.h"
#include "services/ingest/normalize/story_id.h"
#include "services/ingest/normalize/text.h"

namespace newswire {
namespace {

using google::protobuf::util::TimeUtil;

// Share of bytes that are C0 controls (other than whitespace and the wire
// control characters SOH, STX, ETX, EOT) above which a record is binary.
bool LooksBinary(absl::string_view bytes) {
  if (bytes.find('\0') != absl::string_view::npos) return true;
  size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' &&
        (c < 0x01 || c > 0x04) && c != 0x1E && c != 0x1F && c != 0x16) {
      ++controls;
    }
  }
  return controls * 20 > bytes.size();
}

google::protobuf::Timestamp ToProtoTime(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

// What every story gets, whatever its format.
void FinishStory(const RawRecord& record, int index, v1::Story& story) {
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
  if (!story.has_first_created()) {
    *story.mutable_first_created() = story.has_version_created()
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
  if (story.id().empty()) story.set_id(MakeStoryId(story));
}

}  // namespace

v1::SourceFormat DetectFormat(const RawRecord& record) {
  return v1::SOURCE_FORMAT_PLAIN_TEXT;
}

absl::StatusOr<std::vector<v1::Story>> Normalizer::Normalize(
    const RawRecord& record) const {
  if (record.value.size() > options_.max_record_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("record too large: ", record.value.size(), " bytes, limit ",
                     options_.max_record_bytes));
  }
  if (text::CollapseWhitespace(text::ToUtf8(record.value)).empty()) {
    return absl::InvalidArgumentError("empty record");
  }
  if (LooksBinary(record.value)) {
    return absl::InvalidArgumentError("binary content");
  }
  std::string utf8 = text::ToUtf8(record.value);
  std::vector<v1::Story> stories;
  switch (DetectFormat(record)) {
    default: {
      NW_ASSIGN_OR_RETURN(stories, ParsePlainText(utf8));
      break;
    }
  }
  for (size_t i = 0; i < stories.size(); ++i) {
    FinishStory(record, static_cast<int>(i), stories[i]);
  }
  return stories;
}

}  // namespace newswire
