// IndexWriter: one Xapian transaction per source file (index.hpp, schema.hpp).

#include <sys/resource.h>
#include <sys/statvfs.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
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
#include "analyzer/index/schema.hpp"
#include "analyzer/index/tally_table.hpp"
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
    doc.add_boolean_term(schema::filter_term(schema::kRegion, schema::fold_case(r.region)));
  if (r.type) doc.add_boolean_term(schema::filter_term(schema::kRespondentType, to_string(*r.type)));
  if (!r.name.empty())
    doc.add_boolean_term(schema::filter_term(schema::kRespondent, schema::fold_case(r.name)));
  if (!question.empty())
    doc.add_boolean_term(schema::filter_term(schema::kQuestion, schema::fold_case(question)));

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
// Memory: at most kMaxEntries words (the cache starts over when full).
class CachedSwedishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (auto it = cache_.find(word); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxEntries) cache_.clear();
    return cache_.emplace(word, stem_(word)).first->second;
  }
  std::string get_description() const override { return "Xapian::Stem(swedish), cached"; }

 private:
  static constexpr std::size_t kMaxEntries = 100000;
  Xapian::Stem stem_{"swedish"};
  std::unordered_map<std::string, std::string> cache_;
};

// The term generator of answer text: Swedish stems under "Z" with
// positions (schema.hpp), one pass. No unstemmed words: the query parser
// turns every word, phrase word and wildcard into "Z" terms; every term
// form written costs postings and positions, the dearest part of an index
// to write. One per writer, so its stem cache lasts the whole run (a
// writer is used by one thread at a time).
class TextIndexer {
 public:
  TextIndexer() {
    stemmed_.set_stemmer(Xapian::Stem(new CachedSwedishStem));
    stemmed_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  }

  // Indexes `text` into `doc`: stems at positions 1, 2, ...
  void index(Xapian::Document& doc, const std::string& text) {
    stemmed_.set_document(doc);
    stemmed_.set_termpos(0);
    stemmed_.index_text(text);
  }

 private:
  Xapian::TermGenerator stemmed_;
};

// Checks what can be checked before touching the database.
std::optional<Diagnostic> validate(const IndexedFile& file) {
  const std::string& where = file.path.empty() ? file.source : file.path;
  if (file.source.empty()) return make_error(where, "cannot index a file without a source name");
  if (file.source.size() > schema::kMaxSourceBytes)
    return make_error(where, "file name is too long for the index (" + std::to_string(file.source.size()) +
                                 " bytes; at most " + std::to_string(schema::kMaxSourceBytes) + ")",
                      "rename the file");
  // Xapian deletes a metadata key set to "", which would make the file look
  // never ingested to state() and stats().
  if (file.sha256.empty()) return make_error(where, "cannot index a file without its SHA-256");
  // Every document is filed under file.source; a record naming another file
  // would be stored where no later replace_file() of its own file finds it.
  auto foreign = [&](const std::string& s) {
    return make_error(where, "a record names source \"" + s + "\" inside file \"" + file.source + "\"");
  };
  std::unordered_set<std::string_view> ids;
  for (const AnswerRecord& a : file.answers) {
    if (a.source != file.source) return foreign(a.source);
    if (!ids.insert(a.id).second)
      return make_error(where, "answer id \"" + a.id + "\" occurs twice in the file");
  }
  for (const NumericItem& n : file.numbers)
    if (n.source != file.source) return foreign(n.source);
  return std::nullopt;
}

}  // namespace

