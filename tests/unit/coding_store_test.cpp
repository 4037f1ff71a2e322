// coding/store.hpp: the SQLite coding store. Versions, locking,
// transactions, and what each write keeps.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "../support/temp_files.hpp"
#include "analyzer/coding/store.hpp"

using namespace analyzer::coding;
using analyzer::Status;
using analyzer::test::TempDir;

namespace {

// A raw second connection to the file, as another process would hold it.
struct RawDb {
  explicit RawDb(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
  ~RawDb() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
    INFO(sql << ": " << (msg ? msg : ""));
    sqlite3_free(msg);
    REQUIRE(rc == SQLITE_OK);
  }
  long long integer(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    long long v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
  }
  sqlite3* db = nullptr;
};

std::unique_ptr<CodingStore> open_store(const std::string& path, StoreOptions options = {}) {
  auto r = CodingStore::open(path, std::move(options));
  INFO((r.ok() ? "" : r.error().render()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

// A manual coding of "SIP" at [10, 13) of answer a1 with theme sip.
NewCoding sip_coding(std::string memo = {}) {
  NewCoding c;
  c.kind = CodingKind::Manual;
  c.theme = "sip";
  c.answer_id = "a1";
  c.source = "svar.txt";
  c.source_sha256 = "abc";
  c.span = {10, 13};
  c.quote = "SIP";
  c.memo = std::move(memo);
  return c;
}

NewCoding decision(CodingKind kind, const std::string& mention) {
  NewCoding c = sip_coding();
  c.kind = kind;
  c.mention_id = mention;
  c.source_span = analyzer::ByteSpan{110, 113};
  return c;
}

}  // namespace

TEST_CASE("a new store is at schema version 1, in WAL mode, with foreign keys on") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  CHECK(store->schema_version().value() == 1);
  RawDb raw(dir / "codings.sqlite");
  CHECK(raw.integer("PRAGMA user_version") == 1);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw.db, "PRAGMA journal_mode", -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "wal");
  sqlite3_finalize(s);
  // Foreign keys: a coding of a code that does not exist is refused.
  NewCoding c = sip_coding();
  c.theme.clear();
  c.code_id = 99;
  auto r = store->add_coding(c, "anna");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no own code has id 99") != std::string::npos);
}

TEST_CASE("a store written by a newer schema version is refused with the version named, and left as it was") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  { open_store(path); }
  { RawDb(path).exec("PRAGMA user_version = 7"); }
  auto r = CodingStore::open(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == path);
  CHECK(r.error().message.find("schema version 7") != std::string::npos);
  CHECK(r.error().message.find("reads schema version 1") != std::string::npos);
  CHECK(RawDb(path).integer("PRAGMA user_version") == 7);
}

TEST_CASE("a later migration brings a version 1 store to version 2 and keeps its codings") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  {
    auto v1 = open_store(path);
    REQUIRE(v1->add_coding(sip_coding(), "anna").ok());
  }
  std::vector<Migration> with_v2(schema_migrations().begin(), schema_migrations().end());
  with_v2.push_back({2, "ALTER TABLE codings ADD COLUMN reviewed_in TEXT; CREATE TABLE sessions(id INTEGER PRIMARY KEY)"});
  StoreOptions options;
  options.migrations = with_v2;
  {
    auto v2 = open_store(path, options);
    CHECK(v2->schema_version().value() == 2);
    auto codings = v2->codings();
    REQUIRE(codings.ok());
    REQUIRE(codings.value().size() == 1);
    CHECK(codings.value()[0].quote == "SIP");
  }
  CHECK(RawDb(path).integer("SELECT count(*) FROM sessions") == 0);  // the table exists
  // This build (version 1) now refuses the store.
  auto refused = CodingStore::open(path);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("schema version 2") != std::string::npos);
}

TEST_CASE("a failing migration leaves the store at its earlier version") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  { open_store(path); }
  std::vector<Migration> broken(schema_migrations().begin(), schema_migrations().end());
  broken.push_back({2, "CREATE TABLE extra(id INTEGER PRIMARY KEY); ALTER TABLE no_such_table ADD COLUMN x"});
  StoreOptions options;
  options.migrations = broken;
  REQUIRE_FALSE(CodingStore::open(path, options).ok());
  RawDb raw(path);
  CHECK(raw.integer("PRAGMA user_version") == 1);
  CHECK(raw.integer("SELECT count(*) FROM sqlite_master WHERE name = 'extra'") == 0);
}

