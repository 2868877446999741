#include "services/ingest/dead_letter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/ingest/common/text/sha256.h"

namespace newswire {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

RawRecord Record(std::string value) {
  RawRecord record;
  record.topic = "raw";
  record.partition = 2;
  record.offset = 41;
  record.key = "key";
  record.value = std::move(value);
  record.timestamp = absl::FromUnixSeconds(1700000000);
  record.headers = {{"X-Newswire-Error", "spoofed"}, {"source-url", "u"}};
  return record;
}

const DeadLetterInfo kInfo{"normalize", "binary content", "v1", DlqReason::kBinaryContent};

// The first header `name` (case-insensitive, as RawRecord::Header reads it).
std::string HeaderOf(const DeadLetter& letter, absl::string_view name) {
  RawRecord read;
  read.headers = letter.headers;
  return read.Header(name).value_or("");
}

TEST(DeadLetterTest, ACopyIsTheWholeRecordWithIncomingServiceHeadersRenamedFirst) {
  DeadLetter copy = DlqCopy(Record("value"), kInfo);
  EXPECT_FALSE(copy.reference);
  EXPECT_EQ(copy.key, "key");
  EXPECT_EQ(copy.value, "value");
  EXPECT_EQ(copy.timestamp, absl::FromUnixSeconds(1700000000));
  EXPECT_THAT(copy.headers,
              ElementsAre(Pair("x-incoming-newswire-Error", "spoofed"), Pair("source-url", "u"),
                          Pair(kDlqOriginTopic, "raw"), Pair(kDlqOriginPartition, "2"),
                          Pair(kDlqOriginOffset, "41"), Pair(kDlqStage, "normalize"),
                          Pair(kDlqError, "binary content"),
                          Pair(kDlqReasonHeader, "binary_content"), Pair(kDlqVersion, "v1"),
                          Pair(kDlqKind, "copy")));
}

TEST(DeadLetterTest, ACopyOfATombstoneIsATombstone) {
  RawRecord tombstone = Record("");
  tombstone.value_is_null = true;
  EXPECT_TRUE(DlqCopy(tombstone, kInfo).value_is_null);
  EXPECT_FALSE(DlqCopy(Record(""), kInfo).value_is_null);
}

TEST(DeadLetterTest, AReferenceHoldsTheFirst64KiBWithSizeAndSha256) {
  std::string value(1 << 20, 'v');
  value[0] = 'A';
  DeadLetter reference = DlqReference(Record(value), kInfo, 16 << 20);
  EXPECT_TRUE(reference.reference);
  EXPECT_EQ(reference.value, value.substr(0, 64 << 10));
  EXPECT_EQ(reference.key, "key");
  EXPECT_EQ(HeaderOf(reference, kDlqKind), "reference");
  EXPECT_EQ(HeaderOf(reference, kDlqOriginalSize), "1048576");
  EXPECT_EQ(HeaderOf(reference, kDlqOriginalSha256), Sha256Hex(value));
  EXPECT_EQ(HeaderOf(reference, kDlqError), "binary content");
  EXPECT_EQ(HeaderOf(reference, kDlqReasonHeader), "binary_content");
  EXPECT_EQ(HeaderOf(reference, "source-url"), "u");
  EXPECT_THAT(reference.headers.front(), Pair("x-incoming-newswire-Error", "spoofed"));
}

TEST(DeadLetterTest, AReferenceFitsTheLimitWhateverTheHeadersAndKey) {
  const size_t limit = 100 << 10;
  RawRecord record = Record(std::string(1 << 20, 'v'));
  record.key = std::string(200 << 10, 'k');
  for (int i = 0; i < 10; ++i) record.headers.emplace_back("h", std::string(20 << 10, 'h'));
  DeadLetter reference = DlqReference(record, kInfo, limit);
  EXPECT_LE(RecordWireBytes(reference.key, reference.value, reference.headers), limit);
  EXPECT_LT(reference.value.size(), 64u << 10) << "large headers leave less of the value";
  EXPECT_GT(reference.value.size(), 0u);
  EXPECT_EQ(HeaderOf(reference, kDlqOriginalSize), "1048576");
}

TEST(DeadLetterTest, AnUnreadableRecordIsNullWithTheDlqHeadersOnly) {
  RawRecord record = Record("");
  record.unreadable = "_BAD_COMPRESSION: Decompression failed";
  DeadLetter letter =
      DlqUnreadable(record, {"consume", record.unreadable, "v1", DlqReason::kUnreadable});
  EXPECT_FALSE(letter.reference);
  EXPECT_TRUE(letter.value_is_null);
  EXPECT_EQ(letter.key, "");
  EXPECT_EQ(letter.value, "");
  EXPECT_EQ(letter.timestamp, absl::UnixEpoch());
  EXPECT_THAT(letter.headers,
              ElementsAre(Pair("x-newswire-origin-topic", "raw"),
                          Pair("x-newswire-origin-partition", "2"),
                          Pair("x-newswire-origin-offset", "41"),
                          Pair("x-newswire-stage", "consume"),
                          Pair("x-newswire-error", "_BAD_COMPRESSION: Decompression failed"),
                          Pair("x-newswire-reason", "unreadable"),
                          Pair("x-newswire-version", "v1"),
                          Pair("x-newswire-dlq-kind", "unreadable")));
}

TEST(DeadLetterTest, TheErrorMessageIsBounded) {
  DeadLetter copy = DlqCopy(Record("v"), {"normalize", std::string(5000, 'r'), "v1"});
  EXPECT_EQ(HeaderOf(copy, kDlqError).size(), kDlqMaxErrorBytes);
}

// Every reason's label is its header, in copies, references and unreadable
// records alike; an info that names no reason says "other".
TEST(DeadLetterTest, EachReasonIsItsHeader) {
  const std::pair<DlqReason, const char*> labels[] = {
      {DlqReason::kOther, "other"},
      {DlqReason::kUnreadable, "unreadable"},
      {DlqReason::kEmptyRecord, "empty_record"},
      {DlqReason::kBinaryContent, "binary_content"},
      {DlqReason::kTooLarge, "record_too_large"},
      {DlqReason::kTooCostly, "too_costly"},
      {DlqReason::kUnknownFormat, "unknown_format"},
      {DlqReason::kMalformedXml, "malformed_xml"},
      {DlqReason::kMalformedJson, "malformed_json"},
      {DlqReason::kInvalidField, "invalid_field"},
      {DlqReason::kNoStory, "no_story"},
      {DlqReason::kProduceRefused, "story_not_producible"},
  };
  for (const auto& [reason, label] : labels) {
    const DeadLetterInfo info{"normalize", "some error", "v1", reason};
    EXPECT_EQ(HeaderOf(DlqCopy(Record("v"), info), kDlqReasonHeader), label);
    EXPECT_EQ(HeaderOf(DlqReference(Record("v"), info, 1 << 20), kDlqReasonHeader), label);
    EXPECT_EQ(HeaderOf(DlqUnreadable(Record(""), info), kDlqReasonHeader), label);
  }
  EXPECT_EQ(HeaderOf(DlqCopy(Record("v"), {"normalize", "some error", "v1"}), kDlqReasonHeader),
            "other");
}

// A producer's own x-newswire-reason is kept renamed; the first is ours.
TEST(DeadLetterTest, ASpoofedReasonHeaderIsRenamed) {
  RawRecord record = Record("v");
  record.headers.emplace_back("x-newswire-reason", "spoofed");
  DeadLetter copy = DlqCopy(record, kInfo);
  EXPECT_EQ(HeaderOf(copy, kDlqReasonHeader), "binary_content");
  EXPECT_EQ(HeaderOf(copy, "x-incoming-newswire-reason"), "spoofed");
}

}  // namespace
}  // namespace newswire
