#include "services/ingest/common/dlq_reason.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "services/ingest/common/status_macros.h"

namespace newswire {
namespace {

// The labels docs/metrics.md lists; those already on dashboards and in the
// alert tests (deploy/) keep their values: empty_record, record_too_large,
// too_costly, unknown_format.
TEST(DlqReasonTest, EachReasonHasItsLabel) {
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kOther)), "other");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kUnreadable)), "unreadable");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kEmptyRecord)), "empty_record");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kBinaryContent)), "binary_content");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kTooLarge)), "record_too_large");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kTooCostly)), "too_costly");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kUnknownFormat)), "unknown_format");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kMalformedXml)), "malformed_xml");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kMalformedJson)), "malformed_json");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kInvalidField)), "invalid_field");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kNoStory)), "no_story");
  EXPECT_EQ(std::string(DlqReasonLabel(DlqReason::kProduceRefused)), "story_not_producible");
}

TEST(DlqReasonTest, LabelsAreDistinctAndReadBack) {
  std::set<std::string> seen;
  for (DlqReason reason : kAllDlqReasons) {
    const std::string label(DlqReasonLabel(reason));
    EXPECT_TRUE(seen.insert(label).second) << label << " twice";
    std::optional<DlqReason> back = DlqReasonFromLabel(label);
    ASSERT_TRUE(back.has_value()) << label;
    EXPECT_EQ(*back, reason) << label;
  }
  EXPECT_FALSE(DlqReasonFromLabel("binary content").has_value());
}

absl::Status Inner() { return RecordRefused(DlqReason::kMalformedXml, "xml: not well-formed"); }
absl::Status Outer() {
  NW_RETURN_IF_ERROR(Inner());
  return absl::OkStatus();
}

TEST(DlqReasonTest, TheReasonTravelsWithTheStatus) {
  absl::Status status = Outer();
  EXPECT_TRUE(absl::IsInvalidArgument(status));
  EXPECT_EQ(status.message(), "xml: not well-formed");
  EXPECT_EQ(DlqReasonOf(status), DlqReason::kMalformedXml);
  // Another code keeps its own: the reason does not pick the code.
  EXPECT_EQ(DlqReasonOf(WithDlqReason(absl::ResourceExhaustedError("too costly: x"),
                                      DlqReason::kTooCostly)),
            DlqReason::kTooCostly);
  // The last one set wins.
  EXPECT_EQ(DlqReasonOf(WithDlqReason(status, DlqReason::kNoStory)), DlqReason::kNoStory);
}

TEST(DlqReasonTest, AnErrorWithoutAReasonIsOther) {
  EXPECT_EQ(DlqReasonOf(absl::InvalidArgumentError("binary content")), DlqReason::kOther);
  EXPECT_EQ(DlqReasonOf(absl::InternalError("x")), DlqReason::kOther);
  absl::Status garbled = absl::InvalidArgumentError("x");
  garbled.SetPayload(kDlqReasonPayloadUrl, absl::Cord("no_such_reason"));
  EXPECT_EQ(DlqReasonOf(garbled), DlqReason::kOther);
  // OK carries nothing.
  EXPECT_TRUE(WithDlqReason(absl::OkStatus(), DlqReason::kNoStory).ok());
}

}  // namespace
}  // namespace newswire
