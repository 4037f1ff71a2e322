// End-to-end tests of `analyzer review` with its keys piped on standard
// input (one key per line, as a script drives it), killed while it waits,
// and of `analyzer memo add` and `analyzer memos list`, on corpora/'s seeds
// ingested once; each test has a coding store of its own. The terminal
// (raw keys, marking, restoring the terminal) is review_tmux_test.cpp.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "coding_cli_support.hpp"

using namespace cli;

namespace {

std::vector<std::string> with_store(std::vector<std::string> args, const std::string& store,
                                    const std::string& coder = "anna") {
  for (const std::string& extra :
       {std::string("--index"), seed_index(), std::string("--codings"), store, std::string("--coder"), coder})
    args.push_back(extra);
  return args;
}

// `analyzer ARGS...` with a pipe on its standard input; stdout and stderr to
// files. Killed (SIGKILL) and reaped on destruction if still running.
class Piped {
 public:
  explicit Piped(const std::vector<std::string>& args) {
    signal(SIGPIPE, SIG_IGN);  // writing to a review that has exited must not kill the test
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> store{kBin};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      const int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (out < 0 || err < 0) _exit(127);
      dup2(fds[0], 0);
      dup2(out, 1);
      dup2(err, 2);
      close(fds[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[0]);
    in_ = fds[1];
  }
  ~Piped() {
    close_input();
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      detail::wait_status(pid_);
    }
  }
  Piped(const Piped&) = delete;
  Piped& operator=(const Piped&) = delete;

  void send(const std::string& text) {
    for (std::size_t at = 0; at < text.size();) {
      const ssize_t n = write(in_, text.data() + at, text.size() - at);
      if (n <= 0) return;
      at += static_cast<std::size_t>(n);
    }
  }
  void close_input() {
    if (in_ >= 0) close(in_);
    in_ = -1;
  }
  // Waits up to 20 s until standard output holds `text`; false if it never does.
  bool wait_for_output(const std::string& text) {
    for (int i = 0; i < 200; ++i) {
      if (contains(out(), text)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void signal_it(int sig) { kill(pid_, sig); }
  RunResult finish() {
    close_input();
    RunResult r;
    r.status = detail::wait_status(pid_);
    pid_ = -1;
    r.out = out();
    r.err = read_file(err_);
    return r;
  }
  std::string out() const { return read_file(out_); }

 private:
  TempDir dir_;
  std::string out_ = dir_ / "stdout", err_ = dir_ / "stderr";
  pid_t pid_ = -1;
  int in_ = -1;
};

// `analyzer review --theme sip` with `keys` on standard input, to its end.
RunResult review(const std::string& keys, const std::string& store, const std::string& coder = "anna",
                 std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"review", "--theme", "sip"};
  args.insert(args.end(), extra.begin(), extra.end());
  Piped p(with_store(args, store, coder));
  p.send(keys);
  return p.finish();
}

// The ids of the sip mentions, in source order.
std::vector<std::string> sip_mentions() {
  std::vector<std::string> ids;
  for (const json& m : list_jsonl("mentions", seed_index(), {"--theme", "sip"})) ids.push_back(m["id"]);
  return ids;
}

std::string progress(std::size_t n, std::size_t total) {
  return std::to_string(n) + "/" + std::to_string(total) + "  sip";
}

}  // namespace

TEST_CASE("review shows the first mention with progress, citation and the mention marked") {
  TempDir tmp;
  const std::vector<std::string> ids = sip_mentions();
  REQUIRE(ids.size() >= 3);
  RunResult r = review("q\n", tmp / "c.sqlite");
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, progress(1, ids.size())));
  CHECK(contains(r.out, "source:     "));
  CHECK(contains(r.out, "respondent: "));
  CHECK(contains(r.out, "question:   "));
  CHECK(contains(r.out, "«"));
  CHECK(contains(r.out, "»"));
  CHECK_FALSE(contains(r.out, "\x1b["));  // no terminal: no escape sequences
  CHECK(contains(r.out, "0 accepted, 0 rejected, 0 skipped, 0 undone, 0 memos; " + std::to_string(ids.size()) + " of " +
                            std::to_string(ids.size()) + " mentions remain"));
}

TEST_CASE("review stores accept and reject at once, a memo after a decision goes on its coding, undo removes it") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::vector<std::string> ids = sip_mentions();
  RunResult r = review("a\nr\nm\nfel tema här\nu\nq\n", store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "accepted (coding 1)"));
  CHECK(contains(r.out, "rejected (coding 2)"));
  CHECK(contains(r.out, "memo 1 written on your rejection just made (coding 2)"));
  CHECK(contains(r.out, "undone: your rejection (coding 2 marked removed)"));
  CHECK(contains(r.out, "1 accepted, 0 rejected, 0 skipped, 1 undone, 1 memo; " + std::to_string(ids.size() - 1) +
                            " of " + std::to_string(ids.size()) + " mentions remain"));
  std::vector<json> now = codings_json(store);
  REQUIRE(now.size() == 1);
  CHECK(now[0]["kind"] == "accepted");
  CHECK(now[0]["mention_id"] == ids[0]);
  CHECK(now[0]["coder"] == "anna");
  std::vector<json> all = codings_json(store, {"--include-removed"});
  REQUIRE(all.size() == 2);
  CHECK(all[1]["kind"] == "rejected");
  CHECK(all[1]["mention_id"] == ids[1]);
  CHECK(all[1]["removed_by"] == "anna");
  CHECK(all[1]["memos"] == json::array({"fel tema här"}));
}

