// wirectl: newswire's command-line client and offline tools.
//
//   wirectl publish FILE...     each file as one record on the raw topic
//   wirectl subscribe           print events from NewsService, one JSON per line
//   wirectl get ID              print one story as JSON
//   wirectl normalize FILE...   run ingest's per-record code without Kafka
//   (and train, dedup, bench: `wirectl --help`; `wirectl COMMAND --help`)
//
// subscribe, get and bench reach a secured ingestd with --tls_ca,
// --tls_cert/--tls_key and a token from --token_file or NEWSWIRE_TOKEN
// (news_connection.h).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
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
#include "grpc/support/log.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/pipeline.h"
#include "services/ingest/kafka/kafka_client.h"
#include "services/wirectl/bench.h"
#include "services/wirectl/command_help.h"
#include "services/wirectl/dedup_command.h"
#include "services/wirectl/file_record.h"
#include "services/wirectl/news_connection.h"
#include "services/wirectl/train.h"

ABSL_FLAG(std::string, brokers, "127.0.0.1:9092", "Kafka bootstrap servers.");
ABSL_FLAG(std::string, topic, "newswire.raw", "Topic to send records to.");
ABSL_FLAG(std::string, content_type, "",
          "Content-type header (default: from the file name).");
ABSL_FLAG(std::string, source_url, "",
          "Source-url header (default: the file path).");
ABSL_FLAG(std::string, server, "127.0.0.1:7070", "NewsService address (host:port).");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA bundle that signed the server's certificate: connect with TLS (ingestd's "
          "--tls_cert). Empty: plaintext.");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM client certificate, with --tls_key, for a server that requires one (ingestd's "
          "--tls_client_ca: mutual TLS).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert.");
ABSL_FLAG(std::string, token_file, "",
          "File whose first line (not blank, not '#') is the bearer token, for a server with "
          "--auth_tokens_file. Without it the token is taken from the environment variable "
          "NEWSWIRE_TOKEN, if set. Never given as a flag value: that would land in shell history.");
ABSL_FLAG(int64_t, after_cursor, -2,
          "Resume after this cursor (the last one you processed).");
ABSL_FLAG(bool, from_beginning, false, "Every event from the start of the log.");
ABSL_FLAG(std::string, from_time, "", "Events logged at or after this RFC 3339 time.");
ABSL_FLAG(std::vector<std::string>, sections, {}, "Section codes or names.");
ABSL_FLAG(std::vector<std::string>, agencies, {}, "Agencies (KYODO, AP, ...).");
ABSL_FLAG(std::vector<std::string>, languages, {}, "Language tags.");
ABSL_FLAG(int, min_urgency, 0, "Only stories with urgency 1..N (1 = most urgent).");
ABSL_FLAG(bool, include_duplicates, false, "Also deliver duplicates.");
ABSL_FLAG(bool, newest_fullest, false,
          "Newest fullest text per story family: skip copies no longer than one already "
          "received.");
ABSL_FLAG(bool, heartbeats, false, "Print heartbeat events too.");
ABSL_FLAG(int, heartbeat_seconds, 0, "Ask for heartbeats this often (0 = server default).");
ABSL_FLAG(int64_t, max_events, 0, "Exit after this many story events (0 = never).");
ABSL_FLAG(double, idle_exit_seconds, 0,
          "Exit when no story event arrived for this long (0 = never).");
ABSL_FLAG(int64_t, version, 0, "Story version (0 = current).");
ABSL_FLAG(std::string, tagger_model, "",
          "Section classifier model (default: the built-in one).");
ABSL_FLAG(std::string, tagger_mapping, "", "Extra mapping rows.");
ABSL_FLAG(std::string, out, "", "Where to write the model.");
ABSL_FLAG(std::string, learner, "naive-bayes", "naive-bayes or logistic.");
ABSL_FLAG(double, low_confidence_below, 0.6,
          "Classified sections below this calibrated confidence are marked low confidence.");
ABSL_FLAG(std::string, model_languages, "",
          "Languages the model is for (\"en,de\"); stories in others without codes are left "
          "unclassified. Empty: any.");
ABSL_FLAG(int, dedup_window_hours, 0,
          "Compare stories whose own times are this close, as ingestd does (168 = ingestd's "
          "default); 0 = the files are one batch, whatever times they carry.");
