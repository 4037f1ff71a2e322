// `analyzer excerpts`: quotable sentences for one theme, ranked for a
// synthesis, personal data masked, with their citations.

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
#include "analyzer/print/excerpt_printers.hpp"
#include "analyzer/print/docx_report.hpp"
#include "analyzer/print/html_report.hpp"
#include "analyzer/print/terminal_text.hpp"
#include "analyzer/print/xlsx_report.hpp"
#include "analyzer/report/excerpts.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kExcerptsIntro = R"(Usage: analyzer excerpts --theme T [OPTIONS]

Quotes for a synthesis: the whole sentences (or list items) that mention
theme T, the mention marked, each with its citation (respondent, year,
question and question text, source file and where in it: "rad 530",
"sida 14", "stycke 212", "Blad1, rad 7, kolumn F"). Ranked to spread over respondents
and years before a second quote from one; a sentence reused across years or
respondents is shown once with all its sources; fragments under five words
come last. E-mail addresses, personal identity (and coordination) numbers,
phone numbers and the names from the documents' contact blocks are masked
([e-post], [personnummer], [telefon], [namn]). Every format states where
the excerpts come from (time, versions, command line, source files with
their metadata's origin; SOURCE_DATE_EPOCH sets the time, as in `report`)
and, when a coding store exists or --codes is given, which theme codes were
used ("Kodning: ..."; JSON provenance.codes). With reviewed codes (--codes)
a mention an analyst rejected gives no excerpt and a manual coding with the
theme gives one: the sentence of an automatic mention that holds it, else
the sentences of the answer it touches.

Options:
)";

// In the order of the --format choices.
enum class ExcerptFormat { Table, Json, Md, Html, Xlsx, Docx };

// XLSX and DOCX are files, never written to standard output.
bool excerpts_binary_format(ExcerptFormat f) { return f == ExcerptFormat::Xlsx || f == ExcerptFormat::Docx; }

const CommandSpec& excerpts_spec() {
  static const CommandSpec spec{
      "excerpts",
      std::vector<OptionSpec>{
          text_option("--theme", "  --theme T             the theme, by id or label (e.g. sip, \"trygg hemgång\");\n"
                      "                        required\n"),
          number_option("--limit", "  --limit N             at most N excerpts (default 10; 0: all)\n", 0, kNoMaximum,
                        "a whole number of excerpts"),
          choice_option("--format", "  --format F            table (default), json (JSON Lines: one object per\n"
                   "                        excerpt, fields in print/excerpt_printers.hpp), md,\n"
                   "                        html (one self-contained page), xlsx (an Excel sheet:\n"
                   "                        one row per excerpt, the citation in columns) or docx\n"
                   "                        (a Word document: quotes with their citations);\n"
                   "                        xlsx and docx need --output\n",
                        {"table", "json", "md", "html", "xlsx", "docx"}),
          text_option("--output", "  --output FILE         write the excerpts to FILE instead of standard output\n"
                   "                        (required for xlsx and docx)\n"),
          read_index_option()} +
          record_filter_options() + std::vector<OptionSpec>{lexicons_option()} + codes_options(),
      kExcerptsIntro};
  return spec;
}

struct ExcerptsConfig {
  std::vector<std::string> index{"analyzer-index"};
  std::string theme;
  ExcerptFormat format = ExcerptFormat::Table;
  ExcerptOptions options;
  RecordFilter filter;
  std::optional<std::string> output;
};

// The validated options; fails on a positional argument or a bad filter.
Result<ExcerptsConfig> build_excerpts_config(const CliArgs& args) {
  if (!args.positional.empty())
    return usage_problem("`analyzer excerpts` takes no arguments, got \"" + args.positional.front() + "\"",
                         "excerpts");
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return filter.error();
  ExcerptsConfig c;
  c.index = index_locations(args);
  c.theme = args.option("--theme").value_or("");
  c.format = static_cast<ExcerptFormat>(args.choice("--format").value_or(0));
  if (auto n = args.number("--limit")) c.options.limit = static_cast<std::size_t>(*n);
  c.output = args.option("--output");
  if (excerpts_binary_format(c.format))
    if (auto problem = binary_format_needs_output(c.format == ExcerptFormat::Xlsx ? "xlsx" : "docx", c.output, "utdrag",
                                                  "excerpts"))
      return *problem;
  c.filter = std::move(filter).value();  // its theme is set once the name is resolved
  return c;
}

