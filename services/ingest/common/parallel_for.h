// ParallelFor: runs fn(0), ..., fn(n - 1) on a fixed set of threads, the
// caller's included, and returns when every call has returned. Items are
// taken in order from a shared counter, so uneven items balance out.
//
//   ParallelFor pool(2);             // the caller and one helper thread
//   pool.Run(records.size(), [&](size_t i) { results[i] = Parse(records[i]); });
//
// Run is called from one thread at a time; fn must be safe to call from
// several threads at once (different i).
//
// With `keep_going`, an item is taken only while keep_going() is true: Run
// then returns how many items ran, always the first ones (0 .. k-1), so the
// caller can carry the rest over to a later Run.
//
//   size_t ran = pool.Run(n, fn, [&] { return clock->Now() < deadline; });
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_PARALLEL_FOR_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_PARALLEL_FOR_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace newswire {

class ParallelFor {
 public:
  // `threads` in all, the caller's included; 1 or less: Run works inline.
  explicit ParallelFor(int threads);
  ~ParallelFor();
  ParallelFor(const ParallelFor&) = delete;
  ParallelFor& operator=(const ParallelFor&) = delete;

  // Runs fn(0) ... fn(n - 1), or the first of them while keep_going() holds
  // (checked before each item is taken, from any of the threads). Returns
  // how many ran.
  size_t Run(size_t n, const std::function<void(size_t)>& fn,
             const std::function<bool()>& keep_going = nullptr) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Help() ABSL_LOCKS_EXCLUDED(mu_);
  // Takes items until none is left or keep_going says stop; returns how many
  // it ran.
  size_t Drain(size_t n, const std::function<void(size_t)>& fn,
               const std::function<bool()>* keep_going);

  absl::Mutex mu_;
  const std::function<void(size_t)>* fn_ ABSL_GUARDED_BY(mu_) = nullptr;
  const std::function<bool()>* keep_going_ ABSL_GUARDED_BY(mu_) = nullptr;
  size_t n_ ABSL_GUARDED_BY(mu_) = 0;
  size_t done_ ABSL_GUARDED_BY(mu_) = 0;
  // Helpers inside the current job: a job ends only when they have left it.
  int active_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t job_ ABSL_GUARDED_BY(mu_) = 0;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<size_t> next_{0};
  std::vector<std::thread> helpers_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_PARALLEL_FOR_H_
