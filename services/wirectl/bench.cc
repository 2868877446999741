#include "services/wirectl/bench.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "google/protobuf/io/coded_stream.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/codegen/proto_buffer_reader.h"
#include "grpcpp/security/credentials.h"
#include "newswire/v1/news_service.grpc.pb.h"
#include "services/ingest/common/file.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/status_macros.h"
#include "services/ingest/fingerprint/fingerprints.h"
#include "services/ingest/common/text/text.h"
#include "services/ingest/kafka/kafka_client.h"
#include "services/wirectl/builtin_stories.h"
#include "services/wirectl/news_connection.h"

namespace newswire {

// What subscribers after the first read of each message: how many story
// events (heartbeats aside) it holds, from each event's kind, not its story.
// They share the two cores with the service, so they decode no more than
// they need; the first subscriber decodes everything. `kBatch`: the message
// is a StoryEventBatch rather than one StoryEvent.
template <bool kBatch>
struct StoryCount {
  int stories = 0;
};

// The kind of the event `in` is positioned at (StoryEvent fields 1, cursor,
// and 2, kind, are varints written first); leaves `in` anywhere in it.
inline int ReadEventKind(google::protobuf::io::CodedInputStream* in) {
  for (uint32_t tag = in->ReadTag(); tag == (1 << 3) || tag == (2 << 3); tag = in->ReadTag()) {
    uint64_t value = 0;
    if (!in->ReadVarint64(&value)) break;
    if (tag == (2 << 3)) return static_cast<int>(value);
  }
  return 0;
}

}  // namespace newswire

template <bool kBatch>
class grpc::SerializationTraits<newswire::StoryCount<kBatch>> {
 public:
  static grpc::Status Serialize(const newswire::StoryCount<kBatch>&, grpc::ByteBuffer*, bool*) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "StoryCount is only read");
  }
  static grpc::Status Deserialize(grpc::ByteBuffer* buffer, newswire::StoryCount<kBatch>* count) {
    *count = {};
    grpc::ProtoBufferReader reader(buffer);
    google::protobuf::io::CodedInputStream in(&reader);
    if (!kBatch) {
      count->stories = newswire::ReadEventKind(&in) != newswire::v1::EVENT_KIND_HEARTBEAT;
    } else {
      // StoryEventBatch: field 1, length-delimited, per event.
      while (in.ReadTag() == ((1 << 3) | 2)) {
        uint32_t length = 0;
        if (!in.ReadVarint32(&length)) break;
        const auto limit = in.PushLimit(static_cast<int>(length));
        count->stories += newswire::ReadEventKind(&in) != newswire::v1::EVENT_KIND_HEARTBEAT;
        in.Skip(in.BytesUntilLimit());
        in.PopLimit(limit);
      }
    }
    buffer->Clear();
    return grpc::Status::OK;
  }
};

namespace newswire {
namespace {

// The value at fraction `p` of `sorted` (ascending); 0 when empty.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0.0;
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()))];
}

constexpr int kFormats = 5;

const char* const kWords[] = {"council", "minister", "harbour", "election", "market", "storm",
                              "court",   "research", "league",  "festival", "budget", "rail",
                              "export",  "hospital", "school",  "energy",   "bridge", "river"};

// A small, fast generator (splitmix64): std::mt19937 seeded per story (624
// words of state) was 5% of the bench's own CPU, which the service shares.
class StoryRandom {
 public:
  explicit StoryRandom(uint64_t seed) : state_(seed) {}
  uint64_t operator()() { return Mix64(state_ += 0x9E3779B97F4A7C15ull); }

 private:
  uint64_t state_;
};

std::string Sentence(StoryRandom& random, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    absl::StrAppend(&s, i ? " " : "", kWords[random() % (sizeof(kWords) / sizeof(kWords[0]))]);
  }
  s[0] = static_cast<char>(std::toupper(s[0]));
  return s + ".";
}

// Text as XML/HTML character data and attribute values.
std::string Markup(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

// Text inside a JSON string (the corpus text has no control characters
// other than these).
std::string Json(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}, {"\t", "\\t"}});
}

}  // namespace

