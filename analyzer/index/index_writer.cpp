// IndexWriter (index.hpp, schema.hpp): files are stored in batches, one
// Xapian transaction and one commit per replace_files() call; a batch that
// Xapian fails is stored again file by file, one transaction each, so only
// the file at fault fails (BatchTransaction below).

#include <malloc.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/index/aggregate.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/reopen_retry.hpp"
#include "analyzer/index/schema.hpp"
#include "analyzer/index/tally_table.hpp"
#include "analyzer/index/value_merge.hpp"
#include "analyzer/core/record_json.hpp"

namespace analyzer {
namespace {

// Adds the filter terms and value slots every document carries (schema.hpp).
void add_common(Xapian::Document& doc, std::string_view kind, const std::string& source,
                const Respondent& r, const std::string& question, std::size_t start) {
  doc.add_boolean_term(schema::filter_term(schema::kKind, kind));
  doc.add_boolean_term(schema::filter_term(schema::kSource, source));
  if (r.year) doc.add_boolean_term(schema::filter_term(schema::kYear, std::to_string(*r.year)));
  if (!r.region.empty())
    doc.add_boolean_term(schema::filter_term(schema::kRegion, schema::lowercase(r.region)));
  if (r.type) doc.add_boolean_term(schema::filter_term(schema::kRespondentType, to_string(*r.type)));
  if (!r.name.empty())
    doc.add_boolean_term(schema::filter_term(schema::kRespondent, schema::lowercase(r.name)));
  if (!question.empty())
    doc.add_boolean_term(schema::filter_term(schema::kQuestion, schema::lowercase(question)));

  doc.add_value(schema::kSlotYear, r.year ? Xapian::sortable_serialise(*r.year) : std::string());
  doc.add_value(schema::kSlotRegion, r.region);
  doc.add_value(schema::kSlotRespondentType, r.type ? to_string(*r.type) : "");
  doc.add_value(schema::kSlotRespondent, r.name);
  doc.add_value(schema::kSlotQuestion, question);
  doc.add_value(schema::kSlotSource, source);
  doc.add_value(schema::kSlotStart, Xapian::sortable_serialise(static_cast<double>(start)));
}

// Xapian's Swedish stemmer behind a word -> stem cache. Answers repeat a
// small vocabulary, so most words are stemmed once per writer rather than
// at every occurrence; the stems are exactly Xapian::Stem("swedish")'s.
// The term generator calls it for every word it indexes (lower-cased,
// unstemmed), so it also counts the uses of each word for the spelling
// data (take_spelling), in the same hash look-up: Xapian's own
// FLAG_SPELLING costs a sorted-map update per occurrence and a B-tree read
// per new word, which made ingest about a quarter slower.
// Memory: at most kMaxEntries words (the cache starts over when full; the
// counts of the words dropped are kept until taken).
class CachedSwedishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (auto it = cache_.find(word); it != cache_.end()) {
      ++it->second.uses;
      return it->second.stem;
    }
    if (cache_.size() >= kMaxEntries) {
      for (auto& [w, entry] : cache_)
        if (entry.uses) dropped_.emplace_back(w, entry.uses);
      cache_.clear();
    }
    return cache_.emplace(word, Entry{stem_(word), 1}).first->second.stem;
  }
  std::string get_description() const override { return "Xapian::Stem(swedish), cached"; }

  // Calls add(word, uses) for every word used since the last call (or
  // discard), then forgets the uses.
  template <class Add>
  void take_spelling(Add add) {
    for (const auto& [w, uses] : dropped_) add(w, uses);
    dropped_.clear();
    for (auto& [w, entry] : cache_)
      if (entry.uses) {
        add(w, entry.uses);
        entry.uses = 0;
      }
  }
  void discard_spelling() {
    dropped_.clear();
    for (auto& [w, entry] : cache_) entry.uses = 0;
  }

 private:
  struct Entry {
    std::string stem;
    Xapian::termcount uses = 0;
  };
  static constexpr std::size_t kMaxEntries = 100000;
  Xapian::Stem stem_{"swedish"};
  std::unordered_map<std::string, Entry> cache_;
  std::vector<std::pair<std::string, Xapian::termcount>> dropped_;
};

// The term generator of answer text: Swedish stems under "Z" with
// positions (schema.hpp), one pass. No unstemmed words: the query parser
// turns every word, phrase word and wildcard into "Z" terms; every term
// form written costs postings and positions, the dearest part of an index
// to write. One per writer, so its stem cache lasts the whole run (a
// writer is used by one thread at a time).
class TextIndexer {
 public:
  TextIndexer() : stem_(new CachedSwedishStem) {
    stemmed_.set_stemmer(Xapian::Stem(stem_));  // the Stem owns it, stemmed_ keeps the Stem
    stemmed_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  }

