#pragma once
// Helpers for the end-to-end tests of the analyzer binary (cli_test.cpp):
// a temporary directory that cleans up after itself (the one the unit tests
// use: tests/support/temp_files.hpp), running the real binary with
// stdout/stderr captured and its exit status, starting it in the
// background, and reading JSON Lines.
//
// The binary and the seed corpora come from compile definitions:
//   ANALYZER_BIN      path of build/bin/analyzer
//   ANALYZER_CORPORA  path of corpora/ in the source tree (kCorporaDir)
// kCorpora is the seed documents of corpora/ alone (its .txt files and
// their manifest entries), copied once per test process: the counts these
// tests check were made by hand on the seeds, and corpora/'s constructed
// examples in other formats (005-008) have tests of their own.

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/temp_files.hpp"

#ifndef ANALYZER_BIN
#error "ANALYZER_BIN must be defined (path of the analyzer binary)"
#endif
#ifndef ANALYZER_CORPORA
#error "ANALYZER_CORPORA must be defined (path of corpora/)"
#endif

namespace cli {

namespace fs = std::filesystem;
using nlohmann::json;

inline const std::string kBin = ANALYZER_BIN;
inline const std::string kCorporaDir = ANALYZER_CORPORA;

// A folder holding corpora/'s .txt seeds and a manifest.json with only
// their entries, the others cut out of the text so that the rest keeps its
// exact formatting (tests edit it by text); removed when the process ends.
inline std::string seed_corpora() {
  static const analyzer::test::TempDir dir;
  const fs::path folder = fs::path(dir.path()) / "corpora";
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(kCorporaDir))
    if (entry.path().extension() == ".txt") fs::copy_file(entry.path(), folder / entry.path().filename());
  std::string text = analyzer::test::read_file((fs::path(kCorporaDir) / "manifest.json").string());
  const json manifest = json::parse(text);
  for (const auto& [name, value] : manifest.at("files").items()) {
    if (fs::exists(folder / name)) continue;
    std::size_t begin = text.find("\"" + name + "\"");
    std::size_t end = text.find('{', begin);
    for (int depth = 0; end < text.size(); ++end) {
      depth += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
      if (depth == 0) break;
    }
    while (begin > 0 && text[begin - 1] != ',' && text[begin - 1] != '{') --begin;
    if (text[begin - 1] == ',') --begin;
    text.erase(begin, end + 1 - begin);
  }
  analyzer::test::write_file((folder / "manifest.json").string(), text);
  return folder.string();
}

inline const std::string kCorpora = seed_corpora();

inline std::string corpus_file(const std::string& name) { return kCorpora + "/" + name; }

// TempDir (a fresh folder removed with everything in it at scope end),
// read_file and write_file: tests/support/temp_files.hpp.
using analyzer::test::read_file;
using analyzer::test::TempDir;
using analyzer::test::write_file;

inline void copy_file(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  // The seeds are read-only; copies must be writable so tests can change them.
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
}

struct RunResult {
  int status = -1;      // exit status, or 128+signal when killed by a signal
  std::string out;      // stdout
  std::string err;      // stderr
  std::string all() const { return out + err; }
};

inline std::ostream& operator<<(std::ostream& os, const RunResult& r) {
  return os << "exit " << r.status << "\n--- stdout ---\n"
            << r.out.substr(0, 4000) << "\n--- stderr ---\n"
            << r.err.substr(0, 4000);
}

// Where and how to run the binary: a working directory (empty: this one)
// and environment variables to set ("" as value: unset it).
struct RunIn {
  std::string cwd;
  std::vector<std::pair<std::string, std::string>> env;
};

