#include "services/ingest/serve/news_service.h"

#include "services/ingest/serve/grpc_status.h"

namespace newswire {

absl::Status NewsServiceImpl::Authenticate(const grpc::ServerContext* context) const {
  if (auth_ == nullptr) return absl::OkStatus();
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return auth_->Check("");
  return auth_->Check(absl::string_view(it->second.data(), it->second.size()));
}

grpc::Status NewsServiceImpl::Subscribe(grpc::ServerContext* context,
                                        const v1::SubscribeRequest* request,
                                        grpc::ServerWriter<v1::StoryEvent>* writer) {
  if (absl::Status auth = Authenticate(context); !auth.ok()) return ToGrpcStatus(auth);
  return ToGrpcStatus(subscriptions_->Stream(
      *request,
      [writer](const v1::StoryEvent& event, bool more) {
        // More to follow: let the transport coalesce the writes.
        return writer->Write(event, more ? grpc::WriteOptions().set_buffer_hint()
                                         : grpc::WriteOptions());
      },
      [context] { return context->IsCancelled(); }));
}

grpc::Status NewsServiceImpl::GetStory(grpc::ServerContext* context,
                                       const v1::GetStoryRequest* request, v1::Story* response) {
  if (absl::Status auth = Authenticate(context); !auth.ok()) return ToGrpcStatus(auth);
  absl::StatusOr<v1::Story> story = subscriptions_->GetStory(*request);
  if (!story.ok()) return ToGrpcStatus(story.status());
  *response = *std::move(story);
  return grpc::Status::OK;
}

grpc::Status NewsServiceImpl::ListStories(grpc::ServerContext* context,
                                          const v1::ListStoriesRequest* request,
                                          v1::ListStoriesResponse* response) {
  if (absl::Status auth = Authenticate(context); !auth.ok()) return ToGrpcStatus(auth);
  absl::StatusOr<v1::ListStoriesResponse> page = subscriptions_->ListStories(*request);
  if (!page.ok()) return ToGrpcStatus(page.status());
  *response = *std::move(page);
  return grpc::Status::OK;
}

}  // namespace newswire
