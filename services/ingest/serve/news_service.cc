#include "services/ingest/serve/news_service.h"

#include "grpcpp/support/method_handler.h"
#include "services/ingest/serve/grpc_status.h"

// Writing a ServedEvent sends its ready bytes. Never read.
template <>
class grpc::SerializationTraits<newswire::ServedEvent> {
 public:
  static grpc::Status Serialize(const newswire::ServedEvent& event, grpc::ByteBuffer* buffer,
                                bool* own_buffer) {
    grpc::Slice slice(event.wire);
    grpc::ByteBuffer bytes(&slice, 1);
    buffer->Swap(&bytes);
    *own_buffer = true;
    return grpc::Status::OK;
  }
  static grpc::Status Deserialize(grpc::ByteBuffer*, newswire::ServedEvent*) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "ServedEvent is only written");
  }
};

namespace newswire {

NewsServiceImpl::NewsServiceImpl(const StorySubscriptions* subscriptions,
                                 const TokenAuthenticator* auth)
    : subscriptions_(subscriptions), auth_(auth) {
  // Method 0 is Subscribe. As a "split stream" the handler reads the one
  // request itself and may write any type with SerializationTraits.
  MarkMethodStreamed(
      0, new grpc::internal::SplitServerStreamingHandler<v1::SubscribeRequest, ServedEvent>(
             [this](grpc::ServerContext* context,
                    grpc::ServerSplitStreamer<v1::SubscribeRequest, ServedEvent>* stream) {
               return StreamEvents(context, stream);
             }));
}

absl::Status NewsServiceImpl::Authenticate(const grpc::ServerContext* context) const {
  if (auth_ == nullptr) return absl::OkStatus();
  const auto& metadata = context->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return auth_->Check("");
  return auth_->Check(absl::string_view(it->second.data(), it->second.size()));
}

grpc::Status NewsServiceImpl::StreamEvents(
    grpc::ServerContext* context,
    grpc::ServerSplitStreamer<v1::SubscribeRequest, ServedEvent>* stream) {
  v1::SubscribeRequest request;
  if (!stream->Read(&request)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no SubscribeRequest");
  }
  if (absl::Status auth = Authenticate(context); !auth.ok()) return ToGrpcStatus(auth);
  return ToGrpcStatus(subscriptions_->Stream(
      request,
      // No buffer hint: a synchronous Write waits for its own completion,
      // and a hinted (corked) write completes only when something else goes
      // out on the connection, which stalled streams until the next
      // keepalive ping (30 s).
      [stream](const ServedEvent& event) { return stream->Write(event); },
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
