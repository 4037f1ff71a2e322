#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/lexicon/theme_names.hpp"
#include "analyzer/print/terminal_text.hpp"

#include <iostream>

namespace analyzer::cli {

LexiconLookup load_command_lexicons(const CliArgs& args, const char* exe,
                                    const std::vector<std::string>& files) {
  LexiconLookup out;
  if (!files.empty()) {
    out.lexicons.paths = files;
  } else {
    Result<std::string> dir = find_lexicon_dir(args.option("--lexicons").value_or(""), exe ? exe : "");
    if (!dir.ok()) {
      out.status = dir.error();
      return out;
    }
    out.lexicons.paths = {dir.value()};
  }
  out.lexicons.load = load_lexicons(out.lexicons.paths);
  if (!out.lexicons.load.ok()) return out;
  Result<LexiconMatcher> m = LexiconMatcher::build(out.lexicons.load.lexicons);
  if (!m.ok()) {
    out.status = m.error();
    return out;
  }
  out.lexicons.matcher = std::move(m).value();
  return out;
}

bool report_lexicon_lookup(const LexiconLookup& lookup, std::ostream& err) {
  for (const Diagnostic& d : lookup.lexicons.load.diagnostics) err << terminal_text(d.render()) << '\n';
  if (!lookup.status.ok()) err << terminal_text(lookup.status.error().render()) << '\n';
  if (lookup.lexicons.matcher) return true;
  if (lookup.status.ok())
    err << "analyzer: the lexicons have errors; fix them (see `analyzer lexicon check`) "
           "or pass --lexicons DIR\n";
  return false;
}

OptionSpec lexicons_option() {
  return text_option("--lexicons", "  --lexicons DIR        theme lexicons (default: $ANALYZER_LEXICONS, else the\n"
                  "                        lexicons/ folder of this analyzer's source tree)\n");
}

std::optional<LexiconMatcher> ready_lexicons(const CliArgs& args, const char* exe) {
  LexiconLookup lookup = load_command_lexicons(args, exe);
  if (!report_lexicon_lookup(lookup, std::cerr)) return std::nullopt;
  return std::move(lookup.lexicons.matcher);
}

Result<const Lexicon*> find_theme(const LexiconMatcher& matcher, const std::string& name) {
  return resolve_theme(matcher.lexicons(), name);
}

Result<const Lexicon*> find_theme_option(const LexiconMatcher& matcher, const std::string& name) {
  Result<const Lexicon*> theme = find_theme(matcher, name);
  if (!theme.ok()) return make_error("", "--theme: " + theme.error().message, theme.error().hint);
  return theme;
}

ThemeOption theme_option_id(const CliArgs& args, const char* exe) {
  ThemeOption out;
  const std::optional<std::string> name = args.option("--theme");
  if (!name) return out;
  std::optional<LexiconMatcher> matcher = ready_lexicons(args, exe);
  if (!matcher) {
    out.exit = kExitCannotRun;
    return out;
  }
  Result<const Lexicon*> theme = find_theme_option(*matcher, *name);
  if (!theme.ok()) {
    out.exit = usage_error(theme.error());
    return out;
  }
  out.id = theme.value()->id;
  return out;
}

std::string known_themes(const LexiconMatcher& matcher) {
  std::string ids;
  for (const Lexicon& l : matcher.lexicons()) ids += " " + l.id;
  return ids;
}

}  // namespace analyzer::cli