TEST_CASE("a file that is not an SQLite database is refused, naming it") {
  TempDir dir;
  const std::string path = dir.write("codings.sqlite", std::string(4096, 'x'));
  auto r = CodingStore::open(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == path);
  CHECK(r.error().message.find("not a coding store") != std::string::npos);
}

TEST_CASE("an SQLite database of another program is refused and left alone") {
  TempDir dir;
  const std::string path = dir / "other.sqlite";
  { RawDb(path).exec("CREATE TABLE t(x); PRAGMA user_version = 1"); }
  auto r = CodingStore::open(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("another program") != std::string::npos);
}

TEST_CASE("a store in a folder that does not exist is refused") {
  TempDir dir;
  auto r = CodingStore::open(dir / "missing/codings.sqlite");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("folder of the coding store does not exist") != std::string::npos);
}

TEST_CASE("a write waits for another process's write lock, then fails naming the file") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  StoreOptions options;
  options.busy_timeout_ms = 300;
  auto store = open_store(path, options);
  RawDb other(path);
  other.exec("BEGIN IMMEDIATE");
  const auto start = std::chrono::steady_clock::now();
  auto r = store->add_coding(sip_coding(), "anna");
  const auto waited = std::chrono::steady_clock::now() - start;
  other.exec("ROLLBACK");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == path);
  CHECK(r.error().message == "the coding store is locked by another process (waited 300 ms)");
  CHECK(waited >= std::chrono::milliseconds(250));
  CHECK(store->codings().value().empty());
}

TEST_CASE("a write waits for a lock that is released within the timeout, then succeeds") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  auto store = open_store(path);  // 3 s
  RawDb other(path);
  other.exec("BEGIN IMMEDIATE");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    other.exec("COMMIT");
  });
  auto r = store->add_coding(sip_coding(), "anna");
  release.join();
  CHECK(r.ok());
}

TEST_CASE("an error in the middle of a write rolls the whole write back") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  auto store = open_store(path);
  // The memo is the last row a coding with a memo writes: fail it.
  RawDb(path).exec("CREATE TRIGGER fail_memo BEFORE INSERT ON memos BEGIN SELECT RAISE(ABORT, 'injected'); END");
  auto r = store->add_coding(sip_coding("a memo"), "new-coder");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("injected") != std::string::npos);
  RawDb raw(path);
  CHECK(raw.integer("SELECT count(*) FROM codings") == 0);
  CHECK(raw.integer("SELECT count(*) FROM coders") == 0);  // the coder row of the same write is gone too
  CHECK(raw.integer("SELECT count(*) FROM memos") == 0);
}

TEST_CASE("a process killed before its write commits leaves the store as it was") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  { REQUIRE(open_store(path)->add_coding(sip_coding(), "anna").ok()); }
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    StoreOptions options;
    options.before_commit = [] { raise(SIGKILL); };  // rows written, COMMIT not yet
    auto opened = CodingStore::open(path, options);
    if (opened.ok()) (void)opened.value()->decide(decision(CodingKind::Accepted, "m1"), "bertil");
    _exit(0);  // not reached when the store opened
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  auto store = open_store(path);
  auto codings = store->codings({});
  REQUIRE(codings.ok());
  REQUIRE(codings.value().size() == 1);
  CHECK(codings.value()[0].coder == "anna");
  CHECK(RawDb(path).integer("SELECT count(*) FROM coders WHERE name = 'bertil'") == 0);
}

TEST_CASE("the same manual coding twice by one coder is refused, naming the first, another coder or code may") {
  analyzer::test::TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  analyzer::Result<std::int64_t> first = store->add_coding(sip_coding(), "anna");
  REQUIRE(first.ok());
  analyzer::Result<std::int64_t> again = store->add_coding(sip_coding(), "anna");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message == "coding " + std::to_string(first.value()) +
                                     " by anna codes these bytes [10, 13) of answer a1 with the same code already");
  CHECK(store->add_coding(sip_coding(), "bo").ok());
  NewCoding other = sip_coding();
  other.theme = "trygg_hemgang";
  CHECK(store->add_coding(other, "anna").ok());
  REQUIRE(store->remove_coding(first.value(), "anna").ok());
  CHECK(store->add_coding(sip_coding(), "anna").ok());  // the first is removed
}

