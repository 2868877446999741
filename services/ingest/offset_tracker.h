// OffsetTracker: which raw offsets may be stored, given out-of-order acks.
//
// Each raw record is begun with the number of messages it produced (stories,
// or one DLQ record); it is settled when all are acknowledged. A partition's
// committable offset is one past the longest settled prefix of its records,
// so an offset is never stored while an earlier record is still in flight.
//
// Not thread-safe: the ingest loop owns it (delivery callbacks run on it).
#ifndef NEWSWIRE_SERVICES_INGEST_OFFSET_TRACKER_H_
#define NEWSWIRE_SERVICES_INGEST_OFFSET_TRACKER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace newswire {

class OffsetTracker {
 public:
  // One partition of a topic; ordered by topic, then number.
  struct Partition {
    std::string topic;
    int32_t partition = 0;

    friend bool operator<(const Partition& a, const Partition& b) {
      return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
    }
  };

  // Starts tracking a record that awaits `pending` acknowledgements (0 = it is
  // settled at once). Returns the new committable offset if that moved.
  std::optional<int64_t> Begin(const Partition& partition, int64_t offset, int pending);

  // One acknowledgement for the record at `offset`. Returns the new
  // committable offset of the partition if it moved.
  std::optional<int64_t> Ack(const Partition& partition, int64_t offset);

  // Forgets a partition (revoked): its unsettled records will be re-read by
  // its next owner.
  void Forget(const Partition& partition);

  // Records begun and not yet settled, over all partitions.
  int64_t InFlight() const { return in_flight_; }

  // Records begun and not yet settled in one partition.
  int64_t InFlight(const Partition& partition) const;

 private:
  std::optional<int64_t> Advance(const Partition& partition);

  // Per partition: offset -> acknowledgements still awaited, in offset order.
  std::map<Partition, std::map<int64_t, int>> pending_;
  int64_t in_flight_ = 0;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_OFFSET_TRACKER_H_
