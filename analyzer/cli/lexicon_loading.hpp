#pragma once
// Finding and loading the theme lexicons for a command: --lexicons DIR or
// the discovery order of lexicon/lexicon.hpp (find_lexicon_dir), then
// validation, then one LexiconMatcher. Shared by ingest, tag, eval and the
// lexicon commands.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analyzer/cli/args.hpp"
#include "analyzer/match/lexicon_matcher.hpp"

namespace analyzer::cli {

struct LoadedLexicons {
  std::vector<std::string> paths;      // the folder or files that were read
  LexiconLoad load;                    // lexicons and every diagnostic
  std::optional<LexiconMatcher> matcher;  // set when nothing had an error
};

// Loads `files` when not empty, else the folder from --lexicons / discovery.
// `exe` is argv[0]. Never prints; the caller reports `load.diagnostics`
// and, when no folder was found, `status`.
struct LexiconLookup {
  LoadedLexicons lexicons;
  Status status;                       // failed: no folder found, or the matcher failed
};
LexiconLookup load_command_lexicons(const CliArgs& args, const char* exe,
                                    const std::vector<std::string>& files = {});

// Prints the diagnostics of a lookup to `err`; true when the matcher is
// ready (warnings only). On failure also prints what to do.
bool report_lexicon_lookup(const LexiconLookup& lookup, std::ostream& err);

// Help text for the --lexicons option, shared by the commands' help.
inline constexpr const char* kLexiconsOptionHelp =
    "  --lexicons DIR        theme lexicons (default: $ANALYZER_LEXICONS, else the\n"
    "                        lexicons/ folder of this analyzer's source tree)\n";

}  // namespace analyzer::cli
