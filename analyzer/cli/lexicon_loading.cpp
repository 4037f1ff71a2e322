#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/print/terminal_text.hpp"

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

}  // namespace analyzer::cli