  // Adds every word indexed since the last call, lower-cased and unstemmed,
  // to the spelling data of `db` (one add_spelling per distinct word, with
  // its count), which search suggests corrections from (query_parse.hpp).
  // Called inside the transaction, just before its commit. Words of files
  // replaced later stay in the spelling data.
  void add_spelling_to(Xapian::WritableDatabase& db) {
    stem_->take_spelling([&](const std::string& word, Xapian::termcount uses) { db.add_spelling(word, uses); });
  }
  // Forgets the words indexed since the last add_spelling_to (a cancelled
  // transaction).
  void discard_spelling() { stem_->discard_spelling(); }

  // Indexes `text` into `doc`: stems at positions 1, 2, ...
  void index(Xapian::Document& doc, const std::string& text) {
    stemmed_.set_document(doc);
    stemmed_.set_termpos(0);
    stemmed_.index_text(text);
  }
  // Indexes `more` after what index() put in `doc`, each a gap of
  // kGap positions after the one before, so no phrase or NEAR group runs
  // from one into the next.
  void index_after(const std::vector<std::string_view>& more) {
    for (std::string_view t : more) {
      stemmed_.increase_termpos(kGap);
      stemmed_.index_text(std::string(t));
    }
  }

  static constexpr Xapian::termpos kGap = 100;

 private:
  CachedSwedishStem* stem_;  // owned by the Stem inside stemmed_
  Xapian::TermGenerator stemmed_;
};

// The ids of the file's answers, in order (from its stream, when it has one).
std::vector<std::string> answer_ids_of(const IndexedFile& file) {
  if (file.stream) return file.stream->answer_ids();
  std::vector<std::string> ids;
  ids.reserve(file.answers.size());
  for (const AnswerRecord& a : file.answers) ids.push_back(a.id);
  return ids;
}

// Checks what can be checked before touching the database; `ids` are the
// answers' ids (answer_ids_of). The records of a stream are checked while
// they are written (BatchTransaction::write).
Status validate(const IndexedFile& file, const std::vector<std::string>& ids) {
  const std::string& where = file.path.empty() ? file.source : file.path;
  if (file.source.empty()) return make_error(where, "cannot index a file without a source name");
  if (file.source.size() > schema::kMaxSourceBytes)
    return make_error(where, "file name is too long for the index (" + std::to_string(file.source.size()) +
                                 " bytes; at most " + std::to_string(schema::kMaxSourceBytes) + ")",
                      "rename the file");
  // Xapian deletes a metadata key set to "", which would make the file look
  // never ingested to sources() and stats().
  if (file.ingest_key.empty()) return make_error(where, "cannot index a file without its ingest key");
  // Every document is filed under file.source; a record naming another file
  // would be stored where no later replace_file() of its own file finds it.
  auto foreign = [&](const std::string& s) {
    return make_error(where, "a record names source \"" + s + "\" inside file \"" + file.source + "\"");
  };
  for (const AnswerRecord& a : file.answers)
    if (a.source != file.source) return foreign(a.source);
  std::unordered_set<std::string_view> seen;
  for (const std::string& id : ids)
    if (!seen.insert(id).second) return make_error(where, "answer id \"" + id + "\" occurs twice in the file");
  for (const NumericItem& n : file.numbers)
    if (n.source != file.source) return foreign(n.source);
  return {};
}

// What an IndexWriter holds (its Impl), named here so that the helpers
// below may take it.
struct WriterState {
  std::string dir;
  Xapian::WritableDatabase db;
  TextIndexer text;
  // Set when the database could not be reopened after a failed commit: every
  // later write fails with it.
  std::optional<std::string> broken;
};

}  // namespace

struct IndexWriter::Impl : WriterState {};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() {
  // Releases the write lock now rather than at some later destructor.
  // Nothing is pending: replace_files() commits or cancels before returning.
  try {
    impl_->db.close();
  } catch (const Xapian::Error&) {
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::string& dir) {
  // Xapian reads its flush threshold when a database is opened for writing
  // (value_merge.hpp, kWriterFlushThreshold); set before any writer exists,
  // and kept when the user set it.
  static std::once_flag flush_threshold_set;
  std::call_once(flush_threshold_set, [] { ::setenv("XAPIAN_FLUSH_THRESHOLD", kWriterFlushThreshold, 0); });
  // Xapian follows stub files without a bound: a looping one crashes it.
  if (Status s = index_layout::check_stub_chain(dir); !s.ok()) return std::move(s).error();
  // Xapian creates only the last directory level; create the parents too.
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error("", "cannot create the index directory " + dir + ": " + ec.message());
  try {
    // No DB_RETRY_LOCK: a second writer is told at once, not made to wait.
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN);
    Status usable = schema::check_schema(dir, db.get_metadata(std::string(schema::kMetaSchema)), db.get_doccount() > 0);
    if (!usable.ok()) return std::move(usable).error();
    auto impl = std::make_unique<Impl>(Impl{{dir, std::move(db), {}, std::nullopt}});
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::DatabaseLockError&) {
    return make_error("", "index is locked: another ingest is writing to " + dir,
                      "wait for it to finish, then run again");
  } catch (const Xapian::DatabaseVersionError& e) {
    return make_error("", "index at " + dir + " was written by an incompatible Xapian version: " + e.get_msg(),
                      "delete " + dir + " and run `analyzer ingest PATH` again");
  } catch (const Xapian::Error& e) {
    return make_error("", "cannot open the index at " + dir + ": " + e.get_msg(),
                      "check that " + dir + " is a writable analyzer index directory");
  }
}

