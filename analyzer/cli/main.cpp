// analyzer: the command-line front end. Parses the command name and hands
// over to one function per command (commands.hpp). The only catch-all in the
// program lives here: anything unexpected becomes one message and exit 3.

#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "analyzer/cli/commands.hpp"
#include "analyzer/index/index_error.hpp"

namespace {

constexpr const char* kUsage = R"(analyzer: thematic analysis of Swedish free-text answers to the
"God och nära vård" follow-up surveys.

Usage: analyzer COMMAND [OPTIONS]

Commands:
  ingest PATH...   read survey exports and reports (files or folders) into the index
  answers          list the answers in the index (--json for JSON Lines)
  numbers          list the numeric items in the index (--json for JSON Lines)
  stats            documents and answers per year and region
  sources          files and parts with year, region, respondent and where each came from;
                   --write-manifest FILE writes them as a manifest to correct
  mentions         list the theme mentions found at ingest (--json for JSON Lines)
  tag FILE...      tag files as plain text with the theme lexicons (JSON Lines)
  lexicon CMD      check, test or explain the theme lexicons
  eval --gold F    precision, recall and F1 per theme against hand annotations
  excerpts         quotable sentences of a theme (--theme T), cited, personal data masked
  report           theme frequency report: respondents per theme (--by year,region)
  search QUERY     full-text search of the answers, with facets and marked snippets
  code ACTION      code by hand: accept or reject a mention, add a coding of a span
                   with a theme or an own code, remove a coding (codings.sqlite)
  codes ACTION     your own codes (a codebook tree): list, add, rename, move
  codings list     the codings of the store, re-anchored after a re-ingest
  review --theme T decide on a theme's mentions one by one in the terminal (a/r/s/m/u/q)
  memo add TEXT    a memo on an answer, a coding or an own code
  memos list       the memos of the store
  codings gold     one coder's reviewed codings as a gold file for eval
  agreement        intercoder agreement of two coders (--coders A,B): percent,
                   Cohen's kappa, segment overlap, the lexicon against each
  export           the project as REFI-QDA for NVivo, MAXQDA, ATLAS.ti (--format
                   qdpx), or the codebook alone (--format qdc); --output FILE
  import FILE      a REFI-QDA project (.qdpx): its codings, on this index's answers
                   or on another tool's sources (ingested first)

Common options:
  --index DIR      the index to use (default ./analyzer-index); commands that
                   read it take several (--index A --index B) as one
  --help           help for a command: analyzer ingest --help

Exit status: 0 ok, 1 some input failed (the rest went in), 2 usage error,
3 could not run (no index, index locked, output that could not be written).
)";

// Runs the command named by argv[1]; its exit status.
int run_command(int argc, char** argv);

// Flushes standard output and turns a failed write (a full disk, a file
// size limit, /dev/full) into a message and exit 3: a report cut short must
// not look complete. Otherwise `status` unchanged.
int checked_output(int status) {
  errno = 0;
  std::cout.flush();
  if (std::cout.good()) return status;
  const int error = errno;
  std::cerr << "analyzer: could not write the output"
            << (error ? std::string(": ") + std::strerror(error) : std::string())
            << "; what was printed is incomplete (free some space or write elsewhere, e.g. --output FILE)\n";
  return analyzer::cli::kExitCannotRun;
}

}  // namespace

int main(int argc, char** argv) {
  // Under a file size limit (ulimit -f) a write past it fails with EFBIG,
  // which every writer reports, instead of killing the process silently.
  std::signal(SIGXFSZ, SIG_IGN);
  return checked_output(run_command(argc, argv));
}

namespace {

int run_command(int argc, char** argv) {
  using namespace analyzer::cli;
  try {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
      std::cout << kUsage;
      return argc < 2 ? kExitUsage : kExitOk;
    }
    if (!std::strcmp(argv[1], "--version")) {
      std::cout << "analyzer " ANALYZER_VERSION "\n";  // project(VERSION) in CMakeLists.txt
      return kExitOk;
    }
    std::string command = argv[1];
    if (command == "ingest") return run_ingest(argc, argv);
    if (command == "answers") return run_answers(argc, argv);
    if (command == "numbers") return run_numbers(argc, argv);
    if (command == "stats") return run_stats(argc, argv);
    if (command == "mentions") return run_mentions(argc, argv);
    if (command == "tag") return run_tag(argc, argv);
    if (command == "lexicon") return run_lexicon(argc, argv);
    if (command == "eval") return run_eval(argc, argv);
    if (command == "excerpts") return run_excerpts(argc, argv);
    if (command == "report") return run_report(argc, argv);
    if (command == "search") return run_search(argc, argv);
    if (command == "sources") return run_sources(argc, argv);
    if (command == "code") return run_code(argc, argv);
    if (command == "codes") return run_codes(argc, argv);
    if (command == "codings") return run_codings(argc, argv);
    if (command == "agreement") return run_agreement(argc, argv);
    if (command == "export") return run_export(argc, argv);
    if (command == "review") return run_review(argc, argv);
    if (command == "memo") return run_memo(argc, argv);
    if (command == "memos") return run_memos(argc, argv);
    if (command == "import") return run_import(argc, argv);
    std::cerr << "analyzer: unknown command \"" << command << "\" (see `analyzer --help`)\n";
    return kExitUsage;
  } catch (const analyzer::IndexError& e) {
    // A damaged index or a remote database that stopped answering: the
    // analyst's to fix, not a bug.
    std::cerr << "analyzer: " << e.what() << " (" << e.hint() << ")\n";
    return kExitCannotRun;
  } catch (const std::exception& e) {
    std::cerr << "analyzer: internal error: " << e.what()
              << " (this is a bug; please report it with the command you ran)\n";
    return kExitCannotRun;
  }
}

}  // namespace
