// `analyzer report`: the theme frequency report from the index, grouped by
// the keys asked for, in one of the formats of print/report_printers.hpp.
//
// argv → CliArgs → ReportConfig (validated: keys, themes, filter, format,
// separator) → theme_report_from_index (report/report_from_index.hpp) →
// print to stdout or --output FILE.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/codes_option.hpp"
#include "analyzer/cli/command_provenance.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/file_output.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/docx_report.hpp"
#include "analyzer/print/html_report.hpp"
#include "analyzer/print/report_printers.hpp"
#include "analyzer/print/xlsx_report.hpp"
#include "analyzer/report/excerpts.hpp"
#include "analyzer/report/report_from_index.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kReportIntro = R"(Usage: analyzer report [OPTIONS]

The theme frequency report a synthesis quotes: for each theme and group, the
respondents mentioning the theme "of" the respondents that answered in the
group ("5 av 15"), the share, the answers and mentions, and with the key
"year" the change against the previous year in the data, like with like:
among the respondents that answered in the group both years (or, with the
key respondent_type, within the same type), in percentage points; groups
with no respondent in common say "ej jämförbart" with the reason in a
note. A share from fewer than --min-group respondents is marked. Under it, the
respondents' own figures for the theme (numeric items such as "Fast
vårdkontakt, ange antal: 5") and the co-occurrence of theme pairs. A
respondent counts once per group however often it mentions a theme.
Personal data in quoted texts (excerpts, figure labels) is masked as in
`analyzer excerpts`. Every format ends with where the report comes from
("Underlag och framställning"; JSON "provenance"): time (UTC; the
environment variable SOURCE_DATE_EPOCH, seconds since 1970, sets it, for
tests and reruns), analyzer, analysis and index versions, the lexicons'
version, the command line, and each source file with its year, region and
respondent and where each came from (manifest, detected, default), and
which theme codes were counted (--codes; "Kodning: granskade koder — 12 av
143 automatiska kodningar granskade (10 godkända, 2 avvisade), 3 manuella
kodningar"; JSON provenance.codes; CSV a column Kodning), stated whenever a
coding store exists or --codes is given. With reviewed codes a mention an
analyst rejected is not counted (an answer whose only mention of the theme
was rejected no longer mentions it) and a manual coding with a theme counts
as a mention; every answer of the filter is then read (the stored tallies
know only the automatic mentions).

Options:
)";

// In the order of the --format choices.
enum class ReportFormat { Table, Json, Csv, Md, Html, Xlsx, Docx };

// XLSX and DOCX are files, never written to standard output.
bool report_binary_format(ReportFormat f) { return f == ReportFormat::Xlsx || f == ReportFormat::Docx; }

const CommandSpec& report_spec() {
  static const CommandSpec spec{
      "report",
      std::vector<OptionSpec>{
          list_option("--by", "  --by KEYS             group by these comma-separated keys, in this order:\n"
                   "                        year, region, respondent_type, respondent, question\n"
                   "                        (default: one row per theme)\n"),
          list_option("--theme", "  --theme T             report theme T (id or label, e.g. sip); repeat it or\n"
                   "                        separate ids by commas for more (default: every theme,\n"
                   "                        in lexicon order). Answers are not filtered by theme.\n"),
          choice_option("--format", "  --format F            table (default), json, csv, md, html (one\n"
                   "                        self-contained page: tables, a bar chart of\n"
                   "                        respondents per theme and year, a region x theme\n"
                   "                        heat map, and the top excerpts per theme), xlsx (an\n"
                   "                        Excel workbook: one sheet per table, typed numbers,\n"
                   "                        and the top excerpts) or docx (a Word document: the\n"
                   "                        tables and the top excerpts as quotes with their\n"
                   "                        citations); xlsx and docx need --output\n",
                        {"table", "json", "csv", "md", "html", "xlsx", "docx"}),
          text_option("--csv-separator",
                      "  --csv-separator C     the CSV separator: one character, or \"tab\" (default ;)\n"
                   "                        (a CSV text cell that begins with = + - @, a tab or a\n"
                   "                        CR is written '-prefixed and quoted, so a spreadsheet\n"
                   "                        never runs it as a formula; numbers stay numbers)\n"),
          text_option("--output", "  --output FILE         write the report to FILE instead of standard output\n"
                   "                        (required for xlsx and docx)\n"),
          number_option("--min-group", "  --min-group N         mark the share of a group of fewer than N respondents\n"
                   "                        (shown with its counts; hatched in the HTML heat map;\n"
                   "                        JSON small_group: true); default 5, 0 marks none\n",
                        0, 1000000, "a whole number of respondents"),
          read_index_option()} +
          record_filter_options() + std::vector<OptionSpec>{include_decisions_option(), lexicons_option()} +
          codes_options(),
      kReportIntro};
  return spec;
}

