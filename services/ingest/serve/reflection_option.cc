#include "services/ingest/serve/reflection_option.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/impl/server_builder_plugin.h"

namespace newswire {
namespace {

constexpr char kReflectionPlugin[] = "proto_server_reflection";

class ReflectionBuilderOption final : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionBuilderOption(bool enabled) : enabled_(enabled) {}

  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}

  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    if (enabled_) return;
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(),
                                  [](const std::unique_ptr<grpc::ServerBuilderPlugin>& plugin) {
                                    return plugin->name() == kReflectionPlugin;
                                  }),
                   plugins->end());
  }

 private:
  const bool enabled_;
};

}  // namespace

std::unique_ptr<grpc::ServerBuilderOption> ReflectionOption(bool enabled) {
  // Registers the plugin (once per process) in case the linker kept the
  // library without running its static initializer.
  if (enabled) grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  return std::make_unique<ReflectionBuilderOption>(enabled);
}

}  // namespace newswire
