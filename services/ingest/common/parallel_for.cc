#include "services/ingest/common/parallel_for.h"

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

size_t ParallelFor::Drain(size_t n, const std::function<void(size_t)>& fn) {
  size_t ran = 0;
  for (size_t i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) {
    fn(i);
    ++ran;
  }
  return ran;
}

void ParallelFor::Run(size_t n, const std::function<void(size_t)>& fn) {
  if (helpers_.empty() || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    fn_ = &fn;
    n_ = n;
    done_ = 0;
    next_.store(0);
    ++job_;
  }
  const size_t ran = Drain(n, fn);
  absl::MutexLock lock(&mu_);
  done_ += ran;
  mu_.Await(absl::Condition(
      +[](ParallelFor* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
        return self->done_ == self->n_ && self->active_ == 0;
      },
      this));
  fn_ = nullptr;
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
    const size_t n = n_;
    ++active_;
    mu_.Unlock();
    const size_t ran = Drain(n, *fn);
    mu_.Lock();
    done_ += ran;
    --active_;
  }
}

}  // namespace newswire
