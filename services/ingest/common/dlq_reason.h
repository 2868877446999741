// DlqReason: why a raw record went to the dead-letter topic, decided where
// the error is made and carried with it, never read back out of its text.
//
//   return RecordRefused(DlqReason::kBinaryContent, "binary content");
//   ...
//   DlqReason reason = DlqReasonOf(status);      // kBinaryContent
//   DlqReasonLabel(reason);                       // "binary_content"
//
// The reason travels as an absl::Status payload (kDlqReasonPayloadUrl), so
// it survives NW_RETURN_IF_ERROR and any caller that passes the status on.
// Its label is the metric label (newswire_dlq_records_total{reason}) and the
// DLQ header x-newswire-reason; the message stays in x-newswire-error. A
// status without a reason is kOther ("other").
//
// Pure functions; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_DLQ_REASON_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_DLQ_REASON_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire {

enum class DlqReason {
  kOther,           // "other": an error that names no reason (a bug to fix where it is made)
  kUnreadable,      // "unreadable": the consumer could not read the record at all
  kEmptyRecord,     // "empty_record": no bytes, or whitespace only
  kBinaryContent,   // "binary_content": not text
  kTooLarge,        // "record_too_large": over --max_record_bytes
  kTooCostly,       // "too_costly": over a structural limit or the CPU budget
  kUnknownFormat,   // "unknown_format": not the format its shape claimed (root, envelope)
  kMalformedXml,    // "malformed_xml": not well-formed, no root, entities declared
  kMalformedJson,   // "malformed_json": not well-formed JSON, or empty
  kInvalidField,    // "invalid_field": a field of the wrong type (ninjs, AP Media)
  kNoStory,         // "no_story": a text format with no text in it
  kProduceRefused,  // "story_not_producible": a story the broker refuses for good
};

// Every reason, in declaration order (for tests and docs).
inline constexpr DlqReason kAllDlqReasons[] = {
    DlqReason::kOther,         DlqReason::kUnreadable,    DlqReason::kEmptyRecord,
    DlqReason::kBinaryContent, DlqReason::kTooLarge,      DlqReason::kTooCostly,
    DlqReason::kUnknownFormat, DlqReason::kMalformedXml,  DlqReason::kMalformedJson,
    DlqReason::kInvalidField,  DlqReason::kNoStory,       DlqReason::kProduceRefused,
};

// The payload's type URL.
inline constexpr absl::string_view kDlqReasonPayloadUrl = "type.newswire/dlq-reason";

// The bounded label: metric label value and x-newswire-reason header.
absl::string_view DlqReasonLabel(DlqReason reason);

// The reason whose label is `label`; nullopt for any other text.
std::optional<DlqReason> DlqReasonFromLabel(absl::string_view label);

// `status` with `reason` attached (replacing any earlier one). OK stays OK.
absl::Status WithDlqReason(absl::Status status, DlqReason reason);

// InvalidArgument(message) with `reason`: a record refused as bad input.
absl::Status RecordRefused(DlqReason reason, absl::string_view message);

// The reason attached to `status`; kOther when none is (or it is unknown).
DlqReason DlqReasonOf(const absl::Status& status);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_DLQ_REASON_H_
