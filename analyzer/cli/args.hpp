#pragma once
// Command-line parsing: argv → CliArgs (strings and flags only). Commands
// validate their own options from here and build real objects; nothing else
// touches argv.

#include <cstdint>
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

// `text` as a whole number in [min, max] (max at most 2^64 - 1): decimal
// digits only (no sign, no spaces, no exponent), or nullopt. Overflow is
// caught before it happens, so "17592186044416" with a smaller max is
// refused, never wrapped around.
std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t min, std::uint64_t max);

// The largest --max-file-size, in megabytes (16 GB): a file is held in
// memory, about 7 bytes per byte of file, while it is analysed.
inline constexpr std::uint64_t kMaxFileSizeMegabytes = 16384;

// The value of --max-file-size (whole megabytes, 1 to
// kMaxFileSizeMegabytes) into `bytes`; an error message when it is
// anything else, empty otherwise (also when the option is absent: `bytes`
// is then unchanged).
std::string parse_max_file_size(const CliArgs& args, std::size_t& bytes);

// Free text from the command line (a query, TEXT, a filter value) must be
// UTF-8: it reaches JSON output and index terms. A usage error naming
// `what` ("the query") and the offset of the first bad byte, or "" when
// `text` is valid UTF-8.
std::string invalid_utf8_problem(std::string_view what, std::string_view text);

}  // namespace analyzer::cli