ABSL_FLAG(int, stories, 10000, "Stories to publish.");
ABSL_FLAG(double, rate, 0, "Stories per second to publish (0 = as fast as possible).");
ABSL_FLAG(int, subscribers, 1, "Concurrent subscribers.");
ABSL_FLAG(int, connections, 0,
          "gRPC connections the subscribers share, round-robin (0 = one per subscriber).");
ABSL_FLAG(bool, batches, true,
          "Subscribe with SubscribeBatches (several events per message); false = "
          "Subscribe (one per message).");
ABSL_FLAG(std::string, text, "",
          "Folder of articles the stories are made of (*.txt: headline, blank line, "
          "paragraphs), like ../shared/corpus/bbc. Empty: the repository's own testdata/stories, "
          "built into wirectl. 'generated': generated words.");
ABSL_FLAG(bool, reuse_paragraphs, false,
          "Make stories of the --text paragraphs as printed instead of with a fourth of "
          "their words varied per story: each paragraph is then in thousands of a million "
          "stories, every lookup meets ~200 near-duplicate index entries and ~10% of stories come "
          "out near duplicates (the index's worst case).");
ABSL_FLAG(int, linger_ms, 5,
          "The publisher's linger.ms (librdkafka's default 5; 1 publishes each record "
          "sooner, in more and smaller requests).");
ABSL_FLAG(std::string, compression, "none",
          "The publisher's compression.type (none, lz4, zstd, ...); none keeps the "
          "publisher's CPU, which is not newswire's, small on a shared machine.");
ABSL_FLAG(bool, kcat, true, "Also time kcat consuming the same raw records.");
ABSL_FLAG(int, ops_port, 9464, "ingestd's ops port (/metrics), for its memory after the run.");
ABSL_FLAG(std::string, output, "json",
          "'json' (one proto3 JSON object per event) or 'brief' (one readable line).");

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

ClientSecurity SecurityFromFlags() {
  return {.tls_ca = absl::GetFlag(FLAGS_tls_ca),
          .tls_cert = absl::GetFlag(FLAGS_tls_cert),
          .tls_key = absl::GetFlag(FLAGS_tls_key),
          .token_file = absl::GetFlag(FLAGS_token_file)};
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

// The connection of subscribe, get and bench, from the connection flags and
// the token variable; prints why not and returns null when it cannot be made.
std::unique_ptr<NewsConnection> Connect(absl::string_view command) {
  auto connection = NewsConnection::Create(absl::GetFlag(FLAGS_server), SecurityFromFlags(),
                                           std::getenv(kTokenEnvironmentVariable));
  if (!connection.ok()) {
    std::cerr << "wirectl " << command << ": " << connection.status().message() << "\n";
    return nullptr;
  }
  return *std::move(connection);
}

// cursor, kind, agency, headline, id and (when another story's) family on
// one line.
std::string Brief(const v1::StoryEvent& event) {
  const v1::Story& story = event.story();
  std::string kind = v1::EventKind_Name(event.kind());
  if (kind.rfind("EVENT_KIND_", 0) == 0) kind = kind.substr(11);
  return absl::StrCat("#", event.cursor(), " ", kind, " [",
                      story.agency().empty() ? "-" : story.agency(), "] ",
                      story.headline().empty() ? "(no headline)" : story.headline(), "  <",
                      story.id(), ">",
                      story.family_id().empty() || story.family_id() == story.id()
                          ? ""
                          : absl::StrCat(" family <", story.family_id(), ">"));
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
  request.set_newest_fullest_per_family(absl::GetFlag(FLAGS_newest_fullest));

  const double idle_exit = absl::GetFlag(FLAGS_idle_exit_seconds);
  if (idle_exit > 0) {
    // Heartbeats make an idle stream wake us up so the idle limit is seen.
    request.set_heartbeat_seconds(std::max(1, static_cast<int>(idle_exit / 2)));
  } else {
    request.set_heartbeat_seconds(absl::GetFlag(FLAGS_heartbeat_seconds));
  }
  std::unique_ptr<NewsConnection> connection = Connect("subscribe");
  if (connection == nullptr) return 2;
  auto stub = v1::NewsService::NewStub(connection->NewChannel());
  grpc::ClientContext context;
  connection->Authorize(&context);
  auto reader = stub->Subscribe(&context, request);
  const int64_t max_events = absl::GetFlag(FLAGS_max_events);
  int64_t events = 0;
  absl::Time last_story = absl::Now();
  v1::StoryEvent event;
  bool stopped = false;
  while (reader->Read(&event)) {
    if (event.kind() == v1::EVENT_KIND_HEARTBEAT) {
      if (absl::GetFlag(FLAGS_heartbeats)) {
        std::cout << (brief ? absl::StrCat("#", event.cursor(), " HEARTBEAT") : ToJson(event))
                  << std::endl;
      }
      if (idle_exit > 0 && absl::Now() - last_story >= absl::Seconds(idle_exit)) {
        stopped = true;
        break;
      }
      continue;
    }
    std::cout << (brief ? Brief(event) : ToJson(event)) << std::endl;
    last_story = absl::Now();
    if (max_events > 0 && ++events >= max_events) {
      stopped = true;
      break;
    }
  }
  // Cancelled only when we stopped reading: a stream the server ended (a
  // refusal included) keeps its own status.
  if (stopped) context.TryCancel();
  grpc::Status status = reader->Finish();
  if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
    std::cerr << "wirectl subscribe: " << connection->Explain(status) << "\n";
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
  std::unique_ptr<NewsConnection> connection = Connect("get");
  if (connection == nullptr) return 2;
  v1::Story story;
  grpc::ClientContext context;
  connection->Authorize(&context);
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::Status status =
      v1::NewsService::NewStub(connection->NewChannel())->GetStory(&context, request, &story);
  if (!status.ok()) {
    std::cerr << "wirectl get: " << connection->Explain(status) << "\n";
    return 1;
  }
  std::cout << ToJson(story) << "\n";
  return 0;
}

}  // namespace
}  // namespace newswire

