// The judge of the hostile e2e test, without a broker: a record's fate that
// keeps the contracts passes, each way of breaking one is named.
#include "tests/hostile/hostile_verdict.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace newswire::hostile {
namespace {

constexpr char kRaw[] = "raw.topic";

HostileCase DlqCase(std::optional<std::string> value) {
  HostileCase c;
  c.name = "kafka/test";
  c.klass = "kafka";
  c.key = "k";
  c.value = std::move(value);
  c.headers = {{"source-url", "hostile://kafka/test"}};
  c.expect = Expect::kDlq;
  return c;
}

// The DLQ record a service keeping the contracts writes for `c`.
ProbeRecord DlqCopy(const HostileCase& c, const std::string& error, const std::string& reason) {
  ProbeRecord dlq;
  dlq.key = c.key;
  dlq.value = c.value;
  for (const auto& [name, value] : c.headers) {
    const bool ours = absl::StartsWithIgnoreCase(name, "x-newswire-");
    dlq.headers.emplace_back(ours ? "x-incoming-newswire-" + name.substr(11) : name, value);
  }
  dlq.headers.insert(dlq.headers.end(), {{"x-newswire-origin-topic", kRaw},
                                         {"x-newswire-origin-partition", "3"},
                                         {"x-newswire-origin-offset", "42"},
                                         {"x-newswire-stage", "normalize"},
                                         {"x-newswire-error", error},
                                         {"x-newswire-reason", reason},
                                         {"x-newswire-version", "test"},
                                         {"x-newswire-dlq-kind", "copy"}});
  return dlq;
}

void SetHeader(ProbeRecord& record, const std::string& name, const std::string& value) {
  for (auto& header : record.headers) {
    if (header.first == name) header.second = value;
  }
}

std::string Problems(const Verdict& verdict) {
  std::string all;
  for (const std::string& problem : verdict.problems) absl::StrAppend(&all, problem, "; ");
  return all;
}

TEST(HostileVerdictTest, AFaithfulCopyPasses) {
  HostileCase c = DlqCase("\x01\x02 binary");
  Verdict verdict = JudgeCase(c, kRaw, {}, {DlqCopy(c, "binary content", "binary_content")});
  EXPECT_EQ(verdict.outcome, "dlq binary_content copy");
  EXPECT_TRUE(verdict.problems.empty()) << Problems(verdict);
}

TEST(HostileVerdictTest, ACopyMustBeByteForByteAndKeepNulls) {
  HostileCase c = DlqCase("value");
  ProbeRecord changed = DlqCopy(c, "binary content", "binary_content");
  changed.value = "valuE";
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {changed})), "differs"));

  HostileCase tombstone = DlqCase(std::nullopt);
  ProbeRecord emptied = DlqCopy(tombstone, "empty record", "empty_record");
  emptied.value = "";
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(tombstone, kRaw, {}, {emptied})),
                                "tombstone is not null"));
  EXPECT_TRUE(JudgeCase(tombstone, kRaw, {}, {DlqCopy(tombstone, "empty record", "empty_record")})
                  .problems.empty());
}

TEST(HostileVerdictTest, AReferenceCarriesSizeHashAndAtMost64KiB) {
  HostileCase c = DlqCase(std::string(100000, 'x') + "tail");
  c.dlq_kind = "reference";
  ProbeRecord reference = DlqCopy(c, "record too large: 100004 bytes", "record_too_large");
  reference.value = c.value->substr(0, kReferencePrefixLimit);
  SetHeader(reference, "x-newswire-dlq-kind", "reference");
  reference.headers.emplace_back("x-newswire-original-size", "100004");
  reference.headers.emplace_back("x-newswire-original-sha256", Sha256Hex(*c.value));
  EXPECT_TRUE(JudgeCase(c, kRaw, {}, {reference}).problems.empty())
      << Problems(JudgeCase(c, kRaw, {}, {reference}));

  ProbeRecord wrong_hash = reference;
  SetHeader(wrong_hash, "x-newswire-original-sha256", Sha256Hex("other"));
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {wrong_hash})), "SHA-256"));
  ProbeRecord too_long = reference;
  too_long.value = c.value->substr(0, kReferencePrefixLimit + 1);
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {too_long})), "prefix"));
  ProbeRecord copied = DlqCopy(c, "record too large", "record_too_large");
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {copied})), "expected reference"));
}

