#include "services/ingest/source/unreadable_offsets.h"

namespace newswire {

std::optional<int64_t> UnreadableOffsets::OnError(const TopicPartition& partition, int64_t offset,
                                                  const std::string& error) {
  State& state = partitions_[{partition.topic, partition.partition}];
  if (offset == state.bad_batch && error == state.bad_batch_error && state.next > offset) {
    // The rest of a batch already found unreadable: the position is inside it.
    return state.next++;
  }
  if (offset == state.error_offset && error == state.error) {
    ++state.count;
  } else {
    state.error_offset = offset;
    state.error = error;
    state.count = 1;
  }
  if (state.count < errors_to_give_up_) return std::nullopt;
  state.bad_batch = offset;
  state.bad_batch_error = error;
  state.next = offset + 1;
  state.error_offset = -1;
  state.count = 0;
  return offset;
}

void UnreadableOffsets::OnRecord(const std::string& topic, int32_t partition) {
  if (partitions_.empty()) return;  // every record passes here
  partitions_.erase({topic, partition});
}

}  // namespace newswire
