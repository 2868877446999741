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

TEST(ParallelForTest, KeepGoingStopsTakingItemsAndTheRunOnesAreTheFirst) {
  for (int threads : {1, 2, 3}) {
    ParallelFor pool(threads);
    for (size_t stop_after : {0, 1, 5, 63}) {
      std::vector<std::atomic<int>> runs(64);
      std::atomic<size_t> started{0};
      const size_t ran = pool.Run(
          runs.size(), [&](size_t i) { ++runs[i]; },
          [&] { return started.fetch_add(1) < stop_after; });
      // Threads may each ask once more before they stop, but never take an
      // item after a "stop": exactly stop_after items ran, the first ones.
      EXPECT_EQ(ran, stop_after) << threads << " threads";
      for (size_t i = 0; i < runs.size(); ++i) {
        ASSERT_EQ(runs[i].load(), i < ran ? 1 : 0) << threads << " threads, item " << i;
      }
    }
  }
}

TEST(ParallelForTest, RunReturnsTheItemCountWithoutKeepGoing) {
  ParallelFor pool(2);
  EXPECT_EQ(pool.Run(10, [](size_t) {}), 10u);
  EXPECT_EQ(pool.Run(0, [](size_t) {}), 0u);
}

}  // namespace
}  // namespace newswire
