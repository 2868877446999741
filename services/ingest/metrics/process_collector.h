// ProcessCollector: the standard process_* metrics (resident memory, CPU
// seconds, open file descriptors, start time, threads) that prometheus-cpp
// does not export, read from /proc/self at scrape time.
//
//   registry->Register(std::make_shared<ProcessCollector>());
//
// Thread-safe (stateless).
#ifndef NEWSWIRE_SERVICES_INGEST_METRICS_PROCESS_COLLECTOR_H_
#define NEWSWIRE_SERVICES_INGEST_METRICS_PROCESS_COLLECTOR_H_

#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace newswire {

class ProcessCollector : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_METRICS_PROCESS_COLLECTOR_H_
