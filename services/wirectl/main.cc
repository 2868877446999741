// wirectl: newswire's command-line client and offline tools.
//
//   wirectl publish FILE...     each file as one record on the raw topic
//   wirectl subscribe           print events from NewsService, one JSON per line
//   wirectl get ID              print one story as JSON
//   wirectl normalize FILE...   run ingest's per-record code without Kafka
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/source/kafka_client.h"
#include "services/wirectl/bench.h"
#include "services/wirectl/dedup_command.h"
#include "services/wirectl/file_record.h"
#include "services/wirectl/train.h"

ABSL_FLAG(std::string, brokers, "127.0.0.1:9092", "publish: Kafka bootstrap servers.");
ABSL_FLAG(std::string, topic, "newswire.raw", "publish: topic to send records to.");
ABSL_FLAG(std::string, content_type, "",
          "publish, normalize: content-type header (default: from the file name).");
ABSL_FLAG(std::string, source_url, "",
          "publish, normalize: source-url header (default: the file path).");
ABSL_FLAG(std::string, server, "127.0.0.1:7070", "subscribe, get: NewsService address.");
ABSL_FLAG(int64_t, after_cursor, -2,
          "subscribe: resume after this cursor (the last one you processed).");
ABSL_FLAG(bool, from_beginning, false, "subscribe: every event from the start of the log.");
ABSL_FLAG(std::string, from_time, "", "subscribe: events logged at or after this RFC 3339 time.");
ABSL_FLAG(std::vector<std::string>, sections, {}, "subscribe: section codes or names.");
ABSL_FLAG(std::vector<std::string>, agencies, {}, "subscribe: agencies (KYODO, AP, ...).");
ABSL_FLAG(std::vector<std::string>, languages, {}, "subscribe: language tags.");
ABSL_FLAG(int, min_urgency, 0, "subscribe: only stories with urgency 1..N (1 = most urgent).");
ABSL_FLAG(bool, include_duplicates, false, "subscribe: also deliver duplicates.");
ABSL_FLAG(bool, heartbeats, false, "subscribe: print heartbeat events too.");
ABSL_FLAG(int, heartbeat_seconds, 0, "subscribe: ask for heartbeats this often (0 = server default).");
ABSL_FLAG(int64_t, max_events, 0, "subscribe: exit after this many story events (0 = never).");
ABSL_FLAG(double, idle_exit_seconds, 0,
          "subscribe: exit when no story event arrived for this long (0 = never).");
ABSL_FLAG(int64_t, version, 0, "get: story version (0 = current).");
ABSL_FLAG(std::string, tagger_model, "",
          "normalize, dedup: section classifier model (default: the built-in one).");
ABSL_FLAG(std::string, tagger_mapping, "", "normalize, dedup, train: extra mapping rows.");
ABSL_FLAG(std::string, out, "", "train: where to write the model.");
ABSL_FLAG(std::string, learner, "naive-bayes", "train: naive-bayes or logistic.");
ABSL_FLAG(double, low_confidence_below, 0.6,
          "train: classified sections below this calibrated confidence are marked low confidence.");
ABSL_FLAG(std::string, model_languages, "",
          "train: languages the model is for (\"en,de\"); stories in others without codes are "
          "left unclassified. Empty: any.");
ABSL_FLAG(int, stories, 10000, "bench: stories to publish.");
ABSL_FLAG(double, rate, 0, "bench: stories per second to publish (0 = as fast as possible).");
ABSL_FLAG(int, subscribers, 1, "bench: concurrent subscribers.");
ABSL_FLAG(int, connections, 0,
          "bench: gRPC connections the subscribers share, round-robin (0 = one per subscriber).");
ABSL_FLAG(bool, batches, true,
          "bench: subscribe with SubscribeBatches (several events per message); false = "
          "Subscribe (one per message).");
ABSL_FLAG(std::string, text, "../shared/corpus/bbc",
          "bench: folder of articles the stories are made of (headline, blank line, paragraphs); "
          "empty = generated words.");
ABSL_FLAG(bool, reuse_paragraphs, false,
          "bench: make stories of the --text paragraphs as printed instead of with a fourth of "
          "their words varied per story: each paragraph is then in thousands of a million "
          "stories, every lookup meets ~200 near-duplicate index entries and ~10% of stories come "
          "out near duplicates (the index's worst case).");
