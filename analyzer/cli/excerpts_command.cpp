// `analyzer excerpts`: quotable sentences for one theme, ranked for a
// synthesis, personal data masked, with their citations.

#include <cstdlib>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/excerpt_printers.hpp"
#include "analyzer/print/html_report.hpp"
#include "analyzer/report/excerpts.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer excerpts --theme T [OPTIONS]

Quotes for a synthesis: the whole sentences (or list items) that mention
theme T, the mention marked, each with its citation (respondent, year,
question and question text, source file). Ranked to spread over respondents
and years before a second quote from one; a sentence reused across years or
respondents is shown once with all its sources; fragments under five words
come last. E-mail addresses, personal identity (and coordination) numbers,
phone numbers and the names from the documents' contact blocks are masked
([e-post], [personnummer], [telefon], [namn]).

Options:
  --theme T             the theme (a lexicon id, e.g. sip); required
  --limit N             at most N excerpts (default 10; 0: all)
  --format F            table (default), json (JSON Lines: one object per
                        excerpt, fields in print/excerpt_printers.hpp), md,
                        or html (one self-contained page)
  --index DIR           index directory (default ./analyzer-index); repeat it
                        to read several indexes or Xapian stub files as one
)";

enum class ExcerptFormat { Table, Json, Markdown, Html };

struct ExcerptsConfig {
  std::vector<std::string> index{"analyzer-index"};
  std::string theme;
  ExcerptFormat format = ExcerptFormat::Table;
  ExcerptOptions options;
  RecordFilter filter;
};

// Validates the options into `c`; an error message when one is not valid.
std::string build_config(const CliArgs& args, ExcerptsConfig& c) {
  if (!args.positional.empty())
    return "`analyzer excerpts` takes no arguments, got \"" + args.positional.front() +
           "\" (see `analyzer excerpts --help`)";
  c.index = index_locations(args);
  c.theme = args.option("--theme").value_or("");
  if (auto f = args.option("--format")) {
    if (*f == "table") c.format = ExcerptFormat::Table;
    else if (*f == "json") c.format = ExcerptFormat::Json;
    else if (*f == "md") c.format = ExcerptFormat::Markdown;
    else if (*f == "html") c.format = ExcerptFormat::Html;
    else return "--format takes table, json, md or html, not \"" + *f + "\"";
  }
  if (auto n = args.option("--limit")) {
    char* end = nullptr;
    const long long v = std::strtoll(n->c_str(), &end, 10);
    if (n->empty() || *end || v < 0) return "--limit takes a number of excerpts (0: all), not \"" + *n + "\"";
    c.options.limit = static_cast<std::size_t>(v);
  }
  c.filter.theme = c.theme;   // only answers that mention it
  return parse_record_filter(args, c.filter);
}

std::string known_themes(const LexiconMatcher& matcher) {
  std::string ids;
  for (const Lexicon& l : matcher.lexicons()) ids += " " + l.id;
  return ids;
}

}  // namespace

int run_excerpts(int argc, char** argv) {
  CommandSpec spec{"excerpts", {"--index", "--theme", "--limit", "--format", "--lexicons"}, {}};
  add_options(spec, record_filter_options());
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, std::string(kHelp) + kRecordFilterHelp + kLexiconsOptionHelp, args))
    return *done;
  ExcerptsConfig config;
  if (std::string err = build_config(args, config); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  LexiconLookup lexicons = load_command_lexicons(args, argv[0]);
  if (config.theme.empty()) {
    std::cerr << "analyzer: excerpts needs --theme T";
    if (lexicons.lexicons.matcher) std::cerr << "; themes:" << known_themes(*lexicons.lexicons.matcher);
    std::cerr << " (see `analyzer excerpts --help`)\n";
    return kExitUsage;
  }
  if (!report_lexicon_lookup(lexicons, std::cerr)) return kExitCannotRun;
  const LexiconMatcher& matcher = *lexicons.lexicons.matcher;
  const Lexicon* lexicon = matcher.find(config.theme);
  if (!lexicon) {
    std::cerr << "analyzer: no lexicon has the theme \"" << config.theme << "\"; themes:" << known_themes(matcher)
              << '\n';
    return kExitUsage;
  }

  auto reader = IndexReader::open(config.index);
  if (!reader.ok()) {
    std::cerr << reader.error().render() << '\n';
    return kExitCannotRun;
  }
  const IndexReader& r = *reader.value();
  const ExcerptList list =
      build_excerpts(r.answers(config.filter), lexicon->id, lexicon->label, r.contact_names(), config.options);
  switch (config.format) {
    case ExcerptFormat::Table: print_excerpts_table(list, std::cout); break;
    case ExcerptFormat::Json: print_excerpts_jsonl(list, std::cout); break;
    case ExcerptFormat::Markdown: print_excerpts_md(list, std::cout); break;
    case ExcerptFormat::Html: print_excerpts_html(list, std::cout); break;
  }
  return kExitOk;
}

}  // namespace analyzer::cli
