// FullestPerFamily: the "newest fullest text per family" choice of one
// Subscribe stream (SubscribeRequest.newest_fullest_per_family).
//
//   FullestPerFamily fullest(request.newest_fullest_per_family());
//   if (filter.Matches(event) && fullest.Take(event)) send(event);
//
// An event whose story starts or joins a family (new story, fuller text,
// duplicate) is taken only when its text (Fingerprints.canonical_words) is
// longer than every text of its family taken before on this stream: after an
// urgent and its write-thru, the trimmed copies republished later are
// skipped. New versions, corrections, kills and old versions of an id always
// pass, and their sizes count. The stream remembers the `capacity` families
// it took a text of most recently (first taken, first forgotten), each as a
// 64-bit hash of its id and a size, so its memory is bounded whatever the
// log holds: about 40 bytes a family, under 1 MB at the default 20,000.
//
// One per stream; not thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_FULLEST_PER_FAMILY_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_FULLEST_PER_FAMILY_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "newswire/v1/news_service.pb.h"

namespace newswire {

class FullestPerFamily {
 public:
  static constexpr size_t kDefaultCapacity = 20'000;

  // Takes everything when `enabled` is false.
  explicit FullestPerFamily(bool enabled, size_t capacity = kDefaultCapacity);

  // True when `event` goes out; records its size when it does.
  bool Take(const v1::StoryEvent& event);

 private:
  const bool enabled_;
  const size_t capacity_;
  absl::flat_hash_map<uint64_t, int32_t> fullest_;  // family hash -> words sent
  std::deque<uint64_t> order_;                      // families, first taken first
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_FULLEST_PER_FAMILY_H_