ABSL_FLAG(int, linger_ms, 5,
          "bench: the publisher's linger.ms (librdkafka's default 5; 1 publishes each record "
          "sooner, in more and smaller requests).");
ABSL_FLAG(std::string, compression, "none",
          "bench: the publisher's compression.type (none, lz4, zstd, ...); none keeps the "
          "publisher's CPU, which is not newswire's, small on a shared machine.");
ABSL_FLAG(bool, kcat, true, "bench: also time kcat consuming the same raw records.");
ABSL_FLAG(int, ops_port, 9464, "bench: ingestd's metrics port, for its memory.");
ABSL_FLAG(std::string, output, "json",
          "subscribe: 'json' (one proto3 JSON object per event) or 'brief' (one readable line).");

namespace newswire {
namespace {

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  // Print zero values too (cursor 0, empty headline): a stable shape for tools.
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "{}";
  return json;
}

int Publish(const std::vector<std::string>& files) {
  if (files.empty()) {
    std::cerr << "wirectl publish: no files given\n";
    return 2;
  }
  auto producer = Producer::Create({.brokers = absl::GetFlag(FLAGS_brokers)});
  if (!producer.ok()) {
    std::cerr << "wirectl publish: " << producer.status() << "\n";
    return 1;
  }
  std::atomic<int> delivered{0}, failed{0};
  int queued = 0, unreadable = 0;
  for (const std::string& path : files) {
    auto record = RecordFromFile(path, absl::GetFlag(FLAGS_content_type), absl::GetFlag(FLAGS_source_url));
    if (!record.ok()) {
      std::cerr << "wirectl publish: " << record.status().message() << "\n";
      ++unreadable;
      continue;
    }
    while (true) {
      absl::Status status = (*producer)->Produce(
          absl::GetFlag(FLAGS_topic), record->key, record->value, record->headers,
          absl::UnixEpoch(), [&, path](absl::Status delivery) {
            if (delivery.ok()) {
              ++delivered;
            } else {
              ++failed;
              std::cerr << "wirectl publish: " << path << ": " << delivery.message() << "\n";
            }
          });
      if (absl::IsResourceExhausted(status)) {
        (*producer)->Poll(absl::Milliseconds(100));
        continue;
      }
      if (!status.ok()) {
        std::cerr << "wirectl publish: " << path << ": " << status.message() << "\n";
        ++failed;
      } else {
        ++queued;
      }
      break;
    }
  }
  absl::Status flushed = (*producer)->Flush(absl::Seconds(60));
  if (!flushed.ok()) std::cerr << "wirectl publish: " << flushed.message() << "\n";
  std::cerr << "published " << delivered.load() << " of " << files.size() << " files to "
            << absl::GetFlag(FLAGS_topic) << "\n";
  return delivered.load() == static_cast<int>(files.size()) ? 0 : 1;
}

int Normalize(const std::vector<std::string>& files) {
  if (files.empty()) {
    std::cerr << "wirectl normalize: no files given\n";
    return 2;
  }
  PipelineOptions options;
  options.tagger.model_path = absl::GetFlag(FLAGS_tagger_model);
  options.tagger.mapping_path = absl::GetFlag(FLAGS_tagger_mapping);
  auto pipeline = StoryPipeline::Create(options);
  if (!pipeline.ok()) {
    std::cerr << "wirectl normalize: " << pipeline.status().message() << "\n";
    return 1;
  }
  int errors = 0;
  int64_t index = 0;
  for (const std::string& path : files) {
    auto record = RecordFromFile(path, absl::GetFlag(FLAGS_content_type), absl::GetFlag(FLAGS_source_url));
    if (!record.ok()) {
      std::cerr << "wirectl normalize: " << record.status().message() << "\n";
      ++errors;
      continue;
    }
    record->topic = "file";
    record->offset = index++;
    auto result = (*pipeline)->Process(*record);
    if (!result.ok()) {
      std::cerr << "wirectl normalize: " << path << ": " << result.status().message() << "\n";
      ++errors;
      continue;
    }
    if (result->stories.empty()) {
      std::cerr << "wirectl normalize: " << path << ": no story: " << result->no_story_reason << "\n";
    }
    for (const v1::Story& story : result->stories) std::cout << ToJson(story) << "\n";
  }
  std::cout.flush();
  return errors == 0 ? 0 : 1;
}

std::unique_ptr<v1::NewsService::Stub> Connect() {
  return v1::NewsService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_server), grpc::InsecureChannelCredentials()));
}

