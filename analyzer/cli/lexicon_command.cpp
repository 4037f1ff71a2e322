// `analyzer lexicon check|test|explain`: for lexicon authors.

#include <iostream>
#include <iterator>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/print/theme_printers.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kLexiconIntro = R"(Usage: analyzer lexicon COMMAND [OPTIONS]

Commands:
  check [FILE...]          validate lexicons (default: every lexicon in the
                           lexicon folder); errors name file:line:column and rule
  test [FILE...]           run every lexicon's "match" and "no_match" examples;
                           a failing example prints its rule trace
  explain [--theme T] TEXT show which rule matched which span of TEXT, and
                           which exclusion stopped a near-miss ("-": read stdin)

Options:
)";

// The options of `analyzer lexicon <sub>`; --theme only for explain (its
// help is in the command list).
CommandSpec lexicon_spec(const std::string& sub) {
  CommandSpec spec{"lexicon " + sub,
                   {flag_option("--help", "  --help                   this help\n"),
                    lexicons_option()},
                   kLexiconIntro};
  if (sub == "explain") spec.options.push_back(text_option("--theme"));
  return spec;
}

// A usage error pointing to `analyzer lexicon --help`.
int lexicon_usage_error(std::string message) {
  return usage_error(usage_problem(std::move(message), "lexicon"));
}

int run_check(const CliArgs& args, const char* exe) {
  LexiconLookup lookup = load_command_lexicons(args, exe, args.positional);
  bool ready = report_lexicon_lookup(lookup, std::cerr);
  std::size_t errors = 0, warnings = 0, rules = 0, exclusions = 0, examples = 0;
  for (const Diagnostic& d : lookup.lexicons.load.diagnostics)
    (d.severity == Severity::Error ? errors : warnings) += 1;
  if (!lookup.status.ok()) ++errors;
  for (const Lexicon& l : lookup.lexicons.load.lexicons) {
    rules += l.rules.size();
    exclusions += l.exclusions.size();
    examples += l.must_match.size() + l.must_not_match.size();
  }
  std::cout << "checked " << lookup.lexicons.load.lexicons.size() << " lexicons in";
  for (const std::string& p : lookup.lexicons.paths) std::cout << ' ' << p;
  std::cout << ": " << rules << " rules, " << exclusions << " exclusions, " << examples
            << " examples; " << errors << " errors, " << warnings << " warnings\n";
  return ready ? kExitOk : kExitInputFailed;
}

int run_test(const CliArgs& args, const char* exe) {
  LexiconLookup lookup = load_command_lexicons(args, exe, args.positional);
  if (!report_lexicon_lookup(lookup, std::cerr)) return kExitCannotRun;
  std::vector<ExampleOutcome> outcomes = run_lexicon_examples(*lookup.lexicons.matcher);
  print_example_outcomes(outcomes, std::cout);
  for (const ExampleOutcome& o : outcomes)
    if (!o.passed) return kExitInputFailed;
  return kExitOk;
}

int run_explain(const CliArgs& args, const char* exe) {
  if (args.positional.size() != 1) return lexicon_usage_error("lexicon explain takes one TEXT (quote it)");
  std::string text = args.positional.front();
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
  if (Status utf8 = check_utf8("TEXT", text); !utf8.ok()) return lexicon_usage_error(utf8.error().message);
  std::optional<LexiconMatcher> matcher = ready_lexicons(args, exe);
  if (!matcher) return kExitCannotRun;
  std::string theme = args.option("--theme").value_or("");
  if (!theme.empty()) {
    Result<const Lexicon*> known = find_theme(*matcher, theme);
    if (!known.ok()) return lexicon_usage_error(known.error().message);
    theme = known.value()->id;
  }
  ThemeTagger tagger(*matcher);
  MatchTrace trace;
  std::vector<Mention> mentions = tagger.tag(text, &trace);
  print_explain(text, trace, mentions, theme, std::cout);
  return kExitOk;
}

}  // namespace

int run_lexicon(int argc, char** argv) {
  if (argc < 3 || std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h") {
    std::cout << lexicon_spec("").help();
    return argc < 3 ? kExitUsage : kExitOk;
  }
  const std::string sub = argv[2];
  if (sub != "check" && sub != "test" && sub != "explain")
    return lexicon_usage_error("unknown lexicon command \"" + sub + "\"; use check, test or explain");
  CommandStart start = parse_command(lexicon_spec(sub), argc, argv, 3);
  if (!start.args) return start.exit;
  if (sub == "check") return run_check(*start.args, argv[0]);
  if (sub == "test") return run_test(*start.args, argv[0]);
  return run_explain(*start.args, argv[0]);
}

}  // namespace analyzer::cli
