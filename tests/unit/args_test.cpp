// cli/args.hpp: the table-driven option parser, its value parsers and its
// error messages.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/cli/args.hpp"

using namespace analyzer;
using namespace analyzer::cli;

namespace {

// A small command with one row of every kind.
const CommandSpec& demo_spec() {
  static const CommandSpec spec{
      "demo",
      {flag_option("--json", "  --json   JSON\n"),
       number_option("--limit", "  --limit N\n", 1, 64, "a whole number of hits"),
       decimal_option("--min-f1", "  --min-f1 X\n", 0, 1),
       choice_option("--format", "  --format F\n", {"table", "json", "md"}),
       text_option("--output", "  --output FILE\n"),
       list_option("--gold")},
      "Usage: demo\n\nOptions:\n",
      "Exit status: 0\n"};
  return spec;
}

// Parses `args` as the arguments after "analyzer demo".
Result<CliArgs> parse_demo(std::vector<std::string> args) {
  std::vector<char*> argv{const_cast<char*>("analyzer"), const_cast<char*>("demo")};
  for (std::string& a : args) argv.push_back(a.data());
  return parse(demo_spec(), static_cast<int>(argv.size()), argv.data(), 2);
}

// The message of a parse that must fail.
std::string error_of(std::vector<std::string> args) {
  Result<CliArgs> r = parse_demo(std::move(args));
  REQUIRE_FALSE(r.ok());
  return r.error().message + (r.error().hint.empty() ? "" : " (" + r.error().hint + ")");
}

}  // namespace

TEST_CASE("an unknown option is refused, naming it and the command's help") {
  CHECK(error_of({"--frobnicate"}) == "unknown option --frobnicate for `analyzer demo` (see `analyzer demo --help`)");
  CHECK(error_of({"-x"}) == "unknown option -x for `analyzer demo` (an argument that starts with '-' but is no "
                            "option goes after \"--\": analyzer demo -- -x)");
}

TEST_CASE("an option without its value is refused") {
  CHECK(error_of({"--output"}) == "option --output needs a value (see `analyzer demo --help`)");
}

TEST_CASE("a flag given a value is refused") {
  CHECK(error_of({"--json=yes"}) == "option --json takes no value (see `analyzer demo --help`)");
}

TEST_CASE("a value may follow the option or an equals sign") {
  Result<CliArgs> r = parse_demo({"--output", "a.txt", "--limit=7", "query", "--json"});
  REQUIRE(r.ok());
  CHECK(r.value().option("--output") == "a.txt");
  CHECK(r.value().number("--limit") == 7u);
  CHECK(r.value().flag("--json"));
  CHECK(r.value().positional == std::vector<std::string>{"query"});
}

TEST_CASE("a bad whole number is refused, naming the option and the range") {
  const std::string value = GENERATE(as<std::string>{}, "", " 5", "5 ", "+5", "-0", "-1", "0", "65", "1e3", "5.0",
                                     "x", "18446744073709551616", "99999999999999999999999");
  INFO('"' << value << '"');
  CHECK(error_of({"--limit", value}) == "--limit takes a whole number of hits from 1 to 64, not \"" + value + "\"");
}

TEST_CASE("parse_whole_number takes the bounds and the largest 64-bit value") {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  CHECK(parse_whole_number("--n", "18446744073709551615", 0, max).value() == max);
  CHECK(parse_whole_number("--n", "0", 0, 10).value() == 0u);
  CHECK(parse_whole_number("--n", "10", 0, 10).value() == 10u);
  CHECK(parse_whole_number("--n", "007", 0, 10).value() == 7u);
  CHECK(parse_whole_number("--n", "x", 0, max).error().message == "--n takes a whole number from 0 up, not \"x\"");
}

TEST_CASE("a bad decimal number is refused, naming the option and the range") {
  const std::string value = GENERATE(as<std::string>{}, "", " 0.5", "+0.5", "-0", "1.5", "1e-1", "nan", "inf",
                                     "0x1", "0.5.5", ".", "0,5");
  INFO('"' << value << '"');
  CHECK(error_of({"--min-f1", value}) == "--min-f1 takes a number from 0 to 1, not \"" + value + "\"");
}

