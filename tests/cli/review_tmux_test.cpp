// `analyzer review` on a real terminal: run inside a detached tmux session
// of a fixed size (tmux is installed by analyzer/tools/setup; these tests
// need it), keys sent with `tmux send-keys`, the screen read with
// `tmux capture-pane` (-e: with its colours and attributes). Checks the
// screen (progress, the mention marked in reverse video, the messages, the
// summary), that the terminal is restored after q and after Ctrl-C (icanon
// and echo on again), and the store afterwards through `codings list`.
// Each test has its own tmux server (-L), killed at its end.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "coding_cli_support.hpp"

using namespace cli;

namespace {

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `command` with /bin/sh; its standard output (stderr joined).
std::string sh(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("popen failed");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// A tmux server of its own running one command in an 100x40 window.
class Tmux {
 public:
  explicit Tmux(const std::string& command)
      : socket_("analyzer-review-test-" + std::to_string(getpid()) + "-" + std::to_string(++count_)) {
    REQUIRE(sh("command -v tmux") != "");
    sh(tmux() + " new-session -d -s review -x 100 -y 40 " + quoted(command));
  }
  ~Tmux() { sh(tmux() + " kill-server"); }
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;

  // tmux send-keys: key names ("a", "Enter", "C-c"), or text with literal.
  void keys(const std::string& k, bool literal = false) {
    sh(tmux() + " send-keys -t review " + (literal ? "-l " : "") + quoted(k));
  }
  // The process ids of the pane's shell's children (the review).
  std::string children() {
    const std::string shell = sh(tmux() + " list-panes -t review -F '#{pane_pid}'");
    return sh("pgrep -P " + shell.substr(0, shell.find('\n')));
  }
  // The screen as text, wrapped lines joined; with `attributes`, with its
  // escape sequences.
  std::string screen(bool attributes = false) {
    return sh(tmux() + " capture-pane -p -J " + (attributes ? "-e " : "") + "-t review");
  }
  // Waits up to 15 s for the screen to hold `text` (and no longer hold
  // `gone`, when given); false if it never does.
  bool wait_for(const std::string& text, const std::string& gone = "") {
    for (int i = 0; i < 150; ++i) {
      const std::string now = screen();
      if (contains(now, text) && (gone.empty() || !contains(now, gone))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  std::string tmux() const { return "tmux -L " + socket_ + " -f /dev/null"; }
  std::string socket_;
  static inline int count_ = 0;
};

// The shell command of the pane: the review, then its exit status and the
// terminal's icanon and echo settings as stty shows them, "pane done", then
// a pause so the pane stays to be read.
std::string review_command(const std::string& store) {
  return quoted(kBin) + " review --theme sip --index " + quoted(seed_index()) + " --codings " + quoted(store) +
         " --coder anna; echo \"exit status $?\"; stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e "
         "-echo -e echo | tr '\\n' ' '; echo; echo 'pane done'; sleep 600";
}

std::string progress(std::size_t n, std::size_t total) {
  return std::to_string(n) + "/" + std::to_string(total) + "  sip";
}

}  // namespace

TEST_CASE("review in tmux: a, r, a memo, u and q, the mention marked, the terminal restored") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::vector<json> mentions = list_jsonl("mentions", seed_index(), {"--theme", "sip"});
  REQUIRE(mentions.size() >= 3);
  const std::size_t total = mentions.size();
  Tmux t(review_command(store));
  REQUIRE(t.wait_for(progress(1, total)));
  REQUIRE(t.wait_for("[a]ccept [r]eject [s]kip [m]emo"));
  const std::string plain = t.screen();
  INFO(plain);
  CHECK(contains(plain, "source:     "));
  CHECK(contains(plain, "respondent: "));
  CHECK_FALSE(contains(plain, "«"));  // a terminal marks with attributes, not with quotes
  const std::string marked = t.screen(true);
  const std::string quote = mentions[0]["text"];
  // The mention in reverse video (tmux writes the cells' attributes as
  // ESC [1;7m), and only the mention: the theme's label in the first line
  // is plain.
  bool marked_found = false;
  for (std::size_t at = marked.find(quote); at != std::string::npos; at = marked.find(quote, at + 1)) {
    const std::string before = marked.substr(at >= 12 ? at - 12 : 0, at >= 12 ? 12 : at);
    if (contains(before, "\x1b[") && contains(before, "7m")) marked_found = true;
  }
  INFO(marked);
  CHECK(marked_found);
  CHECK(contains(marked, "\x1b[1;7m" + quote + "\x1b[0m"));

  t.keys("a");
  REQUIRE(t.wait_for(progress(2, total)));
  CHECK(contains(t.screen(), "accepted (coding 1)"));
  t.keys("r");
  REQUIRE(t.wait_for(progress(3, total)));
  t.keys("m");
  REQUIRE(t.wait_for("memo on your rejection just made (coding 2):"));
  t.keys("bra exempel på avvisning", true);
  t.keys("Enter");
  REQUIRE(t.wait_for("memo 1 written on your rejection just made (coding 2)"));
  t.keys("u");
  REQUIRE(t.wait_for("undone: your rejection (coding 2 marked removed)"));
  CHECK(contains(t.screen(), progress(2, total)));
  t.keys("q");
  REQUIRE(t.wait_for("exit status 0"));
  REQUIRE(t.wait_for("pane done"));  // stty has printed too
  const std::string end = t.screen();
  INFO(end);
  CHECK(contains(end, "1 accepted, 0 rejected, 0 skipped, 1 undone, 1 memo; " + std::to_string(total - 1) + " of " +
                          std::to_string(total) + " mentions remain"));
  CHECK(contains(end, "icanon echo"));  // not -icanon, not -echo

  std::vector<json> now = codings_json(store);
  REQUIRE(now.size() == 1);
  CHECK(now[0]["kind"] == "accepted");
  CHECK(now[0]["mention_id"] == mentions[0]["id"]);
  std::vector<json> all = codings_json(store, {"--include-removed"});
  REQUIRE(all.size() == 2);
  CHECK(all[1]["kind"] == "rejected");
  CHECK(all[1]["mention_id"] == mentions[1]["id"]);
  CHECK_FALSE(all[1]["removed"].is_null());
  CHECK(all[1]["memos"] == json::array({"bra exempel på avvisning"}));
}

TEST_CASE("review in tmux: Ctrl-C exits 130 with the summary, the decision kept and the terminal restored") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  Tmux t(review_command(store));
  REQUIRE(t.wait_for("[a]ccept"));
  t.keys("a");
  REQUIRE(t.wait_for("accepted (coding 1)"));
  t.keys("C-c");
  REQUIRE(t.wait_for("exit status 130"));
  REQUIRE(t.wait_for("pane done"));  // stty has printed too
  const std::string end = t.screen();
  INFO(end);
  CHECK(contains(end, "1 accepted, 0 rejected, 0 skipped, 0 undone, 0 memos"));
  CHECK(contains(end, "icanon echo"));
  std::vector<json> now = codings_json(store);
  REQUIRE(now.size() == 1);
  CHECK(now[0]["kind"] == "accepted");
}

TEST_CASE("review in tmux: Ctrl-C while a memo is typed exits 130 and writes no memo") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  Tmux t(review_command(store));
  REQUIRE(t.wait_for("[a]ccept"));
  t.keys("m");
  REQUIRE(t.wait_for("memo on the answer shown"));
  t.keys("halvfärdig", true);
  t.keys("C-c");
  REQUIRE(t.wait_for("exit status 130"));
  REQUIRE(t.wait_for("pane done"));  // stty has printed too
  CHECK(contains(t.screen(), "icanon echo"));
  RunResult memos = run({"memos", "list", "--format", "json", "--index", seed_index(), "--codings", store});
  CHECK(memos.status == 0);
  CHECK(memos.out.empty());
}

TEST_CASE("review in tmux: SIGTERM exits 143 with the summary, the decision kept and the terminal restored") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  Tmux t(review_command(store));
  REQUIRE(t.wait_for("[a]ccept"));
  t.keys("r");
  REQUIRE(t.wait_for("rejected (coding 1)"));
  const std::string pid = t.children();
  REQUIRE_FALSE(pid.empty());
  sh("kill -TERM " + pid.substr(0, pid.find('\n')));
  REQUIRE(t.wait_for("exit status 143"));
  REQUIRE(t.wait_for("pane done"));  // stty has printed too
  const std::string end = t.screen();
  INFO(end);
  CHECK(contains(end, "0 accepted, 1 rejected"));
  CHECK(contains(end, "icanon echo"));
  CHECK(codings_json(store).size() == 1);
}

