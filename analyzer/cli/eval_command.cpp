// `analyzer eval`: the lexicons and the segmenter against hand annotations,
// beside the naive baseline, in one run.

#include <algorithm>
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

constexpr const char* kEvalIntro = R"(Usage: analyzer eval --gold FILE [OPTIONS]

Scores theme tagging against a gold file (JSON Lines of file, theme, start,
end; see tests/gold/README.md). Each annotated file is analysed as ingest
would (segmented, only answer text tagged); the naive baseline is a
case-insensitive search of each theme's label over the whole file, as
Ctrl-F would. Prints precision, recall and F1 per theme, at mention level
and at answer level, for both.

Options:
)";

const CommandSpec& eval_spec() {
  static const CommandSpec spec{
      "eval",
      {list_option("--gold", "  --gold FILE           the gold file (may be given more than once)\n"),
       list_option("--theme", "  --theme T             score only theme T (id or label; may be given more than\n"
                              "                        once), e.g. the themes a coder reviewed (default: all)\n"),
       text_option("--base", "  --base DIR            folder the gold file's paths are relative to\n"
                "                        (default: the current folder)\n"),
       decimal_option("--min-f1", "  --min-f1 X            exit 1 when the analyzer's mention-level F1 of a\n"
                "                        theme with gold mentions is below X (e.g. 0.95)\n", 0, 1),
       flag_option("--json", "  --json                one JSON object per gold file instead of a table\n"),
       flag_option("--verbose", "  --verbose             also list every false positive and false negative\n"),
       flag_option("--help", "  --help                this help\n"),
       lexicons_option()},
      kEvalIntro};
  return spec;
}

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

// Prints the themes of `report` whose mention-level F1 is below `min_f1`;
// true when there is one.
bool below_min_f1(const EvalReport& report, double min_f1, const std::string& gold_path) {
  bool below = false;
  for (const ThemeRow& row : report.systems.front().rows) {
    auto f1 = row.mention.f1();
    if (row.mention.gold() > 0 && f1 && *f1 < min_f1) {
      std::cerr << "analyzer: " << gold_path << ": theme " << row.theme << " has mention-level F1 " << *f1
                << ", below --min-f1 " << min_f1 << '\n';
      below = true;
    }
  }
  return below;
}

enum class GoldOutcome { Met, BelowMinF1, GoldHasErrors };

// Scores one gold file and prints its report (or its errors).
GoldOutcome score_gold_file(const std::string& gold_path, const CliArgs& args,
                            const std::vector<const Lexicon*>& scored, ThemeTagger& tagger) {
  std::vector<std::string> themes;
  std::vector<ThemeLabel> labels;
  for (const Lexicon* l : scored) {
    themes.push_back(l->id);
    labels.push_back({l->id, l->label});
  }
  GoldLoad load = load_gold(gold_path, args.option("--base").value_or("."), themes);
  for (const Diagnostic& d : load.diagnostics) std::cerr << terminal_text(d.render()) << '\n';
  if (!load.ok()) {
    std::cerr << "analyzer: " << gold_path << " has errors; nothing was scored\n";
    return GoldOutcome::GoldHasErrors;
  }
  SystemMentions ours{"analyzer", {}};
  std::vector<AnswerSpan> answers;
  for (const GoldFile& gf : load.gold.files) analyze_gold_file(gf, tagger, ours.mentions, answers);
  SystemMentions baseline{"baseline", baseline_mentions(load.gold, labels)};
  EvalReport report = evaluate(load.gold, answers, {ours, baseline}, themes);
  if (args.flag("--json")) print_eval_json(report, std::cout);
  else print_eval_table(report, std::cout);
  if (args.flag("--verbose")) print_eval_misses(report, std::cout);
  const std::optional<double> min_f1 = args.decimal("--min-f1");
  return min_f1 && below_min_f1(report, *min_f1, gold_path) ? GoldOutcome::BelowMinF1 : GoldOutcome::Met;
}

}  // namespace

int run_eval(int argc, char** argv) {
  CommandStart start = parse_command(eval_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (args.values("--gold").empty() || !args.positional.empty())
    return usage_error(usage_problem("eval needs --gold FILE and no other arguments", "eval"));
  std::optional<LexiconMatcher> matcher = ready_lexicons(args, argv[0]);
  if (!matcher) return kExitCannotRun;
  // The themes scored: --theme's, else every lexicon's.
  std::vector<const Lexicon*> scored;
  for (const std::string& name : args.values("--theme")) {
    Result<const Lexicon*> theme = find_theme_option(*matcher, name);
    if (!theme.ok()) return usage_error(theme.error());
    if (std::find(scored.begin(), scored.end(), theme.value()) == scored.end()) scored.push_back(theme.value());
  }
  if (scored.empty())
    for (const Lexicon& l : matcher->lexicons()) scored.push_back(&l);
  ThemeTagger tagger(*matcher);
  bool below = false;
  for (const std::string& gold_path : args.values("--gold")) {
    const GoldOutcome outcome = score_gold_file(gold_path, args, scored, tagger);
    if (outcome == GoldOutcome::GoldHasErrors) return kExitInputFailed;
    below = below || outcome == GoldOutcome::BelowMinF1;
  }
  return below ? kExitInputFailed : kExitOk;
}

}  // namespace analyzer::cli
