#include "services/ingest/view/story_store.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "services/ingest/common/proto_time.h"
#include "services/ingest/common/status_macros.h"

namespace newswire {
namespace {

void AppendBigEndian64(uint64_t v, std::string& out) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

uint64_t ReadBigEndian64(absl::string_view bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < bytes.size(); ++i) {
    v = (v << 8) | static_cast<unsigned char>(bytes[i]);
  }
  return v;
}

// Offsets and times are signed; flipping the sign bit keeps their order.
void AppendOrdered(int64_t v, std::string& out) {
  AppendBigEndian64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63), out);
}

int64_t ReadOrdered(absl::string_view bytes) {
  return static_cast<int64_t>(ReadBigEndian64(bytes) ^ (uint64_t{1} << 63));
}

const char kAppliedKey[] = "A";
const char kFormatKey[] = "F";
// 1: stories in full under 'S', 'V' and 'L'. 2: once, under 'V'. 3: family
// members under 'M', family_id in every story.
const char kFormat[] = "3";

// `tag`, `name` and a NUL: the prefix of the keys of one topic, id or
// family, which no longer name extends.
std::string NamePrefix(absl::string_view tag, absl::string_view name) {
  std::string key = absl::StrCat(tag, name);
  key.push_back('\0');
  return key;
}

// `prefix` followed by `v` in order-keeping bytes.
std::string WithOrdered(std::string prefix, int64_t v) {
  AppendOrdered(v, prefix);
  return prefix;
}

std::string ReplayKey(const std::string& topic, int32_t partition) {
  return WithOrdered(NamePrefix("R", topic), partition);
}

std::string StoryKey(const std::string& id) { return absl::StrCat("S", id); }

std::string VersionPrefix(const std::string& id) { return NamePrefix("V", id); }

std::string VersionKey(const std::string& id, int64_t log_offset) {
  return WithOrdered(VersionPrefix(id), log_offset);
}

std::string EventKey(int64_t cursor) { return WithOrdered("L", cursor); }

std::string TimeKey(absl::Time time, int64_t cursor) {
  std::string key = "T";
  AppendOrdered(absl::ToUnixMicros(time), key);
  AppendOrdered(cursor, key);
  return key;
}

std::string CurrentTimeKey(const google::protobuf::Timestamp& version_created,
                           const std::string& id) {
  std::string key = "C";
  AppendOrdered(absl::ToUnixMicros(FromProtoTime(version_created)), key);
  key += id;
  return key;
}

std::string CurrentTimeKey(const v1::Story& story) {
  return CurrentTimeKey(story.version_created(), story.id());
}

std::string FamilyPrefix(const std::string& family_id) { return NamePrefix("M", family_id); }

std::string FamilyKey(const std::string& family_id, int64_t log_offset) {
  return WithOrdered(FamilyPrefix(family_id), log_offset);
}

v1::FamilyMember MemberOf(const v1::Story& story, int64_t log_offset) {
  v1::FamilyMember member;
  member.set_id(story.id());
  member.set_version(story.version());
  member.set_kind(story.dedup().kind());
  member.set_duplicate_of(story.dedup().duplicate_of());
  member.set_log_offset(log_offset);
  *member.mutable_story_time() = ToProtoTime(StoryTime(story));
  member.set_canonical_words(story.fingerprints().canonical_words());
  return member;
}

std::string ContentKey(const std::string& sha) { return absl::StrCat("H", sha); }

std::string IndexKey(absl::Time story_time, int64_t log_offset) {
  std::string key = "N";
  AppendOrdered(absl::ToUnixMicros(story_time), key);
  AppendOrdered(log_offset, key);
  return key;
}

// Writes of the fold go without the WAL (see the header): writing every
// story twice, to the log file and again at flush, was 3% of ingestd's CPU
// under load, for a durability the stories log already gives. Index
// pruning goes the same way, so a crash never keeps a later write while
// losing an earlier one.
rocksdb::WriteOptions FoldWrite() {
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  return options;
}

absl::Status FromRocks(const rocksdb::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("rocksdb ", what, ": ", status.ToString()));
}

}  // namespace

struct StoryStore::Db {
  std::unique_ptr<rocksdb::DB> db;

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) const {
    std::string value;
    rocksdb::Status status = db->Get(rocksdb::ReadOptions(), key, &value);
    if (status.IsNotFound()) return std::nullopt;
    NW_RETURN_IF_ERROR(FromRocks(status, "get"));
    return value;
  }
};

StoryStore::StoryStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}