TEST_CASE("a decimal number may be whole or have a fraction") {
  CHECK(parse_demo({"--min-f1", "0.95"}).value().decimal("--min-f1") == 0.95);
  CHECK(parse_demo({"--min-f1", "1"}).value().decimal("--min-f1") == 1.0);
  CHECK(parse_demo({"--min-f1", ".5"}).value().decimal("--min-f1") == 0.5);
}

TEST_CASE("a choice that is not allowed is refused with the allowed list") {
  CHECK(error_of({"--format", "csv"}) == "--format takes table, json or md, not \"csv\"");
  CHECK(error_of({"--format", "MD"}) == "--format takes table, json or md, not \"MD\"");
}

TEST_CASE("a choice gives its index in the row's list") {
  CHECK(parse_demo({"--format", "md"}).value().choice("--format") == 2u);
  CHECK_FALSE(parse_demo({}).value().choice("--format"));
}

TEST_CASE("a repeated option keeps its last value, a list keeps every value") {
  Result<CliArgs> r = parse_demo({"--output", "a", "--output", "b", "--gold", "x", "--gold=y", "--limit", "2",
                                  "--limit", "3"});
  REQUIRE(r.ok());
  CHECK(r.value().option("--output") == "b");
  CHECK(r.value().number("--limit") == 3u);
  CHECK(r.value().values("--gold") == std::vector<std::string>{"x", "y"});
  CHECK(r.value().values("--absent").empty());
}

TEST_CASE("--help and -h ask for help, and the help text follows the table") {
  CHECK(parse_demo({"--help"}).value().flag("--help"));
  CHECK(parse_demo({"-h"}).value().flag("--help"));
  CHECK(demo_spec().help() ==
        "Usage: demo\n\nOptions:\n  --json   JSON\n  --limit N\n  --min-f1 X\n  --format F\n  --output FILE\n"
        "Exit status: 0\n");
}

TEST_CASE("after -- every argument is positional, and a lone - is positional") {
  Result<CliArgs> r = parse_demo({"-", "--", "--json", "-h"});
  REQUIRE(r.ok());
  CHECK(r.value().positional == std::vector<std::string>{"-", "--json", "-h"});
  CHECK_FALSE(r.value().flag("--json"));
  CHECK_FALSE(r.value().flag("--help"));
}

TEST_CASE("check_utf8 names the text and the first bad byte") {
  CHECK(check_utf8("the query", "mobila team").ok());
  Status bad = check_utf8("the query", "mobila \xff");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind("the query is not valid UTF-8: byte 7 ", 0) == 0);
}

TEST_CASE("max_file_size turns the megabytes of --max-file-size into bytes") {
  const CommandSpec spec{"x", {max_file_size_option("")}, "", ""};
  std::vector<std::string> words{"analyzer", "x", "--max-file-size", "2"};
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  Result<CliArgs> r = parse(spec, 4, argv.data(), 2);
  REQUIRE(r.ok());
  CHECK(max_file_size(r.value(), 7) == 2u * 1024 * 1024);
  CHECK(max_file_size(CliArgs{}, 7) == 7u);
}

TEST_CASE("a command that takes dash positionals reads '-sip hemsjukvård' as an argument, not an option") {
  CommandSpec spec = demo_spec();
  spec.dash_positionals = true;
  std::vector<std::string> args{"-sip hemsjukvård", "--json", "-x"};
  std::vector<char*> argv{const_cast<char*>("analyzer"), const_cast<char*>("demo")};
  for (std::string& a : args) argv.push_back(a.data());
  Result<CliArgs> r = parse(spec, static_cast<int>(argv.size()), argv.data(), 2);
  REQUIRE(r.ok());
  CHECK(r.value().positional == std::vector<std::string>{"-sip hemsjukvård", "-x"});
  CHECK(r.value().flag("--json"));
}
