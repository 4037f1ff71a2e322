#pragma once
// Finding and loading the theme lexicons for a command: --lexicons DIR or
// the discovery order of lexicon/lexicon.hpp (find_lexicon_dir), then
// validation, then one LexiconMatcher. Shared by every command that tags
// or names themes (ingest, tag, eval, lexicon, excerpts, report).

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

// The --lexicons row, with its help lines, shared by the commands.
OptionSpec lexicons_option();

// The start of every command that tags: load_command_lexicons, then
// report_lexicon_lookup to stderr. The matcher, or nullopt when it could not
// be built (the messages are printed; the command exits kExitCannotRun).
std::optional<LexiconMatcher> ready_lexicons(const CliArgs& args, const char* exe);

// The lexicon of the theme `name` names, by id or Swedish label in any
// case, with or without å, ä, ö (resolve_theme, lexicon/theme_names.hpp),
// or an error listing every theme with a "did you mean".
Result<const Lexicon*> find_theme(const LexiconMatcher& matcher, const std::string& name);
// find_theme for the value of --theme: its error starts "--theme: ".
Result<const Lexicon*> find_theme_option(const LexiconMatcher& matcher, const std::string& name);

// The theme id of --theme for commands that filter by theme but need no
// lexicon otherwise (answers, numbers, mentions): empty without --theme
// (no lexicon is loaded then). When the lexicons cannot be loaded (printed,
// `exit` kExitCannotRun) or the name is no theme (printed, `exit`
// kExitUsage), `exit` is set and `id` empty.
struct ThemeOption {
  std::string id;
  std::optional<int> exit;
};
ThemeOption theme_option_id(const CliArgs& args, const char* exe);

// " a b c": the theme ids of `matcher`, each after a space.
std::string known_themes(const LexiconMatcher& matcher);

}  // namespace analyzer::cli