StoryStore::~StoryStore() {
  if (db_ && db_->db) {
    // Steps are written without the WAL: flush them, or a clean stop would
    // have to fold them again. A failed flush only costs that.
    db_->db->Flush(rocksdb::FlushOptions()).PermitUncheckedError();
    db_->db->Close().PermitUncheckedError();
  }
}

absl::StatusOr<std::unique_ptr<StoryStore>> StoryStore::Open(const Options& options) {
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.max_open_files = 256;
  db_options.keep_log_file_num = 3;
  // LZ4 rather than the default Snappy: about as compact on story text, and
  // flushes and compactions (Snappy was 4% of ingestd's CPU under load)
  // compress faster.
  db_options.compression = rocksdb::kLZ4Compression;
  // Universal (tiered) compaction: the store only grows, its keys under
  // most prefixes are random (ids, content hashes), so every level-0 file
  // overlapped all of level 1 and each compaction by levels rewrote it
  // whole. With a full near-duplicate index at a steady 5,000 stories/s
  // that was 16% of ingestd's CPU; merging runs of like sizes, 2%.
  // Point reads stay cheap through the Bloom filters below. Up to 8 sorted
  // runs before merging by count: with 4, each flush (a few MB, every few
  // seconds at 5,000 stories/s) was merged into the newest run, rewriting
  // it again and again (compaction CPU per 100 s of load 12.5 -> 3.2 s,
  // between full merges).
  db_options.compaction_style = rocksdb::kCompactionStyleUniversal;
  db_options.level0_file_num_compaction_trigger = 8;
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  // Stories (the large values, never overwritten) and near-duplicate index
  // entries (~300 bytes, read back only at a restart) go to blob files,
  // written once at flush and never again: compactions move only keys and
  // small values. Under load, rewriting stories in compactions was 8% of
  // ingestd's CPU; index entries were half of the rest. Blob reads share the
  // block cache. Without blob garbage collection the index entries of
  // stories older than the window stay on disk as garbage in blob files
  // that also hold stories (about a tenth of their bytes).
  db_options.enable_blob_files = true;
  db_options.min_blob_size = 256;
  db_options.blob_compression_type = rocksdb::kLZ4Compression;
  db_options.blob_cache = table_options.block_cache;
  // Most point reads miss (a new story's id, content hash, current version):
  // a Bloom filter answers them without reading index and data blocks.
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  // The same for the memtable, which the fold's reads search first: a miss
  // no longer walks the skip list.
  db_options.memtable_whole_key_filtering = true;
  db_options.memtable_prefix_bloom_size_ratio = 0.02;
  rocksdb::DB* raw = nullptr;
  NW_RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(db_options, options.path, &raw),
                               absl::StrCat("open ", options.path)));
  auto db = std::make_unique<Db>();
  db->db.reset(raw);
  NW_ASSIGN_OR_RETURN(std::optional<std::string> format, db->Get(kFormatKey));
  if (!format.has_value()) {
    std::unique_ptr<rocksdb::Iterator> it(db->db->NewIterator(rocksdb::ReadOptions()));
    it->SeekToFirst();
    NW_RETURN_IF_ERROR(FromRocks(it->status(), "scan"));
    if (it->Valid()) format = "1";  // written before the format was recorded
  }
  if (format.has_value() && *format != kFormat) {
    return absl::FailedPreconditionError(absl::StrCat(
        "store ", options.path, " has format ", *format, ", this build reads format ", kFormat,
        ": remove the folder and the view is rebuilt from the stories log"));
  }
  if (!format.has_value()) {
    NW_RETURN_IF_ERROR(FromRocks(db->db->Put(rocksdb::WriteOptions(), kFormatKey, kFormat),
                                 "write format"));
  }
  return std::unique_ptr<StoryStore>(new StoryStore(std::move(db)));
}

absl::StatusOr<std::optional<int64_t>> StoryStore::AppliedOffset() const {
  NW_ASSIGN_OR_RETURN(std::optional<std::string> value, db_->Get(kAppliedKey));
  if (!value.has_value()) return std::nullopt;
  return ReadOrdered(*value);
}

