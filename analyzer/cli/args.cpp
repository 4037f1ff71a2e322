#include "analyzer/cli/args.hpp"

#include <charconv>
#include <iostream>

#include "analyzer/cli/commands.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer::cli {
namespace {

// "from 1 to 64", or "from 0 up" without an upper bound.
std::string range_text(std::uint64_t min, std::uint64_t max) {
  if (max == kNoMaximum) return "from " + std::to_string(min) + " up";
  return "from " + std::to_string(min) + " to " + std::to_string(max);
}

// "table, json or md".
std::string join_choices(const std::vector<std::string_view>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
    out += choices[i];
  }
  return out;
}

// Checks `value` against `row` and records it (and its parsed form) in
// `args`.
Status take_value(const OptionSpec& row, const std::string& value, CliArgs& args) {
  const std::string name(row.name);
  if (row.kind == OptionKind::Number) {
    Result<std::uint64_t> n = parse_whole_number(row.name, value, row.min, row.max, row.what);
    if (!n.ok()) return n.error();
    args.numbers[name] = n.value();
  } else if (row.kind == OptionKind::Decimal) {
    Result<double> x = parse_decimal(row.name, value, static_cast<double>(row.min), static_cast<double>(row.max));
    if (!x.ok()) return x.error();
    args.decimals[name] = x.value();
  } else if (row.kind == OptionKind::Choice) {
    std::size_t i = 0;
    while (i < row.choices.size() && row.choices[i] != value) ++i;
    if (i == row.choices.size())
      return make_error("", name + " takes " + join_choices(row.choices) + ", not \"" + value + "\"");
    args.choices[name] = i;
  }
  args.options[name].push_back(value);
  return {};
}

// One argument that begins with '-' (not "-", "--" or "-h"), at argv[i];
// moves i past a value given as the next argument.
Status take_option(const CommandSpec& spec, const std::string& arg, int argc, char** argv, int& i,
                   CliArgs& args) {
  std::string name = arg;
  std::optional<std::string> value;
  if (arg.rfind("--", 0) == 0)
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
  if (name == "--help") {
    args.flags.insert(name);
    return {};
  }
  const OptionSpec* row = spec.find(name);
  if (!row && name.rfind("--", 0) != 0)
    return make_error("", "unknown option " + name + " for `analyzer " + spec.name + "`",
                      "an argument that starts with '-' but is no option goes after \"--\": analyzer " + spec.name +
                          " -- " + name);
  if (!row) return usage_problem("unknown option " + name + " for `analyzer " + spec.name + "`", spec.name);
  if (row->kind == OptionKind::Flag) {
    if (value) return usage_problem("option " + name + " takes no value", spec.name);
    args.flags.insert(name);
    return {};
  }
  if (!value) {
    if (i + 1 >= argc) return usage_problem("option " + name + " needs a value", spec.name);
    value = argv[++i];
  }
  return take_value(*row, *value, args);
}

}  // namespace

OptionSpec flag_option(std::string_view name, std::string_view help) {
  return OptionSpec{name, OptionKind::Flag, help, {}};
}

OptionSpec text_option(std::string_view name, std::string_view help) {
  return OptionSpec{name, OptionKind::Text, help, {}};
}

OptionSpec list_option(std::string_view name, std::string_view help) {
  return OptionSpec{name, OptionKind::List, help, {}};
}

OptionSpec number_option(std::string_view name, std::string_view help, std::uint64_t min, std::uint64_t max,
                         std::string_view what) {
  return OptionSpec{name, OptionKind::Number, help, {}, min, max, what};
}

OptionSpec decimal_option(std::string_view name, std::string_view help, std::uint64_t min, std::uint64_t max) {
  return OptionSpec{name, OptionKind::Decimal, help, {}, min, max, "a number"};
}

OptionSpec choice_option(std::string_view name, std::string_view help, std::vector<std::string_view> choices) {
  return OptionSpec{name, OptionKind::Choice, help, std::move(choices)};
}

std::string CommandSpec::help() const {
  std::string out = intro;
  for (const OptionSpec& row : options) out += row.help;
  return out + outro;
}

const OptionSpec* CommandSpec::find(std::string_view option) const {
  for (const OptionSpec& row : options)
    if (row.name == option) return &row;
  return nullptr;
}