struct IndexWriter::Impl {
  std::string dir;
  Xapian::WritableDatabase db;
  TextIndexer text;
  // Set when the database could not be reopened after a failed commit: every
  // later write fails with it.
  std::optional<std::string> broken;
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() {
  // Releases the write lock now rather than at some later destructor.
  // Nothing is pending: replace_file() commits or cancels before returning.
  try {
    impl_->db.close();
  } catch (const Xapian::Error&) {
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::string& dir) {
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
    auto impl = std::make_unique<Impl>(Impl{dir, std::move(db), {}, std::nullopt});
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
  auto open_each = [&](const std::vector<std::string>& paths) -> std::optional<Diagnostic> {
    for (const std::string& path : paths) {
      auto w = open(path);
      if (!w.ok()) return w.error();
      writers.push_back(std::move(w).value());
    }
    return std::nullopt;
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
    if (auto problem = open_each(shards)) return *problem;
    return writers;
  }
  const bool existing_database = fs::exists(fs::path(dir) / "iamglass", ec);
  if (existing_database || new_shards <= 1) {
    if (auto problem = open_each({dir})) return *problem;
    return writers;
  }
  std::vector<std::string> names, paths;
  for (std::size_t k = 0; k < new_shards; ++k) {
    names.push_back(index_layout::kShardPrefix + std::to_string(k));
    paths.push_back((fs::path(dir) / names.back()).string());
  }
  if (auto problem = open_each(paths)) return *problem;
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
    throw std::runtime_error("cannot read the index at " + impl_->dir + ": " + e.get_description());
  }
  return out;
}

FileState IndexWriter::state(const std::string& source, const std::string& sha256) const {
  std::string stored;
  try {
    stored = impl_->db.get_metadata(schema::source_key(source));
  } catch (const Xapian::Error& e) {
    // Reading committed metadata fails only on a damaged index: unexpected.
    throw std::runtime_error("cannot read the index at " + impl_->dir + ": " + e.get_description());
  }
  if (stored.empty()) return FileState::New;
  return stored == sha256 ? FileState::Unchanged : FileState::Changed;
}

namespace {

// One file's documents and metadata, built before the database is touched,
// so that records which cannot be stored (invalid UTF-8 for JSON) refuse
// only their own file.
struct PreparedFile {
  std::vector<Xapian::Document> documents;
  std::uintmax_t record_bytes = 0;  // the records as JSON, for the room a commit needs
  std::vector<std::string> answer_id_terms;
  std::vector<std::pair<std::string, std::string>> metadata;
};

PreparedFile prepare(const IndexedFile& file, TextIndexer& text) {
  PreparedFile out;
  out.documents.reserve(file.answers.size() + file.numbers.size());
  for (const AnswerRecord& a : file.answers) {
    Xapian::Document doc;
    std::string record = to_json(a).dump();
    out.record_bytes += record.size();
    doc.add_value(schema::kSlotRecord, std::move(record));
    add_common(doc, schema::kKindAnswer, a.source, a.respondent, a.question, a.span.begin);
    out.answer_id_terms.push_back(schema::answer_id_term(a.id));
    doc.add_boolean_term(out.answer_id_terms.back());
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
    out.documents.push_back(std::move(doc));
  }
  for (const NumericItem& n : file.numbers) {
    Xapian::Document doc;
    std::string record = to_json(n).dump();
    out.record_bytes += record.size();
    doc.add_value(schema::kSlotRecord, std::move(record));
    add_common(doc, schema::kKindNumber, n.source, n.respondent, n.question, n.span.begin);
    for (const std::string& theme : n.themes) doc.add_boolean_term(schema::filter_term(schema::kTheme, theme));
    out.documents.push_back(std::move(doc));
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const Respondent& r : file.parts)
    groups.push_back({r.year ? nlohmann::json(*r.year) : nlohmann::json(nullptr), r.region});
  out.metadata = {{schema::source_key(file.source), file.sha256},
                  {schema::path_key(file.source), file.path},
                  {schema::groups_key(file.source), groups.dump()},
                  {schema::contacts_key(file.source), nlohmann::json(file.contact_names).dump()},
                  {schema::tallies_key(file.source), tally_table::encode(tally_answers(file.answers, false))}};
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

// Not enough room for a commit (room_needed); thrown inside replace_files().
struct NoRoom {
  std::uintmax_t room;
};

}  // namespace

Result<bool> IndexWriter::replace_file(const IndexedFile& file) {
  return std::move(replace_files({&file}).front());
}

// Inside one transaction, file by file: builds the file's documents (a
// file whose records are unusable is refused alone, before it touches the
// database), checks its answer ids against the index and the batch (reads
// only), then deletes its old documents, adds the new ones and records its
// hash. Only one file's documents are in memory at a time, besides Xapian's
// own buffer of the transaction's changes. Cost: indexing dominates (one
// positional pass over each answer's text); nothing is committed before
// the end, so a kill at any point leaves the previous revision in force. A
// Xapian error inside the transaction cancels it and stores each file not
// yet refused again, in a transaction of its own, so the file at fault
// fails alone.
std::vector<Result<bool>> IndexWriter::replace_files(const std::vector<const IndexedFile*>& files) {
  Xapian::WritableDatabase& db = impl_->db;
  std::vector<Result<bool>> results(files.size(), Result<bool>(true));

  // Abandons the transaction. A failed add_document() in Xapian 1.4 has
  // already dropped the transaction's pending changes but leaves the
  // transaction open, so cancelling is needed either way.
  auto cancel = [&]() -> std::string {
    try {
      db.cancel_transaction();
      return {};
    } catch (const Xapian::Error& e) {
      return "; cancelling also failed: " + e.get_msg();
    }
  };

  // Every file not refused yet, each in a transaction of its own, so that
  // only the file at fault fails.
  auto retry_one_by_one = [&]() {
    for (std::size_t i = 0; i < files.size(); ++i)
      if (results[i].ok()) results[i] = std::move(replace_files({files[i]}).front());
    return results;
  };
  // After a commit that failed half way there is no transaction to cancel,
  // and the database object is unusable ("Ran off end of freelist" at the
  // next write): open the database again at its last committed revision.
  auto reopen = [&]() -> std::string {
    try {
      db.close();
    } catch (const Xapian::Error&) {
    }
    try {
      db = Xapian::WritableDatabase(impl_->dir, Xapian::DB_OPEN);
      return {};
    } catch (const Xapian::Error& e) {
      impl_->broken = "the index at " + impl_->dir + " could not be opened again after a failed commit: " + e.get_msg();
      return "; " + *impl_->broken;
    }
  };

  if (impl_->broken) {
    for (std::size_t i = 0; i < files.size(); ++i)
      results[i] = make_error(where_of(*files[i]), *impl_->broken, kRoomHint);
    return results;
  }
  // Not enough room for the smallest commit: every file fails at once,
  // before any work on it.
  if (const std::uintmax_t room = room_to_grow(impl_->dir); room < room_needed(0)) {
    for (std::size_t i = 0; i < files.size(); ++i)
      results[i] = make_error(where_of(*files[i]),
                              "not enough room for the index at " + impl_->dir + ": a commit needs at least " +
                                  megabytes(room_needed(0)) + ", " + megabytes(room) +
                                  " are left (free disk space or file size limit); the index is unchanged",
                              kRoomHint);
    return results;
  }
  bool in_transaction = false, committing = false;
  std::uintmax_t record_bytes = 0;
  std::vector<std::uintmax_t> record_bytes_of(files.size(), 0);
  try {
    std::unordered_set<std::string_view> sources;
    // An id may be used once in the index: by this file's own old documents
    // (replaced below), else by nobody, here or earlier in the batch.
    std::unordered_map<std::string, const std::string*> batch_ids;  // id term → source
    for (std::size_t i = 0; i < files.size(); ++i) {
      const IndexedFile& file = *files[i];
      if (auto problem = validate(file)) {
        results[i] = *problem;
        continue;
      }
      if (!sources.insert(file.source).second) {
        results[i] = make_error(where_of(file), "the file " + file.source + " is given twice in one batch",
                                "store it once");
        continue;
      }
      PreparedFile p;
      try {
        p = prepare(file, impl_->text);
      } catch (const nlohmann::json::exception& e) {
        // dump() refuses invalid UTF-8 in a record's text.
        results[i] = make_error(where_of(file), std::string("could not store a record: ") + e.what() +
                                                    "; the index is unchanged");
        continue;
      }
      std::optional<Diagnostic> conflict;
      for (std::size_t k = 0; k < p.answer_id_terms.size() && !conflict; ++k) {
        const std::string& id_term = p.answer_id_terms[k];
        std::string other;
        if (auto seen = batch_ids.find(id_term); seen != batch_ids.end()) {
          other = *seen->second;
        } else if (db.term_exists(id_term)) {
          other = db.get_document(*db.postlist_begin(id_term)).get_value(schema::kSlotSource);
          if (other == file.source) other.clear();
        }
        if (!other.empty())
          conflict = make_error(where_of(file), "answer id \"" + file.answers[k].id + "\" is already used by " +
                                                    other + " in the index at " + impl_->dir +
                                                    "; the index is unchanged");
      }
      if (conflict) {
        results[i] = *conflict;
        continue;
      }
      for (const std::string& id_term : p.answer_id_terms) batch_ids.emplace(id_term, &file.source);

      if (!in_transaction) {
        db.begin_transaction();  // flushed: commit_transaction() makes it durable
        in_transaction = true;
      }
      db.delete_document(schema::filter_term(schema::kSource, file.source));
      // add_document, not replace_document(id term): every id is new, checked above.
      for (const Xapian::Document& doc : p.documents) db.add_document(doc);
      for (const auto& [key, value] : p.metadata) db.set_metadata(key, value);
      record_bytes += p.record_bytes;
      record_bytes_of[i] = p.record_bytes;
    }
    if (in_transaction) {
      db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
      if (const std::uintmax_t room = room_to_grow(impl_->dir); room < room_needed(record_bytes))
        throw NoRoom{room};
      committing = true;
      db.commit_transaction();
    }
    return results;
  } catch (const NoRoom& no_room) {
    std::string detail = cancel();
    // A file that would fit alone is stored alone; the others fail here,
    // without being indexed again.
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!results[i].ok()) continue;
      if (files.size() > 1 && detail.empty() && room_needed(record_bytes_of[i]) <= no_room.room) {
        results[i] = std::move(replace_files({files[i]}).front());
        continue;
      }
      results[i] = make_error(where_of(*files[i]),
                              "not enough room for the index at " + impl_->dir + ": storing this file needs about " +
                                  megabytes(room_needed(record_bytes_of[i])) + ", " + megabytes(no_room.room) +
                                  " are left (free disk space or file size limit); the index is unchanged" + detail,
                              kRoomHint);
    }
    return results;
  } catch (const Xapian::Error& e) {
    std::string detail = committing ? reopen() : in_transaction ? cancel() : std::string();
    if (files.size() > 1 && detail.empty()) return retry_one_by_one();
    const bool full = out_of_room(e);
    for (std::size_t i = 0; i < files.size(); ++i)
      if (results[i].ok())
        results[i] = make_error(where_of(*files[i]),
                                "could not index into " + impl_->dir + ": " +
                                    (full ? std::string("the disk is full (") + e.get_error_string() + ")"
                                          : e.get_msg()) +
                                    "; the index is unchanged for this file" + detail,
                                full ? kRoomHint : "");
    return results;
  } catch (...) {
    if (in_transaction) cancel();
    throw;
  }
}

// Skips the work when the stored aggregate is current already (an ingest
// run that changed nothing). Merging reads every file's tallies: about
// 0.1 s per 100,000 answers.
Result<bool> IndexWriter::write_aggregate() {
  Xapian::WritableDatabase& db = impl_->db;
  const std::string key(schema::kMetaAggregate);
  const char* hint = "reports still work, from each file's tallies; run `analyzer ingest` again to retry";
  if (impl_->broken) return make_error(impl_->dir, "could not store the report aggregate: " + *impl_->broken, hint);
  try {
    if (aggregate::read_current(db, [](const AnswerTally&) { return false; })) return true;
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
    return built.has_value();
  } catch (const Xapian::Error& e) {
    return make_error(impl_->dir, "could not store the report aggregate: " + e.get_msg(), hint);
  }
}

}  // namespace analyzer