absl::StatusOr<BenchText> BenchTextFromArticles(std::vector<std::string> articles,
                                                absl::string_view origin) {
  BenchText text;
  for (const std::string& bytes : articles) {
    const std::string utf8 = text::ToUtf8(bytes);  // some articles are Windows-1252
    const size_t newline = std::min(utf8.find('\n'), utf8.size());
    std::string headline = text::CollapseWhitespace(absl::string_view(utf8).substr(0, newline));
    if (headline.empty()) continue;
    std::vector<std::string> paragraphs = text::SplitParagraphs(absl::string_view(utf8).substr(newline));
    text.headlines.push_back(std::move(headline));
    text.lengths.push_back(static_cast<int>(paragraphs.size()));
    for (std::string& paragraph : paragraphs) {
      std::vector<BenchText::Span>& words = text.words.emplace_back();
      for (size_t at = 0; at < paragraph.size();) {
        const size_t end = std::min(paragraph.find(' ', at), paragraph.size());
        if (end > at) words.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(end - at)});
        at = end + 1;
      }
      text.paragraphs.push_back(std::move(paragraph));
    }
  }
  if (text.headlines.empty() || text.paragraphs.size() < 16) {
    return absl::NotFoundError(
        absl::StrCat(origin, ": no articles (*.txt: headline, blank line, paragraphs), or fewer "
                             "than 16 paragraphs in all"));
  }
  return text;
}

absl::StatusOr<BenchText> LoadBenchText(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::NotFoundError(absl::StrCat(dir, ": no such folder"));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the same stories every run
  std::vector<std::string> articles;
  for (const std::filesystem::path& file : files) {
    absl::StatusOr<std::string> bytes = ReadFile(file.string(), "bench text");
    if (!bytes.ok()) return bytes.status();
    articles.push_back(*std::move(bytes));
  }
  return BenchTextFromArticles(std::move(articles), dir);
}

absl::StatusOr<BenchText> BuiltinBenchText() {
  std::vector<std::string> articles;
  for (const BuiltinStory& story : BuiltinStories()) articles.emplace_back(story.text);
  return BenchTextFromArticles(std::move(articles), "the built-in stories (testdata/stories)");
}

namespace {

// Paragraph `p` with about one word in four (two random bits a word)
// replaced by the next word of another paragraph of the collection: as
// readable, and its 5-word runs its own. Cheap, because the publisher's CPU
// is taken from the machine under test.
std::string VaryWords(size_t p, const BenchText& text, StoryRandom& random) {
  const std::string& paragraph = text.paragraphs[p];
  const size_t donor = random() % text.paragraphs.size();
  const std::string& other = text.paragraphs[donor];
  const std::vector<BenchText::Span>& others = text.words[donor];
  std::string out;
  out.reserve(paragraph.size() + 64);
  // Kept words are copied a run at a time: the paragraph's words are
  // separated by single spaces (SplitParagraphs collapsed them).
  size_t run_begin = std::string::npos, run_end = 0;
  auto append = [&out](const std::string& from, size_t begin, size_t size) {
    if (!out.empty()) out.push_back(' ');
    out.append(from, begin, size);
  };
  auto flush_run = [&] {
    if (run_begin == std::string::npos) return;
    append(paragraph, run_begin, run_end - run_begin);
    run_begin = std::string::npos;
  };
  size_t next_other = 0;
  uint64_t bits = 0;
  int bits_left = 0;
  for (const BenchText::Span& word : text.words[p]) {
    if (bits_left == 0) {
      bits = random();
      bits_left = 32;
    }
    const bool replace = (bits & 3) == 0 && !others.empty();
    bits >>= 2;
    --bits_left;
    if (replace) {
      flush_run();
      const BenchText::Span& taken = others[next_other++ % others.size()];
      append(other, taken.begin, taken.size);
    } else {
      if (run_begin == std::string::npos) run_begin = word.begin;
      run_end = word.begin + word.size;
    }
  }
  flush_run();
  return out;
}

}  // namespace

