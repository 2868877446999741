#include "tests/fuzz/fuzz_invariants.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/ingest/common/work_budget.h"
#include "services/ingest/common/text/text.h"

namespace newswire::fuzz {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Fields that identify rather than say something: they must be UTF-8 but
// may carry whatever the source's identifiers carry.
bool IsIdentifier(const std::string& path) {
  static const auto* const kIdentifiers = new absl::flat_hash_set<std::string>{
      "id",           "source_guid",     "source_uri",       "source_url",
      "subjects.scheme", "subjects.code", "section.code",     "section.evidence",
      "section.classified_code", "fingerprints.content_sha256", "dedup.duplicate_of"};
  return kIdentifiers->contains(path) || path.rfind("origin.", 0) == 0;
}

// A short, printable excerpt of `value` for the failure message.
std::string Excerpt(absl::string_view value) {
  return absl::CHexEscape(value.substr(0, 120));
}

std::string MessageViolation(const Message& message, const std::string& prefix) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    std::string path = prefix + field->name();
    int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      if (field->type() == FieldDescriptor::TYPE_STRING) {
        std::string scratch;
        const std::string& value =
            field->is_repeated() ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                                 : reflection->GetStringReference(message, field, &scratch);
        if (!text::IsValidUtf8(value)) {
          return absl::StrCat(path, " is not valid UTF-8: \"", Excerpt(value), "\"");
        }
        if (IsIdentifier(path)) continue;
        for (unsigned char c : value) {
          if (c < 0x20) {
            return absl::StrCat(path, " holds control character 0x",
                                absl::Hex(c, absl::kZeroPad2), ": \"", Excerpt(value), "\"");
          }
        }
      } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
        const Message& child = field->is_repeated()
                                   ? reflection->GetRepeatedMessage(message, field, i)
                                   : reflection->GetMessage(message, field);
        std::string violation = MessageViolation(child, path + ".");
        if (!violation.empty()) return violation;
      }
    }
  }
  return "";
}

}  // namespace

std::string StoryViolation(const v1::Story& story) { return MessageViolation(story, ""); }

std::string OutcomeViolation(const absl::StatusOr<ParseResult>& outcome, Caller caller) {
  if (!outcome.ok()) {
    if (!absl::IsInvalidArgument(outcome.status()) && !IsTooCostly(outcome.status())) {
      return absl::StrCat("error is not InvalidArgument (nor too costly): ",
                          outcome.status().ToString());
    }
    if (outcome.status().message().empty()) return "InvalidArgument error without a message";
    return "";
  }
  for (size_t i = 0; i < outcome->stories.size(); ++i) {
    const v1::Story& story = outcome->stories[i];
    std::string violation = StoryViolation(story);
    if (!violation.empty()) return absl::StrCat("story ", i, ": ", violation);
    if (caller == Caller::kNormalizer && story.id().empty()) {
      return absl::StrCat("story ", i, " has no id");
    }
  }
  if (caller == Caller::kNormalizer && outcome->stories.empty() &&
      outcome->no_story_reason.empty()) {
    return "no story and no no_story_reason";
  }
  return "";
}

void CheckOutcome(const absl::StatusOr<ParseResult>& outcome, Caller caller,
                  absl::string_view what) {
  std::string violation = OutcomeViolation(outcome, caller);
  if (!violation.empty()) Fail(what, violation);
}

void Fail(absl::string_view what, absl::string_view message) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s: %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace newswire::fuzz
