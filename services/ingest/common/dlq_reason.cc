#include "services/ingest/common/dlq_reason.h"

#include "absl/strings/cord.h"

namespace newswire {

absl::string_view DlqReasonLabel(DlqReason reason) {
  switch (reason) {
    case DlqReason::kOther:
      break;
    case DlqReason::kUnreadable:
      return "unreadable";
    case DlqReason::kEmptyRecord:
      return "empty_record";
    case DlqReason::kBinaryContent:
      return "binary_content";
    case DlqReason::kTooLarge:
      return "record_too_large";
    case DlqReason::kTooCostly:
      return "too_costly";
    case DlqReason::kUnknownFormat:
      return "unknown_format";
    case DlqReason::kMalformedXml:
      return "malformed_xml";
    case DlqReason::kMalformedJson:
      return "malformed_json";
    case DlqReason::kInvalidField:
      return "invalid_field";
    case DlqReason::kNoStory:
      return "no_story";
    case DlqReason::kProduceRefused:
      return "story_not_producible";
  }
  return "other";
}

std::optional<DlqReason> DlqReasonFromLabel(absl::string_view label) {
  for (DlqReason reason : kAllDlqReasons) {
    if (DlqReasonLabel(reason) == label) return reason;
  }
  return std::nullopt;
}

absl::Status WithDlqReason(absl::Status status, DlqReason reason) {
  if (!status.ok()) status.SetPayload(kDlqReasonPayloadUrl, absl::Cord(DlqReasonLabel(reason)));
  return status;
}

absl::Status RecordRefused(DlqReason reason, absl::string_view message) {
  return WithDlqReason(absl::InvalidArgumentError(message), reason);
}

DlqReason DlqReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kDlqReasonPayloadUrl);
  if (!payload.has_value()) return DlqReason::kOther;
  return DlqReasonFromLabel(std::string(*payload)).value_or(DlqReason::kOther);
}

}  // namespace newswire
