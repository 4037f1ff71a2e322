#pragma once
// Command-line parsing: argv → CliArgs, driven by one option table per
// command in the style of Xapian's `quest`. Each row (OptionSpec) names an
// option, the kind of value it takes, the values allowed and its lines in
// --help; the same row serves parsing, validation of the value, the error
// message and the help text, so they cannot disagree. Commands read
// validated values from CliArgs and build their real objects; nothing else
// touches argv.
//
// Example (a command with a --limit and a --format):
//   const CommandSpec spec{"search",
//       {number_option("--limit", "  --limit N   hits to show\n", 0, 1000),
//        choice_option("--format", "  --format F  table or json\n", {"table", "json"})},
//       "Usage: analyzer search QUERY [OPTIONS]\n\nOptions:\n"};
//   Result<CliArgs> args = parse(spec, argc, argv, 2);
//   args.value().number("--limit");   // nullopt when not given
//   args.value().choice("--format");  // index into .choices
//
// Rules, for every command: "--opt value" and "--opt=value" both work; "--"
// ends the options; "-h" and "--help" ask for help; a lone "-" is a
// positional argument; an option given twice keeps its last value, except a
// List, which keeps every value in order.

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::cli {

enum class OptionKind {
  Flag,     // no value (--json); "--json=x" is an error
  Number,   // a whole number from min to max (parse_whole_number)
  Decimal,  // a decimal number from min to max (parse_decimal)
  Choice,   // one of `choices`, exactly as written there
  Text,     // any value
  List,     // any value, repeatable: every value is kept, in order
};

// No upper bound for a Number row.
inline constexpr std::uint64_t kNoMaximum = std::numeric_limits<std::uint64_t>::max();

// One row of a command's option table; made by the *_option functions
// below. Number and Decimal rows use min/max (whole numbers for a Decimal
// too) and `what` for their error message; a Choice row uses `choices`,
// whose order the command may rely on (CliArgs::choice gives the index).
struct OptionSpec {
  std::string_view name;                     // "--limit"
  OptionKind kind = OptionKind::Text;
  std::string_view help;                     // its --help lines, each ending in '\n'; may be empty
  std::vector<std::string_view> choices;     // Choice
  std::uint64_t min = 0;                     // Number, Decimal
  std::uint64_t max = kNoMaximum;
  std::string_view what = "a whole number";  // Number: "--shards takes <what> from 1 to 64"
};

// The rows, one function per kind. `help` is the option's --help lines,
// empty for an option the help text mentions elsewhere.
OptionSpec flag_option(std::string_view name, std::string_view help = {});
OptionSpec text_option(std::string_view name, std::string_view help = {});
OptionSpec list_option(std::string_view name, std::string_view help = {});
OptionSpec number_option(std::string_view name, std::string_view help, std::uint64_t min, std::uint64_t max,
                         std::string_view what = "a whole number");
OptionSpec decimal_option(std::string_view name, std::string_view help, std::uint64_t min, std::uint64_t max);
OptionSpec choice_option(std::string_view name, std::string_view help, std::vector<std::string_view> choices);

// What a command accepts, and its help: `intro`, then the help lines of the
// options in table order, then `outro`. Lookup is a linear scan: tables
// hold under twenty rows, and table order is help order.
struct CommandSpec {
  CommandSpec(std::string name, std::vector<OptionSpec> options, std::string intro, std::string outro = {})
      : name(std::move(name)), options(std::move(options)), intro(std::move(intro)), outro(std::move(outro)) {}

  std::string name;                  // as in messages: "ingest", "lexicon explain"
  std::vector<OptionSpec> options;
  std::string intro;
  std::string outro;
  // An argument that starts with a single '-' (not "--", not "-h") is a
  // positional argument, not an unknown option: `search '-sip hemsjukvård'`
  // searches. Other commands refuse it, saying to put "--" before it.
  bool dash_positionals = false;

  std::string help() const;
  const OptionSpec* find(std::string_view option) const;
};

// `a` followed by `b`: a command's own rows and rows several commands share.
std::vector<OptionSpec> operator+(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b);

struct CliArgs {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // "--year" → values as given
  std::set<std::string> flags;                               // "--json", "--help"
  std::map<std::string, std::uint64_t> numbers;              // Number options, validated
  std::map<std::string, double> decimals;                    // Decimal options, validated
  std::map<std::string, std::size_t> choices;                // Choice options: index into choices

  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  // The last value of an option; nullopt when absent.
  std::optional<std::string> option(const std::string& name) const;
  // Every value of an option, in order; empty when absent.
  const std::vector<std::string>& values(const std::string& name) const;
  std::optional<std::uint64_t> number(const std::string& name) const;
  std::optional<double> decimal(const std::string& name) const;
  std::optional<std::size_t> choice(const std::string& name) const;
};

// Parses argv[first..] against `spec`: every option known, every value
// present and valid for its row. The error is a Diagnostic without a file
// whose message names the option and the bad value, and whose hint points
// to `analyzer <command> --help`. Positional arguments are not checked:
// the command knows how many it takes.
Result<CliArgs> parse(const CommandSpec& spec, int argc, char** argv, int first);

// parse() plus what every command does with its outcome: a usage error is
// printed to stderr (exit 2), --help prints spec.help() to stdout (exit 0).
// `args` is set when the command goes on; otherwise `exit` is the status.
struct CommandStart {
  std::optional<CliArgs> args;
  int exit = 0;
};
CommandStart parse_command(const CommandSpec& spec, int argc, char** argv, int first);

// Prints a usage error to stderr as "analyzer: message (hint)"; returns
// kExitUsage (2), so a command can `return usage_error(d);`.
int usage_error(const Diagnostic& d);

// A usage error of `command` with the hint "see `analyzer <command> --help`".
Diagnostic usage_problem(std::string message, std::string_view command);

// `text`, the value of `option`, as a whole number from min to max (max at
// most 2^64 - 1): decimal digits only, so no leading space, no sign ("+5",
// "-0"), no exponent ("1e3"). Overflow is caught before it happens, so
// "17592186044416" with a smaller max is refused, never wrapped around.
// The error reads `<option> takes <what> from <min> to <max>, not "<text>"`
// ("from <min> up" when max is 2^64 - 1).
Result<std::uint64_t> parse_whole_number(std::string_view option, std::string_view text,
                                         std::uint64_t min, std::uint64_t max,
                                         std::string_view what = "a whole number");

// `text`, the value of `option`, as a decimal number from min to max:
// digits with at most one '.' ("0.95", "1", ".5"), no sign, no spaces, no
// exponent, no "nan" or "inf". The error reads `<option> takes a number
// from <min> to <max>, not "<text>"`.
Result<double> parse_decimal(std::string_view option, std::string_view text, double min, double max);

// The largest --max-file-size, in megabytes (16 GB): a file is held in
// memory, about 7 bytes per byte of file, while it is analysed.
inline constexpr std::uint64_t kMaxFileSizeMegabytes = 16384;

// The --max-file-size row (whole megabytes, 1 to kMaxFileSizeMegabytes),
// with the help line `help`.
OptionSpec max_file_size_option(std::string_view help);

// --max-file-size of `args` in bytes, or `fallback` when it was not given.
std::size_t max_file_size(const CliArgs& args, std::size_t fallback);

// Free text from the command line (a query, TEXT, a filter value) must be
// UTF-8: it reaches JSON output and index terms. A failed Status naming
// `what` ("the query") and the offset of the first bad byte when `text` is
// not valid UTF-8.
Status check_utf8(std::string_view what, std::string_view text);

}  // namespace analyzer::cli
