// The coding store on SQLite. SQLite's statuses become Diagnostics here, at
// the seam: inside, a failed call throws SqlError, which every public
// method catches, rolling back its transaction.

#include "analyzer/coding/store.hpp"

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace analyzer::coding {
namespace {

// "anlz": marks a coding store among SQLite files (PRAGMA application_id).
constexpr int kApplicationId = 0x616e6c7a;
constexpr std::size_t kMaxCodeName = 200;

struct SqlError : std::runtime_error {
  SqlError(int code, const std::string& what) : std::runtime_error(what), code(code) {}
  int code;
};

// A refusal of the caller's request (unknown code, removed already): not
// an SQLite failure, but it also rolls the transaction back.
struct Refused : std::runtime_error {
  explicit Refused(const std::string& what, std::string hint = {}) : std::runtime_error(what), hint(std::move(hint)) {}
  std::string hint;
};

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s_, nullptr) != SQLITE_OK)
      throw SqlError(sqlite3_errcode(db), sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(s_, i, v)); }
  Stmt& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  Stmt& bind_null(int i) { return check(sqlite3_bind_null(s_, i)); }
  Stmt& bind_opt(int i, const std::optional<std::int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }
  Stmt& bind_text_or_null(int i, const std::string& v) { return v.empty() ? bind_null(i) : bind(i, v); }

  // True while there is a row.
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw SqlError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(s_, i); }
  bool is_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  std::optional<std::int64_t> opt_integer(int i) const {
    return is_null(i) ? std::nullopt : std::optional<std::int64_t>(integer(i));
  }
  std::string text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }

 private:
  Stmt& check(int rc) {
    if (rc != SQLITE_OK) throw SqlError(rc, sqlite3_errmsg(db_));
    return *this;
  }
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw SqlError(sqlite3_extended_errcode(db), text);
  }
}

std::int64_t pragma_int(sqlite3* db, const char* name) {
  Stmt s(db, std::string("PRAGMA ") + name);
  return s.step() ? s.integer(0) : 0;
}

}  // namespace

const char* to_string(CodingKind k) {
  switch (k) {
    case CodingKind::Accepted: return "accepted";
    case CodingKind::Rejected: return "rejected";
    case CodingKind::Manual: return "manual";
  }
  return "manual";
}

namespace {

std::optional<CodingKind> kind_from(const std::string& s) {
  if (s == "accepted") return CodingKind::Accepted;
  if (s == "rejected") return CodingKind::Rejected;
  if (s == "manual") return CodingKind::Manual;
  return std::nullopt;
}

}  // namespace

struct CodingStore::Impl {
  std::string path;
  StoreOptions options;
  sqlite3* db = nullptr;

  ~Impl() {
    if (db) sqlite3_close_v2(db);
  }

  // The Diagnostic of an SqlError, naming the file; a busy store gets the
  // message the analyst needs.
  Diagnostic diagnose(const SqlError& e) const {
    const int primary = e.code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      return make_error(path,
                        "the coding store is locked by another process (waited " +
                            std::to_string(options.busy_timeout_ms) + " ms)",
                        "another program is writing to it: another analyzer command, or a tool with the "
                        "file open (sqlite3, a script); try again when it has finished");
    if (primary == SQLITE_NOTADB)
      return make_error(path, "not a coding store: the file is not an SQLite database",
                        "give another file with --codings");
    if (primary == SQLITE_FULL)
      return make_error(path, "the coding store cannot grow: the disk is full; nothing was stored",
                        "free some space and run the command again");
    if (primary == SQLITE_READONLY) return make_error(path, "the coding store cannot be written (read-only)");
    return make_error(path, std::string("the coding store failed: ") + e.what());
  }

