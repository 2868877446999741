// NewsServiceImpl: the gRPC adapter for newswire.v1.NewsService. It turns
// requests into calls on StoryReads and absl::Status into grpc::Status, and
// does nothing else. Bearer tokens are checked before a
// call gets here, by the server's credentials (server_credentials.h).
//
// Thread-safe; lives as long as the grpc::Server it is registered with.
#ifndef NEWSWIRE_SERVICES_INGEST_SERVE_NEWS_SERVICE_H_
#define NEWSWIRE_SERVICES_INGEST_SERVE_NEWS_SERVICE_H_

#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/serve/story_reads.h"

namespace newswire {

struct ServedMessage;  // news_service.cc

class NewsServiceImpl final : public v1::NewsService::Service {
 public:
  explicit NewsServiceImpl(const StoryReads* reads);

  using EventStreamer = grpc::ServerSplitStreamer<v1::SubscribeRequest, ServedMessage>;

  // Subscribe and SubscribeBatches write each event's bytes as serialized
  // once by the view (a StoryEvent, or a StoryEventBatch of them), so an
  // event costs a subscriber no serialization and no copy: see the
  // constructor.
  grpc::Status StreamEvents(grpc::ServerContext* context, EventStreamer* stream, bool batches);
  grpc::Status GetStory(grpc::ServerContext* context, const v1::GetStoryRequest* request,
                        v1::Story* response) override;
  grpc::Status ListStories(grpc::ServerContext* context, const v1::ListStoriesRequest* request,
                           v1::ListStoriesResponse* response) override;

 private:
  const StoryReads* reads_;
};

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_INGEST_SERVE_NEWS_SERVICE_H_
