#include "services/ingest/kafka/unreadable_offsets.h"

#include <algorithm>

namespace newswire {
namespace {

// Galloping doubles the step up to this (far beyond any batch).
constexpr int64_t kMaxStride = int64_t{1} << 40;

}  // namespace

UnreadableOffsets::Step UnreadableOffsets::OnError(const TopicPartition& partition, int64_t offset,
                                                   const std::string& error,
                                                   const std::string& reason,
                                                   int64_t log_end) {
  State& state = partitions_[{partition.topic, partition.partition}];
  state.log_end = log_end >= 0 ? log_end : kUnknown;
  if (state.in_batch) {
    // The batch already given up on, again: the position is inside it.
    if (offset == state.batch && error == state.error) {
      return GiveUpThrough(partition, state, state.position);
    }
    if (state.position > state.next) return Overshot(state);
    // Right after the batch, another one: counted from scratch.
    state = State();
  }
  if (offset == state.error_offset && error == state.error) {
    ++state.count;
  } else {
    state.error_offset = offset;
    state.error = error;
    state.count = 1;
  }
  if (state.count < errors_to_give_up_) return {};
  state.in_batch = true;
  state.batch = offset;
  state.reason = reason;
  state.next = offset;
  return GiveUpThrough(partition, state, offset);
}

UnreadableOffsets::Step UnreadableOffsets::OnRecord(const std::string& topic, int32_t partition,
                                                    int64_t offset) {
  if (partitions_.empty()) return {};  // every record passes here
  auto it = partitions_.find({topic, partition});
  if (it == partitions_.end()) return {};
  State& state = it->second;
  if (state.in_batch && state.position > state.next && offset >= state.position) {
    Step step = Overshot(state);
    step.drop = true;
    return step;
  }
  // Read where expected: whatever was counted is over.
  partitions_.erase(it);
  return {};
}

std::optional<UnreadableOffset> UnreadableOffsets::NextGivenUp() {
  if (given_up_.empty()) return std::nullopt;
  Range& range = given_up_.front();
  UnreadableOffset given_up{range.partition, range.first, range.reason};
  if (range.first++ == range.last) given_up_.pop_front();
  return given_up;
}

void UnreadableOffsets::Forget(const TopicPartition& partition) {
  partitions_.erase({partition.topic, partition.partition});
  given_up_.erase(std::remove_if(given_up_.begin(), given_up_.end(),
                                 [&](const Range& range) {
                                   return range.partition.topic == partition.topic &&
                                          range.partition.partition == partition.partition;
                                 }),
                  given_up_.end());
}

UnreadableOffsets::Step UnreadableOffsets::GiveUpThrough(const TopicPartition& partition,
                                                         State& state, int64_t last) {
  given_up_.push_back({partition, state.next, last, state.reason});
  state.next = last + 1;
  return Probe(state);
}

UnreadableOffsets::Step UnreadableOffsets::Overshot(State& state) {
  state.end = std::min(state.end, state.position);
  return Probe(state);
}

UnreadableOffsets::Step UnreadableOffsets::Probe(State& state) {
  if (state.end != kUnknown) {
    // Overshot once: halve between the last offset given up on and the end.
    state.position = state.next + (state.end - state.next) / 2;
  } else if (state.log_end == kUnknown) {
    state.position = state.next;
  } else {
    // Gallop, short of the log's end (past it the broker answers
    // OFFSET_OUT_OF_RANGE, and the consumer would start over from the
    // beginning).
    state.position =
        std::max(state.next, std::min(state.next + state.stride - 1, state.log_end - 1));
    state.stride = std::min(state.stride * 2, kMaxStride);
  }
  return {state.position, false};
}

}  // namespace newswire