  // Runs `body` in one write transaction; a SqlError or Refused rolls it
  // back and becomes the Diagnostic.
  template <class F>
  auto write(F&& body) -> Result<decltype(body())> {
    bool open = false;
    try {
      exec(db, "BEGIN IMMEDIATE");
      open = true;
      auto out = body();
      if (options.before_commit) options.before_commit();
      exec(db, "COMMIT");
      return out;
    } catch (const SqlError& e) {
      if (open) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return diagnose(e);
    } catch (const Refused& e) {
      if (open) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return make_error(path, e.what(), e.hint);
    } catch (...) {
      if (open) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  template <class F>
  auto read(F&& body) const -> Result<decltype(body())> {
    try {
      return body();
    } catch (const SqlError& e) {
      return diagnose(e);
    }
  }

  std::int64_t coder_id(const std::string& name) {
    Stmt insert(db, "INSERT OR IGNORE INTO coders(name, created) VALUES (?, ?)");
    insert.bind(1, name).bind(2, now_utc()).run();
    Stmt find(db, "SELECT id FROM coders WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) throw SqlError(SQLITE_INTERNAL, "coder \"" + name + "\" not stored");
    return find.integer(0);
  }

  std::optional<OwnCode> code_named(const std::string& name) const {
    Stmt s(db,
           "SELECT codes.id, codes.name, description, parent_id, coders.name, codes.created "
           "FROM codes JOIN coders ON coders.id = codes.coder_id WHERE codes.name = ?");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return OwnCode{s.integer(0), s.text(1), s.text(2), s.opt_integer(3), s.text(4), s.text(5)};
  }

  OwnCode existing_code(const std::string& name) const {
    std::optional<OwnCode> c = code_named(name);
    if (!c) throw Refused("no own code is named \"" + name + "\"", "see `analyzer codes list`");
    return *c;
  }

  static void check_code_name(const std::string& name) {
    if (name.empty()) throw Refused("a code needs a name");
    if (name.size() > kMaxCodeName)
      throw Refused("a code's name has at most " + std::to_string(kMaxCodeName) + " bytes");
  }

  std::int64_t insert_coding(const NewCoding& c, std::int64_t coder, const std::string& created = {}) {
    if (c.theme.empty() == !c.code_id.has_value())
      throw Refused("a coding has either a theme or an own code, not both and not neither");
    if ((c.kind == CodingKind::Manual) != c.mention_id.empty())
      throw Refused("a decision names a mention; a manual coding does not");
    if (c.span.empty()) throw Refused("a coding's span is empty");
    if (c.quote.size() != c.span.size()) throw Refused("a coding's quote is not as long as its span");
    Stmt s(db,
           "INSERT INTO codings(kind, theme, code_id, mention_id, answer_id, source, source_sha256, "
           "span_start, span_end, source_start, source_end, quote, coder_id, created) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, std::string(to_string(c.kind)))
        .bind_text_or_null(2, c.theme)
        .bind_opt(3, c.code_id)
        .bind_text_or_null(4, c.mention_id)
        .bind(5, c.answer_id)
        .bind(6, c.source)
        .bind(7, c.source_sha256)
        .bind(8, static_cast<std::int64_t>(c.span.begin))
        .bind(9, static_cast<std::int64_t>(c.span.end));
    if (c.source_span) {
      s.bind(10, static_cast<std::int64_t>(c.source_span->begin)).bind(11, static_cast<std::int64_t>(c.source_span->end));
    } else {
      s.bind_null(10).bind_null(11);
    }
    s.bind(12, c.quote).bind(13, coder).bind(14, created.empty() ? now_utc() : created).run();
    const std::int64_t id = sqlite3_last_insert_rowid(db);
    if (!c.memo.empty()) insert_memo(MemoTarget{{}, id, {}}, c.memo, coder);
    return id;
  }

  // `created` empty: now.
  std::int64_t insert_memo(const MemoTarget& t, const std::string& text, std::int64_t coder,
                           const std::string& created = {}) {
    if (text.empty()) throw Refused("a memo needs a text");
    if (!t.answer_id.empty() + t.coding_id.has_value() + t.code_id.has_value() != 1)
      throw Refused("a memo is on exactly one answer, coding or code");
    for (auto [table, id] : {std::pair{"codings", t.coding_id}, std::pair{"codes", t.code_id}}) {
      if (!id) continue;
      Stmt s(db, std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
      s.bind(1, *id);
      if (!s.step())
        throw Refused(std::string("no ") + (table == std::string("codes") ? "own code" : "coding") + " has id " +
                          std::to_string(*id),
                      table == std::string("codes") ? "see `analyzer codes list --json`" : "see `analyzer codings list`");
    }
    Stmt s(db, "INSERT INTO memos(answer_id, coding_id, code_id, text, coder_id, created) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind_text_or_null(1, t.answer_id).bind_opt(2, t.coding_id).bind_opt(3, t.code_id).bind(4, text).bind(5, coder);
    s.bind(6, created.empty() ? now_utc() : created).run();
    return sqlite3_last_insert_rowid(db);
  }

  void mark_removed(std::int64_t id, std::int64_t coder) {
    Stmt s(db, "UPDATE codings SET removed = ?, removed_by = ? WHERE id = ? AND removed IS NULL");
    s.bind(1, now_utc()).bind(2, coder).bind(3, id).run();
    if (sqlite3_changes(db) != 1) throw SqlError(SQLITE_INTERNAL, "coding " + std::to_string(id) + " not marked");
  }

  // Applies the migrations above the file's version, each in a transaction
  // of its own.
  void migrate() {
    for (const Migration& m : options.migrations) {
      if (pragma_int(db, "user_version") >= m.to_version) continue;
      exec(db, "BEGIN IMMEDIATE");
      try {
        // Another process may have migrated while this one waited.
        if (pragma_int(db, "user_version") < m.to_version) {
          exec(db, std::string(m.sql));
          exec(db, "PRAGMA application_id = " + std::to_string(kApplicationId));
          exec(db, "PRAGMA user_version = " + std::to_string(m.to_version));
        }
        exec(db, "COMMIT");
      } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  }
};

CodingStore::CodingStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CodingStore::~CodingStore() = default;

const std::string& CodingStore::path() const { return impl_->path; }

Result<std::unique_ptr<CodingStore>> CodingStore::open(const std::string& path, StoreOptions options) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec))
    return make_error(path, "the folder of the coding store does not exist",
                      "create it, or give another file with --codings");
  if (fs::is_directory(path, ec)) return make_error(path, "is a folder, not a coding store", "give a file with --codings");
  if (options.migrations.empty()) return make_error(path, "no schema to open the coding store with");

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = std::move(options);
  const int rc = sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK)
    return make_error(path, std::string("cannot open the coding store: ") +
                                (impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, impl->options.busy_timeout_ms);
  try {
    const std::int64_t app = pragma_int(impl->db, "application_id");
    if (app != 0 && app != kApplicationId)
      return make_error(path, "not a coding store: an SQLite database of another program (application_id " +
                                  std::to_string(app) + ")",
                        "give another file with --codings");
    const std::int64_t version = pragma_int(impl->db, "user_version");
    const int latest = impl->options.migrations.back().to_version;
    if (version > latest)
      return make_error(path, "the coding store was written by a newer analyzer (schema version " +
                                  std::to_string(version) + "); this one reads schema version " +
                                  std::to_string(latest) + " and older",
                        "use a newer analyzer; the store was left as it was");
    if (version > 0 && app == 0)
      return make_error(path, "not a coding store: an SQLite database of another program (user_version " +
                                  std::to_string(version) + ", no analyzer application_id)",
                        "give another file with --codings");
    std::string mode;
    {
      Stmt wal(impl->db, "PRAGMA journal_mode = WAL");
      if (wal.step()) mode = wal.text(0);
    }
    if (mode != "wal")
      return make_error(path, "the coding store cannot use write-ahead logging (journal mode \"" + mode + "\")",
                        "keep the store on a local disk");
    exec(impl->db, "PRAGMA foreign_keys = ON");
    exec(impl->db, "PRAGMA synchronous = FULL");
    impl->migrate();
  } catch (const SqlError& e) {
    return impl->diagnose(e);
  }
  return std::unique_ptr<CodingStore>(new CodingStore(std::move(impl)));
}

Result<int> CodingStore::schema_version() const {
  return impl_->read([&] { return static_cast<int>(pragma_int(impl_->db, "user_version")); });
}

Result<std::int64_t> CodingStore::add_coding(const NewCoding& coding, const std::string& coder) {
  return impl_->write([&] {
    if (coding.code_id) {
      Stmt s(impl_->db, "SELECT 1 FROM codes WHERE id = ?");
      s.bind(1, *coding.code_id);
      if (!s.step()) throw Refused("no own code has id " + std::to_string(*coding.code_id));
    }
    const std::int64_t who = impl_->coder_id(coder);
    if (coding.kind == CodingKind::Manual) {
      Stmt same(impl_->db,
                "SELECT id FROM codings WHERE kind = 'manual' AND removed IS NULL AND answer_id = ? AND span_start = ? "
                "AND span_end = ? AND coder_id = ? AND theme IS ? AND code_id IS ?");
      same.bind(1, coding.answer_id).bind(2, static_cast<std::int64_t>(coding.span.begin));
      same.bind(3, static_cast<std::int64_t>(coding.span.end)).bind(4, who);
      same.bind_text_or_null(5, coding.theme).bind_opt(6, coding.code_id);
      if (same.step())
        throw Refused("coding " + std::to_string(same.integer(0)) + " by " + coder + " codes these bytes [" +
                          std::to_string(coding.span.begin) + ", " + std::to_string(coding.span.end) + ") of answer " +
                          coding.answer_id + " with the same code already",
                      "see `analyzer codings list`; a memo can be added with `analyzer memo add --coding " +
                          std::to_string(same.integer(0)) + "`");
    }
    return impl_->insert_coding(coding, who);
  });
}

Result<Decision> CodingStore::decide(const NewCoding& c, const std::string& coder) {
  return impl_->write([&] {
    if (c.kind == CodingKind::Manual) throw Refused("a decision is accepted or rejected");
    const std::int64_t who = impl_->coder_id(coder);
    Stmt s(impl_->db,
           "SELECT id, kind FROM codings WHERE mention_id = ? AND coder_id = ? AND removed IS NULL ORDER BY id");
    s.bind(1, c.mention_id).bind(2, who);
    Decision d;
    std::vector<std::int64_t> opposite;
    while (s.step()) {
      if (s.text(1) == to_string(c.kind)) {
        d.id = s.integer(0);
        d.unchanged = true;
      } else {
        opposite.push_back(s.integer(0));
      }
    }
    if (d.unchanged) return d;
    for (std::int64_t id : opposite) {
      impl_->mark_removed(id, who);
      d.replaced = id;
    }
    d.id = impl_->insert_coding(c, who);
    return d;
  });
}

Result<ImportResult> CodingStore::apply_import(const ImportBatch& batch) {
  return impl_->write([&] {
    ImportResult out;
    for (std::size_t i = 0; i < batch.codes.size(); ++i) {
      const ImportCode& c = batch.codes[i];
      Impl::check_code_name(c.name);
      if (impl_->code_named(c.name)) throw Refused("an own code is named \"" + c.name + "\" already");
      std::optional<std::int64_t> parent = c.parent_id;
      if (c.parent_new) {
        if (*c.parent_new >= i) throw Refused("the parent of code \"" + c.name + "\" comes after it");
        parent = out.code_ids[*c.parent_new];
      }
      Stmt s(impl_->db, "INSERT INTO codes(name, description, parent_id, coder_id, created) VALUES (?, ?, ?, ?, ?)");
      s.bind(1, c.name).bind(2, c.description).bind_opt(3, parent).bind(4, impl_->coder_id(c.coder));
      s.bind(5, now_utc()).run();
      out.code_ids.push_back(sqlite3_last_insert_rowid(impl_->db));
    }
    for (const ImportCoding& ic : batch.codings) {
      NewCoding c = ic.coding;
      c.memo.clear();
      if (ic.code_new) {
        if (*ic.code_new >= out.code_ids.size()) throw Refused("a coding names a code the import does not create");
        c.code_id = out.code_ids[*ic.code_new];
      } else if (c.code_id) {
        Stmt s(impl_->db, "SELECT 1 FROM codes WHERE id = ?");
        s.bind(1, *c.code_id);
        if (!s.step()) throw Refused("no own code has id " + std::to_string(*c.code_id));
      }
      const std::int64_t who = impl_->coder_id(ic.coder);
      const std::int64_t id = impl_->insert_coding(c, who, ic.created);
      for (const ImportMemo& m : ic.memos)
        impl_->insert_memo(MemoTarget{{}, id, {}}, m.text, m.coder.empty() ? who : impl_->coder_id(m.coder),
                           m.created);
      out.coding_ids.push_back(id);
    }
    for (const ImportMemo& m : batch.memos) {
      std::optional<std::int64_t> code = m.code_id;
      if (m.code_new) {
        if (*m.code_new >= out.code_ids.size()) throw Refused("a memo names a code the import does not create");
        code = out.code_ids[*m.code_new];
      }
      if (m.coder.empty()) throw Refused("a memo of the import names no coder");
      impl_->insert_memo(MemoTarget{m.answer_id, m.coding_id, code}, m.text, impl_->coder_id(m.coder), m.created);
    }
    return out;
  });
}

Status CodingStore::remove_coding(std::int64_t id, const std::string& coder) {
  Result<bool> r = impl_->write([&] {
    Stmt s(impl_->db, "SELECT removed FROM codings WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) throw Refused("no coding has id " + std::to_string(id), "see `analyzer codings list`");
    if (!s.is_null(0)) throw Refused("coding " + std::to_string(id) + " was removed already, at " + s.text(0));
    impl_->mark_removed(id, impl_->coder_id(coder));
    return true;
  });
  if (!r.ok()) return r.error();
  return {};
}

Result<std::int64_t> CodingStore::add_code(const std::string& name, const std::string& description,
                                           const std::string& parent, const std::string& coder) {
  return impl_->write([&] {
    Impl::check_code_name(name);
    if (impl_->code_named(name)) throw Refused("an own code is named \"" + name + "\" already");
    std::optional<std::int64_t> parent_id;
    if (!parent.empty()) parent_id = impl_->existing_code(parent).id;
    const std::int64_t who = impl_->coder_id(coder);
    Stmt s(impl_->db, "INSERT INTO codes(name, description, parent_id, coder_id, created) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, name).bind(2, description).bind_opt(3, parent_id).bind(4, who).bind(5, now_utc()).run();
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(impl_->db));
  });
}

Status CodingStore::rename_code(const std::string& name, const std::string& new_name) {
  Result<bool> r = impl_->write([&] {
    Impl::check_code_name(new_name);
    const OwnCode code = impl_->existing_code(name);
    if (new_name != name && impl_->code_named(new_name))
      throw Refused("an own code is named \"" + new_name + "\" already");
    Stmt s(impl_->db, "UPDATE codes SET name = ? WHERE id = ?");
    s.bind(1, new_name).bind(2, code.id).run();
    return true;
  });
  if (!r.ok()) return r.error();
  return {};
}

Status CodingStore::move_code(const std::string& name, const std::string& new_parent) {
  Result<bool> r = impl_->write([&] {
    const OwnCode code = impl_->existing_code(name);
    std::optional<std::int64_t> parent_id;
    if (!new_parent.empty()) {
      // Walk up from the new parent: meeting the code itself means a cycle.
      // The walk is bounded by the number of codes (the tree has no cycle).
      OwnCode up = impl_->existing_code(new_parent);
      parent_id = up.id;
      for (;;) {
        if (up.id == code.id)
          throw Refused("cannot move \"" + name + "\" under \"" + new_parent + "\": that is \"" + name +
                        "\" itself or one of its own subcodes");
        if (!up.parent) break;
        Stmt s(impl_->db, "SELECT name FROM codes WHERE id = ?");
        s.bind(1, *up.parent);
        if (!s.step()) break;
        up = impl_->existing_code(s.text(0));
      }
    }
    Stmt s(impl_->db, "UPDATE codes SET parent_id = ? WHERE id = ?");
    s.bind_opt(1, parent_id).bind(2, code.id).run();
    return true;
  });
  if (!r.ok()) return r.error();
  return {};
}

Result<std::vector<OwnCode>> CodingStore::codes() const {
  return impl_->read([&] {
    std::vector<OwnCode> out;
    Stmt s(impl_->db,
           "SELECT codes.id, codes.name, description, parent_id, coders.name, codes.created "
           "FROM codes JOIN coders ON coders.id = codes.coder_id ORDER BY codes.id");
    while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.opt_integer(3), s.text(4), s.text(5)});
    return out;
  });
}

Result<std::optional<OwnCode>> CodingStore::find_code(const std::string& name) const {
  return impl_->read([&] { return impl_->code_named(name); });
}

Result<std::int64_t> CodingStore::add_memo(const MemoTarget& target, const std::string& text,
                                           const std::string& coder) {
  return impl_->write([&] { return impl_->insert_memo(target, text, impl_->coder_id(coder)); });
}

Result<std::vector<Memo>> CodingStore::memos() const {
  return impl_->read([&] {
    Stmt s(impl_->db,
           "SELECT m.id, m.answer_id, m.coding_id, m.code_id, m.text, who.name, m.created, c.answer_id, c.theme, "
           "c.source, c.quote, COALESCE(memo_code.name, coding_code.name) "
           "FROM memos m JOIN coders who ON who.id = m.coder_id LEFT JOIN codings c ON c.id = m.coding_id "
           "LEFT JOIN codes memo_code ON memo_code.id = m.code_id "
           "LEFT JOIN codes coding_code ON coding_code.id = c.code_id ORDER BY m.id");
    std::vector<Memo> out;
    while (s.step()) {
      Memo m;
      m.id = s.integer(0);
      m.coding_id = s.opt_integer(2);
      m.code_id = s.opt_integer(3);
      m.target = m.coding_id ? "coding" : m.code_id ? "code" : "answer";
      m.answer_id = m.coding_id ? s.text(7) : s.text(1);
      m.text = s.text(4);
      m.coder = s.text(5);
      m.created = s.text(6);
      m.theme = s.text(8);
      m.source = s.text(9);
      m.quote = s.text(10);
      m.code = s.text(11);
      out.push_back(std::move(m));
    }
    return out;
  });
}

Result<std::vector<Coding>> CodingStore::codings(const CodingFilter& filter) const {
  return impl_->read([&] {
    std::string sql =
        "SELECT c.id, c.kind, c.theme, c.code_id, codes.name, c.mention_id, c.answer_id, c.source, "
        "c.source_sha256, c.span_start, c.span_end, c.source_start, c.source_end, c.quote, c.orphaned, "
        "who.name, c.created, c.removed, remover.name "
        "FROM codings c JOIN coders who ON who.id = c.coder_id "
        "LEFT JOIN codes ON codes.id = c.code_id LEFT JOIN coders remover ON remover.id = c.removed_by "
        "WHERE (?1 = '' OR c.theme = ?1 OR codes.name = ?1) AND (?2 = '' OR who.name = ?2) "
        "AND (?3 = '' OR c.source = ?3)";
    if (!filter.include_removed) sql += " AND c.removed IS NULL";
    sql += " ORDER BY c.id";
    Stmt s(impl_->db, sql);
    s.bind(1, filter.theme).bind(2, filter.coder).bind(3, filter.source);
    std::vector<Coding> out;
    while (s.step()) {
      Coding c;
      c.id = s.integer(0);
      c.kind = kind_from(s.text(1)).value_or(CodingKind::Manual);
      c.theme = s.text(2);
      c.code_id = s.opt_integer(3);
      c.code = s.text(4);
      c.mention_id = s.text(5);
      c.answer_id = s.text(6);
      c.source = s.text(7);
      c.source_sha256 = s.text(8);
      c.span = {static_cast<std::size_t>(s.integer(9)), static_cast<std::size_t>(s.integer(10))};
      if (!s.is_null(11))
        c.source_span = ByteSpan{static_cast<std::size_t>(s.integer(11)), static_cast<std::size_t>(s.integer(12))};
      c.quote = s.text(13);
      c.orphaned = s.integer(14) != 0;
      c.coder = s.text(15);
      c.created = s.text(16);
      c.removed = s.text(17);
      c.removed_by = s.text(18);
      out.push_back(std::move(c));
    }
    for (Coding& c : out) {
      Stmt m(impl_->db, "SELECT text FROM memos WHERE coding_id = ? ORDER BY id");
      m.bind(1, c.id);
      while (m.step()) c.memos.push_back(m.text(0));
    }
    return out;
  });
}

Status CodingStore::update_anchors(const std::vector<AnchorUpdate>& updates) {
  if (updates.empty()) return {};
  Result<bool> r = impl_->write([&] {
    for (const AnchorUpdate& u : updates) {
      Stmt old(impl_->db, "SELECT answer_id, span_start, span_end FROM codings WHERE id = ?");
      old.bind(1, u.coding_id);
      if (!old.step()) throw Refused("no coding has id " + std::to_string(u.coding_id));
      // Where the coding's bytes lie in the source now, and a decision's
      // mention id there (the id holds the mention's original offsets).
      auto set_source_place = [&] {
        Stmt p(impl_->db, "UPDATE codings SET source_start = ?, source_end = ? WHERE id = ?");
        if (u.source_span)
          p.bind(1, static_cast<std::int64_t>(u.source_span->begin)).bind(2, static_cast<std::int64_t>(u.source_span->end));
        else
          p.bind_null(1).bind_null(2);
        p.bind(3, u.coding_id).run();
        if (!u.mention_id.empty()) {
          Stmt m(impl_->db, "UPDATE codings SET mention_id = ? WHERE id = ? AND mention_id IS NOT NULL");
          m.bind(1, u.mention_id).bind(2, u.coding_id).run();
        }
      };
      if (u.match == "unchanged") {  // the same place in a file whose hash changed: no move to record
        Stmt s(impl_->db, "UPDATE codings SET orphaned = 0, source_sha256 = ? WHERE id = ?");
        s.bind(1, u.source_sha256).bind(2, u.coding_id).run();
        set_source_place();
        continue;
      }
      const bool orphaned = u.match == "orphaned";
      Stmt log(impl_->db,
               "INSERT INTO anchor_changes(coding_id, old_answer_id, old_start, old_end, new_answer_id, new_start, "
               "new_end, match, source_sha256, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      log.bind(1, u.coding_id).bind(2, old.text(0)).bind(3, old.integer(1)).bind(4, old.integer(2));
      if (orphaned) {
        log.bind_null(5).bind_null(6).bind_null(7);
      } else {
        log.bind(5, u.answer_id)
            .bind(6, static_cast<std::int64_t>(u.span.begin))
            .bind(7, static_cast<std::int64_t>(u.span.end));
      }
      log.bind(8, u.match).bind(9, u.source_sha256).bind(10, now_utc()).run();
      if (orphaned) {
        Stmt s(impl_->db, "UPDATE codings SET orphaned = 1, source_sha256 = ? WHERE id = ?");
        s.bind(1, u.source_sha256).bind(2, u.coding_id).run();
      } else {
        Stmt s(impl_->db,
               "UPDATE codings SET orphaned = 0, answer_id = ?, span_start = ?, span_end = ?, source_sha256 = ? "
               "WHERE id = ?");
        s.bind(1, u.answer_id)
            .bind(2, static_cast<std::int64_t>(u.span.begin))
            .bind(3, static_cast<std::int64_t>(u.span.end))
            .bind(4, u.source_sha256)
            .bind(5, u.coding_id)
            .run();
        set_source_place();
      }
    }
    return true;
  });
  if (!r.ok()) return r.error();
  return {};
}

bool store_unusable(const Diagnostic& d) { return d.message.rfind("the coding store ", 0) == 0; }

std::string default_store_path(const std::string& index_dir) {
  std::filesystem::path p(index_dir);
  while (!p.empty() && !p.has_filename()) p = p.parent_path();  // "idx/" → "idx"
  return (p.parent_path() / "codings.sqlite").string();
}

}  // namespace analyzer::coding
