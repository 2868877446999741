// Hostile raw records: inputs built to make a parser or a pipeline stage do
// more than linear work (many attributes on one element, deep nesting,
// unclosed formatting elements, many namespaces, one huge line, ...), each
// class sized to a byte target so its cost can be measured as it grows.
//
//   for (const HostileClass& c : HostileClasses()) {
//     RawRecord record = c.make(1 << 20);  // about 1 MiB of that shape
//     ... time pipeline.Process(record) ...
//   }
//
// Used by hostile_records_test (the worst case per class under the record
// size limit, as a table) and hostile_cost (how each class scales).
#ifndef NEWSWIRE_TESTS_BENCH_HOSTILE_RECORDS_H_
#define NEWSWIRE_TESTS_BENCH_HOSTILE_RECORDS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "services/ingest/common/raw_record.h"

namespace newswire::hostile {

struct HostileClass {
  std::string name;  // "xml_attributes", "html_fragment_formatting", ...
  // A record of this class of about `bytes` bytes (never more).
  std::function<RawRecord(size_t bytes)> make;
};

// Every class, XML first, then HTML fragments (gumbo), HTML pages, JSON and
// the text formats.
const std::vector<HostileClass>& HostileClasses();

// `unit` repeated while the result stays within `bytes` (at least once).
std::string Repeat(const std::string& unit, size_t bytes);

}  // namespace newswire::hostile

#endif  // NEWSWIRE_TESTS_BENCH_HOSTILE_RECORDS_H_
