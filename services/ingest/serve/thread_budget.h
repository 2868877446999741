// GrpcThreadBudget: how many threads the synchronous gRPC server may use,
// consistent with the subscriber limit by construction.
//
// Every open Subscribe stream holds a server thread for its life (from the
// moment its headers are accepted, before its request is read), and
// StoryReads refuses streams beyond max_subscribers. The threads
// must cover those plus headroom for unary calls, health probes and the
// server's own polling threads; otherwise the thread quota, not the
// subscriber limit, refuses callers, with the health service still saying
// SERVING.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_THREAD_BUDGET_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_THREAD_BUDGET_H_

#include "absl/status/statusor.h"

namespace newswire {

// Threads beyond max_subscribers for everything that is not a stream.
inline constexpr int kGrpcThreadHeadroom = 64;

// `requested_threads` 0: max_subscribers + kGrpcThreadHeadroom. Otherwise it
// is used as given if it leaves that headroom, and refused
// (InvalidArgument, naming both flags) if not.
absl::StatusOr<int> GrpcThreadBudget(int max_subscribers, int requested_threads);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_THREAD_BUDGET_H_