std::string BenchStory(int format, int n, const std::string& run_id, const BenchText* text,
                       absl::Time published, std::string* content_type) {
  // The run id in the seed: another run's story n is another story, not an
  // exact duplicate of this one.
  StoryRandom random(static_cast<uint64_t>(n) ^ (std::hash<std::string>()(run_id) << 20));
  std::string headline = absl::StrCat("Bench ", run_id, " story ", n, " ");
  std::vector<std::string> paragraphs;
  if (text != nullptr) {
    // A real headline and as many real paragraphs as a real article has
    // (at least 5), drawn from the whole collection: each story reads like
    // news and sizes follow the collection's. Drawn as printed, a paragraph
    // would be in stories x 10 / (the collection's paragraphs) stories,
    // ~2,800 of a million; the words varied, each story is its own (not a
    // near duplicate of others) unless text->reuse_paragraphs asks for
    // that worst case of the near-duplicate index.
    absl::StrAppend(&headline, text->headlines[random() % text->headlines.size()]);
    const int count = std::max(5, text->lengths[random() % text->lengths.size()]);
    for (int i = 0; i < count; ++i) {
      const size_t p = random() % text->paragraphs.size();
      paragraphs.push_back(text->reuse_paragraphs ? text->paragraphs[p] : VaryWords(p, *text, random));
    }
  } else {
    absl::StrAppend(&headline, Sentence(random, 4));
    for (int i = 0; i < 6; ++i) paragraphs.push_back(Sentence(random, 18 + i));
  }
  const std::string guid = absl::StrCat("bench-", run_id, "-", n);
  std::string body;
  switch (format % kFormats) {
    case 0:
      *content_type = "text/plain";
      body = headline + "\n\n";
      for (const std::string& p : paragraphs) absl::StrAppend(&body, p, "\n\n");
      return body;
    case 1:
      *content_type = "application/xml";
      body = absl::StrCat(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><head><title>", Markup(headline),
          "</title><docdata><doc-id id-string=\"", guid,
          "\"/><date.issue norm=\"", absl::FormatTime("%Y%m%dT%H%M%SZ", published, absl::UTCTimeZone()),
          "\"/></docdata></head><body><body.head>"
          "<hedline><hl1>", Markup(headline), "</hl1></hedline><byline>By Bench Writer</byline>"
          "<dateline><location>TOKYO</location></dateline></body.head><body.content>");
      for (const std::string& p : paragraphs) absl::StrAppend(&body, "<p>", Markup(p), "</p>");
      return body + "</body.content></body></nitf>";
    case 2:
      *content_type = "application/json";
      body = absl::StrCat("{\"uri\":\"urn:bench:", guid, "\",\"type\":\"text\",\"version\":\"1\","
                          "\"versioncreated\":\"",
                          absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", published, absl::UTCTimeZone()),
                          "\",\"language\":\"en\","
                          "\"headline\":\"", Json(headline), "\",\"body_html\":\"");
      for (const std::string& p : paragraphs) absl::StrAppend(&body, "<p>", Json(Markup(p)), "</p>");
      return body + "\"}";
    case 3:
      *content_type = "text/plain";
      body = absl::StrCat("\x16\x16\x01", "a", absl::StrFormat("%04d", n % 10000),
                          "\x1f-----\r\nr a\x13\x11 BC-Bench-", n, "    ",
                          absl::FormatTime("%m-%d %H%M", published, absl::UTCTimeZone()),
                          "\r\n\x02^BC-Bench-",
                          n, ",400<\r\n^", headline, "<\r\n^By Bench Writer=\r\n");
      for (const std::string& p : paragraphs) absl::StrAppend(&body, "\t   ", p, "\r\n");
      return body + "\x03";
    default:
      *content_type = "text/html";
      body = absl::StrCat("<!doctype html><html lang=\"en\"><head><title>", Markup(headline),
                          " | Bench Times</title><meta property=\"og:title\" content=\"",
                          Markup(headline),
                          "\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a>"
                          "</nav><article><h1>", Markup(headline), "</h1>");
      for (const std::string& p : paragraphs) absl::StrAppend(&body, "<p>", Markup(p), "</p>");
      return body + "</article><footer>Copyright Bench Times</footer></body></html>";
  }
}

