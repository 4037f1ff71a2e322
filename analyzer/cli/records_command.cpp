// `analyzer answers`, `analyzer numbers`, `analyzer stats`: read the index,
// filter, print.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/printers.hpp"
#include "analyzer/print/theme_printers.hpp"

namespace analyzer::cli {
namespace {

const std::string kFilterHelp = std::string("Filters:\n") + kRecordFilterHelp +
                                "  --theme T             only answers that mention theme T (a lexicon id, e.g. sip)\n" +
                                std::string(kReadIndexHelp);

// Builds the filter; an error message when a value is not valid.
std::string build_filter(const CliArgs& args, RecordFilter& f) {
  if (auto t = args.option("--theme")) f.theme = *t;
  return parse_record_filter(args, f);
}

template <class Body>
int with_reader(const char* name, const char* help, bool filters, bool json_flag, int argc,
                char** argv, Body body) {
  CommandSpec spec{name, {"--index"},
                   json_flag ? std::set<std::string>{"--json"} : std::set<std::string>{}};
  if (filters) {
    add_options(spec, record_filter_options());
    spec.value_options.insert("--theme");
  }
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2,
                                std::string(help) + (filters ? kFilterHelp : std::string(kReadIndexHelp)),
                                args))
    return *done;
  if (!args.positional.empty()) {
    std::cerr << "analyzer: `analyzer " << name << "` takes no arguments, got \""
              << args.positional.front() << "\" (see `analyzer " << name << " --help`)\n";
    return kExitUsage;
  }
  RecordFilter filter;
  if (std::string err = build_filter(args, filter); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  auto reader = IndexReader::open(index_locations(args));
  if (!reader.ok()) {
    std::cerr << reader.error().render() << '\n';
    return kExitCannotRun;
  }
  body(*reader.value(), filter, args.flag("--json"));
  return kExitOk;
}

}  // namespace

int run_answers(int argc, char** argv) {
  return with_reader("answers",
                     "Usage: analyzer answers [--json] [FILTERS]\n\n"
                     "Lists the answers in the index; --json prints JSON Lines with id, source,\n"
                     "year, region, respondent_type, respondent, question, question_text, text,\n"
                     "start, end (byte offsets in the original file), layout, part.\n"
                     "Raw data: texts are printed as stored, personal data included (excerpts,\n"
                     "report and search mask it).\n\n",
                     true, true, argc, argv,
                     [](const IndexReader& r, const RecordFilter& f, bool json) {
                       auto answers = r.answers(f);
                       if (json) print_answers_jsonl(answers, std::cout);
                       else print_answers_table(answers, std::cout);
                     });
}

int run_numbers(int argc, char** argv) {
  return with_reader("numbers",
                     "Usage: analyzer numbers [--json] [FILTERS]\n\n"
                     "Lists the numeric items (\"Fast vårdkontakt, ange antal: 5\"); --json prints\n"
                     "JSON Lines with source, year, region, respondent_type, respondent, question,\n"
                     "label, value, value_text, start, end.\n\n",
                     true, true, argc, argv,
                     [](const IndexReader& r, const RecordFilter& f, bool json) {
                       auto numbers = r.numbers(f);
                       if (json) print_numbers_jsonl(numbers, std::cout);
                       else print_numbers_table(numbers, std::cout);
                     });
}

int run_mentions(int argc, char** argv) {
  return with_reader("mentions",
                     "Usage: analyzer mentions [--json] [FILTERS]\n\n"
                     "Lists the theme mentions found in answers at ingest; --json prints JSON\n"
                     "Lines with answer_id, source, year, region, respondent_type, respondent,\n"
                     "question, theme, rule, start, end (byte offsets in the original source\n"
                     "file) and text (exactly those bytes). With --theme, only that theme.\n\n",
                     true, true, argc, argv,
                     [](const IndexReader& r, const RecordFilter& f, bool json) {
                       auto answers = r.answers(f);
                       if (json) print_mentions_jsonl(answers, f.theme, std::cout);
                       else print_mentions_table(answers, f.theme, std::cout);
                     });
}

int run_stats(int argc, char** argv) {
  return with_reader("stats",
                     "Usage: analyzer stats [--index DIR]\n\n"
                     "Documents, answers and numeric items in the index, per year and region.\n\n",
                     false, false, argc, argv,
                     [](const IndexReader& r, const RecordFilter&, bool) {
                       print_stats(r.stats(), std::cout);
                     });
}

}  // namespace analyzer::cli