namespace newswire {
namespace {

constexpr char kAbout[] = "wirectl: newswire's command-line client and offline tools.";

// The flags each command reads; `wirectl COMMAND --help` lists these.
const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {"publish", "FILE...",
       "send each file as one record to the raw topic",
       "Sends each file as one record to the raw topic, with content-type and source-url "
       "headers (from the file name and path unless given). Ingest turns it into a story.",
       {"brokers", "topic", "content_type", "source_url"},
       {"wirectl publish testdata/stories/story-01.txt feed.xml item.json",
        "wirectl publish --brokers=kafka:9092 --content_type=application/nitf+xml story.xml"}},
      {"subscribe", "",
       "print story events as they are served (JSON lines)",
       "Prints story events from NewsService as they are served, one proto3 JSON object (or "
       "one brief line) per event. Starts now unless told where; resume with the last cursor "
       "you processed.",
       {"server", "tls_ca", "tls_cert", "tls_key", "token_file", "after_cursor",
        "from_beginning", "from_time", "sections", "agencies", "languages", "min_urgency",
        "include_duplicates", "heartbeats", "heartbeat_seconds", "max_events",
        "idle_exit_seconds", "output", "newest_fullest"},
       {"wirectl subscribe --from_beginning --output=brief",
        "wirectl subscribe --after_cursor=41 --sections=politics --agencies=KYODO",
        "NEWSWIRE_TOKEN=$(cat token) wirectl subscribe --server=news.example:7070 "
        "--tls_ca=ca.pem --tls_cert=client.pem --tls_key=client.key"}},
      {"get", "ID",
       "print one story as JSON",
       "Prints one story (its current version, or --version) as proto3 JSON.",
       {"server", "tls_ca", "tls_cert", "tls_key", "token_file", "version"},
       {"wirectl get 'url:testdata/stories/story-01.txt'",
        "wirectl get --server=news.example:7070 --tls_ca=ca.pem --token_file=token "
        "--version=2 'wire:AP:20261207:storm'"}},
      {"normalize", "FILE...",
       "the stories ingest makes of each file, without Kafka",
       "Prints the stories ingest makes of each file, as JSON, without Kafka: the same "
       "per-record code as ingestd.",
       {"content_type", "source_url", "tagger_model", "tagger_mapping"},
       {"wirectl normalize testdata/stories/*.txt"}},
      {"train", "--out MODEL DIR",
       "train the section classifier",
       "Trains the section classifier on DIR (one sub-folder of *.txt articles per label), "
       "prints its 5-fold cross-validated accuracy and calibrates its confidence.",
       {"out", "tagger_mapping", "learner", "low_confidence_below", "model_languages"},
       {"wirectl train --out bbc.nwtm ../shared/corpus/bbc",
        "wirectl train --out desk.nwtm --learner=logistic --model_languages=en archive/"}},
      {"dedup", "FILE...",
       "the view's dedup outcome for files in order, in memory",
       "Runs the files through the view's fold in memory, in the order given, and prints each "
       "story's dedup outcome (new, new version, duplicate of, near duplicate of, contains an "
       "earlier story), its containment, size and family as JSON.",
       {"dedup_window_hours"},
       {"wirectl dedup urgent.txt writethru.txt copy.txt",
        "wirectl dedup --dedup_window_hours=168 first.xml update.xml copy.txt"}},
      {"bench", "",
       "load test: throughput, latency, kcat ratio",
       "Load test through the real broker and a running ingestd: publishes stories in five "
       "formats at a rate, follows them with subscribers, and prints throughput, "
       "publish-to-subscriber latency and kcat's rate on the same records. Its text is built "
       "in (the repository's testdata/stories) unless --text names a folder.",
       {"brokers", "topic", "server", "tls_ca", "tls_cert", "tls_key", "token_file", "stories",
        "rate", "subscribers", "connections", "batches", "text", "reuse_paragraphs",
        "linger_ms", "compression", "kcat", "ops_port"},
       {"wirectl bench --stories=2000 --rate=500 --subscribers=3",
        "wirectl bench --stories=100000 --text=../shared/corpus/bbc --subscribers=100 "
        "--connections=4"}},
  };
  return *kCommands;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  // gRPC core logs a failed TLS handshake itself; wirectl says what failed
  // (NewsConnection::Explain), so its log stays quiet unless GRPC_VERBOSITY
  // asks for it.
  if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function([](gpr_log_func_args*) {});
  const std::vector<newswire::CommandSpec>& commands = newswire::Commands();
  const newswire::CommandLine line = newswire::ScanCommandLine(argc, argv, commands);
  const newswire::CommandSpec* spec = newswire::FindCommand(commands, line.command);
  if (line.help) {
    std::cout << (spec != nullptr ? newswire::CommandHelp("wirectl", *spec)
                                  : newswire::ProgramHelp("wirectl", newswire::kAbout, commands));
    return 0;
  }
  absl::SetProgramUsageMessage(newswire::ProgramHelp("wirectl", newswire::kAbout, commands));
  // Abseil's own usage flags (--helpfull, --version) are handled here.
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (spec == nullptr) {
    if (!line.command.empty()) std::cerr << "wirectl: unknown command " << line.command << "\n\n";
    std::cerr << absl::ProgramUsageMessage();
    return 2;
  }
  if (!line.foreign_flags.empty()) {
    std::cerr << "wirectl " << spec->name << ": --" << line.foreign_flags[0]
              << " is not a flag of " << spec->name << " (wirectl " << spec->name
              << " --help lists its flags)\n";
    return 2;
  }
  // Debian's Abseil has mutex deadlock detection on; it cost the bench's 100
  // subscriber threads a lock graph update on every gRPC lock.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // The command is the first positional argument (ScanCommandLine found it).
  positional.erase(positional.begin(), positional.begin() + 1);
  auto command_at = std::find_if(positional.begin(), positional.end(),
                                 [&](const char* arg) { return line.command == arg; });
  if (command_at != positional.end()) positional.erase(command_at);
  const std::string& command = spec->name;
  std::vector<std::string> args(positional.begin(), positional.end());
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
    newswire::DedupCommandOptions options;
    if (absl::GetFlag(FLAGS_dedup_window_hours) > 0) {
      options.window = absl::Hours(absl::GetFlag(FLAGS_dedup_window_hours));
    }
    absl::Status status = newswire::RunDedup(args, options, std::cout, std::cerr);
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
    options.security = newswire::SecurityFromFlags();
    if (const char* token = std::getenv(newswire::kTokenEnvironmentVariable)) {
      options.environment_token = token;
    }
    options.generated_words = absl::GetFlag(FLAGS_text) == "generated";
    if (!options.generated_words) options.text_dir = absl::GetFlag(FLAGS_text);
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
