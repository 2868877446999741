// Dead letters: the DLQ record made of a raw record that could not become
// stories, as plain data (no Kafka types), for IngestWorker to produce.
//
//   DeadLetterInfo info{.stage = "normalize", .error = "binary content",
//                       .reason = DlqReason::kBinaryContent, ...};
//   DeadLetter letter = DlqCopy(record, info);
//   if (RecordWireBytes(letter.key, letter.value, letter.headers) > limit)
//     letter = DlqReference(record, info, limit);
//
// An unreadable record (RawRecord::unreadable: the consumer could not read
// it at all) gives a record with a null value, an empty key and only the
// DLQ's headers (stage "consume"): where it is, and the consume error.
//
// A copy is the raw record whole (key, value, null value, timestamp,
// headers); a reference stands for a raw record too large to be copied: the
// first 64 KiB of its value with its size and SHA-256. Both carry the raw
// headers, those named x-newswire-* renamed x-incoming-newswire-*, followed
// by the DLQ's own x-newswire-* headers, so that a reader taking the first
// x-newswire-error gets the service's and not one a producer wrote.
//
// Pure functions; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_DEAD_LETTER_H_
#define NEWSWIRE_SERVICES_INGEST_DEAD_LETTER_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/ingest/common/dlq_reason.h"
#include "services/ingest/common/raw_record.h"
#include "services/ingest/kafka/record_io.h"

namespace newswire {

// DLQ header names.
inline constexpr char kDlqOriginTopic[] = "x-newswire-origin-topic";
inline constexpr char kDlqOriginPartition[] = "x-newswire-origin-partition";
inline constexpr char kDlqOriginOffset[] = "x-newswire-origin-offset";
inline constexpr char kDlqStage[] = "x-newswire-stage";
// The error message, and the DlqReason label (common/dlq_reason.h): the
// same value as the metric label newswire_dlq_records_total{reason}.
inline constexpr char kDlqError[] = "x-newswire-error";
inline constexpr char kDlqReasonHeader[] = "x-newswire-reason";
inline constexpr char kDlqVersion[] = "x-newswire-version";
// "copy", "reference" or "unreadable".
inline constexpr char kDlqKind[] = "x-newswire-dlq-kind";
// References only: bytes of the raw value, and its SHA-256 in lowercase hex.
inline constexpr char kDlqOriginalSize[] = "x-newswire-original-size";
inline constexpr char kDlqOriginalSha256[] = "x-newswire-original-sha256";

inline constexpr char kDlqKindCopy[] = "copy";
inline constexpr char kDlqKindReference[] = "reference";
inline constexpr char kDlqKindUnreadable[] = "unreadable";

// Incoming headers starting with this are renamed kIncomingHeaderPrefix + rest.
inline constexpr absl::string_view kServiceHeaderPrefix = "x-newswire-";
inline constexpr absl::string_view kIncomingHeaderPrefix = "x-incoming-newswire-";

// A reference keeps at most this much of the raw value.
inline constexpr size_t kDlqReferenceValueBytes = 64 << 10;
// The longest error message a DLQ record carries (longer ones are cut).
inline constexpr size_t kDlqMaxErrorBytes = 1024;

struct DeadLetterInfo {
  std::string stage;  // "consume", "normalize", "produce"
  std::string error;  // the error message (x-newswire-error)
  std::string service_version;
  DlqReason reason = DlqReason::kOther;  // x-newswire-reason, the metric label
};

struct DeadLetter {
  bool reference = false;
  std::string key;
  std::string value;
  bool value_is_null = false;
  KafkaHeaders headers;
  // The raw record's for a copy; the epoch (the producer's clock) for a
  // reference, so that a timestamp the DLQ topic refuses cannot make the
  // last resort fail too.
  absl::Time timestamp = absl::UnixEpoch();
};

// The whole raw record, with renamed incoming headers and the DLQ's.
DeadLetter DlqCopy(const RawRecord& record, const DeadLetterInfo& info);

// The record standing for a record the consumer could not read: null value,
// empty key, the DLQ's headers only, the producer's clock.
DeadLetter DlqUnreadable(const RawRecord& record, const DeadLetterInfo& info);

// A record standing for `record` that fits in `max_message_bytes`
// (RecordWireBytes): the DLQ headers first, then as much of the key and of
// the renamed raw headers as fits, then up to kDlqReferenceValueBytes of the
// value.
DeadLetter DlqReference(const RawRecord& record, const DeadLetterInfo& info,
                        size_t max_message_bytes);

// An upper bound of what a message counts against a producer's
// message.max.bytes (librdkafka checks key + value + serialized headers +
// a record's overhead before compression).
size_t RecordWireBytes(absl::string_view key, absl::string_view value,
                       const KafkaHeaders& headers);

// `headers` with every x-newswire-* name renamed x-incoming-newswire-*.
KafkaHeaders RenameIncomingHeaders(const KafkaHeaders& headers);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_DEAD_LETTER_H_
