// The error policy: what an error means, decided in one place for every
// call site (docs/delivery.md, "Error policy", has the table).
//
//   switch (ErrorDisposition(ErrorSite::kProduce, status)) {
//     case Disposition::kStop: ...          // the service stops (exit 1)
//     case Disposition::kRetry: ...         // the same work again, later
//     case Disposition::kDeadLetter: ...    // the record goes to the DLQ
//     case Disposition::kLogAndContinue: ...
//   }
//
// The code says what happened (the sinks and sources classify their
// clients' errors into codes: source/record_io.h); the site says what was
// being done. Bad input, whatever code it carries, only ever dead-letters
// its record: untrusted bytes never stop the service nor hold a partition.
//
// Pure functions; thread-safe.
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_ERROR_POLICY_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_ERROR_POLICY_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire {

enum class Disposition {
  kStop,            // fatal: ingest (or the view) stops, exit status 1, nothing more stored
  kRetry,           // transient: the same work again (after a backoff, or when the queue has room)
  kDeadLetter,      // this record can never succeed as it is: to the DLQ, next record
  kLogAndContinue,  // harmless where it happens (named in the policy): logged, nothing else
};

enum class ErrorSite {
  // RawSource::Poll: the consumer's errors (a record it cannot read is not
  // an error but an unreadable record, which is dead-lettered).
  kConsume,
  // StoryPipeline::Process: normalize, tag, fingerprint one raw record.
  kNormalize,
  // Producing a story or a DLQ copy (sent or in its delivery report).
  kProduce,
  // Producing the DLQ's last resort: a reference, or an unreadable record's
  // stand-in. There is nothing smaller to send instead.
  kProduceLastResort,
  // RawSource::StoreOffset.
  kStoreOffset,
  // The view: reading the stories log, folding, writing RocksDB.
  kFold,
  // Flushing the producer at shutdown (what is not flushed is re-read).
  kShutdownFlush,
};

Disposition ErrorDisposition(ErrorSite site, const absl::Status& status);

// "stop", "retry", "dead_letter", "log_and_continue".
absl::string_view DispositionName(Disposition disposition);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_ERROR_POLICY_H_
