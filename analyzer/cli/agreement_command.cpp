// `analyzer agreement`: how far two coders agree (coding/agreement.hpp),
// printed by print/agreement_printers.hpp. A thin layer: read the index and
// the store, check the coders, measure, print.

#include <iostream>
#include <map>
#include <set>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/coding/agreement.hpp"
#include "analyzer/print/agreement_printers.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kAgreementIntro = R"(Usage: analyzer agreement --coders A,B [--theme T] [filters] [--overlap PCT]
                          [--format table|json|csv] [OPTIONS]

Intercoder agreement of coders A and B, per theme and overall, on the
answers BOTH reviewed (a coder reviewed an answer when the coder made any
decision or manual coding in it; answers only one of them reviewed are left
out and counted):
  answer level   is the theme present in the answer? (an accepted mention or
                 a manual coding with the theme: yes; a rejected mention or
                 nothing: no) -- percent agreement and Cohen's kappa
                 (undefined, and said so, when both judged every answer the
                 same way);
  segment level  as MAXQDA: a coded segment agrees when the other coder has a
                 segment of the same theme overlapping it by at least PCT %
                 of the characters the two cover -- percent of segments;
  lexicon        the automatic mentions against each coder at answer level:
                 precision, recall, F1;
and the answers where A and B differ. Decision parts (cover letters) count.
The table is in Swedish; json and csv fields are in the printer's header
(print/agreement_printers.hpp) and in README.md.

Options:
)";

constexpr const char* kAgreementOutro = R"(
Exit status: 0 ok, 2 usage error (unknown coder, the same coder twice, no
answer reviewed by both, unknown theme), 3 the index or the coding store
could not be used.
)";

const CommandSpec& agreement_spec() {
  static const CommandSpec spec{
      "agreement",
      std::vector<OptionSpec>{
          text_option("--coders", "  --coders A,B          the two coders to compare (names as `--coder` gave them)\n"),
          text_option("--theme", "  --theme T             only this theme (id or label); default every theme\n"),
          decimal_option("--overlap", "  --overlap PCT         segment overlap needed to agree, 1-100 (default 90)\n",
                         1, 100),
          choice_option("--format", "  --format F            table (default), json or csv\n", {"table", "json", "csv"}),
          lexicons_option(),
          text_option("--index", kIndexHelp),
          text_option("--codings", kStoreHelp)} +
          record_filter_options(),
      kAgreementIntro, kAgreementOutro};
  return spec;
}

// "A,B" as two names; a usage error otherwise.
Result<std::pair<std::string, std::string>> coders_of(const CliArgs& args) {
  const std::optional<std::string> given = args.option("--coders");
  if (!given) return usage_problem("missing --coders A,B (the two coders to compare)", "agreement");
  const std::size_t comma = given->find(',');
  if (comma == std::string::npos || given->find(',', comma + 1) != std::string::npos || comma == 0 ||
      comma + 1 == given->size())
    return usage_problem("--coders takes two names separated by one comma (A,B), not \"" + *given + "\"",
                         "agreement");
  std::pair<std::string, std::string> names{given->substr(0, comma), given->substr(comma + 1)};
  if (Status s = check_utf8("--coders", *given); !s.ok()) return std::move(s).error();
  if (names.first == names.second)
    return usage_problem("--coders names " + names.first + " twice; agreement compares two different coders",
                         "agreement");
  return names;
}

}  // namespace

int run_agreement(int argc, char** argv) {
  CommandStart start = parse_command(agreement_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (!args.positional.empty())
    return usage_error(usage_problem("`analyzer agreement` takes no arguments, got \"" + args.positional[0] + "\"",
                                     "agreement"));
  Result<std::pair<std::string, std::string>> coders = coders_of(args);
  if (!coders.ok()) return usage_error(coders.error());
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return usage_error(filter.error());
  filter.value().include_decisions = true;

  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, argv[0]);
  if (!lexicons) return kExitCannotRun;
  std::vector<std::string> themes;
  std::map<std::string, std::string> labels;
  if (auto t = args.option("--theme")) {
    Result<const Lexicon*> theme = find_theme_option(*lexicons, *t);
    if (!theme.ok()) return usage_error(theme.error());
    themes.push_back(theme.value()->id);
  }
  for (const Lexicon& l : lexicons->lexicons()) {
    labels[l.id] = l.label;
    if (!args.option("--theme")) themes.push_back(l.id);
  }

  int exit = kExitOk;
  std::unique_ptr<IndexReader> reader = open_filtered_index({index_dir(args)}, filter.value(), exit);
  if (!reader) return exit;
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  if (Status s = sync_codings(*store, *reader); !s.ok()) return store_failure(s.error());
  Result<std::vector<coding::Coding>> codings = store->codings();
  if (!codings.ok()) return store_failure(codings.error());
  if (Status s = check_coders_have_codings(codings.value(), {coders.value().first, coders.value().second}, args,
                                           "agreement");
      !s.ok())
    return usage_error(s.error());

  coding::AgreementOptions options;
  if (auto pct = args.decimal("--overlap")) options.min_overlap_percent = *pct;
  const coding::AgreementReport report = coding::measure_agreement(
      reader->answers(filter.value()), codings.value(), coders.value().first, coders.value().second, themes, options);
  if (report.units == 0)
    return usage_error(usage_problem(
        "no answer was reviewed by both " + report.coder_a + " and " + report.coder_b + " (" +
            std::to_string(report.only_a) + " only by " + report.coder_a + ", " + std::to_string(report.only_b) +
            " only by " + report.coder_b + (args.option("--year") || args.option("--region") ||
                                                    args.option("--respondent-type") || args.option("--question") ||
                                                    args.option("--source")
                                                ? ", among the answers the filters keep)"
                                                : ")") +
            "; both must code the same answers",
        "agreement"));
  const AgreementFormat format = static_cast<AgreementFormat>(args.choice("--format").value_or(0));
  print_agreement(report, labels, format, std::cout);
  return kExitOk;
}

}  // namespace analyzer::cli
