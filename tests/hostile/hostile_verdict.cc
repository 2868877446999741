#include "tests/hostile/hostile_verdict.h"

#include <openssl/evp.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace newswire::hostile {
namespace {

void CheckDlqRecord(const HostileCase& c, const std::string& raw_topic, const ProbeRecord& dlq,
                    std::vector<std::string>& out) {
  const std::string error = dlq.FirstHeader("x-newswire-error").value_or("");
  const std::string label = dlq.FirstHeader("x-newswire-reason").value_or("");
  if (error.empty()) out.push_back("DLQ record without x-newswire-error");
  if (label.empty()) out.push_back("DLQ record without x-newswire-reason");
  if (label == "other") {
    out.push_back(absl::StrCat("DLQ reason \"other\": the error names no reason (",
                               Printable(error), ")"));
  }
  if (!c.dlq_reason.empty() && label != c.dlq_reason) {
    out.push_back(absl::StrCat("DLQ reason label ", label, " (", Printable(error),
                               "), expected ", c.dlq_reason));
  }
  if (dlq.FirstHeader("x-newswire-origin-topic").value_or("") != raw_topic) {
    out.push_back("first x-newswire-origin-topic is not the raw topic");
  }
  if (dlq.FirstHeader("x-newswire-stage").value_or("").empty()) {
    out.push_back("DLQ record without x-newswire-stage");
  }
  // Incoming x-newswire-* headers: renamed, never read as the service's.
  for (const auto& [name, value] : c.headers) {
    if (!absl::StartsWithIgnoreCase(name, "x-newswire-")) continue;
    const std::string renamed = "x-incoming-newswire-" + name.substr(11);
    if (dlq.FirstHeader(renamed) != value) {
      out.push_back(absl::StrCat("incoming header ", name, " not kept as ", renamed));
    }
    if (dlq.FirstHeader(name) == value) {
      out.push_back(absl::StrCat("the first ", name, " is the spoofed one (\"", value, "\")"));
    }
  }
  const std::string kind = dlq.FirstHeader("x-newswire-dlq-kind").value_or("");
  if (kind != "copy" && kind != "reference") {
    out.push_back(absl::StrCat("x-newswire-dlq-kind is \"", kind, "\", not copy or reference"));
  } else if (!c.dlq_kind.empty() && kind != c.dlq_kind) {
    out.push_back(absl::StrCat("x-newswire-dlq-kind ", kind, ", expected ", c.dlq_kind));
  }
  const std::string raw = c.value.value_or("");
  if (kind == "reference") {
    if (dlq.FirstHeader("x-newswire-original-size") != absl::StrCat(raw.size())) {
      out.push_back(absl::StrCat("x-newswire-original-size ",
                                 dlq.FirstHeader("x-newswire-original-size").value_or("missing"),
                                 ", expected ", raw.size()));
    }
    if (dlq.FirstHeader("x-newswire-original-sha256") != Sha256Hex(raw)) {
      out.push_back("x-newswire-original-sha256 is not the raw value's SHA-256");
    }
    const std::string value = dlq.value.value_or("");
    if (value.size() > kReferencePrefixLimit || raw.compare(0, value.size(), value) != 0) {
      out.push_back(absl::StrCat("reference value (", value.size(),
                                 " bytes) is not a prefix of at most 64 KiB of the raw value"));
    }
    return;
  }
  // A copy (or, without the kind header, today's whole copy): byte for byte.
  if (dlq.value.has_value() != c.value.has_value()) {
    out.push_back(c.value ? "DLQ value is null, raw value was not"
                          : "DLQ copy of a tombstone is not null");
  } else if (dlq.value.value_or("") != raw) {
    out.push_back(absl::StrCat("DLQ value differs from the raw value (", dlq.value->size(), " vs ",
                               raw.size(), " bytes)"));
  }
  if (dlq.key != c.key) out.push_back("DLQ key differs from the raw key");
}

void CheckStories(const HostileCase& c, const std::vector<v1::Story>& stories,
                  std::vector<std::string>& out) {
  std::map<int32_t, int> per_index;
  for (const v1::Story& story : stories) {
    if (++per_index[story.origin().index()] == 2) {
      out.push_back(absl::StrCat("story ", story.origin().index(), " of the record logged twice"));
    }
    for (const StoryCheck& check : c.story_checks) {
      std::string failed = check.check(story);
      if (!failed.empty()) {
        out.push_back(absl::StrCat("story check \"", check.what, "\" failed: ", Printable(failed, 160)));
      }
    }
  }
}

}  // namespace

Verdict JudgeCase(const HostileCase& c, const std::string& raw_topic,
                  const std::vector<v1::Story>& stories, const std::vector<ProbeRecord>& dlq) {
  Verdict verdict;
  if (stories.empty() && dlq.empty()) {
    verdict.outcome = "VANISHED";
    verdict.problems.push_back("neither a story nor in the DLQ");
  } else if (!stories.empty() && !dlq.empty()) {
    verdict.outcome = "BOTH";
    verdict.problems.push_back("both a story and in the DLQ");
  } else if (!stories.empty()) {
    verdict.outcome = stories.size() == 1 ? "story" : absl::StrCat(stories.size(), " stories");
    if (c.expect == Expect::kDlq) {
      verdict.problems.push_back(absl::StrCat("expected the DLQ, became a story with headline \"",
                                              Printable(stories[0].headline()), "\""));
    }
    CheckStories(c, stories, verdict.problems);
  } else {
    const std::string error = dlq[0].FirstHeader("x-newswire-error").value_or("");
    verdict.outcome = absl::StrCat("dlq ", dlq[0].FirstHeader("x-newswire-reason").value_or("-"),
                                   " ", dlq[0].FirstHeader("x-newswire-dlq-kind").value_or("(no kind)"));
    if (dlq.size() > 1) {
      verdict.problems.push_back(absl::StrCat("in the DLQ ", dlq.size(), " times"));
    }
    if (c.expect == Expect::kStory) {
      verdict.problems.push_back(
          absl::StrCat("expected a story, went to the DLQ: ", Printable(error)));
    }
    CheckDlqRecord(c, raw_topic, dlq[0], verdict.problems);
  }
  return verdict;
}

std::pair<int32_t, int64_t> DlqOrigin(const ProbeRecord& record) {
  int32_t partition = -1;
  int64_t offset = -1;
  if (!absl::SimpleAtoi(record.FirstHeader("x-newswire-origin-partition").value_or(""), &partition)) {
    partition = -1;
  }
  if (!absl::SimpleAtoi(record.FirstHeader("x-newswire-origin-offset").value_or(""), &offset)) {
    offset = -1;
  }
  return {partition, offset};
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) absl::StrAppendFormat(&hex, "%02x", digest[i]);
  return hex;
}

std::string Printable(const std::string& text, size_t limit) {
  std::string out;
  for (unsigned char c : text.substr(0, limit)) {
    out += (c >= 0x20 && c < 0x7F) ? std::string(1, static_cast<char>(c))
                                   : absl::StrFormat("\\x%02x", c);
  }
  return text.size() > limit ? out + "..." : out;
}

}  // namespace newswire::hostile