TEST(HostileVerdictTest, SpoofedHeadersMustBeRenamedAndNeverComeFirst) {
  HostileCase c = DlqCase("\x01 binary");
  c.headers.emplace_back("x-newswire-error", "spoofed");
  EXPECT_TRUE(
      JudgeCase(c, kRaw, {}, {DlqCopy(c, "binary content", "binary_content")}).problems.empty());
  // Today's DLQ: the raw headers kept as they came, before the service's.
  ProbeRecord kept = DlqCopy(c, "binary content", "binary_content");
  kept.headers[1].first = "x-newswire-error";
  std::string problems = Problems(JudgeCase(c, kRaw, {}, {kept}));
  EXPECT_TRUE(absl::StrContains(problems, "is the spoofed one")) << problems;
  EXPECT_TRUE(absl::StrContains(problems, "not kept as x-incoming-newswire-error")) << problems;
}

TEST(HostileVerdictTest, KindAndReasonAreChecked) {
  HostileCase c = DlqCase("<p a0=\"\" ...>");
  c.dlq_reason = "too_costly";
  EXPECT_TRUE(JudgeCase(c, kRaw, {},
                        {DlqCopy(c, "too costly: 20001 attributes on one element", "too_costly")})
                  .problems.empty());
  EXPECT_TRUE(absl::StrContains(
      Problems(JudgeCase(c, kRaw, {}, {DlqCopy(c, "xml: not well-formed", "malformed_xml")})),
      "expected too_costly"));
  ProbeRecord no_kind = DlqCopy(c, "too costly: x", "too_costly");
  no_kind.headers.pop_back();
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {no_kind})), "dlq-kind"));
}

// Every DLQ record names its reason (x-newswire-reason); "other" means the
// error that sent it there was made without one.
TEST(HostileVerdictTest, TheReasonHeaderIsRequiredAndNotOther) {
  HostileCase c = DlqCase("\x01 binary");
  ProbeRecord other = DlqCopy(c, "binary content", "other");
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {other})), "names no reason"));
  ProbeRecord none = DlqCopy(c, "binary content", "binary_content");
  none.headers.erase(std::remove_if(none.headers.begin(), none.headers.end(),
                                    [](const auto& h) { return h.first == "x-newswire-reason"; }),
                     none.headers.end());
  EXPECT_TRUE(absl::StrContains(Problems(JudgeCase(c, kRaw, {}, {none})),
                                "without x-newswire-reason"));
}

TEST(HostileVerdictTest, ExactlyOneOfStoryAndDlq) {
  HostileCase c = DlqCase("text");
  c.expect = Expect::kDlqOrStory;
  v1::Story story;
  story.set_headline("Headline");
  EXPECT_EQ(JudgeCase(c, kRaw, {}, {}).outcome, "VANISHED");
  EXPECT_FALSE(JudgeCase(c, kRaw, {}, {}).problems.empty());
  EXPECT_EQ(JudgeCase(c, kRaw, {story}, {DlqCopy(c, "x", "no_story")}).outcome, "BOTH");
  EXPECT_TRUE(JudgeCase(c, kRaw, {story}, {}).problems.empty());
  EXPECT_FALSE(JudgeCase(c, kRaw, {story, story}, {}).problems.empty()) << "index 0 twice";
  EXPECT_FALSE(JudgeCase(c, kRaw, {}, {DlqCopy(c, "x", "no_story"), DlqCopy(c, "x", "no_story")})
                   .problems.empty());
  c.expect = Expect::kStory;
  EXPECT_FALSE(JudgeCase(c, kRaw, {}, {DlqCopy(c, "x", "no_story")}).problems.empty());
  c.expect = Expect::kDlq;
  EXPECT_FALSE(JudgeCase(c, kRaw, {story}, {}).problems.empty());
}

TEST(HostileVerdictTest, OriginIsTheFirstHeaderAndHashIsSha256) {
  ProbeRecord record;
  record.headers = {{"X-Newswire-Origin-Offset", "7"},
                    {"x-newswire-origin-partition", "2"},
                    {"x-newswire-origin-offset", "9"}};
  EXPECT_EQ(DlqOrigin(record), (std::pair<int32_t, int64_t>{2, 7}));
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace newswire::hostile
