#include "services/ingest/common/parallel_for.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(ParallelForTest, EveryItemRunsOnceAcrossManyJobs) {
  ParallelFor pool(3);
  for (size_t n : {0, 1, 2, 7, 64, 1000}) {
    for (int job = 0; job < 50; ++job) {
      std::vector<std::atomic<int>> runs(n);
      pool.Run(n, [&](size_t i) { ++runs[i]; });
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(runs[i].load(), 1) << "n " << n << " item " << i;
    }
  }
}

TEST(ParallelForTest, UsesMoreThanTheCallersThread) {
  ParallelFor pool(2);
  absl::Mutex mu;
  std::set<std::thread::id> threads;
  for (int job = 0; job < 200 && threads.size() < 2; ++job) {
    pool.Run(8, [&](size_t) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      absl::MutexLock lock(&mu);
      threads.insert(std::this_thread::get_id());
    });
  }
  EXPECT_EQ(threads.size(), 2u);
}

TEST(ParallelForTest, OneThreadRunsInline) {
  ParallelFor pool(1);
  std::vector<size_t> order;
  pool.Run(4, [&](size_t i) { order.push_back(i); });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3}));
}

}  // namespace
}  // namespace newswire
