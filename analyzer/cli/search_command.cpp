// `analyzer search`: full-text search over the answers in the index, with
// facets and marked snippets.

#include <algorithm>
#include <iostream>
#include <set>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/codes_option.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/index/query_text.hpp"
#include "analyzer/lexicon/theme_names.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/search_printers.hpp"
#include "analyzer/report/search_snippets.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kSearchIntro = R"(Usage: analyzer search QUERY [OPTIONS]

Searches the text of every answer in the index. Words match their Swedish
inflections ("team" finds "teamen"); words without an operator must all
occur. The query language:
  "mobila team"            phrase (inflections too: "mobila teamen")
  sip AND hemsjukvård      also OR, NOT, ( ), +word, -word
  mobila NEAR patienter    within 10 words; NEAR/3: within 3
  läkemedels*              words that begin so (unstemmed)
  år:2022 region:Halland respondenttyp:rss tema:sip fråga:13a
                           filters inside the query; region:"Västra Götaland",
                           år:2019..2022, tema:"trygg hemgång" (a theme by
                           id or label, any case, with or without å, ä, ö);
                           also year:, theme:, question:
  SIP:ar, FVK:n            an abbreviation with its ending is a word
A field or value the index does not know is an error listing the known ones
(exit 2). Words a theme's lexicon rule matches (mobilt team, not in quotes)
also find the answers that mention the theme ("även träffar för temat
Mobila team"); a query with AND, OR, NOT, NEAR or brackets is not widened. A
word no answer has gets a suggestion from the index's words ("Menade du:
trygg hemgång?"). A query may start with '-': analyzer search '-sip team'.
Each hit shows the sentence(s) holding the matched words, marked «so», with
e-mail addresses, personal identity numbers, phone numbers and the names
from the documents' contact blocks masked ([e-post], [personnummer],
[telefon], [namn]). A query that holds a personal identity number, e-mail
address or phone number is refused (exit 2): its hits would tell which
answers hold it.
Facets (year, region, respondent type, theme) count all matches.
--theme T uses the reviewed codes when a coding store holds any (--codes,
as in `report`): an answer whose every mention of T an analyst rejected is
not found, one coded with T by hand is (when it matches the query); the
query's tema: and the theme facet stay the automatic codes (a line on stderr
says so when a store holds codings). Without a store search reads nothing
more. With --theme the QUERY may be left out: every answer of the theme.

Options:
)";

// In the order of the --format choices.
enum class SearchFormat { Table, Json, Md };

// The query limits (index.hpp), from the constants the searcher enforces.
std::string limits_help() {
  using std::to_string;
  return "\n\nLimits: a query of at most " + to_string(kMaxQueryBytes) + " bytes of UTF-8, " +
         to_string(kMaxQueryWords) + " words (filters such as\når:2022 count), " + to_string(kMaxPhraseWords) +
         " words in one phrase or NEAR group, and " + to_string(kMaxQueryWildcards) +
         " wildcards,\neach matching at most " + to_string(kMaxWildcardExpansion) +
         " words of the index; a larger query is refused (exit 2)\nwith the limit it broke. "
         "Refused as well: a wildcard inside a phrase or beside\nNEAR (write the word out) and a query that only "
         "excludes words (-sip).\n\n"
         "Exit status: 0 ok (also with no hits), 2 usage error or a query that cannot\n"
         "be read or breaks a limit, a field, value or theme the index or the\n"
         "lexicons do not know, 3 no index or no lexicons.\n";
}

const CommandSpec& search_spec() {
  static const CommandSpec spec = [] {
    CommandSpec spec{
      "search",
      record_filter_options(
          text_option("--year", "  --year Y|Y1..Y2       only answers of year Y, or of years Y1 to Y2\n")) +
          std::vector<OptionSpec>{
              text_option("--theme", "  --theme T             only answers that mention theme T (its id or label)\n"),
              lexicons_option(),
              number_option("--limit", "  --limit N             hits to show (default 10)\n", 0, kNoMaximum),
              number_option("--offset", "  --offset N            skip the first N hits (default 0)\n", 0, kNoMaximum),
              choice_option("--format", "  --format F            table (default), json (one object: total, facets,\n"
                       "                        hits; fields in print/search_printers.hpp) or md\n",
                            {"table", "json", "md"}),
              read_index_option()} +
          codes_options(),
      kSearchIntro,
      limits_help()};
    spec.dash_positionals = true;  // `search '-sip hemsjukvård'`
    return spec;
  }();
  return spec;
}

