#include "services/ingest/dead_letter.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/ingest/common/text/sha256.h"

namespace newswire {
namespace {

// librdkafka's worst case for one record's framing (length, attributes,
// timestamp and offset deltas, key, value and header counts as varints) is
// 36 bytes; the rest is room for the batch header the broker counts.
constexpr size_t kRecordOverheadBytes = 128;
// A header's name and value lengths as varints.
constexpr size_t kHeaderOverheadBytes = 10;

size_t HeaderBytes(const std::pair<std::string, std::string>& header) {
  return header.first.size() + header.second.size() + kHeaderOverheadBytes;
}

// The DLQ's own headers, after the raw ones.
void AddServiceHeaders(const RawRecord& record, const DeadLetterInfo& info,
                       absl::string_view kind, KafkaHeaders& headers) {
  headers.emplace_back(kDlqOriginTopic, record.topic);
  headers.emplace_back(kDlqOriginPartition, absl::StrCat(record.partition));
  headers.emplace_back(kDlqOriginOffset, absl::StrCat(record.offset));
  headers.emplace_back(kDlqStage, info.stage);
  headers.emplace_back(kDlqError, info.error.substr(0, kDlqMaxErrorBytes));
  headers.emplace_back(kDlqReasonHeader, std::string(DlqReasonLabel(info.reason)));
  headers.emplace_back(kDlqVersion, info.service_version);
  headers.emplace_back(kDlqKind, std::string(kind));
}

}  // namespace

KafkaHeaders RenameIncomingHeaders(const KafkaHeaders& headers) {
  KafkaHeaders renamed;
  renamed.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    // Case-insensitive: RawRecord::Header() finds "X-Newswire-Error" too.
    if (absl::StartsWithIgnoreCase(name, kServiceHeaderPrefix)) {
      renamed.emplace_back(absl::StrCat(kIncomingHeaderPrefix, name.substr(kServiceHeaderPrefix.size())),
                           value);
    } else {
      renamed.emplace_back(name, value);
    }
  }
  return renamed;
}

size_t RecordWireBytes(absl::string_view key, absl::string_view value,
                       const KafkaHeaders& headers) {
  size_t bytes = kRecordOverheadBytes + key.size() + value.size();
  for (const auto& header : headers) bytes += HeaderBytes(header);
  return bytes;
}

DeadLetter DlqCopy(const RawRecord& record, const DeadLetterInfo& info) {
  DeadLetter letter;
  letter.key = record.key;
  letter.value = record.value;
  letter.value_is_null = record.value_is_null;
  letter.headers = RenameIncomingHeaders(record.headers);
  AddServiceHeaders(record, info, kDlqKindCopy, letter.headers);
  letter.timestamp = record.timestamp;
  return letter;
}

DeadLetter DlqUnreadable(const RawRecord& record, const DeadLetterInfo& info) {
  DeadLetter letter;
  letter.value_is_null = true;
  AddServiceHeaders(record, info, kDlqKindUnreadable, letter.headers);
  return letter;
}

DeadLetter DlqReference(const RawRecord& record, const DeadLetterInfo& info,
                        size_t max_message_bytes) {
  DeadLetter letter;
  letter.reference = true;
  letter.value_is_null = record.value_is_null;
  KafkaHeaders own;
  AddServiceHeaders(record, info, kDlqKindReference, own);
  own.emplace_back(kDlqOriginalSize, absl::StrCat(record.value.size()));
  own.emplace_back(kDlqOriginalSha256, Sha256Hex(record.value));
  // What is left once the DLQ's headers are in: the key (a key this large is
  // itself the anomaly, so it gets a quarter at most), then the raw headers
  // while they fit, then the value's beginning.
  size_t room = max_message_bytes;
  room -= std::min(room, RecordWireBytes("", "", own));
  letter.key = record.key.substr(0, std::min(record.key.size(), room / 4));
  room -= letter.key.size();
  for (auto& header : RenameIncomingHeaders(record.headers)) {
    if (HeaderBytes(header) > room) break;
    room -= HeaderBytes(header);
    letter.headers.push_back(std::move(header));
  }
  letter.headers.insert(letter.headers.end(), own.begin(), own.end());
  letter.value = record.value.substr(0, std::min({record.value.size(), kDlqReferenceValueBytes, room}));
  return letter;
}

}  // namespace newswire