TEST_CASE("a memo with no decision just made goes on the answer shown") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  RunResult r = review("s\nm\nintressant svar\nq\n", store);
  INFO(r);
  REQUIRE(r.status == 0);
  std::vector<json> memos = memos_json(store);
  REQUIRE(memos.size() == 1);
  CHECK(memos[0]["target"] == "answer");
  CHECK(memos[0]["text"] == "intressant svar");
  const json second = list_jsonl("mentions", seed_index(), {"--theme", "sip"})[1];
  CHECK(memos[0]["answer_id"] == second["answer_id"]);
  CHECK(memos[0]["source"] == second["source"]);
  CHECK(codings_json(store).empty());
}

TEST_CASE("a second review leaves out what the coder decided, another coder gets every mention") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::size_t total = sip_mentions().size();
  REQUIRE(review("a\nr\ns\nq\n", store).status == 0);
  RunResult again = review("q\n", store);
  INFO(again);
  CHECK(contains(again.out, progress(1, total - 2)));
  RunResult bo = review("q\n", store, "bo");
  INFO(bo);
  CHECK(contains(bo.out, progress(1, total)));
}

TEST_CASE("a scripted review stops at a line of more than one key, exit 1, no key after it applied") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  RunResult r = review("a\n\naccept\nr\nq\n", store);
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "the review stopped: line 3 of the input: one key per line, not \"accept\""));
  CHECK(contains(r.err, "no key after it was applied"));
  const std::vector<json> now = codings_json(store);
  REQUIRE(now.size() == 1);  // the first a; not the r meant for the next mention
  CHECK(now[0]["kind"] == "accepted");
}

TEST_CASE("a scripted review stops at an unknown key, exit 1") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  RunResult r = review("x\na\n", store);
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "line 1 of the input: unknown key \"x\""));
  CHECK(codings_json(store).empty());
}

TEST_CASE("a decision the locked store cannot take stops the review with exit 3, no later key applied") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  Piped p(with_store({"review", "--theme", "sip"}, store, "anna"));
  REQUIRE(p.wait_for_output(progress(1, sip_mentions().size())));
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  p.send("a\nr\nr\n");
  RunResult r = p.finish();
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "locked by another process"));
  CHECK(contains(r.err, "no key after it was applied"));
  CHECK(codings_json(store).empty());
}

TEST_CASE("review ends at the end of its input with status 0 and the summary") {
  TempDir tmp;
  RunResult r = review("a\n", tmp / "c.sqlite");
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "1 accepted, 0 rejected"));
}

TEST_CASE("review with ? prints the keys") {
  TempDir tmp;
  RunResult r = review("?\nq\n", tmp / "c.sqlite");
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "u  undo this session's last decision"));
}

TEST_CASE("review with a record filter goes through the mentions of those answers only") {
  TempDir tmp;
  const std::vector<json> all = list_jsonl("mentions", seed_index(), {"--theme", "sip"});
  const std::string source = all.back()["source"];
  std::size_t in_source = 0;
  for (const json& m : all) in_source += m["source"] == source;
  REQUIRE(in_source < all.size());
  RunResult r = review("q\n", tmp / "c.sqlite", "anna", {"--source", source});
  INFO(r);
  CHECK(contains(r.out, progress(1, in_source)));
}

TEST_CASE("review without --theme, or with an unknown theme, is a usage error") {
  TempDir tmp;
  RunResult none = run(with_store({"review"}, tmp / "c.sqlite"));
  CHECK(none.status == 2);
  CHECK(contains(none.err, "review needs --theme T"));
  RunResult unknown = run(with_store({"review", "--theme", "nosuch"}, tmp / "c.sqlite"));
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "nosuch"));
}

TEST_CASE("review when every mention is decided says so and exits 0") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::size_t total = sip_mentions().size();
  std::string keys;
  for (std::size_t i = 0; i < total; ++i) keys += "a\n";
  RunResult first = review(keys, store);
  INFO(first);
  CHECK(contains(first.out, "all " + std::to_string(total) + " mentions gone through"));
  RunResult r = review("", store);
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "nothing to review: no mention of sip is left undecided by anna (" + std::to_string(total) +
                            " decided already)"));
}