Result<std::vector<std::unique_ptr<IndexWriter>>> IndexWriter::open_shards(const std::string& dir,
                                                                           std::size_t new_shards) {
  namespace fs = std::filesystem;
  std::vector<std::unique_ptr<IndexWriter>> writers;
  auto open_each = [&](const std::vector<std::string>& paths) -> Status {
    for (const std::string& path : paths) {
      auto w = open(path);
      if (!w.ok()) return w.error();
      writers.push_back(std::move(w).value());
    }
    return {};
  };
  if (Status s = index_layout::check_stub_chain(dir); !s.ok()) return std::move(s).error();
  std::vector<std::string> shards = index_layout::local_shards(dir);
  std::error_code ec;
  const bool has_stub = fs::exists(fs::path(dir) / index_layout::kStubFile, ec);
  if (shards.empty() && has_stub)
    return make_error((fs::path(dir) / index_layout::kStubFile).string(),
                      "this stub lists databases ingest cannot write (remote, or another backend)",
                      "ingest into an index directory of its own, and search it beside the others with one --index each");
  if (!shards.empty()) {
    if (Status opened = open_each(shards); !opened.ok()) return opened.error();
    return writers;
  }
  const bool existing_database = fs::exists(fs::path(dir) / "iamglass", ec);
  if (existing_database || new_shards <= 1) {
    if (Status opened = open_each({dir}); !opened.ok()) return opened.error();
    return writers;
  }
  std::vector<std::string> names, paths;
  for (std::size_t k = 0; k < new_shards; ++k) {
    names.push_back(index_layout::kShardPrefix + std::to_string(k));
    paths.push_back((fs::path(dir) / names.back()).string());
  }
  if (Status opened = open_each(paths); !opened.ok()) return std::move(opened).error();
  Status stub = index_layout::write_stub(dir, names);
  if (!stub.ok()) return std::move(stub).error();
  return writers;
}

std::map<std::string, std::string> IndexWriter::sources() const {
  std::map<std::string, std::string> out;
  const std::string prefix(schema::kMetaSourcePrefix);
  try {
    Xapian::WritableDatabase& db = impl_->db;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
      out.emplace((*k).substr(prefix.size()), db.get_metadata(*k));
  } catch (const Xapian::Error& e) {
    throw index_layout::read_error(impl_->dir, e);
  }
  return out;
}

namespace {

// What is built of a file before the database is touched: its answer id
// terms (checked against the index first) and its metadata. Its documents
// are not: write() builds them one at a time and hands each to Xapian at
// once, so a file's records are never held twice (as records and as
// documents); a record that cannot be stored (invalid UTF-8 for JSON) is
// met then and refuses its file (RecordRefused).
struct PreparedFile {
  std::vector<std::string> answer_id_terms;
  // A streamed file's terms, once checked, are kept as hashes (8 bytes an
  // answer, not ~50): write_stream() makes each term again from its record
  // and compares.
  std::vector<std::size_t> answer_id_hashes;
  std::vector<std::pair<std::string, std::string>> metadata;

