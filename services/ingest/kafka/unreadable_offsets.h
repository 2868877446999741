// UnreadableOffsets: when to give up reading records of the raw topic, and
// where to read next.
//
// A consume error that names a partition and an offset and that re-reading
// cannot cure (a batch that does not decompress, a corrupt batch; the Kafka
// client decides which errors are such) comes back at every fetch, and the
// partition reads nothing else. Told each such error, this class gives up on
// an offset after `errors_to_give_up` identical errors there in a row (a
// transient fault is retried a little), and says where the partition's
// position goes next.
//
// The client reports a batch's first offset, not its last, and fetches one
// batch per error backoff (500 ms). Past the first offset, the batch's end is
// found by galloping: positions 1, 2, 4, 8... records further. The same
// error at the same first offset there means every offset up to the position
// is in the batch: all are given up on. A record read there instead (or
// another error) means the position overshot: the record is dropped and the
// search halves back between the last offset given up on and it. A batch of
// N records is passed in about 2 log2(N) fetches, and no record outside it is
// given up on or lost. The search stays below the partition's high watermark.
//
//   UnreadableOffsets unreadable;
//   Step step = unreadable.OnError(tp, at, error_name, reason, high_watermark);
//   // or: Step step = unreadable.OnRecord(topic, partition, offset);
//   if (step.seek >= 0) ... move tp's position to step.seek ...
//   while (auto given_up = unreadable.NextGivenUp()) ... unreadable record ...
//
// Offsets given up on are handed out one at a time, in order. Plain
// bookkeeping, no Kafka types; not thread-safe (the consumer's poll thread
// uses it, its rebalance callback included).
#ifndef NEWSWIRE_SERVICES_INGEST_KAFKA_UNREADABLE_OFFSETS_H_
#define NEWSWIRE_SERVICES_INGEST_KAFKA_UNREADABLE_OFFSETS_H_

#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "services/ingest/kafka/record_io.h"

namespace newswire {

// Identical errors at one offset before it is given up on.
inline constexpr int kUnreadableAfterErrors = 3;

struct UnreadableOffset {
  TopicPartition partition;
  int64_t offset = 0;
  std::string reason;  // the consume error
};

class UnreadableOffsets {
 public:
  // What the caller does with the partition next.
  struct Step {
    int64_t seek = -1;  // move its position here (-1: leave it)
    bool drop = false;  // OnRecord: a record read while searching: not delivered
  };

  explicit UnreadableOffsets(int errors_to_give_up = kUnreadableAfterErrors)
      : errors_to_give_up_(errors_to_give_up) {}

  // An incurable-looking error `error` (a name; `reason` the full message)
  // reported at `offset` of `partition`, whose log ends at `log_end` (the
  // high watermark: the search never goes there or beyond, where the broker
  // would answer OFFSET_OUT_OF_RANGE; -1 when unknown: one offset at a time).
  Step OnError(const TopicPartition& partition, int64_t offset, const std::string& error,
               const std::string& reason, int64_t log_end);

  // A record of the partition was read at `offset`.
  Step OnRecord(const std::string& topic, int32_t partition, int64_t offset);

  // The next offset given up on, if any.
  std::optional<UnreadableOffset> NextGivenUp();

  // Forgets the partition and what is given up on of it and not handed out
  // (assigned anew or revoked: its position is no longer the one sought).
  void Forget(const TopicPartition& partition);

 private:
  static constexpr int64_t kUnknown = std::numeric_limits<int64_t>::max();
  struct State {
    // Before anything is given up on: the error counted, where, how often.
    int64_t error_offset = -1;
    std::string error;
    int count = 0;
    // Once the batch starting at `batch` is given up on: offsets before
    // `next` are given up on; `end` is the first offset known to be outside
    // the batch; `position` is where the partition was sent; `stride` the
    // galloping step.
    bool in_batch = false;
    int64_t batch = -1;
    std::string reason;
    int64_t next = -1;
    int64_t end = kUnknown;
    int64_t position = -1;
    int64_t stride = 1;
    // The partition's high watermark at the last error.
    int64_t log_end = kUnknown;
  };
  // Gives up on [state.next, last] and sends the partition on.
  Step GiveUpThrough(const TopicPartition& partition, State& state, int64_t last);
  // The position overshot the batch: halves back.
  Step Overshot(State& state);
  // Sends the partition to the next position to try.
  Step Probe(State& state);

  const int errors_to_give_up_;
  std::map<std::pair<std::string, int32_t>, State> partitions_;
  // Ranges [first, last] given up on, not all handed out yet.
  struct Range {
    TopicPartition partition;
    int64_t first, last;
    std::string reason;
  };
  std::deque<Range> given_up_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_KAFKA_UNREADABLE_OFFSETS_H_