TEST_CASE("review in tmux: Ctrl-Z gives the shell a sane terminal, fg goes on with single keys and the screen drawn again") {
  TempDir tmp;
  const std::string store = tmp / "c.sqlite";
  const std::size_t total = list_jsonl("mentions", seed_index(), {"--theme", "sip"}).size();
  // An interactive shell, for job control (Ctrl-Z and fg).
  Tmux t("env PS1='$ ' bash --norc --noprofile -i");
  t.keys(quoted(kBin) + " review --theme sip --index " + quoted(seed_index()) + " --codings " + quoted(store) +
             " --coder anna",
         true);
  t.keys("Enter");
  REQUIRE(t.wait_for(progress(1, total)));
  t.keys("C-z");
  REQUIRE(t.wait_for("Stopped"));
  // The marker is computed, so the typed command line does not hold it.
  t.keys("stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | tr '\\n' ' '; echo; echo "
         "\"stty shown $((40 + 2))\"",
         true);
  t.keys("Enter");
  REQUIRE(t.wait_for("stty shown 42"));
  CHECK(contains(t.screen(), "icanon echo"));  // while stopped: the terminal as the shell needs it
  t.keys("clear; fg", true);
  t.keys("Enter");
  REQUIRE(t.wait_for(progress(1, total), "stty shown 42"));  // cleared, then drawn again
  t.keys("a");  // one key, no Enter: raw mode is back
  REQUIRE(t.wait_for("accepted (coding 1)"));
  t.keys("q");
  REQUIRE(t.wait_for("mentions remain"));
  t.keys("echo \"fg status $?\"", true);  // fg's status is the review's
  t.keys("Enter");
  REQUIRE(t.wait_for("fg status 0"));
  std::vector<json> now = codings_json(store);
  REQUIRE(now.size() == 1);
  CHECK(now[0]["kind"] == "accepted");
}