// Excerpts per theme on the HTML page, and in the workbook and Word file
// (from which an analyst chooses quotes for the summary).
constexpr std::size_t kHtmlExcerptsPerTheme = 3;
constexpr std::size_t kOfficeExcerptsPerTheme = 10;

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

// The keys of --by, in order; fails on an unknown or repeated key.
Result<std::vector<GroupKey>> group_keys(const CliArgs& args) {
  std::vector<GroupKey> keys;
  for (const std::string& key : comma_list(args, "--by")) {
    auto k = parse_group_key(key);
    if (!k)
      return make_error("", "--by takes year, region, respondent_type, respondent or question (comma-separated), "
                            "not \"" + key + "\"");
    if (std::find(keys.begin(), keys.end(), *k) != keys.end())
      return make_error("", "--by names \"" + key + "\" twice");
    keys.push_back(*k);
  }
  return keys;
}

// The theme ids of --theme, in order, each once; fails on an empty id.
Result<std::vector<std::string>> theme_ids(const CliArgs& args) {
  std::vector<std::string> themes;
  for (const std::string& t : comma_list(args, "--theme")) {
    if (t.empty()) return make_error("", "--theme takes a theme id such as sip, not an empty value");
    if (std::find(themes.begin(), themes.end(), t) == themes.end()) themes.push_back(t);
  }
  return themes;
}

// --csv-separator (only with --format csv): one character other than a
// quote or a line break, or "tab".
Result<char> csv_separator(const CliArgs& args, ReportFormat format) {
  auto s = args.option("--csv-separator");
  if (!s) return ';';
  if (format != ReportFormat::Csv) return make_error("", "--csv-separator only applies to --format csv");
  if (*s == "tab" || *s == "\\t") return '\t';
  if (s->size() == 1 && *s != "\"" && *s != "\r" && *s != "\n") return s->front();
  return make_error("", "--csv-separator takes one character (or \"tab\") other than a quote, not \"" + *s + "\"");
}

// Everything but the themes' labels (which need the lexicons); fails
// naming the option and the bad value.
Result<ReportConfig> build_report_config(const CliArgs& args) {
  if (!args.positional.empty())
    return usage_problem("`analyzer report` takes no arguments, got \"" + args.positional.front() + "\"", "report");
  ReportConfig c;
  c.index = index_locations(args);
  Result<std::vector<GroupKey>> keys = group_keys(args);
  if (!keys.ok()) return keys.error();
  c.options.by = std::move(keys).value();
  Result<std::vector<std::string>> themes = theme_ids(args);
  if (!themes.ok()) return themes.error();
  c.themes = std::move(themes).value();
  c.format = static_cast<ReportFormat>(args.choice("--format").value_or(0));
  Result<char> separator = csv_separator(args, c.format);
  if (!separator.ok()) return separator.error();
  c.separator = separator.value();
  c.output = args.option("--output");
  if (auto n = args.number("--min-group")) c.options.min_group = static_cast<std::size_t>(*n);
  if (report_binary_format(c.format))
    if (auto problem = binary_format_needs_output(c.format == ReportFormat::Xlsx ? "xlsx" : "docx", c.output, "temarapport",
                                                  "report"))
      return *problem;
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return filter.error();
  c.filter = std::move(filter).value();
  return c;
}

// The reported themes with their labels: those asked for (an error naming
// the unknown one and the valid ids otherwise), else every lexicon's.
Result<std::vector<ThemeInfo>> choose_themes(const LexiconMatcher& matcher, const std::vector<std::string>& asked) {
  std::vector<ThemeInfo> themes;
  if (asked.empty()) {
    for (const Lexicon& l : matcher.lexicons()) themes.push_back({l.id, l.label});
    return themes;
  }
  for (const std::string& id : asked) {
    Result<const Lexicon*> l = find_theme_option(matcher, id);
    if (!l.ok()) return l.error();
    const std::string& resolved = l.value()->id;
    if (std::none_of(themes.begin(), themes.end(), [&](const ThemeInfo& t) { return t.id == resolved; }))
      themes.push_back({resolved, l.value()->label});
  }
  return themes;
}

