#include "analyzer/cli/args.hpp"

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

}  // namespace analyzer::cli