  void keep_hashes_only() {
    answer_id_hashes.reserve(answer_id_terms.size());
    for (const std::string& term : answer_id_terms) answer_id_hashes.push_back(std::hash<std::string>{}(term));
    answer_id_terms = {};
  }
  // Whether `term` is the checked id term of answer `k`.
  bool is_id_term(std::size_t k, const std::string& term) const {
    if (!answer_id_terms.empty()) return answer_id_terms[k] == term;
    return answer_id_hashes[k] == std::hash<std::string>{}(term);
  }
};

// A record of file `file` of a batch could not be made a document; thrown
// by write() inside the transaction.
struct RecordRefused {
  std::size_t file;
  std::string message;
};

// A document holding `rec` as JSON (kSlotRecord) with the terms and values
// every record kind has; counts the JSON in *record_bytes. Throws
// nlohmann::json::exception for a record that is not valid UTF-8.
template <class Record>
Xapian::Document record_document(const Record& rec, std::string_view kind, std::uintmax_t& record_bytes) {
  Xapian::Document doc;
  std::string record = to_json(rec).dump();
  record_bytes += record.size();
  doc.add_value(schema::kSlotRecord, std::move(record));
  add_common(doc, kind, rec.source, rec.respondent, rec.question, rec.span.begin);
  return doc;
}

Xapian::Document answer_document(const AnswerRecord& a, const std::string& id_term, TextIndexer& text,
                                 std::uintmax_t& record_bytes) {
  Xapian::Document doc = record_document(
      a, a.layout == LayoutKind::Decision ? schema::kKindDecision : schema::kKindAnswer, record_bytes);
  doc.add_boolean_term(id_term);
  std::set<std::string> themes;
  for (const Mention& m : a.mentions) themes.insert(m.theme);
  std::string theme_value;
  for (const std::string& t : themes) {
    doc.add_boolean_term(schema::filter_term(schema::kTheme, t));
    theme_value += (theme_value.empty() ? "" : "\n") + t;
  }
  doc.add_value(schema::kSlotThemes, theme_value);
  const Respondent& r = a.respondent;
  doc.add_value(schema::kSlotFacets, (r.year ? std::to_string(*r.year) : std::string()) + schema::kFacetSeparator +
                                         r.region + schema::kFacetSeparator +
                                         (r.type ? to_string(*r.type) : "") + schema::kFacetSeparator + theme_value);
  text.index(doc, a.text);
  // A section's heading and notes are searchable, though they are not its
  // text (never tagged, counted or quoted); a survey's prompt is not.
  std::vector<std::string_view> more;
  if (a.layout != LayoutKind::Survey && !a.question_text.empty() && a.question_text != "(utan rubrik)")
    more.push_back(a.question_text);
  for (const Note& n : a.notes) more.push_back(n.text);
  text.index_after(more);
  return doc;
}

Xapian::Document number_document(const NumericItem& n, std::uintmax_t& record_bytes) {
  Xapian::Document doc = record_document(n, schema::kKindNumber, record_bytes);
  for (const std::string& theme : n.themes) doc.add_boolean_term(schema::filter_term(schema::kTheme, theme));
  return doc;
}

// The tallies of the answers of `file` a report counts, encoded: all but
// those of decision parts (stored as kind "decision", schema.hpp). Copies
// the answers only when the file has a decision part.
std::string encoded_tallies(const IndexedFile& file) {
  const auto decision = [](const AnswerRecord& a) { return a.layout == LayoutKind::Decision; };
  if (std::none_of(file.answers.begin(), file.answers.end(), decision))
    return tally_table::encode(tally_answers(file.answers, false));
  std::vector<AnswerRecord> counted;
  std::copy_if(file.answers.begin(), file.answers.end(), std::back_inserter(counted),
               [&](const AnswerRecord& a) { return !decision(a); });
  return tally_table::encode(tally_answers(counted, false));
}

// The text of metadata "origin:<name>". A path need not be UTF-8 (a file
// name in Latin-1): replaced, not refused.
std::string origin_json(const SourceSummary& summary) { return to_json_text(summary); }

// A file's id terms and metadata; the tallies and origin of a streamed file
// are left out (written after its records, BatchTransaction::write).
PreparedFile prepare(const IndexedFile& file, const std::vector<std::string>& ids) {
  PreparedFile out;
  out.answer_id_terms.reserve(ids.size());
  for (const std::string& id : ids) out.answer_id_terms.push_back(schema::answer_id_term(id));
  nlohmann::json groups = nlohmann::json::array();
  for (const Respondent& r : file.parts)
    groups.push_back({r.year ? nlohmann::json(*r.year) : nlohmann::json(nullptr), r.region});
  out.metadata = {{schema::source_key(file.source), file.ingest_key},
                  {schema::path_key(file.source), file.path},
                  {schema::groups_key(file.source), groups.dump()},
                  {schema::contacts_key(file.source), nlohmann::json(file.contact_names).dump()}};
  if (!file.stream) {
    out.metadata.emplace_back(schema::tallies_key(file.source), encoded_tallies(file));
    out.metadata.emplace_back(schema::origin_key(file.source), origin_json(file.summary));
  }
  return out;
}

std::string where_of(const IndexedFile& file) { return file.path.empty() ? file.source : file.path; }

// The room a commit of `record_bytes` of records needs, at least: Xapian
// writes changed blocks to new places before the old ones are freed, and an
// index takes about 3 bytes per byte of record (measured: 2.4 MB of
// records, 6.8 MB of index; re-ingesting a quarter of it grew the index by
// 6.4 MB), so 8 bytes per byte plus 16 MiB for the blocks rewritten around
// them. Xapian 1.4.22 can abort the process (std::terminate from inside
// commit_transaction) when a write fails in the middle of a commit, so a
// commit is not started without this room.
std::uintmax_t room_needed(std::uintmax_t record_bytes) { return (std::uintmax_t{16} << 20) + 8 * record_bytes; }

// Bytes the database in `dir` may still grow by: the free space of its file
// system for this user and, under a file size limit (RLIMIT_FSIZE, `ulimit
// -f`), what its largest file may still grow by. Unknown parts count as
// unlimited.
std::uintmax_t room_to_grow(const std::string& dir) {
  std::uintmax_t room = UINTMAX_MAX;
  struct statvfs fs;
  if (statvfs(dir.c_str(), &fs) == 0) room = static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize;
  struct rlimit limit;
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    std::uintmax_t largest = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      std::error_code size_ec;
      const std::uintmax_t size = entry.file_size(size_ec);
      if (!size_ec) largest = std::max(largest, size);
    }
    const std::uintmax_t cap = static_cast<std::uintmax_t>(limit.rlim_cur);
    room = std::min(room, cap > largest ? cap - largest : 0);
  }
  return room;
}

