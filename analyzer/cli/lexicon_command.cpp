// `analyzer lexicon check|test|explain`: for lexicon authors.

#include <iostream>
#include <iterator>
#include <sstream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/print/theme_printers.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer lexicon COMMAND [OPTIONS]

Commands:
  check [FILE...]          validate lexicons (default: every lexicon in the
                           lexicon folder); errors name file:line:column and rule
  test [FILE...]           run every lexicon's "match" and "no_match" examples;
                           a failing example prints its rule trace
  explain [--theme T] TEXT show which rule matched which span of TEXT, and
                           which exclusion stopped a near-miss ("-": read stdin)

Options:
  --help                   this help
)";

int usage_error(const std::string& message) {
  std::cerr << "analyzer: " << message << " (see `analyzer lexicon --help`)\n";
  return kExitUsage;
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
  if (args.positional.size() != 1) return usage_error("lexicon explain takes one TEXT (quote it)");
  std::string text = args.positional.front();
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
  if (std::string err = invalid_utf8_problem("TEXT", text); !err.empty()) return usage_error(err);
  LexiconLookup lookup = load_command_lexicons(args, exe);
  if (!report_lexicon_lookup(lookup, std::cerr)) return kExitCannotRun;
  const LexiconMatcher& matcher = *lookup.lexicons.matcher;
  std::string theme = args.option("--theme").value_or("");
  if (!theme.empty() && !matcher.find(theme)) {
    std::ostringstream known;
    for (const Lexicon& l : matcher.lexicons()) known << ' ' << l.id;
    return usage_error("no lexicon has the theme \"" + theme + "\"; themes:" + known.str());
  }
  ThemeTagger tagger(matcher);
  MatchTrace trace;
  std::vector<Mention> mentions = tagger.tag(text, &trace);
  print_explain(text, trace, mentions, theme, std::cout);
  return kExitOk;
}

}  // namespace

int run_lexicon(int argc, char** argv) {
  if (argc < 3 || std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h") {
    std::cout << kHelp << kLexiconsOptionHelp;
    return argc < 3 ? kExitUsage : kExitOk;
  }
  std::string sub = argv[2];
  CommandSpec spec{"lexicon " + sub, {"--lexicons"}, {}};
  if (sub == "explain") spec.value_options.insert("--theme");
  else if (sub != "check" && sub != "test")
    return usage_error("unknown lexicon command \"" + sub + "\"; use check, test or explain");
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 3, std::string(kHelp) + kLexiconsOptionHelp, args))
    return *done;
  if (sub == "check") return run_check(args, argv[0]);
  if (sub == "test") return run_test(args, argv[0]);
  return run_explain(args, argv[0]);
}

}  // namespace analyzer::cli