struct SearchConfig {
  std::vector<std::string> index{"analyzer-index"};
  SearchFormat format = SearchFormat::Table;
  SearchRequest request;
};

// "2022" → year; "2019..2022" → range (either end may be empty).
Status parse_years(const std::string& value, SearchRequest& r) {
  auto year = [](const std::string& s) -> std::optional<int> {
    Result<std::uint64_t> n = parse_whole_number("--year", s, 1900, 2200);
    return n.ok() ? std::optional<int>(static_cast<int>(n.value())) : std::nullopt;
  };
  const Diagnostic bad =
      make_error("", "--year takes a year such as 2023 or a range such as 2019..2022, not \"" + value + "\"");
  const auto dots = value.find("..");
  if (dots == std::string::npos) {
    r.filter.year = year(value);
    return r.filter.year ? Status() : bad;
  }
  const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
  if (from.empty() && to.empty()) return bad;
  if (!from.empty() && !(r.year_from = year(from))) return bad;
  if (!to.empty() && !(r.year_to = year(to))) return bad;
  if (r.year_from && r.year_to && *r.year_from > *r.year_to)
    return make_error("", bad.message + " (the first year is after the last)");
  return {};
}

// The query, the only positional argument; it and every option value but
// --index (paths, any bytes) reach Xapian terms and the JSON output, which
// hold UTF-8 only.
Result<std::string> query_of(const CliArgs& args) {
  if (args.positional.empty() && args.option("--theme")) return std::string();  // every answer of the theme
  if (args.positional.size() != 1)
    return make_error("", args.positional.empty()
                              ? "search needs a QUERY (see `analyzer search --help`)"
                              : "search takes one QUERY; quote it when it has spaces: analyzer search '" +
                                    args.positional[0] + " " + args.positional[1] + "'");
  if (Status s = check_utf8("the query", args.positional[0]); !s.ok()) return std::move(s).error();
  // Refused here too, before the index is opened: a usage error (exit 2).
  if (Status s = refuse_personal_data_query(args.positional[0]); !s.ok()) return std::move(s).error();
  for (const auto& [name, values] : args.options)
    for (const std::string& v : values)
      if (Status s = check_utf8("the value of " + name, v); !s.ok() && name != "--index")
        return std::move(s).error();
  return args.positional[0];
}

// The validated options; fails naming the option and the bad value.
Result<SearchConfig> build_search_config(const CliArgs& args) {
  Result<std::string> query = query_of(args);
  if (!query.ok()) return query.error();
  Result<RecordFilter> filter = parse_record_filter(args);  // --year is read below: it takes a range here
  if (!filter.ok()) return filter.error();
  SearchConfig c;
  c.request.query = std::move(query).value();
  c.request.filter = std::move(filter).value();
  c.index = index_locations(args);
  c.format = static_cast<SearchFormat>(args.choice("--format").value_or(0));
  if (auto n = args.number("--limit")) c.request.limit = static_cast<std::size_t>(*n);
  if (auto n = args.number("--offset")) c.request.offset = static_cast<std::size_t>(*n);
  if (auto y = args.option("--year"))
    if (Status s = parse_years(*y, c.request); !s.ok()) return std::move(s).error();
  return c;
}

// The words of `query` that a lexicon rule matches, each with its theme:
// the mentions the tagger finds in the query's text, but none inside a
// field (tema:"mobila team"), on an excluded word (-mobilt, NOT team) or in
// a phrase: "\"mobila team\"" is searched as written, the way to ask for
// exactly those words.
std::vector<SearchRequest::ThemeWords> theme_words(const LexiconMatcher& matcher, const std::string& query) {
  const QueryText scanned = scan_query(query);
  ThemeTagger tagger(matcher);
  std::vector<SearchRequest::ThemeWords> out;
  for (const Mention& m : tagger.tag(query)) {
    ByteSpan span = m.span;
    const auto overlaps = [&](ByteSpan other) { return other.begin < span.end && span.begin < other.end; };
    if (std::any_of(scanned.fields.begin(), scanned.fields.end(), [&](const QueryField& f) { return overlaps(f.span); }))
      continue;
    if (std::any_of(scanned.words.begin(), scanned.words.end(),
                    [&](const QueryWord& w) { return w.excluded && overlaps(w.span); }))
      continue;
    if (std::any_of(scanned.words.begin(), scanned.words.end(),
                    [&](const QueryWord& w) { return w.quoted && overlaps(w.span); }))
      continue;  // a phrase is searched as written
    const Lexicon* lexicon = matcher.find(m.theme);
    if (!lexicon) continue;
    out.push_back({{lexicon->id, lexicon->label}, span});
  }
  return out;
}