std::string megabytes(std::uintmax_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

// Whether Xapian failed for want of room: no space, a quota, or the file
// size limit (its error string is the strerror() of the errno it saw).
bool out_of_room(const Xapian::Error& e) {
  const char* s = e.get_error_string();
  if (!s) return false;
  for (int code : {ENOSPC, EFBIG, EDQUOT})
    if (std::strcmp(s, std::strerror(code)) == 0) return true;
  return false;
}

constexpr const char* kRoomHint =
    "free disk space where the index is, or raise the file size limit (`ulimit -f`), then run `analyzer ingest` "
    "again; the files reported as ingested are in";

// Not enough room for a commit (room_needed); thrown inside BatchTransaction.
struct NoRoom {
  std::uintmax_t room;
};

// One call of IndexWriter::replace_files(). Inside one transaction, file by
// file: checks the file (a file whose records are unusable is refused
// alone, before it touches the database), checks its answer ids against the
// index and the batch (reads only), then deletes its old documents, adds
// the new ones and records its ingest key. Documents are built one at a
// time and each is handed to Xapian at once, so besides the records only
// one document is in memory, and Xapian's own buffer of the transaction's
// postings (which it flushes to the database's files, still uncommitted,
// every XAPIAN_FLUSH_THRESHOLD documents: 10,000 by default). Cost:
// indexing dominates (one positional pass over each answer's text); nothing
// is committed before the end, so a kill at any point leaves the previous
// revision in force. A Xapian error inside the transaction cancels it and
// stores each file not yet refused again, in a transaction of its own, so
// the file at fault fails alone; a record that cannot be made a document
// (met only while its file is written) cancels it too, refuses its file and
// stores the others again as one batch. Use once.
class BatchTransaction {
 public:
  BatchTransaction(WriterState& writer, const std::vector<const IndexedFile*>& files, bool with_aggregate)
      : w_(writer),
        db_(writer.db),
        files_(files),
        results_(files.size()),
        record_bytes_of_(files.size(), 0),
        with_aggregate_(with_aggregate) {}

  std::vector<Status> run() {
    if (refuse_all()) return std::move(results_);
    try {
      for (std::size_t i = 0; i < files_.size(); ++i) add_file(i);
      commit();
    } catch (const NoRoom& no_room) {
      after_no_room(no_room.room);
    } catch (const RecordRefused& refused) {
      after_refused_record(refused);
    } catch (const Xapian::Error& e) {
      after_xapian_error(e);
    } catch (...) {
      if (in_transaction_) cancel();
      throw;
    }
    return std::move(results_);
  }

 private:
  // A writer broken by an earlier failed commit, or not enough room for the
  // smallest commit: every file fails at once, before any work on it.
  bool refuse_all() {
    if (w_.broken) {
      for (std::size_t i = 0; i < files_.size(); ++i) results_[i] = make_error(where_of(i), *w_.broken, kRoomHint);
      return true;
    }
    const std::uintmax_t room = room_to_grow(w_.dir);
    if (room >= room_needed(0)) return false;
    for (std::size_t i = 0; i < files_.size(); ++i)
      results_[i] = make_error(where_of(i),
                               "not enough room for the index at " + w_.dir + ": a commit needs at least " +
                                   megabytes(room_needed(0)) + ", " + megabytes(room) +
                                   " are left (free disk space or file size limit); the index is unchanged",
                               kRoomHint);
    return true;
  }

  // Checks file `i` and, when it may go in, writes it into the transaction
  // (begun at the first such file); else sets its result.
  void add_file(std::size_t i) {
    const IndexedFile& file = *files_[i];
    std::vector<std::string> ids = answer_ids_of(file);
    if (Status valid = validate(file, ids); !valid.ok()) {
      results_[i] = std::move(valid);
      return;
    }
    if (!sources_.insert(file.source).second) {
      results_[i] = make_error(where_of(i), "the file " + file.source + " is given twice in one batch", "store it once");
      return;
    }
    PreparedFile p;
    try {
      p = prepare(file, ids);
    } catch (const nlohmann::json::exception& e) {
      // dump() refuses invalid UTF-8 (in a contact name).
      results_[i] = refused_record(i, e);
      return;
    }
    if (Status used = check_answer_ids(i, p, ids); !used.ok()) {
      results_[i] = std::move(used);
      return;
    }
    ids = {};
    if (file.stream && i + 1 == files_.size()) p.keep_hashes_only();  // no later file checks against them
    write(i, p);
    record_bytes_ += record_bytes_of_[i];
    // Only a later file of the batch can repeat these ids.
    if (i + 1 < files_.size())
      for (std::string& id_term : p.answer_id_terms) batch_ids_.emplace(std::move(id_term), &file.source);
  }

  Status refused_record(std::size_t i, const nlohmann::json::exception& e) const {
    return make_error(where_of(i), std::string("could not store a record: ") + e.what() + "; the index is unchanged");
  }

  // An id may be used once in the index: by this file's own old documents
  // (replaced below), else by nobody, here or earlier in the batch.
  Status check_answer_ids(std::size_t i, const PreparedFile& p, const std::vector<std::string>& ids) {
    const IndexedFile& file = *files_[i];
    for (std::size_t k = 0; k < p.answer_id_terms.size(); ++k) {
      const std::string& id_term = p.answer_id_terms[k];
      std::string other;
      if (auto seen = batch_ids_.find(id_term); seen != batch_ids_.end()) {
        other = *seen->second;
      } else if (db_.term_exists(id_term)) {
        other = db_.get_document(*db_.postlist_begin(id_term)).get_value(schema::kSlotSource);
        if (other == file.source) other.clear();
      }
      if (!other.empty())
        return make_error(where_of(i), "answer id \"" + ids[k] + "\" is already used by " + other +
                                           " in the index at " + w_.dir + "; the index is unchanged");
    }
    return {};
  }

  // Writes file `i` into the transaction, one document at a time; a record
  // that cannot be made a document throws RecordRefused.
  void write(std::size_t i, const PreparedFile& p) {
    const IndexedFile& file = *files_[i];
    if (!in_transaction_) {
      db_.begin_transaction();  // flushed: commit_transaction() makes it durable
      in_transaction_ = true;
      changes_ = 0;  // begin_transaction() flushed Xapian's own count
    }
    const std::string source_term = schema::filter_term(schema::kSource, file.source);
    changes_ += db_.get_termfreq(source_term);  // each deleted document is a change to Xapian
    db_.delete_document(source_term);
    std::uintmax_t& bytes = record_bytes_of_[i];
    try {
      // add_document, not replace_document(id term): every id is new, checked above.
      if (file.stream) {
        write_stream(i, p);
      } else {
        for (std::size_t k = 0; k < file.answers.size(); ++k) {
          db_.add_document(answer_document(file.answers[k], p.answer_id_terms[k], w_.text, bytes));
          added_one(i);
        }
        for (const NumericItem& n : file.numbers) {
          db_.add_document(number_document(n, bytes));
          added_one(i);
        }
      }
    } catch (const nlohmann::json::exception& e) {
      // dump() refuses invalid UTF-8 in a record's text.
      throw RecordRefused{i, refused_record(i, e).error().message};
    }
    for (const auto& [key, value] : p.metadata) db_.set_metadata(key, value);
  }

  // The records of file `i` from its stream, a few parts at a time, as
  // write() writes those of a file in memory; its tallies (the metadata
  // prepare() left out) are encoded piece by piece. A record naming another
  // source, or an answer whose id is not the one checked, refuses the file.
  void write_stream(std::size_t i, const PreparedFile& p) {
    const IndexedFile& file = *files_[i];
    // The encoder is gone before its text is handed to Xapian (which copies
    // it): a 100,000-row file's tallies are about 10 MB of text.
    db_.set_metadata(schema::tallies_key(file.source), write_stream_answers(i, p));
    RecordStream& stream = *file.stream;
    std::vector<NumericItem> numbers;
    for (std::size_t k = 0, n = stream.number_count(); k < n;) {
      numbers.clear();
      const std::size_t next = stream.make_numbers(k, numbers);
      if (next <= k || next > n || next - k != numbers.size()) refuse(i, "the record stream gave a wrong count of numbers");
      for (const NumericItem& item : numbers) {
        if (item.source != file.source)
          refuse(i, "a number names source \"" + item.source + "\" inside file \"" + file.source + "\"");
        db_.add_document(number_document(item, record_bytes_of_[i]));
        added_one(i);
      }
      k = next;
    }
    // Alone in the transaction, the file is never stored again from its
    // stream (no retry, after_xapian_error): what made its records (for a
    // 100,000-row spreadsheet its text, places and cells, ~110 MB) is freed
    // before the origin JSON, the aggregate and the commit, the peak of the
    // run.
    if (files_.size() == 1) {
      stream.records_done();
      // What was freed lies in holes all over the heap, where the large
      // strings to come (the origin JSON, ~51 MB for 100,000 rows, gets its
      // own mapping) cannot use it: give its pages back (measured in
      // tests/bench/README.md, spreadsheet_read, the 100,000-row XLSX).
      malloc_trim(0);
    }
    db_.set_metadata(schema::origin_key(file.source), stream.summary_text());
  }

  // The answers of write_stream(); returns the text of their tallies.
  std::string write_stream_answers(std::size_t i, const PreparedFile& p) {
    const IndexedFile& file = *files_[i];
    RecordStream& stream = *file.stream;
    tally_table::Encoder tallies;
    std::vector<AnswerRecord> answers;
    for (std::size_t k = 0, n = stream.answer_count(); k < n;) {
      answers.clear();
      const std::size_t next = stream.make_answers(k, answers);
      if (next <= k || next > n || next - k != answers.size()) refuse(i, "the record stream gave a wrong count of answers");
      for (std::size_t j = 0; j < answers.size(); ++j) {
        const AnswerRecord& a = answers[j];
        if (a.source != file.source)
          refuse(i, "an answer names source \"" + a.source + "\" inside file \"" + file.source + "\"");
        const std::string id_term = schema::answer_id_term(a.id);
        if (!p.is_id_term(k + j, id_term)) refuse(i, "answer " + std::to_string(k + j) + " changed its id");
        db_.add_document(answer_document(a, id_term, w_.text, record_bytes_of_[i]));
        added_one(i);
      }
      tallies.add(tally_answers(answers, false));
      k = next;
    }
    return tallies.text();
  }

  [[noreturn]] static void refuse(std::size_t i, const std::string& what) {
    throw RecordRefused{i, "could not store a record: " + what + "; the index is unchanged"};
  }

  // Writes out the transaction's value changes from time to time
  // (value_merge.hpp: Xapian keeps them in memory until the commit, about
  // 1.5 KB a document here). The transaction stays one, and cancelling it
  // still drops them. A batch of at most PendingBatch::kRecords (4,000)
  // records of new files never merges. Like a commit, a merge is not
  // started without room for what the transaction holds so far (a write
  // that fails inside Xapian can abort the process: room_needed): NoRoom
  // then fails the file, still uncommitted.
  void added_one(std::size_t i) {
    if (!merge_values_now(++changes_, flush_threshold_)) return;
    if (const std::uintmax_t room = room_to_grow(w_.dir); room < room_needed(record_bytes_ + record_bytes_of_[i]))
      throw NoRoom{room};
    (void)db_.valuestream_begin(schema::kSlotRecord);
  }

  void commit() {
    if (!in_transaction_) return;
    db_.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    std::size_t aggregate_bytes = 0;
    if (with_aggregate_) aggregate_bytes = set_aggregate();
    if (const std::uintmax_t room = room_to_grow(w_.dir); room < room_needed(record_bytes_ + aggregate_bytes))
      throw NoRoom{room};
    w_.text.add_spelling_to(db_);
    committing_ = true;
    db_.commit_transaction();
  }

  // The report aggregate of the database as this transaction leaves it
  // (the writer's reads see its own uncommitted changes), set in the
  // transaction; returns its size. Not built (0): left to write_aggregate(),
  // which finds it missing or stale and writes it with a commit of its own.
  std::size_t set_aggregate() {
    std::optional<std::string> built;
    try {
      built = aggregate::build(db_);
    } catch (const Xapian::Error&) {
      return 0;
    }
    if (!built) return 0;
    db_.set_metadata(std::string(schema::kMetaAggregate), *built);
    return built->size();
  }

  // A file that would fit alone is stored alone; the others fail here,
  // without being indexed again.
  void after_no_room(std::uintmax_t room) {
    const std::string detail = cancel();
    for (std::size_t i = 0; i < files_.size(); ++i) {
      if (!results_[i].ok()) continue;
      if (files_.size() > 1 && detail.empty() && room_needed(record_bytes_of_[i]) <= room) {
        results_[i] = store_alone(i);
        continue;
      }
      results_[i] = make_error(where_of(i),
                               "not enough room for the index at " + w_.dir + ": storing this file needs about " +
                                   megabytes(room_needed(record_bytes_of_[i])) + ", " + megabytes(room) +
                                   " are left (free disk space or file size limit); the index is unchanged" + detail,
                               kRoomHint);
    }
  }

  // Every file not refused yet is stored again alone (when the transaction
  // could be undone), else fails with the error.
  void after_xapian_error(const Xapian::Error& e) {
    const std::string detail = committing_ ? reopen() : in_transaction_ ? cancel() : std::string();
    const bool retry = files_.size() > 1 && detail.empty();
    const bool full = out_of_room(e);
    for (std::size_t i = 0; i < files_.size(); ++i) {
      if (!results_[i].ok()) continue;
      if (retry) {
        results_[i] = store_alone(i);
        continue;
      }
      results_[i] = make_error(where_of(i),
                               "could not index into " + w_.dir + ": " +
                                   (full ? std::string("the disk is full (") + e.get_error_string() + ")" : e.get_msg()) +
                                   "; the index is unchanged for this file" + detail,
                               full ? kRoomHint : "");
    }
  }

  // File `refused.file` fails; the transaction is cancelled and the other
  // files not refused yet (those written before it, and those after it) are
  // stored again, as one batch, when that worked; else they fail too.
  void after_refused_record(const RecordRefused& refused) {
    const std::string detail = cancel();
    results_[refused.file] = make_error(where_of(refused.file), refused.message + detail);
    std::vector<std::size_t> again;
    for (std::size_t i = 0; i < files_.size(); ++i)
      if (i != refused.file && results_[i].ok()) again.push_back(i);
    if (again.empty()) return;
    if (!detail.empty()) {
      for (std::size_t i : again)
        results_[i] = make_error(where_of(i), "could not index into " + w_.dir +
                                                  ": another file of its batch was refused and the transaction "
                                                  "could not be undone; the index is unchanged for this file" +
                                                  detail);
      return;
    }
    std::vector<const IndexedFile*> rest;
    for (std::size_t i : again) rest.push_back(files_[i]);
    std::vector<Status> stored = BatchTransaction(w_, rest, false).run();
    for (std::size_t n = 0; n < again.size(); ++n) results_[again[n]] = std::move(stored[n]);
  }

  Status store_alone(std::size_t i) { return std::move(BatchTransaction(w_, {files_[i]}, false).run().front()); }

  // Abandons the transaction. A failed add_document() in Xapian 1.4 has
  // already dropped the transaction's pending changes but leaves the
  // transaction open, so cancelling is needed either way. Returns what to
  // add to the error when cancelling failed too.
  std::string cancel() {
    w_.text.discard_spelling();
    try {
      db_.cancel_transaction();
      return {};
    } catch (const Xapian::Error& e) {
      return "; cancelling also failed: " + e.get_msg();
    }
  }

  // After a commit that failed half way there is no transaction to cancel,
  // and the database object is unusable ("Ran off end of freelist" at the
  // next write): opens the database again at its last committed revision.
  // When that fails, the writer is broken for good.
  std::string reopen() {
    try {
      db_.close();
    } catch (const Xapian::Error&) {
    }
    try {
      db_ = Xapian::WritableDatabase(w_.dir, Xapian::DB_OPEN);
      return {};
    } catch (const Xapian::Error& e) {
      w_.broken = "the index at " + w_.dir + " could not be opened again after a failed commit: " + e.get_msg();
      return "; " + *w_.broken;
    }
  }

  std::string where_of(std::size_t i) const { return analyzer::where_of(*files_[i]); }

  WriterState& w_;
  Xapian::WritableDatabase& db_;
  const std::vector<const IndexedFile*>& files_;
  std::vector<Status> results_;
  std::vector<std::uintmax_t> record_bytes_of_;
  std::uintmax_t record_bytes_ = 0;
  bool in_transaction_ = false, committing_ = false;
  const bool with_aggregate_;  // the run's last batch: its commit stores the aggregate too
  // Changes (documents added or deleted) since the transaction began, and
  // Xapian's flush threshold (added_one).
  Xapian::doccount changes_ = 0;
  const Xapian::doccount flush_threshold_ = xapian_flush_threshold();
  std::unordered_set<std::string_view> sources_;
  std::unordered_map<std::string, const std::string*> batch_ids_;  // id term → source
};

}  // namespace