// cursor, kind, agency, section, id and headline on one line.
std::string Brief(const v1::StoryEvent& event) {
  const v1::Story& story = event.story();
  std::string kind = v1::EventKind_Name(event.kind());
  if (kind.rfind("EVENT_KIND_", 0) == 0) kind = kind.substr(11);
  return absl::StrCat("#", event.cursor(), " ", kind, " [",
                      story.agency().empty() ? "-" : story.agency(), "] ",
                      story.headline().empty() ? "(no headline)" : story.headline(), "  <",
                      story.id(), ">");
}

int Subscribe() {
  const bool brief = absl::GetFlag(FLAGS_output) == "brief";
  if (!brief && absl::GetFlag(FLAGS_output) != "json") {
    std::cerr << "wirectl subscribe: --output is json or brief\n";
    return 2;
  }
  v1::SubscribeRequest request;
  if (absl::GetFlag(FLAGS_from_beginning)) {
    request.set_from_beginning(true);
  } else if (absl::GetFlag(FLAGS_after_cursor) >= -1) {
    request.set_after_cursor(absl::GetFlag(FLAGS_after_cursor));
  } else if (!absl::GetFlag(FLAGS_from_time).empty()) {
    if (!google::protobuf::util::TimeUtil::FromString(absl::GetFlag(FLAGS_from_time),
                                                      request.mutable_from_time())) {
      std::cerr << "wirectl subscribe: --from_time wants RFC 3339, like 2022-11-07T00:00:00Z\n";
      return 2;
    }
  } else {
    request.set_from_now(true);
  }
  for (const std::string& s : absl::GetFlag(FLAGS_sections)) request.mutable_filter()->add_sections(s);
  for (const std::string& s : absl::GetFlag(FLAGS_agencies)) request.mutable_filter()->add_agencies(s);
  for (const std::string& s : absl::GetFlag(FLAGS_languages)) request.mutable_filter()->add_languages(s);
  request.mutable_filter()->set_min_urgency(absl::GetFlag(FLAGS_min_urgency));
  request.set_include_duplicates(absl::GetFlag(FLAGS_include_duplicates));

  const double idle_exit = absl::GetFlag(FLAGS_idle_exit_seconds);
  if (idle_exit > 0) {
    // Heartbeats make an idle stream wake us up so the idle limit is seen.
    request.set_heartbeat_seconds(std::max(1, static_cast<int>(idle_exit / 2)));
  } else {
    request.set_heartbeat_seconds(absl::GetFlag(FLAGS_heartbeat_seconds));
  }
  auto stub = Connect();
  grpc::ClientContext context;
  auto reader = stub->Subscribe(&context, request);
  const int64_t max_events = absl::GetFlag(FLAGS_max_events);
  int64_t events = 0;
  absl::Time last_story = absl::Now();
  v1::StoryEvent event;
  while (reader->Read(&event)) {
    if (event.kind() == v1::EVENT_KIND_HEARTBEAT) {
      if (absl::GetFlag(FLAGS_heartbeats)) {
        std::cout << (brief ? absl::StrCat("#", event.cursor(), " HEARTBEAT") : ToJson(event))
                  << std::endl;
      }
      if (idle_exit > 0 && absl::Now() - last_story >= absl::Seconds(idle_exit)) break;
      continue;
    }
    std::cout << (brief ? Brief(event) : ToJson(event)) << std::endl;
    last_story = absl::Now();
    if (max_events > 0 && ++events >= max_events) break;
  }
  context.TryCancel();
  grpc::Status status = reader->Finish();
  if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
    std::cerr << "wirectl subscribe: " << status.error_code() << ": " << status.error_message() << "\n";
    return 1;
  }
  return 0;
}