// Sets what the request needs from the lexicons: --theme as an id (an
// error naming the themes when it names none), the resolver of tema: in
// the query (which sets `theme_field` when the parser meets a tema: field),
// and the query's words that lexicon rules match.
Status use_lexicons(const LexiconMatcher& matcher, const CliArgs& args, SearchRequest& request, bool& theme_field) {
  if (auto t = args.option("--theme")) {
    Result<const Lexicon*> theme = find_theme_option(matcher, *t);
    if (!theme.ok()) return theme.error();
    request.filter.theme = theme.value()->id;
  }
  request.resolve_theme = [&matcher, &theme_field](const std::string& name) -> Result<std::string> {
    theme_field = true;
    Result<const Lexicon*> theme = find_theme(matcher, name);
    if (!theme.ok()) return theme.error();
    return theme.value()->id;
  };
  request.theme_words = theme_words(matcher, request.query);
  return {};
}

// With reviewed codes: the answers that the review takes out of
// request.filter.theme or adds to it (SearchRequest::theme_left_out,
// theme_added). Only the answers with a coding of the theme are looked at.
void use_reviewed_theme(const CodesChoice& codes, SearchRequest& request) {
  const std::string& theme = request.filter.theme;
  std::set<std::string> coded;
  for (const coding::Coding& c : codes.codings)
    if (c.theme == theme) coded.insert(c.answer_id);
  std::vector<AnswerRecord> answers;
  for (const AnswerRecord& a : codes.index_answers)
    if (coded.count(a.id)) answers.push_back(a);
  const auto mentions = [&](const AnswerRecord& a) {
    return std::any_of(a.mentions.begin(), a.mentions.end(), [&](const Mention& m) { return m.theme == theme; });
  };
  std::vector<bool> before;
  for (const AnswerRecord& a : answers) before.push_back(mentions(a));
  const CodedAnswers reviewed = apply_codes(codes, std::move(answers), {theme});
  for (std::size_t i = 0; i < reviewed.answers.size(); ++i) {
    const bool now = mentions(reviewed.answers[i]);
    if (before[i] && !now) request.theme_left_out.push_back(reviewed.answers[i].id);
    if (!before[i] && now) request.theme_added.push_back(reviewed.answers[i].id);
  }
}

}  // namespace

int run_search(int argc, char** argv) {
  CommandStart start = parse_command(search_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  Result<SearchConfig> built = build_search_config(*start.args);
  if (!built.ok()) return usage_error(built.error());
  std::optional<LexiconMatcher> matcher = ready_lexicons(*start.args, argv[0]);
  if (!matcher) return kExitCannotRun;
  bool theme_field = false;  // set while the query is parsed, in search()
  if (Status s = use_lexicons(*matcher, *start.args, built.value().request, theme_field); !s.ok())
    return usage_error(s.error());
  if (!built.value().request.filter.theme.empty() && codes_to_choose(*start.args)) {
    std::unique_ptr<IndexReader> reader = open_index<IndexReader>(built.value().index);
    if (!reader) return kExitCannotRun;
    int exit = kExitOk;
    const std::optional<CodesChoice> codes = codes_choice(*start.args, *reader, exit);
    if (!codes) return exit;
    if (codes->reviewed) {
      SearchRequest& request = built.value().request;
      use_reviewed_theme(*codes, request);
      std::cerr << "analyzer: --theme " << request.filter.theme << " uses the reviewed codes of "
                << store_path(*start.args) << ": " << request.theme_left_out.size()
                << " answers left out (every mention rejected), " << request.theme_added.size()
                << " added by a manual coding (--codes auto: the lexicon's codes)\n";
    }
  }
  const SearchConfig& config = built.value();
  std::unique_ptr<IndexSearcher> searcher = open_index<IndexSearcher>(config.index);
  if (!searcher) return kExitCannotRun;
  auto results = searcher->search(config.request);
  if (!results.ok()) {
    std::cerr << results.error().render() << '\n';
    return kExitUsage;
  }
  if (theme_field && codes_to_choose(*start.args))
    std::cerr << "analyzer: tema: in the query counts the lexicon's automatic codes, not the review; "
                 "give the theme with --theme for the reviewed codes\n";
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
    case SearchFormat::Md: print_search_md(q, results.value(), config.request.offset, std::cout); break;
  }
  return kExitOk;
}

}  // namespace analyzer::cli
