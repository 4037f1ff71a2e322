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

constexpr const char* kTagIntro = R"(Usage: analyzer tag [OPTIONS] FILE...

Tags files (or every file in folders) as plain respondent text, with no
segmentation: every line counts, headings included. Prints one JSON object
per mention: file, theme, rule, start, end (byte offsets into the file) and
text (exactly those bytes). Nothing is stored.

Options:
)";

const CommandSpec& tag_spec() {
  static const CommandSpec spec{
      "tag",
      {text_option("--theme", "  --theme T             only mentions of theme T (a lexicon id, e.g. sip)\n"),
       max_file_size_option("  --max-file-size MB    refuse larger files (default 64, at most 16384)\n"),
       flag_option("--help", "  --help                this help\n"),
       lexicons_option()},
      kTagIntro};
  return spec;
}

// Tags every file of `files` and prints the mentions (only those of `theme`
// when it is not empty); false when a file could not be read.
bool tag_files(const std::vector<std::string>& files, const ReadOptions& read, const LexiconMatcher& matcher,
               const std::string& theme) {
  bool ok = true;
  ThemeTagger tagger(matcher);
  for (const std::string& path : files) {
    Diagnostics warnings;
    Result<SourceFile> file = read_source(path, read, warnings);
    for (const Diagnostic& d : warnings) std::cerr << terminal_text(d.render()) << '\n';
    if (!file.ok()) {
      std::cerr << terminal_text(file.error().render()) << '\n';
      ok = false;
      continue;
    }
    tag_source(file.value(), tagger, [&](std::vector<Mention>&& mentions) {
      if (!theme.empty()) std::erase_if(mentions, [&](const Mention& m) { return m.theme != theme; });
      print_tag_jsonl(path, mentions, std::cout);
    });
  }
  return ok;
}

}  // namespace

int run_tag(int argc, char** argv) {
  CommandStart start = parse_command(tag_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (args.positional.empty()) return usage_error(usage_problem("tag needs at least one file", "tag"));
  ReadOptions read;
  read.hash = false;  // nothing is stored, so no ingest key is needed
  read.max_bytes = max_file_size(args, read.max_bytes);
  std::optional<LexiconMatcher> matcher = ready_lexicons(args, argv[0]);
  if (!matcher) return kExitCannotRun;
  std::string theme = args.option("--theme").value_or("");
  if (!theme.empty()) {
    Result<const Lexicon*> known = find_theme(*matcher, theme);
    if (!known.ok()) return usage_error(known.error());
    theme = known.value()->id;
  }

  Diagnostics problems;
  std::vector<std::string> files = collect_files(args.positional, problems);
  for (const Diagnostic& d : problems) std::cerr << terminal_text(d.render()) << '\n';
  const bool tagged = tag_files(files, read, *matcher, theme);
  return problems.empty() && tagged ? kExitOk : kExitInputFailed;
}

}  // namespace analyzer::cli
