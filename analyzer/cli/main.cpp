// analyzer: the command-line front end. Parses the command name and hands
// over to one function per command (commands.hpp). The only catch-all in the
// program lives here: anything unexpected becomes one message and exit 3.

#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "analyzer/cli/commands.hpp"

namespace {

constexpr const char* kUsage = R"(analyzer: thematic analysis of Swedish free-text answers to the
"God och nära vård" follow-up surveys.

Usage: analyzer COMMAND [OPTIONS]

Commands:
  ingest PATH...   read survey exports and reports (files or folders) into the index
  answers          list the answers in the index (--json for JSON Lines)
  numbers          list the numeric items in the index (--json for JSON Lines)
  stats            documents and answers per year and region
  mentions         list the theme mentions found at ingest (--json for JSON Lines)
  tag FILE...      tag files as plain text with the theme lexicons (JSON Lines)
  lexicon CMD      check, test or explain the theme lexicons
  eval --gold F    precision, recall and F1 per theme against hand annotations
  excerpts         quotable sentences of a theme (--theme T), cited, personal data masked
  report           theme frequency report: respondents per theme (--by year,region)
  search QUERY     full-text search of the answers, with facets and marked snippets

Common options:
  --index DIR      the index to use (default ./analyzer-index); commands that
                   read it take several (--index A --index B) as one
  --help           help for a command: analyzer ingest --help

Exit status: 0 ok, 1 some input failed (the rest went in), 2 usage error,
3 could not run (no index, index locked).
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace analyzer::cli;
  try {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
      std::cout << kUsage;
      return argc < 2 ? kExitUsage : kExitOk;
    }
    if (!std::strcmp(argv[1], "--version")) {
      std::cout << "analyzer 0.1.0\n";
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
    std::cerr << "analyzer: unknown command \"" << command << "\" (see `analyzer --help`)\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "analyzer: internal error: " << e.what()
              << " (this is a bug; please report it with the command you ran)\n";
    return kExitCannotRun;
  }
}
