#include "services/ingest/serve/news_service.h"

#include <vector>

#include "absl/types/span.h"
#include "google/protobuf/io/coded_stream.h"
#include "grpcpp/support/method_handler.h"
#include "services/ingest/serve/grpc_status.h"

namespace newswire {
namespace {

// A slice over an event's wire bytes, holding a reference to the event until
// gRPC has sent it: no copy per subscriber.
grpc::Slice WireSlice(const SharedEvent& event, bool with_minhash) {
  auto* held = new SharedEvent(event);
  const std::string& wire = event->wire(with_minhash);
  return grpc::Slice(const_cast<char*>(wire.data()), wire.size(),
                     [](void* user_data) { delete static_cast<SharedEvent*>(user_data); }, held);
}

// Messages of a batched stream stay under this size; a larger event goes
// alone. Well below gRPC's default 4 MiB receive limit.
constexpr size_t kMaxBatchBytes = size_t{1} << 20;

}  // namespace

// Events for one message of a stream: one event for Subscribe, a run of them
// for SubscribeBatches.
struct ServedMessage {
  absl::Span<const SharedEvent> events;
  // As a StoryEventBatch (field 1 per event) rather than one StoryEvent.
  bool batch = false;
  // Stories with their MinHash signature (SubscribeRequest.include_minhash).
  bool with_minhash = false;
};

}  // namespace newswire

// Writing a ServedMessage sends the events' ready bytes. Never read.
template <>
class grpc::SerializationTraits<newswire::ServedMessage> {
 public:
  static grpc::Status Serialize(const newswire::ServedMessage& message, grpc::ByteBuffer* buffer,
                                bool* own_buffer) {
    std::vector<grpc::Slice> slices;
    slices.reserve(message.events.size() * 2);
    for (const newswire::SharedEvent& event : message.events) {
      if (message.batch) {
        // StoryEventBatch.events: tag (field 1, length-delimited), length.
        uint8_t head[1 + 5];  // a varint32 takes at most 5 bytes
        head[0] = (1 << 3) | 2;
        uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(
            static_cast<uint32_t>(event->wire(message.with_minhash).size()), head + 1);
        slices.emplace_back(head, static_cast<size_t>(end - head));
      }
      slices.push_back(newswire::WireSlice(event, message.with_minhash));
    }
    grpc::ByteBuffer bytes(slices.data(), slices.size());
    buffer->Swap(&bytes);
    *own_buffer = true;
    return grpc::Status::OK;
  }
  static grpc::Status Deserialize(grpc::ByteBuffer*, newswire::ServedMessage*) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "ServedMessage is only written");
  }
};

namespace newswire {

NewsServiceImpl::NewsServiceImpl(const StoryReads* reads)
    : reads_(reads) {
  // Methods 0 (Subscribe) and 3 (SubscribeBatches), as "split streams":
  // the handler reads the one request itself and may write any type with
  // SerializationTraits.
  MarkMethodStreamed(
      0, new grpc::internal::SplitServerStreamingHandler<v1::SubscribeRequest, ServedMessage>(
             [this](grpc::ServerContext* context, EventStreamer* stream) {
               return StreamEvents(context, stream, /*batches=*/false);
             }));
  MarkMethodStreamed(
      3, new grpc::internal::SplitServerStreamingHandler<v1::SubscribeRequest, ServedMessage>(
             [this](grpc::ServerContext* context, EventStreamer* stream) {
               return StreamEvents(context, stream, /*batches=*/true);
             }));
}

grpc::Status NewsServiceImpl::StreamEvents(grpc::ServerContext* context, EventStreamer* stream,
                                           bool batches) {
  // This thread is held from here: count the stream before waiting for its
  // request, so max_subscribers bounds the threads streams can hold.
  absl::StatusOr<StoryReads::Slot> slot = reads_->Admit();
  if (!slot.ok()) return ToGrpcStatus(slot.status());
  v1::SubscribeRequest request;
  if (!stream->Read(&request)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no SubscribeRequest");
  }
  // No buffer hint: a synchronous Write waits for its own completion, and a
  // hinted (corked) write completes only when something else goes out on the
  // connection, which stalled streams until the next keepalive ping (30 s).
  const bool with_minhash = request.include_minhash();
  auto emit = [stream, batches, with_minhash](absl::Span<const SharedEvent> events) {
    if (!batches) {
      for (size_t i = 0; i < events.size(); ++i) {
        if (!stream->Write(ServedMessage{events.subspan(i, 1), false, with_minhash})) return false;
      }
      return true;
    }
    size_t first = 0, bytes = 0;
    for (size_t i = 0; i < events.size(); ++i) {
      const size_t size = events[i]->wire(with_minhash).size() + 6;
      if (i > first && bytes + size > kMaxBatchBytes) {
        if (!stream->Write(ServedMessage{events.subspan(first, i - first), true, with_minhash})) {
          return false;
        }
        first = i;
        bytes = 0;
      }
      bytes += size;
    }
    return stream->Write(ServedMessage{events.subspan(first), true, with_minhash});
  };
  return ToGrpcStatus(reads_->Stream(
      request, emit, [context] { return context->IsCancelled(); }, *slot));
}

grpc::Status NewsServiceImpl::GetStory(grpc::ServerContext* context,
                                       const v1::GetStoryRequest* request, v1::Story* response) {
  absl::StatusOr<v1::Story> story = reads_->GetStory(*request);
  if (!story.ok()) return ToGrpcStatus(story.status());
  *response = *std::move(story);
  return grpc::Status::OK;
}

grpc::Status NewsServiceImpl::ListStories(grpc::ServerContext* context,
                                          const v1::ListStoriesRequest* request,
                                          v1::ListStoriesResponse* response) {
  absl::StatusOr<v1::ListStoriesResponse> page = reads_->ListStories(*request);
  if (!page.ok()) return ToGrpcStatus(page.status());
  *response = *std::move(page);
  return grpc::Status::OK;
}

}  // namespace newswire
