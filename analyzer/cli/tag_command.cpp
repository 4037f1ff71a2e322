// `analyzer tag`: tags files as plain respondent text and prints the
// mentions as JSON Lines.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/print/theme_printers.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer tag [OPTIONS] FILE...

Tags files (or every file in folders) as plain respondent text, with no
segmentation: every line counts, headings included. Prints one JSON object
per mention: file, theme, rule, start, end (byte offsets into the file) and
text (exactly those bytes). Nothing is stored.

Options:
  --theme T             only mentions of theme T (a lexicon id, e.g. sip)
  --max-file-size MB    refuse larger files (default 64, at most 16384)
  --help                this help
)";

}  // namespace

int run_tag(int argc, char** argv) {
  CommandSpec spec{"tag", {"--lexicons", "--theme", "--max-file-size"}, {}};
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, std::string(kHelp) + kLexiconsOptionHelp, args))
    return *done;
  if (args.positional.empty()) {
    std::cerr << "analyzer: tag needs at least one file (see `analyzer tag --help`)\n";
    return kExitUsage;
  }
  ReadOptions read;
  read.hash = false;  // nothing is stored, so no ingest key is needed
  if (std::string err = parse_max_file_size(args, read.max_bytes); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  LexiconLookup lexicons = load_command_lexicons(args, argv[0]);
  if (!report_lexicon_lookup(lexicons, std::cerr)) return kExitCannotRun;
  const LexiconMatcher& matcher = *lexicons.lexicons.matcher;
  std::string theme = args.option("--theme").value_or("");
  if (!theme.empty() && !matcher.find(theme)) {
    std::cerr << "analyzer: no lexicon has the theme \"" << theme << "\"; themes:";
    for (const Lexicon& l : matcher.lexicons()) std::cerr << ' ' << l.id;
    std::cerr << '\n';
    return kExitUsage;
  }

  Diagnostics problems;
  std::vector<std::string> files = collect_files(args.positional, problems);
  bool failed = !problems.empty();
  for (const Diagnostic& d : problems) std::cerr << terminal_text(d.render()) << '\n';
  ThemeTagger tagger(matcher);
  for (const std::string& path : files) {
    Diagnostics warnings;
    Result<SourceFile> file = read_source(path, read, warnings);
    for (const Diagnostic& d : warnings) std::cerr << terminal_text(d.render()) << '\n';
    if (!file.ok()) {
      std::cerr << terminal_text(file.error().render()) << '\n';
      failed = true;
      continue;
    }
    std::vector<Mention> mentions = tag_source(file.value(), tagger);
    if (!theme.empty())
      std::erase_if(mentions, [&](const Mention& m) { return m.theme != theme; });
    print_tag_jsonl(path, mentions, std::cout);
  }
  return failed ? kExitInputFailed : kExitOk;
}

}  // namespace analyzer::cli
