// `analyzer report`: the theme frequency report from the index, grouped by
// the keys asked for, in one of the formats of print/report_printers.hpp.
//
// argv → CliArgs → ReportConfig (validated: keys, themes, filter, format,
// separator) → theme_report_from_index (report/report_from_index.hpp) →
// print to stdout or --output FILE.

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/html_report.hpp"
#include "analyzer/print/report_printers.hpp"
#include "analyzer/report/excerpts.hpp"
#include "analyzer/report/report_from_index.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer report [OPTIONS]

The theme frequency report a synthesis quotes: for each theme and group, the
respondents mentioning the theme "of" the respondents that answered in the
group ("5 av 15"), the share, the answers and mentions, and with the key
"year" the change against the previous year in the data. Under it, the
respondents' own figures for the theme (numeric items such as "Fast
vårdkontakt, ange antal: 5") and the co-occurrence of theme pairs. A
respondent counts once per group however often it mentions a theme.
Personal data in quoted texts (excerpts, figure labels) is masked as in
`analyzer excerpts`.

Options:
  --by KEYS             group by these comma-separated keys, in this order:
                        year, region, respondent_type, respondent, question
                        (default: one row per theme)
  --theme T             report theme T (a lexicon id, e.g. sip); repeat it or
                        separate ids by commas for more (default: every theme,
                        in lexicon order). Answers are not filtered by theme.
  --format F            table (default), json, csv, md or html (one
                        self-contained page: tables, a bar chart of
                        respondents per theme and year, a region x theme
                        heat map, and the top excerpts per theme)
  --csv-separator C     the CSV separator: one character, or "tab" (default ;)
                        (a CSV text cell that begins with = + - @, a tab or a
                        CR is written '-prefixed and quoted, so a spreadsheet
                        never runs it as a formula; numbers stay numbers)
  --output FILE         write the report to FILE instead of standard output
  --index DIR           index directory (default ./analyzer-index); repeat it
                        to read several indexes or Xapian stub files as one
)";

enum class ReportFormat { Table, Json, Csv, Markdown, Html };

// Excerpts per theme on the HTML page.
constexpr std::size_t kHtmlExcerptsPerTheme = 3;

// What the command runs with, validated.
struct ReportConfig {
  std::vector<std::string> index{"analyzer-index"};
  ThemeReportOptions options;
  std::vector<std::string> themes;   // ids asked for, in order; empty: all
  RecordFilter filter;               // never with a theme: every answer counts
  ReportFormat format = ReportFormat::Table;
  char separator = ';';
  std::optional<std::string> output;
};