TEST_CASE("a manual coding is stored with its coder, time, span, quote and memo") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  auto id = store->add_coding(sip_coding("varför: SIP nämns"), "anna");
  REQUIRE(id.ok());
  auto all = store->codings().value();
  REQUIRE(all.size() == 1);
  const Coding& c = all[0];
  CHECK(c.id == id.value());
  CHECK(c.kind == CodingKind::Manual);
  CHECK(c.theme == "sip");
  CHECK(c.answer_id == "a1");
  CHECK(c.source == "svar.txt");
  CHECK(c.source_sha256 == "abc");
  CHECK(c.span == analyzer::ByteSpan{10, 13});
  CHECK_FALSE(c.source_span);
  CHECK(c.quote == "SIP");
  CHECK(c.coder == "anna");
  CHECK(c.created.size() == 20);  // 2026-12-06T23:10:00Z
  CHECK(c.created.back() == 'Z');
  CHECK(c.memos == std::vector<std::string>{"varför: SIP nämns"});
  CHECK_FALSE(c.orphaned);
}

TEST_CASE("a coding of a wrong shape is refused before anything is written") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  NewCoding both = sip_coding();
  both.code_id = 1;
  CHECK_FALSE(store->add_coding(both, "anna").ok());
  NewCoding short_quote = sip_coding();
  short_quote.quote = "SI";
  CHECK_FALSE(store->add_coding(short_quote, "anna").ok());
  NewCoding empty = sip_coding();
  empty.span = {10, 10};
  empty.quote.clear();
  CHECK_FALSE(store->add_coding(empty, "anna").ok());
  NewCoding manual_with_mention = sip_coding();
  manual_with_mention.mention_id = "m1";
  CHECK_FALSE(store->add_coding(manual_with_mention, "anna").ok());
  CHECK(store->codings().value().empty());
}

TEST_CASE("the same decision twice changes nothing, the opposite one replaces the coder's earlier") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  auto first = store->decide(decision(CodingKind::Accepted, "m1"), "anna");
  REQUIRE(first.ok());
  CHECK_FALSE(first.value().unchanged);
  auto again = store->decide(decision(CodingKind::Accepted, "m1"), "anna");
  REQUIRE(again.ok());
  CHECK(again.value().unchanged);
  CHECK(again.value().id == first.value().id);
  auto other_coder = store->decide(decision(CodingKind::Rejected, "m1"), "bertil");
  REQUIRE(other_coder.ok());
  CHECK_FALSE(other_coder.value().replaced);
  auto flip = store->decide(decision(CodingKind::Rejected, "m1"), "anna");
  REQUIRE(flip.ok());
  CHECK(flip.value().replaced == first.value().id);
  auto live = store->codings().value();
  REQUIRE(live.size() == 2);
  CHECK(live[0].coder == "bertil");
  CHECK(live[1].coder == "anna");
  CHECK(live[1].kind == CodingKind::Rejected);
  CHECK(live[1].source_span == analyzer::ByteSpan{110, 113});
  CodingFilter everything;
  everything.include_removed = true;
  auto all = store->codings(everything).value();
  REQUIRE(all.size() == 3);
  CHECK(all[0].removed_by == "anna");
}

TEST_CASE("a removed coding is kept, marked with who removed it, and listed only when asked") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  const auto id = store->add_coding(sip_coding(), "anna").value();
  REQUIRE(store->remove_coding(id, "bertil").ok());
  CHECK(store->codings().value().empty());
  CodingFilter f;
  f.include_removed = true;
  auto all = store->codings(f).value();
  REQUIRE(all.size() == 1);
  CHECK(all[0].removed_by == "bertil");
  CHECK_FALSE(all[0].removed.empty());
  Status twice = store->remove_coding(id, "bertil");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message.find("removed already") != std::string::npos);
  Status missing = store->remove_coding(4711, "bertil");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "no coding has id 4711");
}

