// ReflectionOption: gRPC server reflection only when asked for.
//
// Linking grpc++_reflection registers its ServerBuilder plugin from a static
// initializer, so every server built in the process would serve reflection.
// This option removes the plugin ("proto_server_reflection") from a builder
// unless `enabled`:
//
//   builder.SetOption(ReflectionOption(options.grpc_reflection));
//
// When served, reflection is checked for a token like every method but health.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_REFLECTION_OPTION_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_REFLECTION_OPTION_H_

#include <memory>

#include "grpcpp/impl/server_builder_option.h"

namespace newswire {

std::unique_ptr<grpc::ServerBuilderOption> ReflectionOption(bool enabled);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_REFLECTION_OPTION_H_
