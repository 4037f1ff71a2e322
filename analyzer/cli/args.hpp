#pragma once
// Command-line parsing: argv → CliArgs (strings and flags only). Commands
// validate their own options from here and build real objects; nothing else
// touches argv.

#include <map>
#include <optional>
#include <set>
#include <string>
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

}  // namespace analyzer::cli