TEST_CASE("codings are filtered by theme or own code, coder and source") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  REQUIRE(store->add_code("Väntetider", "", "", "anna").ok());
  NewCoding own = sip_coding();
  own.theme.clear();
  own.code_id = store->find_code("Väntetider").value()->id;
  REQUIRE(store->add_coding(own, "anna").ok());
  REQUIRE(store->add_coding(sip_coding(), "bertil").ok());
  CodingFilter by_code;
  by_code.theme = "Väntetider";
  auto coded = store->codings(by_code).value();
  REQUIRE(coded.size() == 1);
  CHECK(coded[0].code == "Väntetider");
  CodingFilter by_coder;
  by_coder.coder = "bertil";
  CHECK(store->codings(by_coder).value().size() == 1);
  CodingFilter by_source;
  by_source.source = "annat.txt";
  CHECK(store->codings(by_source).value().empty());
}

TEST_CASE("own codes form a tree: added under a parent, renamed, moved") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  const auto top = store->add_code("Samverkan", "Hur aktörer samverkar", "", "anna").value();
  const auto child = store->add_code("Informationsöverföring", "", "Samverkan", "anna").value();
  REQUIRE(store->add_code("Journalsystem", "", "Informationsöverföring", "anna").ok());
  auto codes = store->codes().value();
  REQUIRE(codes.size() == 3);
  CHECK(codes[0].description == "Hur aktörer samverkar");
  CHECK_FALSE(codes[0].parent);
  CHECK(codes[1].parent == top);
  CHECK(codes[2].parent == child);
  REQUIRE(store->rename_code("Journalsystem", "Journalsystem och IT").ok());
  REQUIRE(store->move_code("Journalsystem och IT", "").ok());
  codes = store->codes().value();
  CHECK(codes[2].name == "Journalsystem och IT");
  CHECK_FALSE(codes[2].parent);
}

TEST_CASE("a code cannot be moved under itself or its own subcode") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  REQUIRE(store->add_code("A", "", "", "anna").ok());
  REQUIRE(store->add_code("B", "", "A", "anna").ok());
  REQUIRE(store->add_code("C", "", "B", "anna").ok());
  Status under_grandchild = store->move_code("A", "C");
  REQUIRE_FALSE(under_grandchild.ok());
  CHECK(under_grandchild.error().message.find("one of its own subcodes") != std::string::npos);
  CHECK_FALSE(store->move_code("B", "B").ok());
  CHECK(store->move_code("C", "A").ok());
}

TEST_CASE("a duplicate code name, an empty one and an unknown parent are refused") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  REQUIRE(store->add_code("A", "", "", "anna").ok());
  auto dup = store->add_code("A", "", "", "anna");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().message == "an own code is named \"A\" already");
  CHECK_FALSE(store->add_code("", "", "", "anna").ok());
  auto orphan = store->add_code("B", "", "Saknas", "anna");
  REQUIRE_FALSE(orphan.ok());
  CHECK(orphan.error().message == "no own code is named \"Saknas\"");
  CHECK_FALSE(store->rename_code("Saknas", "X").ok());
  REQUIRE(store->add_code("B", "", "", "anna").ok());
  CHECK_FALSE(store->rename_code("B", "A").ok());
}

TEST_CASE("memos go on an answer, a coding or a code, and need a text") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  auto store = open_store(path);
  const auto code = store->add_code("A", "", "", "anna").value();
  const auto coding = store->add_coding(sip_coding(), "anna").value();
  CHECK(store->add_memo({"a1", {}, {}}, "om svaret", "anna").ok());
  CHECK(store->add_memo({{}, coding, {}}, "om kodningen", "anna").ok());
  CHECK(store->add_memo({{}, {}, code}, "om koden", "anna").ok());
  CHECK_FALSE(store->add_memo({"a1", coding, {}}, "två mål", "anna").ok());
  CHECK_FALSE(store->add_memo({"a1", {}, {}}, "", "anna").ok());
  CHECK(RawDb(path).integer("SELECT count(*) FROM memos") == 3);
  CHECK(store->codings().value()[0].memos == std::vector<std::string>{"om kodningen"});
}