TEST_CASE("review killed with SIGKILL while it waits keeps the two decisions made and nothing else") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::vector<std::string> ids = sip_mentions();
  {
    Piped p(with_store({"review", "--theme", "sip"}, store));
    p.send("a\nr\n");
    REQUIRE(p.wait_for_output(progress(3, ids.size())));
    REQUIRE(p.wait_for_output("rejected (coding 2)"));
    p.signal_it(SIGKILL);
    CHECK(p.finish().status == 128 + SIGKILL);
  }
  std::vector<json> now = codings_json(store, {"--include-removed"});
  REQUIRE(now.size() == 2);
  CHECK(now[0]["kind"] == "accepted");
  CHECK(now[0]["mention_id"] == ids[0]);
  CHECK(now[1]["kind"] == "rejected");
  CHECK(now[1]["mention_id"] == ids[1]);
  CHECK(memos_json(store).empty());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(s) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "ok");
  sqlite3_finalize(s);
  sqlite3_close(db);
  // And a review goes on from there.
  RunResult next = review("q\n", store);
  CHECK(contains(next.out, progress(1, ids.size() - 2)));
}

TEST_CASE("review interrupted (SIGINT) while it waits exits 130 with the summary, the decision stays") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  Piped p(with_store({"review", "--theme", "sip"}, store));
  p.send("a\n");
  REQUIRE(p.wait_for_output("accepted (coding 1)"));
  p.signal_it(SIGINT);
  RunResult r = p.finish();
  INFO(r);
  CHECK(r.status == 130);
  CHECK(contains(r.out, "1 accepted, 0 rejected"));
  CHECK(codings_json(store).size() == 1);
}

TEST_CASE("memo add writes a memo on an answer, a coding or an own code, memos list shows them") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const json mention = list_jsonl("mentions", seed_index(), {"--theme", "sip"})[0];
  REQUIRE(run(with_store({"code", "accept", mention["id"]}, store)).status == 0);
  REQUIRE(run(with_store({"codes", "add", "Samverkan"}, store)).status == 0);
  RunResult on_answer = run(with_store({"memo", "add", "--answer", mention["answer_id"], "svar att följa upp"}, store));
  INFO(on_answer);
  CHECK(on_answer.status == 0);
  CHECK(contains(on_answer.out, "memo 1 on answer "));
  CHECK(run(with_store({"memo", "add", "--coding", "1", "skriv till anna@example.se"}, store)).status == 0);
  CHECK(run(with_store({"memo", "add", "--code", "Samverkan", "vidare kod"}, store)).status == 0);
  std::vector<json> memos = memos_json(store);
  REQUIRE(memos.size() == 3);
  CHECK(memos[0]["target"] == "answer");
  CHECK(memos[0]["answer_id"] == mention["answer_id"]);
  CHECK(memos[0]["source"] == mention["source"]);
  CHECK(memos[0]["coder"] == "anna");
  CHECK(memos[1]["target"] == "coding");
  CHECK(memos[1]["coding_id"] == 1);
  CHECK(memos[1]["theme"] == "sip");
  CHECK(memos[1]["quote"].is_string());
  CHECK(memos[1]["text"] == "skriv till anna@example.se");  // the analyst's own text, not masked
  CHECK(memos[2]["target"] == "code");
  CHECK(memos[2]["code"] == "Samverkan");
  CHECK(memos[2]["answer_id"].is_null());
  RunResult table = run({"memos", "list", "--index", seed_index(), "--codings", store});
  CHECK(contains(table.out, "own code Samverkan: vidare kod"));
  CHECK(contains(table.out, "3 memos"));
  RunResult csv = run({"memos", "list", "--format", "csv", "--index", seed_index(), "--codings", store});
  CHECK(csv.out.rfind("id,target,answer_id,coding_id,code_id,code,theme,source,quote,text,coder,created\r\n", 0) == 0);
}

TEST_CASE("memo add refuses no target, two targets, an unknown answer, coding or code, and an empty text") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  RunResult none = run(with_store({"memo", "add", "text"}, store));
  CHECK(none.status == 2);
  CHECK(contains(none.err, "exactly one of --answer, --coding and --code"));
  CHECK(run(with_store({"memo", "add", "--coding", "1", "--code", "X", "text"}, store)).status == 2);
  RunResult answer = run(with_store({"memo", "add", "--answer", "nosuch", "text"}, store));
  CHECK(answer.status == 2);
  CHECK(contains(answer.err, "no answer in"));
  RunResult coding = run(with_store({"memo", "add", "--coding", "7", "text"}, store));
  CHECK(coding.status == 2);
  CHECK(contains(coding.err, "no coding has id 7"));
  RunResult code = run(with_store({"memo", "add", "--code", "Okänd", "text"}, store));
  CHECK(code.status == 2);
  CHECK(contains(code.err, "no own code is named \"Okänd\""));
  CHECK(run(with_store({"memo", "add", "--coding", "1", ""}, store)).status == 2);
  CHECK(memos_json(store).empty());
}

TEST_CASE("memo add refuses a text over 64 KB, naming the limit") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const json mention = list_jsonl("mentions", seed_index(), {"--theme", "sip"})[0];
  RunResult r = run(with_store({"memo", "add", "--answer", mention["answer_id"], std::string(65537, 'x')}, store));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "at most 65536 bytes"));
}