namespace {

// The text the bench stories are made of, described on `out`; nullopt for
// generated words.
absl::StatusOr<std::optional<BenchText>> ChooseText(const BenchOptions& options,
                                                    std::ostream& out) {
  if (options.generated_words) {
    out << "text        generated words (--text=generated)\n";
    return std::nullopt;
  }
  absl::StatusOr<BenchText> text =
      options.text_dir.empty() ? BuiltinBenchText() : LoadBenchText(options.text_dir);
  if (!text.ok()) return text.status();
  text->reuse_paragraphs = options.reuse_paragraphs;
  out << absl::StrFormat("text        %zu headlines, %zu paragraphs from %s, %s\n",
                         text->headlines.size(), text->paragraphs.size(),
                         options.text_dir.empty() ? "the built-in stories (testdata/stories)"
                                                  : options.text_dir,
                         options.reuse_paragraphs
                             ? "as printed (--reuse_paragraphs: the near-duplicate index's worst case)"
                             : "a fourth of their words varied per story");
  return std::optional<BenchText>(*std::move(text));
}

// What the subscribers saw, shared by their reader threads.
struct Received {
  explicit Received(int subscribers) : events_seen(static_cast<size_t>(subscribers)) {}

  std::mutex mu;
  // Subscriber 0's marked stories: publish -> arrival, and when they arrived.
  std::vector<double> latencies_ms;  // beside arrivals
  std::vector<absl::Time> arrivals;
  absl::Time last_arrival = absl::Now();
  std::atomic<int> received_first{0};
  std::string refusal;  // how subscriber 0's stream ended, when it was refused
  // Story events (heartbeats aside) each subscriber received: subscriber 0
  // counts every one besides the marked ones, and the others must match it.
  std::vector<std::atomic<int>> events_seen;
};

// Subscriber `s`'s stream, read until it ends. Subscriber 0 decodes every
// event and times the ones whose headline holds `marker`; the others only
// count stories, as a cheap client would.
void ReadSubscriber(int s, const BenchOptions& options, const NewsConnection& connection,
                    const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* context,
                    const std::string& marker, Received& received) {
  v1::SubscribeRequest request;
  request.set_from_now(true);
  request.set_include_duplicates(true);
  request.set_heartbeat_seconds(1);
  if (s > 0) {
    auto count = [&](auto counted) {
      using Count = decltype(counted);
      const grpc::internal::RpcMethod method(options.batches
                                                 ? "/newswire.v1.NewsService/SubscribeBatches"
                                                 : "/newswire.v1.NewsService/Subscribe",
                                             grpc::internal::RpcMethod::SERVER_STREAMING, channel);
      std::unique_ptr<grpc::ClientReader<Count>> reader(
          grpc::internal::ClientReaderFactory<Count>::Create(channel.get(), method, context,
                                                             request));
      while (reader->Read(&counted)) received.events_seen[s] += counted.stories;
      reader->Finish();
    };
    options.batches ? count(StoryCount<true>()) : count(StoryCount<false>());
    return;
  }
  auto on_event = [&](const v1::StoryEvent& event) {
    if (event.kind() == v1::EVENT_KIND_HEARTBEAT) return;
    ++received.events_seen[s];
    if (event.story().headline().find(marker) == std::string::npos) return;
    const absl::Time now = absl::Now();
    const absl::Time sent_at = FromProtoTime(event.story().origin().timestamp());
    std::lock_guard<std::mutex> lock(received.mu);
    received.latencies_ms.push_back(absl::ToDoubleMilliseconds(now - sent_at));
    received.arrivals.push_back(now);
    received.last_arrival = now;
    ++received.received_first;
  };
  auto finished = [&](const grpc::Status& status) {
    if (status.ok() || status.error_code() == grpc::StatusCode::CANCELLED) return;
    std::lock_guard<std::mutex> lock(received.mu);
    received.refusal = connection.Explain(status);
  };
  auto stub = v1::NewsService::NewStub(channel);
  if (options.batches) {
    auto reader = stub->SubscribeBatches(context, request);
    v1::StoryEventBatch batch;
    while (reader->Read(&batch)) {
      for (const v1::StoryEvent& event : batch.events()) on_event(event);
    }
    finished(reader->Finish());
  } else {
    auto reader = stub->Subscribe(context, request);
    v1::StoryEvent event;
    while (reader->Read(&event)) on_event(event);
    finished(reader->Finish());
  }
}

struct Published {
  absl::Time start;
  absl::Duration took;
  int64_t bytes = 0;
  int acked = 0;
  int failed = 0;
};

// Publishes options.stories bench stories to the raw topic, at options.rate
// when set, and waits until the broker has acknowledged them.
absl::StatusOr<Published> PublishStories(const BenchOptions& options, const std::string& run_id,
                                         const BenchText* text) {
  auto producer = Producer::Create(
      {.brokers = options.brokers,
       .properties = {{"linger.ms", absl::StrCat(options.linger_ms)},
                      {"compression.type", options.compression}}});
  if (!producer.ok()) return producer.status();
  std::atomic<int> acked{0}, failed{0};
  // At a steady rate the stories are made before the clock starts, up to
  // kPreparedBytes of them: making one (formatting, varying its words) is
  // a capture agent's work on another machine, here taken from the two
  // cores under test (~10 us a story).
  constexpr int64_t kPreparedBytes = int64_t{1} << 30;
  struct Prepared {
    std::string value;
    std::string content_type;
  };
  std::vector<Prepared> prepared;
  const absl::Time published = absl::Now();
  auto make_story = [&](int n, std::string* content_type) {
    return BenchStory(n, n, run_id, text, published, content_type);
  };
  for (int64_t prepared_bytes = 0;
       options.rate > 0 && static_cast<int>(prepared.size()) < options.stories &&
       prepared_bytes < kPreparedBytes;) {
    Prepared& story = prepared.emplace_back();
    const int n = static_cast<int>(prepared.size()) - 1;
    story.value = make_story(n, &story.content_type);
    prepared_bytes += static_cast<int64_t>(story.value.size());
  }
  Published result;
  result.start = absl::Now();
  for (int n = 0; n < options.stories; ++n) {
    if (options.rate > 0) {
      const absl::Time due = result.start + absl::Seconds(n / options.rate);
      // Waits are whole milliseconds (Poll's unit): a story due sooner goes
      // out with those due in the same millisecond, at most a millisecond
      // late, and the rate holds (due times are absolute). Sleeping until
      // each story's own due time cost a context switch per story, a fifth
      // of the publisher's CPU at 5,000/s, taken from the service's cores.
      for (absl::Duration left = due - absl::Now(); left > absl::ZeroDuration();
           left = due - absl::Now()) {
        (*producer)->Poll(std::max(left, absl::Milliseconds(1)));
      }
    }
    std::string content_type;
    std::string value;
    if (static_cast<size_t>(n) < prepared.size()) {
      value = std::move(prepared[static_cast<size_t>(n)].value);
      content_type = std::move(prepared[static_cast<size_t>(n)].content_type);
    } else {
      value = make_story(n, &content_type);
    }
    result.bytes += static_cast<int64_t>(value.size());
    const std::string url = absl::StrCat("bench://", run_id, "/", n);
    while (true) {
      absl::Status queued = (*producer)->Produce(
          options.raw_topic, url, value, {{"content-type", content_type}, {"source-url", url}},
          absl::Now(), [&](absl::Status s) { s.ok() ? ++acked : ++failed; });
      if (!absl::IsResourceExhausted(queued)) {
        if (!queued.ok()) return queued;
        break;
      }
      (*producer)->Poll(absl::Milliseconds(5));
    }
    (*producer)->Poll(absl::ZeroDuration());
  }
  absl::Status flushed = (*producer)->Flush(absl::Seconds(120));
  result.took = absl::Now() - result.start;
  if (!flushed.ok()) return flushed;
  result.acked = acked.load();
  result.failed = failed.load();
  return result;
}

// The p99 of each 5 s of arrivals, in ms: shows whether a tail is steady or one stall.
std::string P99PerWindow(const std::vector<absl::Time>& arrivals,
                         const std::vector<double>& latencies_ms) {
  std::string windows;
  for (size_t i = 0; i < arrivals.size();) {
    const absl::Time window_end = arrivals[i] + absl::Seconds(5);
    std::vector<double> window;
    for (; i < arrivals.size() && arrivals[i] < window_end; ++i) window.push_back(latencies_ms[i]);
    std::sort(window.begin(), window.end());
    absl::StrAppend(&windows, " ", static_cast<int>(Percentile(window, 0.99)));
  }
  return windows;
}

// kcat alone reading the same raw records (every partition from the run's
// first timestamp): the floor under our figures.
void PrintKcatFloor(const BenchOptions& options, absl::Time start, double e2e_rate,
                    std::ostream& out) {
  const std::string command = absl::StrFormat(
      "kcat -C -q -b %s -t %s -o s@%d -e -f '%%o\\n' 2>/dev/null | wc -l", options.brokers,
      options.raw_topic, absl::ToUnixMillis(start));
  const absl::Time kcat_start = absl::Now();
  FILE* pipe = popen(command.c_str(), "r");
  long consumed = 0;
  if (pipe != nullptr) {
    if (fscanf(pipe, "%ld", &consumed) != 1) consumed = 0;
    pclose(pipe);
  }
  const double kcat_rate = consumed / std::max(1e-9, absl::ToDoubleSeconds(absl::Now() - kcat_start));
  out << absl::StrFormat("kcat        consumed %ld raw records at %.0f/s (process start included); "
                         "newswire end to end / kcat = %.2f\n",
                         consumed, kcat_rate, kcat_rate > 0 ? e2e_rate / kcat_rate : 0.0);
}

void PrintIngestdMemory(const BenchOptions& options, std::ostream& out) {
  const std::string rss_command = absl::StrFormat(
      "curl -s http://127.0.0.1:%d/metrics | awk '/^process_resident_memory_bytes/ {print $2}'",
      options.ops_port);
  if (FILE* pipe = popen(rss_command.c_str(), "r")) {
    double rss = 0;
    if (fscanf(pipe, "%lf", &rss) == 1) {
      out << absl::StrFormat("ingestd     resident memory after the run: %.1f MiB\n", rss / (1 << 20));
    }
    pclose(pipe);
  }
}

// Prints what the run measured: publishing, end to end, latency, and
// whether every subscriber got every story. Returns the end-to-end rate
// (stories a second received by subscriber 0).
double PrintFigures(const BenchOptions& options, const Published& published, Received& received,
                    std::ostream& out) {
  const std::atomic<int>& received_first = received.received_first;
  std::vector<double> sorted;
  absl::Time end;
  std::string windows;
  {
    std::lock_guard<std::mutex> lock(received.mu);
    sorted = received.latencies_ms;
    end = received.last_arrival;
    windows = P99PerWindow(received.arrivals, received.latencies_ms);
  }
  std::sort(sorted.begin(), sorted.end());
  const absl::Time start = published.start;
  const double e2e_rate = received_first.load() / std::max(1e-9, absl::ToDoubleSeconds(end - start));
  out << absl::StrFormat("published   %d stories (%.1f MB, 5 formats, compression %s) in %.2f s: "
                         "%.0f/s; %d acked, %d failed\n",
                         options.stories, published.bytes / 1e6, options.compression,
                         absl::ToDoubleSeconds(published.took),
                         options.stories / absl::ToDoubleSeconds(published.took), published.acked,
                         published.failed);
  out << absl::StrFormat("end to end  %d received by subscriber 0 in %.2f s: %.0f stories/s sustained\n",
                         received_first.load(), absl::ToDoubleSeconds(end - start), e2e_rate);
  out << absl::StrFormat("latency     publish -> subscriber: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms\n",
                         Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999),
                         sorted.empty() ? 0.0 : sorted.back());
  out << "latency     p99 of each 5 s of arrivals, ms:" << windows << "\n";
  const std::vector<std::atomic<int>>& events_seen = received.events_seen;
  int complete = received_first.load() == options.stories ? 1 : 0;
  for (size_t s = 1; s < events_seen.size(); ++s) {
    complete += events_seen[s].load() == events_seen[0].load() ? 1 : 0;
  }
  out << absl::StrFormat("subscribers %d of %d received all %d stories (%d events each)\n", complete,
                         options.subscribers, options.stories, events_seen[0].load());
  return e2e_rate;
}

}  // namespace

