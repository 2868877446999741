#include "services/ingest/common/parallel_for.h"

#include <algorithm>

namespace newswire {

ParallelFor::ParallelFor(int threads) {
  for (int i = 1; i < threads; ++i) helpers_.emplace_back([this] { Help(); });
}

ParallelFor::~ParallelFor() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  for (std::thread& helper : helpers_) helper.join();
}

size_t ParallelFor::Drain(size_t n, const std::function<void(size_t)>& fn,
                          const std::function<bool()>* keep_going) {
  size_t ran = 0;
  // The counter is read only after keep_going agreed, so the items taken are
  // always the first ones: a thread that stops takes none.
  while (keep_going == nullptr || (*keep_going)()) {
    const size_t i = next_.fetch_add(1);
    if (i >= n) break;
    fn(i);
    ++ran;
  }
  return ran;
}

size_t ParallelFor::Run(size_t n, const std::function<void(size_t)>& fn,
                        const std::function<bool()>& keep_going) {
  const std::function<bool()>* stop_check = keep_going ? &keep_going : nullptr;
  if (helpers_.empty() || n <= 1) {
    size_t i = 0;
    for (; i < n && (stop_check == nullptr || keep_going()); ++i) fn(i);
    return i;
  }
  {
    absl::MutexLock lock(&mu_);
    fn_ = &fn;
    keep_going_ = stop_check;
    n_ = n;
    done_ = 0;
    next_.store(0);
    ++job_;
  }
  const size_t ran = Drain(n, fn, stop_check);
  absl::MutexLock lock(&mu_);
  done_ += ran;
  // Every item taken has run once no helper is inside the job and the count
  // of items run reaches the count taken.
  mu_.Await(absl::Condition(
      +[](ParallelFor* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
        return self->active_ == 0 && self->done_ == std::min(self->next_.load(), self->n_);
      },
      this));
  fn_ = nullptr;
  keep_going_ = nullptr;
  return done_;
}

void ParallelFor::Help() {
  struct Wake {
    ParallelFor* self;
    uint64_t seen;
  } wake{this, 0};
  absl::MutexLock lock(&mu_);
  while (true) {
    mu_.Await(absl::Condition(
        +[](Wake* w) ABSL_NO_THREAD_SAFETY_ANALYSIS {
          return w->self->stop_ || (w->self->job_ != w->seen && w->self->fn_ != nullptr);
        },
        &wake));
    if (stop_) return;
    wake.seen = job_;
    const std::function<void(size_t)>* fn = fn_;
    const std::function<bool()>* keep_going = keep_going_;
    const size_t n = n_;
    ++active_;
    mu_.Unlock();
    const size_t ran = Drain(n, *fn, keep_going);
    mu_.Lock();
    done_ += ran;
    --active_;
  }
}

}  // namespace newswire
