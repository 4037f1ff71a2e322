// `analyzer answers`, `analyzer numbers`, `analyzer stats`: read the index,
// filter, print.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/printers.hpp"
#include "analyzer/print/theme_printers.hpp"

namespace analyzer::cli {
namespace {

// One listing command: its help text before the options, whether it takes
// the filters (and --json), and what it prints.
struct Listing {
  const char* name;
  const char* intro;
  bool filters;
  void (*print)(const IndexReader& reader, const RecordFilter& filter, bool json);
};

CommandSpec listing_spec(const Listing& listing) {
  if (!listing.filters) return {listing.name, {read_index_option()}, listing.intro};
  return {listing.name,
          record_filter_options() +
              std::vector<OptionSpec>{
                  text_option("--theme",
                              "  --theme T             only answers that mention theme T (its id or label,\n"
                              "                        e.g. sip, \"trygg hemgång\")\n"),
                  lexicons_option(),
                  read_index_option(),
                  flag_option("--json")} +
              (std::string_view(listing.name) == "numbers" ? std::vector<OptionSpec>{}
                                                           : std::vector<OptionSpec>{include_decisions_option()}),
          std::string(listing.intro) + "Filters:\n"};
}

// Parses, opens the index and prints.
int run_listing(const Listing& listing, int argc, char** argv) {
  CommandStart start = parse_command(listing_spec(listing), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (!args.positional.empty())
    return usage_error(usage_problem("`analyzer " + std::string(listing.name) + "` takes no arguments, got \"" +
                                         args.positional.front() + "\"",
                                     listing.name));
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return usage_error(filter.error());
  const ThemeOption theme = theme_option_id(args, argv[0]);
  if (theme.exit) return *theme.exit;
  filter.value().theme = theme.id;
  int exit = kExitOk;
  std::unique_ptr<IndexReader> reader = open_filtered_index(index_locations(args), filter.value(), exit);
  if (!reader) return exit;
  listing.print(*reader, filter.value(), args.flag("--json"));
  return kExitOk;
}

}  // namespace

int run_answers(int argc, char** argv) {
  return run_listing({"answers",
                      "Usage: analyzer answers [--json] [FILTERS]\n\n"
                      "Lists the answers in the index; --json prints JSON Lines with id, source,\n"
                      "year, region, respondent_type, respondent, question, question_text, text,\n"
                      "start, end (byte offsets in the original file; in the text extracted from\n"
                      "it for PDF, DOCX, XLSX), location (where the answer starts: {\"line\": 530},\n"
                      "{\"page\": 14}, {\"paragraph\": 212}, {\"sheet\": \"Blad1\", \"row\": 7,\n"
                      "\"column\": \"F\"}), layout, part, mentions (each with its own location).\n"
                      "Raw data: texts are printed as stored, personal data included (excerpts,\n"
                      "report and search mask it).\n\n",
                      true,
                      [](const IndexReader& r, const RecordFilter& f, bool json) {
                        auto answers = r.answers(f);
                        if (json) print_answers_jsonl(answers, std::cout);
                        else print_answers_table(answers, std::cout);
                      }},
                     argc, argv);
}

int run_numbers(int argc, char** argv) {
  return run_listing({"numbers",
                      "Usage: analyzer numbers [--json] [FILTERS]\n\n"
                      "Lists the numeric items (\"Fast vårdkontakt, ange antal: 5\"); --json prints\n"
                      "JSON Lines with source, year, region, respondent_type, respondent, question,\n"
                      "question_text (the question's prompt; \"\" for a spreadsheet column), label,\n"
                      "value, value_text, start, end, location (as in answers --json).\n\n",
                      true,
                      [](const IndexReader& r, const RecordFilter& f, bool json) {
                        auto numbers = r.numbers(f);
                        if (json) print_numbers_jsonl(numbers, std::cout);
                        else print_numbers_table(numbers, std::cout);
                      }},
                     argc, argv);
}

int run_mentions(int argc, char** argv) {
  return run_listing({"mentions",
                      "Usage: analyzer mentions [--json] [FILTERS]\n\n"
                      "Lists the theme mentions found in answers at ingest; --json prints JSON\n"
                      "Lines with id (the mention's stable id, for `analyzer code accept|reject`),\n"
                      "answer_id, source, year, region, respondent_type, respondent,\n"
                      "question, theme, rule, start, end (byte offsets in the original source\n"
                      "file) and text (exactly those bytes), location (where the mention starts,\n"
                      "as in answers --json). With --theme, only that theme.\n\n",
                      true,
                      [](const IndexReader& r, const RecordFilter& f, bool json) {
                        auto answers = r.answers(f);
                        if (json) print_mentions_jsonl(answers, f.theme, std::cout);
                        else print_mentions_table(answers, f.theme, std::cout);
                      }},
                     argc, argv);
}

int run_stats(int argc, char** argv) {
  return run_listing({"stats",
                      "Usage: analyzer stats [--index DIR]\n\n"
                      "Documents, answers and numeric items in the index, per year and region.\n\n",
                      false,
                      [](const IndexReader& r, const RecordFilter&, bool) { print_stats(r.stats(), std::cout); }},
                     argc, argv);
}

}  // namespace analyzer::cli