absl::Status StoryStore::Apply(const FoldStep& step) {
  rocksdb::WriteBatch batch;
  if (step.replay_mark.has_value()) {
    std::string value;
    AppendOrdered(step.replay_mark->position.offset, value);
    AppendOrdered(step.replay_mark->position.index, value);
    batch.Put(ReplayKey(step.replay_mark->topic, step.replay_mark->partition), value);
  }
  if (step.event.has_value()) {
    const v1::StoryEvent& event = *step.event;
    const v1::Story& story = event.story();
    // The story is stored once, as this version; the event and the current
    // pointer refer to it. The event's own fields, all but the story, are
    // set one by one rather than copying the whole event to clear its story.
    v1::StoryEvent head;
    head.set_cursor(event.cursor());
    head.set_kind(event.kind());
    *head.mutable_log_time() = event.log_time();
    head.mutable_story()->set_id(story.id());
    batch.Put(EventKey(step.log_offset), head.SerializeAsString());
    batch.Put(TimeKey(FromProtoTime(event.log_time()), step.log_offset), "");
    batch.Put(VersionKey(story.id(), step.log_offset), story.SerializeAsString());
    if (!story.family_id().empty()) {
      batch.Put(FamilyKey(story.family_id(), step.log_offset),
                MemberOf(story, step.log_offset).SerializeAsString());
    }
    if (step.index_content) {
      const v1::Fingerprints& fingerprints = story.fingerprints();
      if (!fingerprints.content_sha256().empty()) {
        batch.Put(ContentKey(fingerprints.content_sha256()), story.id());
      }
      const absl::Time story_time = StoryTime(story);
      batch.Put(IndexKey(story_time, step.log_offset),
                SerializeIndexEntry(story.id(), fingerprints, story_time));
    }
    if (step.becomes_current) {
      if (step.current_known) {
        if (step.replaced_version_created.has_value()) {
          batch.Delete(CurrentTimeKey(*step.replaced_version_created, story.id()));
        }
      } else {
        NW_ASSIGN_OR_RETURN(std::optional<v1::Story> previous, CurrentStory(story.id()));
        if (previous.has_value()) batch.Delete(CurrentTimeKey(*previous));
      }
      std::string current;
      AppendOrdered(step.log_offset, current);
      batch.Put(StoryKey(story.id()), current);
      batch.Put(CurrentTimeKey(story), "");
    }
  }
  std::string applied;
  AppendOrdered(step.log_offset, applied);
  batch.Put(kAppliedKey, applied);
  return FromRocks(db_->db->Write(FoldWrite(), &batch), "write");
}

absl::StatusOr<std::vector<v1::StoryEvent>> StoryStore::ReadEvents(int64_t after_cursor,
                                                                   size_t limit) const {
  std::vector<v1::StoryEvent> events;
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(EventKey(after_cursor + 1));
       it->Valid() && it->key().starts_with("L") && events.size() < limit; it->Next()) {
    v1::StoryEvent& event = events.emplace_back();
    if (!event.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("store: event at ", it->key().ToString(true),
                                              " does not parse"));
    }
    if (!event.has_story()) continue;
    NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, Version(event.story().id(), event.cursor()));
    if (!story.has_value()) {
      return absl::DataLossError(absl::StrCat("store: event ", event.cursor(), " has no story"));
    }
    *event.mutable_story() = *std::move(story);
  }
  NW_RETURN_IF_ERROR(FromRocks(it->status(), "scan events"));
  return events;
}

absl::StatusOr<int64_t> StoryStore::CursorBefore(absl::Time time) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  std::string seek = "T";
  AppendOrdered(absl::ToUnixMicros(time), seek);
  it->Seek(seek);
  NW_RETURN_IF_ERROR(FromRocks(it->status(), "seek time"));
  if (it->Valid() && it->key().starts_with("T")) {
    return ReadOrdered(absl::string_view(it->key().data() + 9, 8)) - 1;
  }
  // Nothing logged at or after `time`: start after the last applied offset.
  NW_ASSIGN_OR_RETURN(std::optional<int64_t> applied, AppliedOffset());
  return applied.value_or(-1);
}

absl::StatusOr<StoryStore::Page> StoryStore::ListCurrent(
    absl::Time start, absl::Time end, const std::string& page_token, size_t limit,
    const std::function<bool(const v1::Story&)>& accept) const {
  std::string lower = "C";
  AppendOrdered(absl::ToUnixMicros(start), lower);
  std::string upper = "C";
  AppendOrdered(absl::ToUnixMicros(end), upper);
  if (!page_token.empty()) {
    std::string resume;
    if (!absl::Base64Unescape(page_token, &resume) || resume.empty() || resume[0] != 'C') {
      return absl::InvalidArgumentError("bad page_token");
    }
    upper = std::min(upper, resume);
  }
  Page page;
  // A filter that rejects almost everything must not make one call scan the
  // whole store: past this many keys the page ends early, with a token.
  constexpr size_t kMaxScan = 20000;
  size_t scanned = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  // Newest first: from just below `upper` down to `lower`.
  for (it->SeekForPrev(upper); it->Valid(); it->Prev()) {
    rocksdb::Slice key = it->key();
    if (!key.starts_with("C") || key.compare(lower) < 0) break;
    if (key.compare(upper) >= 0) continue;  // `upper` itself is excluded
    if (page.stories.size() == limit || ++scanned > kMaxScan) {
      // A next page exists: it starts at this key (exclusive bound = key + 1).
      std::string next = key.ToString();
      next.push_back('\0');
      page.next_page_token = absl::Base64Escape(next);
      break;
    }
    std::string id = key.ToString().substr(9);
    NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, CurrentStory(id));
    if (story.has_value() && accept(*story)) page.stories.push_back(*std::move(story));
  }
  NW_RETURN_IF_ERROR(FromRocks(it->status(), "list stories"));
  return page;
}

