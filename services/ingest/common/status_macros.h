// Status propagation macros (Abseil 20220623 ships none).
//
//   NW_RETURN_IF_ERROR(store->Write(batch));
//   NW_ASSIGN_OR_RETURN(auto story, ParseStory(bytes));
#ifndef NEWSWIRE_SERVICES_INGEST_COMMON_STATUS_MACROS_H_
#define NEWSWIRE_SERVICES_INGEST_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define NW_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    const ::absl::Status nw_status_ = (expr);    \
    if (!nw_status_.ok()) return nw_status_;     \
  } while (0)

#define NW_STATUS_CONCAT_INNER_(a, b) a##b
#define NW_STATUS_CONCAT_(a, b) NW_STATUS_CONCAT_INNER_(a, b)

#define NW_ASSIGN_OR_RETURN(lhs, expr) \
  NW_ASSIGN_OR_RETURN_IMPL_(NW_STATUS_CONCAT_(nw_statusor_, __LINE__), lhs, expr)

#define NW_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return statusor.status();        \
  lhs = std::move(statusor).value()

#endif  // NEWSWIRE_SERVICES_INGEST_COMMON_STATUS_MACROS_H_
