#include "services/ingest/metrics/health.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace newswire::ingest::metrics {

Health::Health(const Clock* clock, absl::Duration stall_after)
    : clock_(clock), stall_after_(stall_after) {}

void Health::RegisterLoop(absl::string_view name) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  if (last_beat_.find(name) == last_beat_.end()) {
    last_beat_.emplace(std::string(name), now);
  }
}

void Health::Beat(absl::string_view name) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = last_beat_.find(name);
  if (it == last_beat_.end()) {
    last_beat_.emplace(std::string(name), now);
  } else {
    it->second = now;
  }
}

void Health::SetReady(absl::string_view condition, bool ok) {
  absl::MutexLock lock(&mu_);
  auto it = conditions_.find(condition);
  if (it == conditions_.end()) {
    conditions_.emplace(std::string(condition), ok);
  } else {
    it->second = ok;
  }
}

void Health::WatchProgress(absl::string_view condition, absl::Duration stall_after,
                           absl::string_view unit) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  if (watches_.find(condition) != watches_.end()) return;
  watches_.emplace(std::string(condition),
                   ProgressWatch{stall_after, std::string(unit), now, 0});
}

void Health::Progress(absl::string_view condition) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = watches_.find(condition);
  if (it != watches_.end()) it->second.last_progress = now;
}

void Health::SetWaiting(absl::string_view condition, int64_t waiting) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = watches_.find(condition);
  if (it == watches_.end()) return;
  it->second.waiting = waiting;
  if (waiting <= 0) it->second.last_progress = now;
}

absl::Time Health::LastProgress(absl::string_view condition) const {
  absl::MutexLock lock(&mu_);
  auto it = watches_.find(condition);
  return it == watches_.end() ? absl::InfinitePast() : it->second.last_progress;
}

Health::Report Health::Liveness() const {
  const absl::Time now = clock_->Now();
  Report report{true, ""};
  absl::MutexLock lock(&mu_);
  if (last_beat_.empty()) {
    report.text = "no loops registered\n";
    return report;
  }
  for (const auto& [name, last_beat] : last_beat_) {
    // A clock that stepped backwards must not make a loop look stalled.
    const absl::Duration since = std::max(now - last_beat, absl::ZeroDuration());
    const bool stalled = since > stall_after_;
    if (stalled) report.ok = false;
    absl::StrAppendFormat(&report.text, "loop %s: %s, last beat %.3fs ago",
                          name, stalled ? "STALLED" : "ok",
                          absl::ToDoubleSeconds(since));
    if (stalled) {
      absl::StrAppendFormat(&report.text, " (stall_after %.3fs)",
                            absl::ToDoubleSeconds(stall_after_));
    }
    report.text.push_back('\n');
  }
  return report;
}

Health::Report Health::Readiness() const {
  const absl::Time now = clock_->Now();
  Report report{true, ""};
  absl::MutexLock lock(&mu_);
  if (conditions_.empty() && watches_.empty()) {
    report.ok = false;
    report.text = "no readiness conditions registered\n";
    return report;
  }
  for (const auto& [condition, ok] : conditions_) {
    if (!ok) report.ok = false;
    absl::StrAppend(&report.text, "condition ", condition, ": ",
                    ok ? "ok" : "NOT READY", "\n");
  }
  for (const auto& [condition, watch] : watches_) {
    const absl::Duration since =
        std::max(now - watch.last_progress, absl::ZeroDuration());
    if (watch.waiting <= 0 || since <= watch.stall_after) {
      absl::StrAppend(&report.text, "condition ", condition, ": ok\n");
      continue;
    }
    report.ok = false;
    absl::StrAppendFormat(
        &report.text,
        "condition %s: NOT READY: no %s settled for %.1f s with %d %s%s "
        "waiting (stall after %g s)\n",
        condition, watch.unit, absl::ToDoubleSeconds(since), watch.waiting,
        watch.unit, watch.waiting == 1 ? "" : "s",
        absl::ToDoubleSeconds(watch.stall_after));
  }
  return report;
}

}  // namespace newswire::ingest::metrics
