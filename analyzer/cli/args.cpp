#include "analyzer/cli/args.hpp"

#include <cstdlib>
#include <iostream>

#include "analyzer/cli/commands.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer::cli {

std::optional<std::string> CliArgs::option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

ParseResult parse(const CommandSpec& spec, int argc, char** argv, int first) {
  ParseResult r;
  r.args.command = spec.name;
  bool only_positional = false;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positional || a.size() < 2 || a.rfind("--", 0) != 0) {
      if (!only_positional && a.size() > 1 && a[0] == '-' && a != "-") {
        if (a == "-h") {
          r.args.flags.insert("--help");
          continue;
        }
        r.error = "unknown option " + a + " for `analyzer " + spec.name +
                  "` (see `analyzer " + spec.name + " --help`)";
        return r;
      }
      r.args.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    if (name == "--help") {
      r.args.flags.insert(name);
    } else if (spec.value_options.count(name)) {
      if (!has_value) {
        if (i + 1 >= argc) {
          r.error = "option " + name + " needs a value (see `analyzer " + spec.name + " --help`)";
          return r;
        }
        value = argv[++i];
      }
      r.args.options[name].push_back(value);
    } else if (spec.flag_options.count(name) && !has_value) {
      r.args.flags.insert(name);
    } else {
      r.error = "unknown option " + name + " for `analyzer " + spec.name + "` (see `analyzer " +
                spec.name + " --help`)";
      return r;
    }
  }
  return r;
}

std::optional<int> parse_command(const CommandSpec& spec, int argc, char** argv, int first,
                                 std::string_view help, CliArgs& args) {
  ParseResult parsed = parse(spec, argc, argv, first);
  if (!parsed.error.empty()) {
    std::cerr << "analyzer: " << parsed.error << '\n';
    return kExitUsage;
  }
  if (parsed.args.flag("--help")) {
    std::cout << help;
    return kExitOk;
  }
  args = std::move(parsed.args);
  return std::nullopt;
}

std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t min, std::uint64_t max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;  // value * 10 + digit > max
    value = value * 10 + digit;
  }
  if (value < min) return std::nullopt;
  return value;
}

std::string parse_max_file_size(const CliArgs& args, std::size_t& bytes) {
  auto mb = args.option("--max-file-size");
  if (!mb) return {};
  const std::optional<std::uint64_t> v = parse_whole_number(*mb, 1, kMaxFileSizeMegabytes);
  if (!v)
    return "--max-file-size takes a whole number of megabytes from 1 to " +
           std::to_string(kMaxFileSizeMegabytes) + ", not \"" + *mb + "\"";
  bytes = static_cast<std::size_t>(*v) * 1024u * 1024u;
  return {};
}

std::string invalid_utf8_problem(std::string_view what, std::string_view text) {
  auto bad = first_invalid_utf8(text);
  if (!bad) return {};
  return std::string(what) + " is not valid UTF-8: byte " + std::to_string(*bad) +
         " (counting from 0) is not part of a UTF-8 character; retype it, or set the terminal to UTF-8";
}

}  // namespace analyzer::cli
