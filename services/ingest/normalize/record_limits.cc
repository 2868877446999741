#include "services/ingest/normalize/record_limits.h"

#include "absl/strings/str_cat.h"
#include "services/ingest/common/work_budget.h"

namespace newswire {

absl::Status CheckItemCount(size_t count, absl::string_view what) {
  if (count <= kMaxItemsPerRecord) return absl::OkStatus();
  return TooCostlyError(
      absl::StrCat(count, " ", what, " in one record (limit ", kMaxItemsPerRecord, ")"));
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
