#include "services/ingest/metrics/process_collector.h"
#include "services/ingest/common/file.h"

#include <dirent.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace newswire {
namespace {

prometheus::MetricFamily Gauge(const std::string& name, const std::string& help, double value,
                               prometheus::MetricType type = prometheus::MetricType::Gauge) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(metric);
  return family;
}

int OpenFds() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (readdir(dir) != nullptr) ++count;
    closedir(dir);
  }
  return count > 2 ? count - 3 : 0;  // ".", ".." and the directory's own fd
}

double BootTimeSeconds() {
  std::ifstream stat("/proc/stat");
  std::string key;
  double value = 0;
  while (stat >> key) {
    if (key == "btime") {
      stat >> value;
      return value;
    }
  }
  return 0;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  std::vector<prometheus::MetricFamily> families;
  const std::string stat = ReadFile("/proc/self/stat").value_or("");
  // Fields after the command name, which is in parentheses and may hold spaces.
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return families;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  std::vector<std::string> values;
  while (fields >> field) values.push_back(field);
  // values[0] is field 3 (state); utime=14, stime=15, num_threads=20,
  // starttime=22, vsize=23, rss=24 (1-based field numbers).
  auto at = [&](int field_number) {
    size_t i = static_cast<size_t>(field_number - 3);
    return i < values.size() ? std::stod(values[i]) : 0.0;
  };
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  families.push_back(Gauge("process_cpu_seconds_total", "User and system CPU time spent in seconds.",
                           (at(14) + at(15)) / ticks, prometheus::MetricType::Counter));
  families.push_back(Gauge("process_resident_memory_bytes", "Resident memory size in bytes.",
                           at(24) * page));
  families.push_back(Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", at(23)));
  families.push_back(Gauge("process_start_time_seconds",
                           "Start time of the process since unix epoch in seconds.",
                           BootTimeSeconds() + at(22) / ticks));
  families.push_back(Gauge("process_open_fds", "Number of open file descriptors.", OpenFds()));
  families.push_back(Gauge("process_threads", "Number of OS threads in the process.", at(20)));
  return families;
}

}  // namespace newswire
