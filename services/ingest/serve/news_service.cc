#include "services/ingest/serve/news_service.h"

#include "services/ingest/serve/grpc_status.h"

namespace newswire {

grpc::Status NewsServiceImpl::Subscribe(grpc::ServerContext* context,
                                        const v1::SubscribeRequest* request,
                                        grpc::ServerWriter<v1::StoryEvent>* writer) {
  return ToGrpcStatus(subscriptions_->Stream(
      *request, [writer](const v1::StoryEvent& event) { return writer->Write(event); },
      [context] { return context->IsCancelled(); }));
}

grpc::Status NewsServiceImpl::GetStory(grpc::ServerContext* context,
                                       const v1::GetStoryRequest* request, v1::Story* response) {
  absl::StatusOr<v1::Story> story = subscriptions_->GetStory(*request);
  if (!story.ok()) return ToGrpcStatus(story.status());
  *response = *std::move(story);
  return grpc::Status::OK;
}

grpc::Status NewsServiceImpl::ListStories(grpc::ServerContext* context,
                                          const v1::ListStoriesRequest* request,
                                          v1::ListStoriesResponse* response) {
  return ToGrpcStatus(absl::UnimplementedError(
      "ListStories is not served yet (tracked by the serving issue); use Subscribe or GetStory"));
}

}  // namespace newswire
