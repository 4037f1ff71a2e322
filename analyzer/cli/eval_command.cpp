// `analyzer eval`: the lexicons and the segmenter against hand annotations,
// beside the naive baseline, in one run.

#include <cstdlib>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/eval/eval.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/print/eval_printer.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer eval --gold FILE [OPTIONS]

Scores theme tagging against a gold file (JSON Lines of file, theme, start,
end; see tests/gold/README.md). Each annotated file is analysed as ingest
would (segmented, only answer text tagged); the naive baseline is a
case-insensitive search of each theme's label over the whole file, as
Ctrl-F would. Prints precision, recall and F1 per theme, at mention level
and at answer level, for both.

Options:
  --gold FILE           the gold file (may be given more than once)
  --base DIR            folder the gold file's paths are relative to
                        (default: the current folder)
  --min-f1 X            exit 1 when the analyzer's mention-level F1 of a
                        theme with gold mentions is below X (e.g. 0.95)
  --json                one JSON object per gold file instead of a table
  --verbose             also list every false positive and false negative
  --help                this help
)";

// Mentions and answer spans of one gold file as ingest would find them.
void analyze_gold_file(const GoldFile& gf, ThemeTagger& tagger, std::vector<ScoredMention>& mentions,
                       std::vector<AnswerSpan>& answers) {
  SourceFile source;
  source.path = gf.path;
  source.name = gf.name;
  source.bytes = gf.text;
  AnalysisContext context;
  context.tagger = &tagger;
  Diagnostics ignored;
  IndexedFile analysed = analyze_source(source, context, ignored);
  for (const AnswerRecord& a : analysed.answers) {
    answers.push_back({gf.name, a.span});
    for (const Mention& m : a.mentions) mentions.push_back({gf.name, m.theme, m.span});
  }
}

}  // namespace

int run_eval(int argc, char** argv) {
  CommandSpec spec{"eval", {"--gold", "--base", "--lexicons", "--min-f1"}, {"--json", "--verbose"}};
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, std::string(kHelp) + kLexiconsOptionHelp, args))
    return *done;
  auto gold_it = args.options.find("--gold");
  if (gold_it == args.options.end() || gold_it->second.empty() || !args.positional.empty()) {
    std::cerr << "analyzer: eval needs --gold FILE and no other arguments (see `analyzer eval --help`)\n";
    return kExitUsage;
  }
  std::optional<double> min_f1;
  if (auto v = args.option("--min-f1")) {
    char* end = nullptr;
    double x = std::strtod(v->c_str(), &end);
    if (!end || *end || x < 0 || x > 1) {
      std::cerr << "analyzer: --min-f1 takes a number between 0 and 1, not \"" << *v << "\"\n";
      return kExitUsage;
    }
    min_f1 = x;
  }
  LexiconLookup lookup = load_command_lexicons(args, argv[0]);
  if (!report_lexicon_lookup(lookup, std::cerr)) return kExitCannotRun;
  const LexiconMatcher& matcher = *lookup.lexicons.matcher;
  std::vector<std::string> themes;
  std::vector<ThemeLabel> labels;
  for (const Lexicon& l : matcher.lexicons()) {
    themes.push_back(l.id);
    labels.push_back({l.id, l.label});
  }

  ThemeTagger tagger(matcher);
  bool below = false;
  for (const std::string& gold_path : gold_it->second) {
    GoldLoad load = load_gold(gold_path, args.option("--base").value_or("."), themes);
    for (const Diagnostic& d : load.diagnostics) std::cerr << terminal_text(d.render()) << '\n';
    if (!load.ok()) {
      std::cerr << "analyzer: " << gold_path << " has errors; nothing was scored\n";
      return kExitInputFailed;
    }
    SystemMentions ours{"analyzer", {}};
    std::vector<AnswerSpan> answers;
    for (const GoldFile& gf : load.gold.files) analyze_gold_file(gf, tagger, ours.mentions, answers);
    SystemMentions baseline{"baseline", baseline_mentions(load.gold, labels)};
    EvalReport report = evaluate(load.gold, answers, {ours, baseline}, themes);
    if (args.flag("--json")) print_eval_json(report, std::cout);
    else print_eval_table(report, std::cout);
    if (args.flag("--verbose")) print_eval_misses(report, std::cout);
    if (min_f1)
      for (const ThemeRow& row : report.systems.front().rows) {
        auto f1 = row.mention.f1();
        if (row.mention.gold() > 0 && f1 && *f1 < *min_f1) {
          std::cerr << "analyzer: " << gold_path << ": theme " << row.theme << " has mention-level F1 "
                    << *f1 << ", below --min-f1 " << *min_f1 << '\n';
          below = true;
        }
      }
  }
  return below ? kExitInputFailed : kExitOk;
}

}  // namespace analyzer::cli
