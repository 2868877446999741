// UnreadableOffsets: when to give up reading a record of the raw topic.
//
// A consume error that names a partition and an offset and that re-reading
// cannot cure (a batch that does not decompress, a corrupt batch; the Kafka
// client decides which errors are such) comes back at every fetch, and the
// partition reads nothing else. This class, told each such error, says when
// an offset is to be given up on: after `errors_to_give_up` identical errors
// at the same offset in a row (a transient fault is retried a little). The
// caller then makes the offset an unreadable record and moves the
// partition's position past it.
//
// A batch holds several records and the client reports its first offset:
// once one offset of a batch is given up on, the same error at the same
// first offset, while the position is past it, is the rest of that batch:
// each of those offsets is given up on at once, one per error, in order.
//
//   UnreadableOffsets unreadable;
//   if (std::optional<int64_t> offset = unreadable.OnError(tp, at, error)) {
//     ... unreadable record for *offset; seek to *offset + 1 ...
//   }
//   unreadable.OnRecord(topic, partition);  // a record of it was read
//
// Plain bookkeeping, no Kafka types; not thread-safe (the consumer's poll
// thread uses it).
#ifndef NEWSWIRE_SERVICES_INGEST_SOURCE_UNREADABLE_OFFSETS_H_
#define NEWSWIRE_SERVICES_INGEST_SOURCE_UNREADABLE_OFFSETS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "services/ingest/source/record_io.h"

namespace newswire {

// Identical errors at one offset before it is given up on.
inline constexpr int kUnreadableAfterErrors = 3;

class UnreadableOffsets {
 public:
  explicit UnreadableOffsets(int errors_to_give_up = kUnreadableAfterErrors)
      : errors_to_give_up_(errors_to_give_up) {}

  // An incurable-looking `error` reported at `offset` of `partition`. Returns
  // the offset to give up on now, if any; the caller moves the partition's
  // position to that offset + 1.
  std::optional<int64_t> OnError(const TopicPartition& partition, int64_t offset,
                                 const std::string& error);

  // A record of `partition` was read: its errors so far are over.
  void OnRecord(const std::string& topic, int32_t partition);

  // Everything known of every partition (after an assignment change: the
  // positions may have moved).
  void Clear() { partitions_.clear(); }

 private:
  struct State {
    // The error being counted, where it was reported, and how many in a row.
    int64_t error_offset = -1;
    std::string error;
    int count = 0;
    // The batch (its reported first offset) already given up on, and the
    // position after the last offset given up on.
    int64_t bad_batch = -1;
    std::string bad_batch_error;
    int64_t next = -1;
  };

  const int errors_to_give_up_;
  std::map<std::pair<std::string, int32_t>, State> partitions_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SOURCE_UNREADABLE_OFFSETS_H_
