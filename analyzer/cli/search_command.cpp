// `analyzer search`: full-text search over the answers in the index, with
// facets and marked snippets.

#include <cstdlib>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/search_printers.hpp"
#include "analyzer/report/search_snippets.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer search QUERY [OPTIONS]

Searches the text of every answer in the index. Words match their Swedish
inflections ("team" finds "teamen"); words without an operator must all
occur. The query language:
  "mobila team"            phrase (inflections too: "mobila teamen")
  sip AND hemsjukvård      also OR, NOT, ( ), +word, -word
  mobila NEAR patienter    within 10 words; NEAR/3: within 3
  läkemedels*              words that begin so (unstemmed)
  år:2022 region:Halland respondenttyp:rss tema:sip fråga:13a
                           filters inside the query; region:"Västra Götaland"
Each hit shows the sentence(s) holding the matched words, marked «so», with
e-mail addresses, personal identity numbers, phone numbers and the names
from the documents' contact blocks masked ([e-post], [personnummer],
[telefon], [namn]).
Facets (year, region, respondent type, theme) count all matches.

Options:
  --year Y|Y1..Y2       only answers of year Y, or of years Y1 to Y2
  --region R            only region R (e.g. Halland; case-insensitive)
  --respondent-type T   kommun, rss or region
  --question Q          only question Q as printed (e.g. 5a)
  --source FILE         only the source file named FILE
  --theme T             only answers that mention theme T (a lexicon id)
  --limit N             hits to show (default 10)
  --offset N            skip the first N hits (default 0)
  --format F            table (default), json (one object: total, facets,
                        hits; fields in print/search_printers.hpp) or md
  --index DIR           index directory (default ./analyzer-index); repeat it
                        to read several indexes or Xapian stub files as one

)";

// The query limits (index.hpp), from the constants the searcher enforces.
std::string help_text() {
  using std::to_string;
  return std::string(kHelp) + "\nLimits: a query of at most " + to_string(kMaxQueryBytes) + " bytes of UTF-8, " +
         to_string(kMaxQueryWords) + " words (filters such as\når:2022 count), " + to_string(kMaxPhraseWords) +
         " words in one phrase or NEAR group, and " + to_string(kMaxQueryWildcards) +
         " wildcards,\neach matching at most " + to_string(kMaxWildcardExpansion) +
         " words of the index; a larger query is refused (exit 2)\nwith the limit it broke. "
         "Refused as well: a wildcard inside a phrase or beside\nNEAR (write the word out) and a query that only "
         "excludes words (-sip).\n\n"
         "Exit status: 0 ok (also with no hits), 2 usage error or a query that cannot\n"
         "be read or breaks a limit, 3 no index.\n";
}

enum class SearchFormat { Table, Json, Markdown };

struct SearchConfig {
  std::vector<std::string> index{"analyzer-index"};
  SearchFormat format = SearchFormat::Table;
  SearchRequest request;
};

std::optional<std::size_t> parse_count(const std::string& s) {
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end || v < 0) return std::nullopt;
  return static_cast<std::size_t>(v);
}

// "2022" → year; "2019..2022" → range (either end may be empty).
std::string parse_years(const std::string& value, SearchRequest& r) {
  auto year = [](const std::string& s) -> std::optional<int> {
    auto n = parse_count(s);
    if (!n || *n < 1900 || *n > 2200) return std::nullopt;
    return static_cast<int>(*n);
  };
  const std::string bad = "--year takes a year such as 2023 or a range such as 2019..2022, not \"" + value + "\"";
  const auto dots = value.find("..");
  if (dots == std::string::npos) {
    r.filter.year = year(value);
    return r.filter.year ? "" : bad;
  }
  const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
  if (from.empty() && to.empty()) return bad;
  if (!from.empty() && !(r.year_from = year(from))) return bad;
  if (!to.empty() && !(r.year_to = year(to))) return bad;
  if (r.year_from && r.year_to && *r.year_from > *r.year_to) return bad + " (the first year is after the last)";
  return "";
}

// Validates the options into `c`; an error message when one is not valid.
std::string build_config(CliArgs args, SearchConfig& c) {
  if (args.positional.size() != 1)
    return args.positional.empty() ? "search needs a QUERY (see `analyzer search --help`)"
                                   : "search takes one QUERY; quote it when it has spaces: analyzer search '" +
                                         args.positional[0] + " " + args.positional[1] + "'";
  c.request.query = args.positional[0];
  // The query and filter values reach Xapian terms and the JSON output,
  // which hold UTF-8 only; --index values are paths, any bytes.
  if (std::string err = invalid_utf8_problem("the query", c.request.query); !err.empty()) return err;
  for (const auto& [name, values] : args.options)
    for (const std::string& v : values)
      if (std::string err = invalid_utf8_problem("the value of " + name, v); !err.empty() && name != "--index")
        return err;
  c.index = index_locations(args);
  if (auto f = args.option("--format")) {
    if (*f == "table") c.format = SearchFormat::Table;
    else if (*f == "json") c.format = SearchFormat::Json;
    else if (*f == "md") c.format = SearchFormat::Markdown;
    else return "--format takes table, json or md, not \"" + *f + "\"";
  }
  for (auto [name, target] : {std::pair{"--limit", &c.request.limit}, std::pair{"--offset", &c.request.offset}}) {
    if (auto v = args.option(name)) {
      auto n = parse_count(*v);
      if (!n) return std::string(name) + " takes a whole number, not \"" + *v + "\"";
      *target = *n;
    }
  }
  if (auto t = args.option("--theme")) c.request.filter.theme = *t;
  // --year takes a range here; the shared parser reads the other filters.
  if (auto y = args.option("--year")) {
    if (std::string err = parse_years(*y, c.request); !err.empty()) return err;
    args.options.erase("--year");
  }
  return parse_record_filter(args, c.request.filter);
}

}  // namespace

int run_search(int argc, char** argv) {
  CommandSpec spec{"search", {"--index", "--theme", "--limit", "--offset", "--format"}, {}};
  add_options(spec, record_filter_options());
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, help_text(), args)) return *done;
  SearchConfig config;
  if (std::string err = build_config(args, config); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  auto searcher = IndexSearcher::open(config.index);
  if (!searcher.ok()) {
    std::cerr << searcher.error().render() << '\n';
    return kExitCannotRun;
  }
  auto results = searcher.value()->search(config.request);
  if (!results.ok()) {
    std::cerr << results.error().render() << '\n';
    return kExitUsage;
  }
  add_search_snippets(results.value());
  // Snippets quote answers: personal data is masked as in excerpts.
  if (!results.value().hits.empty()) {
    auto names = IndexReader::open(config.index);
    PersonalDataMasker masker(names.ok() ? names.value()->contact_names() : std::vector<std::string>{});
    for (SearchHit& h : results.value().hits) h.snippet = masker.mask_marked(h.snippet, "«", "»");
  }
  const std::string& q = config.request.query;
  switch (config.format) {
    case SearchFormat::Table: print_search_table(q, results.value(), config.request.offset, std::cout); break;
    case SearchFormat::Json: print_search_json(q, results.value(), config.request.offset, std::cout); break;
    case SearchFormat::Markdown: print_search_md(q, results.value(), config.request.offset, std::cout); break;
  }
  return kExitOk;
}

}  // namespace analyzer::cli