namespace detail {

// Forks and execs ANALYZER_BIN with `args`, stdin from /dev/null, stdout and
// stderr to the given files (or /dev/null when empty). Returns the pid.
inline pid_t spawn_to(const std::vector<std::string>& args, const std::string& out_path,
                      const std::string& err_path, const RunIn& in_where = {}) {
  std::vector<std::string> argv_store;
  argv_store.push_back(kBin);
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.empty() ? "/dev/null" : out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.empty() ? "/dev/null" : err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!in_where.cwd.empty() && chdir(in_where.cwd.c_str()) != 0) _exit(127);
    for (const auto& [name, value] : in_where.env) {
      if (value.empty()) unsetenv(name.c_str());
      else setenv(name.c_str(), value.c_str(), 1);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

inline int wait_status(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace detail

// Runs `analyzer ARGS...` to completion and captures its output.
inline RunResult run(const std::vector<std::string>& args, const RunIn& in_where = {}) {
  TempDir capture;
  const std::string out = capture / "stdout", err = capture / "stderr";
  pid_t pid = detail::spawn_to(args, out, err, in_where);
  RunResult r;
  r.status = detail::wait_status(pid);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// `analyzer` running in the background; killed (SIGKILL) and reaped on
// destruction if still running.
class Background {
 public:
  explicit Background(const std::vector<std::string>& args) : pid_(detail::spawn_to(args, "", "")) {}
  ~Background() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      detail::wait_status(pid_);
    }
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  // True while the process has not exited.
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == 0) return true;
    pid_ = -1;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  // Sends SIGKILL and reaps; returns the status as run() reports it.
  int kill9() {
    if (pid_ <= 0) return exit_status_;
    kill(pid_, SIGKILL);
    exit_status_ = detail::wait_status(pid_);
    pid_ = -1;
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  int exit_status_ = -1;
};

// One JSON object per non-empty line.
inline std::vector<json> parse_jsonl(const std::string& text) {
  std::vector<json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    rows.push_back(json::parse(line));
  }
  return rows;
}

// corpora/ copied into `dir`/corpora (writable copies); returns that folder.
inline std::string copy_of_corpora(const TempDir& dir) {
  const std::string folder = dir / "corpora";
  for (const auto& entry : fs::directory_iterator(kCorpora))
    cli::copy_file(entry.path(), fs::path(folder) / entry.path().filename());
  return folder;
}

// Replaces the first `from` in the file at `path` by `to`; throws (failing
// the test) when the file does not hold `from`.
inline void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string bytes = read_file(path);
  const std::size_t at = bytes.find(from);
  if (at == std::string::npos) throw std::runtime_error(path + " does not hold \"" + from + "\"");
  write_file(path, bytes.replace(at, from.size(), to));
}

// `text` with every run of white space (space, tab, line break) as one
// space, trimmed: answers of two formats compared up to white space.
inline std::string squeezed(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// `analyzer COMMAND --json --index DIR EXTRA...` parsed; throws (failing the
// test) when the command does not exit 0.
inline std::vector<json> list_jsonl(const std::string& command, const std::string& index,
                                    const std::vector<std::string>& extra) {
  std::vector<std::string> args{command, "--json", "--index", index};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = run(args);
  if (r.status != 0) {
    std::ostringstream msg;
    msg << "analyzer " << command << " failed: " << r;
    throw std::runtime_error(msg.str());
  }
  return parse_jsonl(r.out);
}

// kCorpora ingested once per test process into a temporary index (removed
// at exit); the index folder. Throws (failing the test) when ingest fails.
inline std::string seed_index() {
  static const TempDir dir;
  static const std::string index = [] {
    const std::string folder = dir / "index";
    RunResult r = run({"ingest", "--index", folder, kCorpora});
    if (r.status != 0) throw std::runtime_error("ingest of the seeds failed");
    return folder;
  }();
  return index;
}

inline std::vector<json> answers(const std::string& index, const std::vector<std::string>& extra = {}) {
  return list_jsonl("answers", index, extra);
}

inline std::vector<json> numbers(const std::string& index, const std::vector<std::string>& extra = {}) {
  return list_jsonl("numbers", index, extra);
}

// The answers in `rows` whose "source" is `source`.
inline std::size_t count_source(const std::vector<json>& rows, const std::string& source) {
  std::size_t n = 0;
  for (const auto& r : rows)
    if (r.value("source", "") == source) ++n;
  return n;
}

inline std::vector<std::string> sorted_ids(const std::vector<json>& rows) {
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.at("id").get<std::string>());
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace cli