// Splits every value of `name` at commas; empty items are kept so they can
// be reported.
std::vector<std::string> comma_list(const CliArgs& args, const std::string& name) {
  std::vector<std::string> items;
  auto it = args.options.find(name);
  if (it == args.options.end()) return items;
  for (const std::string& value : it->second) {
    std::size_t pos = 0;
    while (true) {
      std::size_t comma = value.find(',', pos);
      items.push_back(value.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  return items;
}

// Everything but the themes (which need the lexicons). An error message
// when a value is not valid, empty otherwise.
std::string build_config(const CliArgs& args, ReportConfig& c) {
  c.index = index_locations(args);
  for (const std::string& key : comma_list(args, "--by")) {
    auto k = parse_group_key(key);
    if (!k)
      return "--by takes year, region, respondent_type, respondent or question (comma-separated), not \"" +
             key + "\"";
    if (std::find(c.options.by.begin(), c.options.by.end(), *k) != c.options.by.end())
      return "--by names \"" + key + "\" twice";
    c.options.by.push_back(*k);
  }
  for (const std::string& t : comma_list(args, "--theme")) {
    if (t.empty()) return "--theme takes a theme id such as sip, not an empty value";
    if (std::find(c.themes.begin(), c.themes.end(), t) == c.themes.end()) c.themes.push_back(t);
  }
  if (auto f = args.option("--format")) {
    if (*f == "table") c.format = ReportFormat::Table;
    else if (*f == "json") c.format = ReportFormat::Json;
    else if (*f == "csv") c.format = ReportFormat::Csv;
    else if (*f == "md") c.format = ReportFormat::Markdown;
    else if (*f == "html") c.format = ReportFormat::Html;
    else return "--format takes table, json, csv, md or html, not \"" + *f + "\"";
  }
  if (auto s = args.option("--csv-separator")) {
    if (c.format != ReportFormat::Csv) return "--csv-separator only applies to --format csv";
    if (*s == "tab" || *s == "\\t") c.separator = '\t';
    else if (s->size() == 1 && *s != "\"" && *s != "\r" && *s != "\n") c.separator = s->front();
    else return "--csv-separator takes one character (or \"tab\") other than a quote, not \"" + *s + "\"";
  }
  c.output = args.option("--output");
  return parse_record_filter(args, c.filter);
}

// The reported themes with their labels: those asked for (an error naming
// the unknown one and the valid ids otherwise), else every lexicon's.
std::string choose_themes(const LexiconMatcher& matcher, const std::vector<std::string>& asked,
                          std::vector<ThemeInfo>& themes) {
  if (asked.empty()) {
    for (const Lexicon& l : matcher.lexicons()) themes.push_back({l.id, l.label});
    return {};
  }
  for (const std::string& id : asked) {
    const Lexicon* l = matcher.find(id);
    if (!l) {
      std::string msg = "no lexicon has the theme \"" + id + "\"; themes:";
      for (const Lexicon& known : matcher.lexicons()) msg += " " + known.id;
      return msg;
    }
    themes.push_back({l->id, l->label});
  }
  return {};
}

void print_report(const ThemeReport& report, const std::vector<ExcerptList>& excerpts, const ReportConfig& c,
                  std::ostream& out) {
  switch (c.format) {
    case ReportFormat::Html: print_report_html(report, excerpts, out); break;
    case ReportFormat::Table: print_report_table(report, out); break;
    case ReportFormat::Json: print_report_json(report, out); break;
    case ReportFormat::Csv: print_report_csv(report, out, c.separator); break;
    case ReportFormat::Markdown: print_report_markdown(report, out); break;
  }
}

}  // namespace

int run_report(int argc, char** argv) {
  CommandSpec spec{"report", {"--index", "--by", "--theme", "--format", "--csv-separator", "--output", "--lexicons"}, {}};
  add_options(spec, record_filter_options());
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, std::string(kHelp) + kRecordFilterHelp + kLexiconsOptionHelp, args))
    return *done;
  if (!args.positional.empty()) {
    std::cerr << "analyzer: `analyzer report` takes no arguments, got \"" << args.positional.front()
              << "\" (see `analyzer report --help`)\n";
    return kExitUsage;
  }
  ReportConfig config;
  if (std::string err = build_config(args, config); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  LexiconLookup lexicons = load_command_lexicons(args, argv[0]);
  if (!report_lexicon_lookup(lexicons, std::cerr)) return kExitCannotRun;
  std::vector<ThemeInfo> themes;
  if (std::string err = choose_themes(*lexicons.lexicons.matcher, config.themes, themes); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }

  auto reader = IndexReader::open(config.index);
  if (!reader.ok()) {
    std::cerr << reader.error().render() << '\n';
    return kExitCannotRun;
  }
  const IndexReader& index = *reader.value();
  const ThemeReport report = theme_report_from_index(index, config.filter, themes, config.options);
  std::vector<ExcerptList> excerpts;
  if (config.format == ReportFormat::Html) {
    // Only the answers that mention the theme can give its excerpts.
    const std::vector<std::string> names = index.contact_names();
    for (const ThemeInfo& t : themes) {
      RecordFilter with_theme = config.filter;
      with_theme.theme = t.id;
      excerpts.push_back(
          build_excerpts(index.answers(with_theme), t.id, t.label, names, ExcerptOptions{kHtmlExcerptsPerTheme}));
    }
  }

  if (!config.output) {
    print_report(report, excerpts, config, std::cout);
    return kExitOk;
  }
  std::ofstream file(*config.output, std::ios::binary);
  if (file) print_report(report, excerpts, config, file);
  if (file) file.close();
  if (!file) {
    std::cerr << "analyzer: cannot write the report to " << *config.output << ": " << std::strerror(errno)
              << '\n';
    return kExitCannotRun;
  }
  return kExitOk;
}

}  // namespace analyzer::cli
