#include "services/ingest/normalize/story_id.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace newswire {

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string MakeStoryId(const v1::Story& story) {
  if (!story.source_guid().empty()) {
    const std::string& owner = !story.agency().empty() ? story.agency() : story.provider();
    return owner.empty() ? story.source_guid() : absl::StrCat(owner, ":", story.source_guid());
  }
  if (!story.source_url().empty()) return absl::StrCat("url:", story.source_url());
  std::string text = story.headline();
  for (const std::string& paragraph : story.paragraphs()) absl::StrAppend(&text, "\n", paragraph);
  return absl::StrCat("sha256:", Sha256Hex(text));
}

}  // namespace newswire