void print_report(const ThemeReport& report, const std::vector<ExcerptList>& excerpts, const ReportConfig& c,
                  std::ostream& out) {
  switch (c.format) {
    case ReportFormat::Html: print_report_html(report, excerpts, out); break;
    case ReportFormat::Table: print_report_table(report, out); break;
    case ReportFormat::Json: print_report_json(report, out); break;
    case ReportFormat::Csv: print_report_csv(report, out, c.separator); break;
    case ReportFormat::Md: print_report_md(report, out); break;
    case ReportFormat::Xlsx:
    case ReportFormat::Docx: break;   // files: write_office_report
  }
}

// The top `per_theme` excerpts of every theme, for the HTML page, the
// workbook and the Word file; only the answers that mention a theme can
// give its excerpts. With reviewed codes they come from `reviewed` (the
// filter's answers, reviewed codes applied), else from the index.
std::vector<ExcerptList> top_excerpts(const IndexReader& index, const RecordFilter& filter,
                                      const std::vector<ThemeInfo>& themes, std::size_t per_theme,
                                      const std::optional<std::vector<AnswerRecord>>& reviewed) {
  std::vector<ExcerptList> excerpts;
  const std::vector<std::string> names = index.contact_names();
  for (const ThemeInfo& t : themes) {
    RecordFilter with_theme = filter;
    with_theme.theme = t.id;
    excerpts.push_back(build_excerpts(reviewed ? *reviewed : index.answers(with_theme), t.id, t.label, names,
                                      ExcerptOptions{per_theme}));
  }
  return excerpts;
}

// Builds the report from the index and prints it to stdout or --output.
int write_report(const ReportConfig& config, const CliArgs& args, const std::vector<ThemeInfo>& themes,
                 ReportProvenance provenance) {
  if (report_binary_format(config.format))
    if (auto refused = refuse_unwritable_output(*config.output, config.format == ReportFormat::Xlsx ? kXlsxWhat : kDocxWhat))
      return *refused;
  int exit = kExitOk;
  std::unique_ptr<IndexReader> index = open_filtered_index(config.index, config.filter, exit);
  if (!index) return exit;
  const std::optional<CodesChoice> codes = codes_choice(args, *index, exit);
  if (!codes) return exit;
  std::vector<std::string> theme_ids;
  for (const ThemeInfo& t : themes) theme_ids.push_back(t.id);
  ThemeReport report;
  std::optional<std::vector<AnswerRecord>> reviewed;   // the answers with reviewed codes
  if (codes->reviewed) {
    CodedAnswers coded = apply_codes(*codes, index->answers(config.filter), theme_ids);
    report = theme_report_from_answers(*index, coded.answers, config.filter, themes, config.options);
    provenance.codes = coded.used;
    reviewed = std::move(coded.answers);
  } else {
    report = theme_report_from_index(*index, config.filter, themes, config.options);
    provenance.codes = apply_codes(*codes, {}, theme_ids).used;
  }
  provenance.sources = provenance_sources(*index, report.sources);
  report.provenance = std::move(provenance);
  std::vector<ExcerptList> excerpts;
  if (config.format == ReportFormat::Html)
    excerpts = top_excerpts(*index, config.filter, themes, kHtmlExcerptsPerTheme, reviewed);
  if (report_binary_format(config.format)) {
    excerpts = top_excerpts(*index, config.filter, themes, kOfficeExcerptsPerTheme, reviewed);
    const Status written = config.format == ReportFormat::Xlsx
                               ? write_report_xlsx(report, excerpts, *config.output)
                               : write_report_docx(report, excerpts, *config.output);
    return report_written(written);
  }
  if (!config.output) {
    print_report(report, excerpts, config, std::cout);
    return kExitOk;
  }
  std::ofstream file(*config.output, std::ios::binary);
  if (file) print_report(report, excerpts, config, file);
  if (file) file.close();
  if (!file) {
    std::cerr << "analyzer: cannot write the report to " << *config.output << ": " << std::strerror(errno) << '\n';
    return kExitCannotRun;
  }
  return kExitOk;
}

}  // namespace

int run_report(int argc, char** argv) {
  CommandStart start = parse_command(report_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  Result<ReportConfig> config = build_report_config(*start.args);
  if (!config.ok()) return usage_error(config.error());
  std::optional<LexiconMatcher> matcher = ready_lexicons(*start.args, argv[0]);
  if (!matcher) return kExitCannotRun;
  Result<std::vector<ThemeInfo>> themes = choose_themes(*matcher, config.value().themes);
  if (!themes.ok()) return usage_error(themes.error());
  Result<ReportProvenance> provenance = command_provenance(argc, argv, config.value().index, matcher->fingerprint());
  if (!provenance.ok()) return usage_error(provenance.error());
  return write_report(config.value(), *start.args, themes.value(), std::move(provenance).value());
}

}  // namespace analyzer::cli