TEST_CASE("memos are read back with their target, coder and time, oldest first") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  const auto code = store->add_code("A", "", "", "anna").value();
  REQUIRE(store->add_memo({"a1", {}, {}}, "om svaret", "anna").ok());
  REQUIRE(store->add_memo({{}, {}, code}, "om koden", "bo").ok());
  const std::vector<Memo> memos = store->memos().value();
  REQUIRE(memos.size() == 2);
  CHECK(memos[0].target == "answer");
  CHECK(memos[0].answer_id == "a1");
  CHECK_FALSE(memos[0].code_id);
  CHECK(memos[0].text == "om svaret");
  CHECK(memos[0].coder == "anna");
  CHECK(memos[0].created.size() == 20);  // 2026-12-07T10:00:00Z
  CHECK(memos[1].target == "code");
  CHECK(memos[1].answer_id.empty());
  CHECK(memos[1].code_id == code);
  CHECK(memos[1].coder == "bo");
}

TEST_CASE("re-anchoring updates span and answer, records the move, and marks orphans") {
  TempDir dir;
  const std::string path = dir / "codings.sqlite";
  auto store = open_store(path);
  const auto moved = store->add_coding(sip_coding(), "anna").value();
  const auto lost = store->add_coding(sip_coding(), "bertil").value();
  REQUIRE(store->update_anchors({{moved, "a2", {20, 23}, "exact", "def", {}},
                                 {lost, "a1", {}, "orphaned", "def", {}}})
              .ok());
  auto all = store->codings().value();
  REQUIRE(all.size() == 2);
  CHECK(all[0].answer_id == "a2");
  CHECK(all[0].span == analyzer::ByteSpan{20, 23});
  CHECK(all[0].source_sha256 == "def");
  CHECK_FALSE(all[0].orphaned);
  CHECK(all[1].orphaned);
  CHECK(all[1].span == analyzer::ByteSpan{10, 13});  // the old place is kept
  RawDb raw(path);
  CHECK(raw.integer("SELECT count(*) FROM anchor_changes") == 2);
  CHECK(raw.integer("SELECT old_start FROM anchor_changes WHERE coding_id = " + std::to_string(moved)) == 10);
}

TEST_CASE("re-anchoring writes the new source span and mention id, or an unknown source span, never the old one") {
  TempDir dir;
  auto store = open_store(dir / "codings.sqlite");
  const auto moved = store->decide(decision(CodingKind::Accepted, "m1"), "anna").value().id;
  const auto unknown = store->decide(decision(CodingKind::Accepted, "m2"), "bo").value().id;
  const auto in_place = store->decide(decision(CodingKind::Rejected, "m3"), "cecilia").value().id;
  const auto orphan = store->decide(decision(CodingKind::Rejected, "m4"), "david").value().id;
  REQUIRE(store->update_anchors({{moved, "a1", {20, 23}, "exact", "def", "m1b", analyzer::ByteSpan{220, 223}},
                                 {unknown, "a1", {20, 23}, "exact", "def", {}, std::nullopt},
                                 {in_place, "a1", {10, 13}, "unchanged", "def", "m3b", analyzer::ByteSpan{140, 143}},
                                 {orphan, "a1", {}, "orphaned", "def", {}, std::nullopt}})
              .ok());
  auto all = store->codings().value();
  REQUIRE(all.size() == 4);
  CHECK(all[0].source_span == analyzer::ByteSpan{220, 223});
  CHECK(all[0].mention_id == "m1b");
  CHECK_FALSE(all[1].source_span);
  CHECK(all[1].mention_id == "m2");  // no mention at the new place: the id is kept
  CHECK(all[2].source_span == analyzer::ByteSpan{140, 143});
  CHECK(all[2].mention_id == "m3b");
  CHECK(all[2].span == analyzer::ByteSpan{10, 13});
  CHECK(all[3].orphaned);
  CHECK(all[3].source_span == analyzer::ByteSpan{110, 113});  // an orphan keeps its last place
}

TEST_CASE("the default store lies beside the index folder") {
  CHECK(default_store_path("build/analyzer-index") == "build/codings.sqlite");
  CHECK(default_store_path("build/analyzer-index/") == "build/codings.sqlite");
  CHECK(default_store_path("analyzer-index") == "codings.sqlite");
}