Status IndexWriter::replace_file(const IndexedFile& file) {
  return std::move(replace_files({&file}).front());
}

std::vector<Status> IndexWriter::replace_files(const std::vector<const IndexedFile*>& files, bool with_aggregate) {
  return BatchTransaction(*impl_, files, with_aggregate).run();
}

// Skips the work when the stored aggregate is current already (an ingest
// run that changed nothing). Merging reads every file's tallies: about
// 0.1 s per 100,000 answers.
Status IndexWriter::write_aggregate() {
  Xapian::WritableDatabase& db = impl_->db;
  const std::string key(schema::kMetaAggregate);
  const char* hint = "reports still work, from each file's tallies; run `analyzer ingest` again to retry";
  if (impl_->broken) return make_error(impl_->dir, "could not store the report aggregate: " + *impl_->broken, hint);
  try {
    if (aggregate::read_current(db, [](const AnswerTally&) { return false; })) return {};
    const std::string files_prefix(schema::kMetaSourcePrefix);
    if (db.get_doccount() == 0 && db.metadata_keys_begin(files_prefix) == db.metadata_keys_end(files_prefix) &&
        db.get_metadata(key).empty())
      return {};  // holds no file: nothing to merge
    std::optional<std::string> built = aggregate::build(db);
    // A commit that fails half way can abort the process (room_needed).
    if (const std::uintmax_t room = room_to_grow(impl_->dir); room < room_needed(built ? built->size() : 0))
      return make_error(impl_->dir,
                        "could not store the report aggregate: not enough room for the index (" + megabytes(room) +
                            " left)",
                        hint);
    // Without one, an old aggregate would only ever be found stale: drop it.
    db.set_metadata(key, built ? *built : std::string());
    db.commit();
    return {};
  } catch (const Xapian::Error& e) {
    return make_error(impl_->dir, "could not store the report aggregate: " + e.get_msg(), hint);
  }
}

}  // namespace analyzer
