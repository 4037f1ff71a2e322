#pragma once
// Command-line parsing: argv → CliArgs (strings and flags only). Commands
// validate their own options from here and build real objects; nothing else
// touches argv.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace analyzer::cli {

struct CliArgs {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // "--year" → values
  std::set<std::string> flags;                               // "--json"

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  std::optional<std::string> option(const std::string& name) const;
};

// What a command accepts: options that take a value and bare flags.
struct CommandSpec {
  std::string name;
  std::set<std::string> value_options;
  std::set<std::string> flag_options;
};

// Parses argv[first..] for `spec`. "--opt value" and "--opt=value" both
// work; "--" ends options. Unknown options are an error naming the option and
// the command's --help.
struct ParseResult {
  CliArgs args;
  std::string error;   // empty on success
};
ParseResult parse(const CommandSpec& spec, int argc, char** argv, int first);

// parse() plus what every command does with its outcome: a usage error is
// printed to stderr (exit 2), --help prints `help` to stdout (exit 0).
// Returns the exit status to end with, or nullopt to go on with `args`.
std::optional<int> parse_command(const CommandSpec& spec, int argc, char** argv, int first,
                                 std::string_view help, CliArgs& args);

// The value of --max-file-size (whole megabytes) into `bytes`; an error
// message when it is not a positive whole number, empty otherwise (also
// when the option is absent: `bytes` is then unchanged).
std::string parse_max_file_size(const CliArgs& args, std::size_t& bytes);

// Free text from the command line (a query, TEXT, a filter value) must be
// UTF-8: it reaches JSON output and index terms. A usage error naming
// `what` ("the query") and the offset of the first bad byte, or "" when
// `text` is valid UTF-8.
std::string invalid_utf8_problem(std::string_view what, std::string_view text);

}  // namespace analyzer::cli