// The usage error of a missing --theme, with the themes to choose from
// when the lexicons loaded.
Diagnostic missing_theme(const LexiconLookup& lexicons) {
  std::string message = "excerpts needs --theme T";
  if (lexicons.lexicons.matcher) message += "; themes:" + known_themes(*lexicons.lexicons.matcher);
  return usage_problem(std::move(message), "excerpts");
}

// Whether `codes` hold an active manual coding of `theme` that counts.
bool coded_by_hand(const CodesChoice& codes, const std::string& theme) {
  return std::any_of(codes.codings.begin(), codes.codings.end(), [&](const coding::Coding& c) {
    return c.kind == coding::CodingKind::Manual && c.theme == theme && c.removed.empty() && !c.orphaned &&
           (codes.coder.empty() || c.coder == codes.coder);
  });
}

// Reads the index, builds the excerpts of `lexicon` and prints them.
int print_excerpts(const ExcerptsConfig& config, const CliArgs& args, const Lexicon& lexicon,
                   ReportProvenance provenance) {
  if (excerpts_binary_format(config.format))
    if (auto refused =
            refuse_unwritable_output(*config.output, config.format == ExcerptFormat::Xlsx ? kXlsxWhat : kDocxWhat))
      return *refused;
  int exit = kExitOk;
  std::unique_ptr<IndexReader> reader = open_filtered_index(config.index, config.filter, exit);
  if (!reader) return exit;
  const std::optional<CodesChoice> codes = codes_choice(args, *reader, exit);
  if (!codes) return exit;
  RecordFilter filter = config.filter;
  // Only answers that mention the theme; with reviewed codes and a manual
  // coding of it, every answer of the filter (one coded by hand need not
  // mention it).
  if (!codes->reviewed || !coded_by_hand(*codes, lexicon.id)) filter.theme = lexicon.id;
  CodedAnswers coded = apply_codes(*codes, reader->answers(filter), {lexicon.id});
  ExcerptList list = build_excerpts(coded.answers, lexicon.id, lexicon.label, reader->contact_names(), config.options);
  provenance.codes = coded.used;
  provenance.sources = provenance_sources(*reader, excerpt_sources(list));
  list.provenance = std::move(provenance);
  if (excerpts_binary_format(config.format)) {
    const Status written = config.format == ExcerptFormat::Xlsx ? write_excerpts_xlsx(list, *config.output)
                                                                : write_excerpts_docx(list, *config.output);
    return report_written(written);
  }
  std::ofstream file;
  if (config.output) file.open(*config.output, std::ios::binary);
  std::ostream& out = config.output ? static_cast<std::ostream&>(file) : std::cout;
  switch (config.format) {
    case ExcerptFormat::Table: print_excerpts_table(list, out); break;
    case ExcerptFormat::Json: print_excerpts_jsonl(list, out); break;
    case ExcerptFormat::Md: print_excerpts_md(list, out); break;
    case ExcerptFormat::Html: print_excerpts_html(list, out); break;
    case ExcerptFormat::Xlsx:
    case ExcerptFormat::Docx: break;   // files, above
  }
  if (config.output) file.close();
  if (config.output && !file) {
    std::cerr << "analyzer: cannot write the excerpts to " << terminal_text(*config.output) << ": "
              << std::strerror(errno) << '\n';
    return kExitCannotRun;
  }
  return kExitOk;
}

}  // namespace

int run_excerpts(int argc, char** argv) {
  CommandStart start = parse_command(excerpts_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  Result<ExcerptsConfig> config = build_excerpts_config(*start.args);
  if (!config.ok()) return usage_error(config.error());
  LexiconLookup lexicons = load_command_lexicons(*start.args, argv[0]);
  if (config.value().theme.empty()) return usage_error(missing_theme(lexicons));
  if (!report_lexicon_lookup(lexicons, std::cerr)) return kExitCannotRun;
  Result<const Lexicon*> lexicon = find_theme_option(*lexicons.lexicons.matcher, config.value().theme);
  if (!lexicon.ok()) return usage_error(lexicon.error());
  Result<ReportProvenance> provenance =
      command_provenance(argc, argv, config.value().index, lexicons.lexicons.matcher->fingerprint());
  if (!provenance.ok()) return usage_error(provenance.error());
  return print_excerpts(config.value(), *start.args, *lexicon.value(), std::move(provenance).value());
}

}  // namespace analyzer::cli