int Get(const std::vector<std::string>& ids) {
  if (ids.size() != 1) {
    std::cerr << "wirectl get: one story id\n";
    return 2;
  }
  v1::GetStoryRequest request;
  request.set_id(ids[0]);
  request.set_version(absl::GetFlag(FLAGS_version));
  v1::Story story;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::Status status = Connect()->GetStory(&context, request, &story);
  if (!status.ok()) {
    std::cerr << "wirectl get: " << status.error_message() << "\n";
    return 1;
  }
  std::cout << ToJson(story) << "\n";
  return 0;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "newswire command-line client.\n"
      "  wirectl publish FILE...    send each file as one record to the raw topic\n"
      "  wirectl subscribe          print story events as JSON, one per line\n"
      "  wirectl get ID             print one story as JSON\n"
      "  wirectl normalize FILE...  print the stories ingest makes of each file, without Kafka\n"
      "  wirectl train --out MODEL DIR  train the section classifier (one sub-folder per label)\n"
      "  wirectl dedup FILE...      run the files through the view's fold in order: dedup outcome per story\n"
      "  wirectl bench              load test through the broker: throughput, latency, kcat ratio");
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  // Debian's Abseil has mutex deadlock detection on; it cost the bench's 100
  // subscriber threads a lock graph update on every gRPC lock.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (positional.size() < 2) {
    std::cerr << absl::ProgramUsageMessage() << "\n";
    return 2;
  }
  std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  int code;
  if (command == "publish") {
    code = newswire::Publish(args);
  } else if (command == "normalize") {
    code = newswire::Normalize(args);
  } else if (command == "subscribe") {
    code = newswire::Subscribe();
  } else if (command == "get") {
    code = newswire::Get(args);
  } else if (command == "train") {
    if (args.size() != 1 || absl::GetFlag(FLAGS_out).empty()) {
      std::cerr << "wirectl train --out MODEL DIR\n";
      code = 2;
    } else {
      newswire::TrainCommandOptions options;
      options.mapping_path = absl::GetFlag(FLAGS_tagger_mapping);
      options.learner = absl::GetFlag(FLAGS_learner);
      options.low_confidence_below = static_cast<float>(absl::GetFlag(FLAGS_low_confidence_below));
      options.languages = absl::GetFlag(FLAGS_model_languages);
      absl::Status status = newswire::TrainCommand(absl::GetFlag(FLAGS_out), args[0], options, std::cout);
      if (!status.ok()) std::cerr << "wirectl train: " << status.message() << "\n";
      code = status.ok() ? 0 : 1;
    }
  } else if (command == "dedup") {
    absl::Status status = newswire::RunDedup(args, std::cout, std::cerr);
    if (!status.ok()) std::cerr << "wirectl dedup: " << status.message() << "\n";
    code = status.ok() ? 0 : 1;
  } else if (command == "bench") {
    newswire::BenchOptions options;
    options.brokers = absl::GetFlag(FLAGS_brokers);
    options.raw_topic = absl::GetFlag(FLAGS_topic);
    options.server = absl::GetFlag(FLAGS_server);
    options.stories = absl::GetFlag(FLAGS_stories);
    options.rate = absl::GetFlag(FLAGS_rate);
    options.subscribers = absl::GetFlag(FLAGS_subscribers);
    options.connections = absl::GetFlag(FLAGS_connections);
    options.batches = absl::GetFlag(FLAGS_batches);
    options.text_dir = absl::GetFlag(FLAGS_text);
    options.reuse_paragraphs = absl::GetFlag(FLAGS_reuse_paragraphs);
    options.kcat = absl::GetFlag(FLAGS_kcat);
    options.linger_ms = absl::GetFlag(FLAGS_linger_ms);
    options.compression = absl::GetFlag(FLAGS_compression);
    options.ops_port = absl::GetFlag(FLAGS_ops_port);
    absl::Status status = newswire::RunBench(options, std::cout);
    if (!status.ok()) std::cerr << "wirectl bench: " << status.message() << "\n";
    code = status.ok() ? 0 : 1;
  } else {
    std::cerr << "wirectl: unknown command " << command << "\n" << absl::ProgramUsageMessage() << "\n";
    code = 2;
  }
  std::cout.flush();
  _exit(code);
}