std::vector<OptionSpec> operator+(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::optional<std::string> CliArgs::option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& CliArgs::values(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = options.find(name);
  return it == options.end() ? none : it->second;
}

std::optional<std::uint64_t> CliArgs::number(const std::string& name) const {
  auto it = numbers.find(name);
  return it == numbers.end() ? std::nullopt : std::optional<std::uint64_t>(it->second);
}

std::optional<double> CliArgs::decimal(const std::string& name) const {
  auto it = decimals.find(name);
  return it == decimals.end() ? std::nullopt : std::optional<double>(it->second);
}

std::optional<std::size_t> CliArgs::choice(const std::string& name) const {
  auto it = choices.find(name);
  return it == choices.end() ? std::nullopt : std::optional<std::size_t>(it->second);
}

Result<CliArgs> parse(const CommandSpec& spec, int argc, char** argv, int first) {
  CliArgs args;
  args.command = spec.name;
  bool only_positional = false;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (only_positional || arg.size() < 2 || arg[0] != '-') {
      args.positional.push_back(arg);
    } else if (arg == "--") {
      only_positional = true;
    } else if (arg == "-h") {
      args.flags.insert("--help");
    } else if (spec.dash_positionals && arg[1] != '-') {
      args.positional.push_back(arg);
    } else if (Status s = take_option(spec, arg, argc, argv, i, args); !s.ok()) {
      return std::move(s).error();
    }
  }
  return args;
}

CommandStart parse_command(const CommandSpec& spec, int argc, char** argv, int first) {
  Result<CliArgs> parsed = parse(spec, argc, argv, first);
  if (!parsed.ok()) return {std::nullopt, usage_error(parsed.error())};
  if (parsed.value().flag("--help")) {
    std::cout << spec.help();
    return {std::nullopt, kExitOk};
  }
  return {std::move(parsed).value(), kExitOk};
}

int usage_error(const Diagnostic& d) {
  std::cerr << "analyzer: " << d.message << (d.hint.empty() ? "" : " (" + d.hint + ")") << '\n';
  return kExitUsage;
}

Diagnostic usage_problem(std::string message, std::string_view command) {
  return make_error("", std::move(message), "see `analyzer " + std::string(command) + " --help`");
}

Result<std::uint64_t> parse_whole_number(std::string_view option, std::string_view text, std::uint64_t min,
                                         std::uint64_t max, std::string_view what) {
  const auto refused = [&] {
    return make_error("", std::string(option) + " takes " + std::string(what) + " " + range_text(min, max) +
                              ", not \"" + std::string(text) + "\"");
  };
  if (text.empty() || text.size() > 20) return refused();
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return refused();
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return refused();  // value * 10 + digit > max
    value = value * 10 + digit;
  }
  if (value < min) return refused();
  return value;
}

Result<double> parse_decimal(std::string_view option, std::string_view text, double min, double max) {
  const auto refused = [&] {
    auto whole = [](double x) { return std::to_string(static_cast<long long>(x)); };
    return make_error("", std::string(option) + " takes a number from " + whole(min) + " to " + whole(max) +
                              ", not \"" + std::string(text) + "\"");
  };
  std::size_t digits = 0, dots = 0;
  for (char c : text) {
    if (c == '.') ++dots;
    else if (c >= '0' && c <= '9') ++digits;
    else return refused();
  }
  if (digits == 0 || dots > 1 || text.size() > 64) return refused();
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return refused();
  return value;
}

OptionSpec max_file_size_option(std::string_view help) {
  return number_option("--max-file-size", help, 1, kMaxFileSizeMegabytes, "a whole number of megabytes");
}

std::size_t max_file_size(const CliArgs& args, std::size_t fallback) {
  const std::optional<std::uint64_t> mb = args.number("--max-file-size");
  return mb ? static_cast<std::size_t>(*mb) * 1024u * 1024u : fallback;
}

Status check_utf8(std::string_view what, std::string_view text) {
  auto bad = first_invalid_utf8(text);
  if (!bad) return {};
  return make_error("", std::string(what) + " is not valid UTF-8: byte " + std::to_string(*bad) +
                            " (counting from 0) is not part of a UTF-8 character; retype it, or set the "
                            "terminal to UTF-8");
}

}  // namespace analyzer::cli