absl::StatusOr<std::optional<v1::Story>> StoryStore::GetStory(const std::string& id,
                                                             int64_t version) const {
  if (version == 0) return CurrentStory(id);
  std::string prefix = VersionPrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    v1::Story story;
    if (story.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) &&
        story.version() == version) {
      return story;
    }
  }
  NW_RETURN_IF_ERROR(FromRocks(it->status(), "scan versions"));
  return std::nullopt;
}

absl::StatusOr<std::vector<v1::FamilyMember>> StoryStore::FamilyMembers(
    const std::string& family_id, size_t limit) const {
  std::vector<v1::FamilyMember> members;
  const std::string prefix = FamilyPrefix(family_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && members.size() < limit;
       it->Next()) {
    if (!members.emplace_back().ParseFromArray(it->value().data(),
                                               static_cast<int>(it->value().size()))) {
      return absl::DataLossError(
          absl::StrCat("store: family member at ", it->key().ToString(true), " does not parse"));
    }
  }
  NW_RETURN_IF_ERROR(FromRocks(it->status(), "scan family"));
  return members;
}

absl::Status StoryStore::ForEachIndexEntry(
    absl::Time from, const std::function<void(absl::string_view entry)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(rocksdb::ReadOptions()));
  std::string start = "N";
  AppendOrdered(absl::ToUnixMicros(from), start);
  for (it->Seek(start); it->Valid() && it->key().starts_with("N"); it->Next()) {
    fn(absl::string_view(it->value().data(), it->value().size()));
  }
  return FromRocks(it->status(), "scan index entries");
}

absl::Status StoryStore::DropIndexEntriesBefore(absl::Time before) {
  std::string end = "N";
  AppendOrdered(absl::ToUnixMicros(before), end);
  return FromRocks(db_->db->DeleteRange(FoldWrite(), db_->db->DefaultColumnFamily(),
                                        "N", end),
                   "drop index entries");
}

absl::StatusOr<std::optional<std::string>> StoryStore::StoryWithContent(
    const std::string& content_sha256) const {
  return db_->Get(ContentKey(content_sha256));
}

absl::StatusOr<std::optional<RawPosition>> StoryStore::ReplayMarkFor(const std::string& topic,
                                                                    int32_t partition) const {
  NW_ASSIGN_OR_RETURN(std::optional<std::string> value, db_->Get(ReplayKey(topic, partition)));
  if (!value.has_value()) return std::nullopt;
  if (value->size() != 16) return absl::DataLossError("store: bad replay mark");
  return RawPosition{ReadOrdered(absl::string_view(*value).substr(0, 8)),
                     static_cast<int32_t>(ReadOrdered(absl::string_view(*value).substr(8)))};
}

absl::StatusOr<std::optional<v1::Story>> StoryStore::CurrentStory(const std::string& id) const {
  NW_ASSIGN_OR_RETURN(std::optional<std::string> current, db_->Get(StoryKey(id)));
  if (!current.has_value()) return std::nullopt;
  if (current->size() != 8) return absl::DataLossError(absl::StrCat("store: bad current of ", id));
  NW_ASSIGN_OR_RETURN(std::optional<v1::Story> story, Version(id, ReadOrdered(*current)));
  if (!story.has_value()) {
    return absl::DataLossError(absl::StrCat("store: current version of ", id, " is missing"));
  }
  return story;
}

absl::StatusOr<std::optional<v1::Story>> StoryStore::Version(const std::string& id,
                                                            int64_t log_offset) const {
  NW_ASSIGN_OR_RETURN(std::optional<std::string> value, db_->Get(VersionKey(id, log_offset)));
  if (!value.has_value()) return std::nullopt;
  v1::Story story;
  if (!story.ParseFromString(*value)) {
    return absl::DataLossError(absl::StrCat("store: story ", id, " does not parse"));
  }
  return story;
}

}  // namespace newswire
