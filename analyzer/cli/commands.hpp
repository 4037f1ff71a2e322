#pragma once
// One function per command. Each gets argc/argv from the command name on,
// prints to stdout/stderr and returns the process exit status:
//   0 success, 1 some input failed (the rest was processed), 2 usage error,
//   3 the command could not run at all (no index, index locked, ...).

namespace analyzer::cli {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCannotRun = 3;

int run_ingest(int argc, char** argv);
int run_answers(int argc, char** argv);
int run_numbers(int argc, char** argv);
int run_stats(int argc, char** argv);
int run_mentions(int argc, char** argv);
int run_tag(int argc, char** argv);
int run_lexicon(int argc, char** argv);
int run_eval(int argc, char** argv);
int run_excerpts(int argc, char** argv);
int run_report(int argc, char** argv);
int run_search(int argc, char** argv);
int run_sources(int argc, char** argv);
int run_code(int argc, char** argv);
int run_codes(int argc, char** argv);
int run_codings(int argc, char** argv);
// `codings gold` (run_codings hands it over; argv[2] is "gold").
int run_codings_gold(int argc, char** argv);
int run_agreement(int argc, char** argv);
int run_export(int argc, char** argv);
int run_review(int argc, char** argv);
int run_memo(int argc, char** argv);
int run_memos(int argc, char** argv);
int run_import(int argc, char** argv);

}  // namespace analyzer::cli
