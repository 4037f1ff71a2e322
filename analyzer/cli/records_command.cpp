// `analyzer answers`, `analyzer numbers`, `analyzer stats`: read the index,
// filter, print.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/printers.hpp"
#include "analyzer/print/theme_printers.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kFilterHelp = R"(Filters:
  --year Y              only year Y
  --region R            only region R (e.g. Halland; case-insensitive)
  --respondent-type T   kommun, rss or region
  --question Q          only question Q as printed (e.g. 5a)
  --source FILE         only the source file named FILE
  --theme T             only answers that mention theme T (a lexicon id, e.g. sip)
  --index DIR           index directory (default ./analyzer-index)
)";

const std::set<std::string> kFilterOptions{"--year", "--region", "--respondent-type",
                                           "--question", "--source", "--index", "--theme"};

// Builds the filter; an error message when a value is not valid.
std::string build_filter(const CliArgs& args, RecordFilter& f) {
  if (auto y = args.option("--year")) {
    char* end = nullptr;
    long v = std::strtol(y->c_str(), &end, 10);
    if (!end || *end || v < 1900 || v > 2200) return "--year takes a year such as 2023, not \"" + *y + "\"";
    f.year = static_cast<int>(v);
  }
  if (auto r = args.option("--region")) f.region = *r;
  if (auto t = args.option("--respondent-type")) {
    f.respondent_type = parse_respondent_type(*t);
    if (!f.respondent_type) return "--respondent-type takes kommun, rss or region, not \"" + *t + "\"";
  }
  if (auto q = args.option("--question")) f.question = *q;
  if (auto s = args.option("--source")) f.source = *s;
  if (auto t = args.option("--theme")) f.theme = *t;
  return {};
}

template <class Body>
int with_reader(const char* name, const char* help, bool filters, bool json_flag, int argc,
                char** argv, Body body) {
  CommandSpec spec{name, filters ? kFilterOptions : std::set<std::string>{"--index"},
                   json_flag ? std::set<std::string>{"--json"} : std::set<std::string>{}};
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2,
                                std::string(help) + (filters ? kFilterHelp : "  --index DIR  index directory (default ./analyzer-index)\n"),
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
  auto reader = IndexReader::open(args.option("--index").value_or("analyzer-index"));
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
                     "start, end (byte offsets in the original file), layout, part.\n\n",
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
