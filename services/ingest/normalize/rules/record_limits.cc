#include "services/ingest/normalize/rules/record_limits.h"

#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {

absl::Status CheckItemCount(size_t count, absl::string_view what) {
  if (count <= kMaxItemsPerRecord) return absl::OkStatus();
  return TooCostlyError(
      absl::StrCat(count, " ", what, " in one record (limit ", kMaxItemsPerRecord, ")"));
}

absl::Status CheckCopiedFields(const RawRecord& record) {
  if (record.key.size() > kMaxCopiedFieldBytes) {
    return TooCostlyError(absl::StrCat("record key of ", record.key.size(), " bytes (limit ",
                                       kMaxCopiedFieldBytes, ")"));
  }
  for (absl::string_view name : {kHeaderContentType, kHeaderSourceUrl, kHeaderAgency}) {
    const size_t bytes = record.Header(name).value_or("").size();
    if (bytes > kMaxCopiedFieldBytes) {
      return TooCostlyError(absl::StrCat(name, " header of ", bytes, " bytes (limit ",
                                         kMaxCopiedFieldBytes, ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckInheritedBytes(size_t bytes_per_item, size_t items) {
  // Divided, not multiplied: the product of two record-sized counts could
  // only overflow on absurd inputs, but a check should not rely on that.
  if (items == 0 || bytes_per_item <= kMaxInheritedBytesPerRecord / items) {
    return absl::OkStatus();
  }
  return TooCostlyError(absl::StrCat(bytes_per_item, " bytes of feed text inherited by ", items,
                                     " stories (limit ", kMaxInheritedBytesPerRecord, ")"));
}

absl::Status CheckStoryParagraphs(const v1::Story& story) {
  if (story.paragraphs_size() <= kMaxParagraphsPerStory) return absl::OkStatus();
  return TooCostlyError(absl::StrCat(story.paragraphs_size(), " paragraphs in one story (limit ",
                                     kMaxParagraphsPerStory, ")"));
}

void TrimSourceLists(v1::Story& story) {
  if (story.subjects_size() > kMaxSourceSubjects) {
    story.mutable_subjects()->DeleteSubrange(kMaxSourceSubjects,
                                             story.subjects_size() - kMaxSourceSubjects);
  }
  if (story.keywords_size() > kMaxSourceKeywords) {
    story.mutable_keywords()->DeleteSubrange(kMaxSourceKeywords,
                                             story.keywords_size() - kMaxSourceKeywords);
  }
}

}  // namespace newswire