absl::Status RunBench(const BenchOptions& options, std::ostream& out) {
  const std::string run_id = absl::StrCat(absl::ToUnixMillis(absl::Now()) % 100000000);
  NW_ASSIGN_OR_RETURN(const std::optional<BenchText> text, ChooseText(options, out));
  absl::StatusOr<std::unique_ptr<NewsConnection>> connection = NewsConnection::Create(
      options.server, options.security,
      options.environment_token.empty() ? nullptr : options.environment_token.c_str());
  if (!connection.ok()) return connection.status();

  out << absl::StrFormat("subscribers %d on %d connection(s), with %s\n", options.subscribers,
                         options.connections > 0 ? options.connections : options.subscribers,
                         options.batches ? "SubscribeBatches" : "Subscribe");
  // Subscribers: the first records latencies, all count what they receive.
  Received received(options.subscribers);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::thread> readers;
  const std::string marker = absl::StrCat("Bench ", run_id, " story ");
  const int connections = options.connections > 0 ? options.connections : options.subscribers;
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int c = 0; c < connections; ++c) {
    // Distinct channel arguments: gRPC would otherwise share one connection.
    grpc::ChannelArguments arguments;
    arguments.SetInt("newswire.bench.connection", c);
    channels.push_back((*connection)->NewChannel(arguments));
  }
  for (int s = 0; s < options.subscribers; ++s) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    grpc::ClientContext* context = contexts.back().get();
    (*connection)->Authorize(context);
    readers.emplace_back([&, s, context] {
      ReadSubscriber(s, options, **connection, channels[static_cast<size_t>(s % connections)],
                     context, marker, received);
    });
  }
  auto stop_readers = [&] {
    for (auto& context : contexts) context->TryCancel();
    for (std::thread& reader : readers) reader.join();
  };
  absl::SleepFor(absl::Milliseconds(500));  // subscriptions in place
  std::string refused;
  {
    std::lock_guard<std::mutex> lock(received.mu);
    refused = received.refusal;
  }
  if (!refused.empty()) {  // the server refused subscriber 0: nothing to measure
    stop_readers();
    return absl::UnavailableError(absl::StrCat("subscribe: ", refused));
  }

  const absl::StatusOr<Published> publish = PublishStories(options, run_id, text ? &*text : nullptr);
  if (!publish.ok()) {
    stop_readers();  // joined before they go out of scope
    return publish.status();
  }
  const Published& published = *publish;

  // Wait for the first subscriber to have every story (or stall for 30 s).
  std::atomic<int>& received_first = received.received_first;
  absl::Time stall_deadline = absl::Now() + absl::Seconds(30);
  int last_count = -1;
  while (received_first.load() < options.stories && absl::Now() < stall_deadline) {
    if (received_first.load() != last_count) {
      last_count = received_first.load();
      stall_deadline = absl::Now() + absl::Seconds(30);
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  absl::SleepFor(absl::Milliseconds(500));
  stop_readers();

  const double e2e_rate = PrintFigures(options, published, received, out);
  if (options.kcat) PrintKcatFloor(options, published.start, e2e_rate, out);
  PrintIngestdMemory(options, out);
  if (received_first.load() < options.stories) {
    return absl::DataLossError(absl::StrCat("subscriber 0 received ", received_first.load(), " of ",
                                            options.stories, " stories"));
  }
  return absl::OkStatus();
}

}  // namespace newswire
